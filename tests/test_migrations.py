"""A deployment's data survives every migration: a scratch database at the schema of 2026-11-29, filled, then
migrated to today's; every value of every row is still there (tables keep their names; columns may be added)."""

import json
import os
import subprocess
import sys
import uuid
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from tests.mail_processes import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def scratch_database():
    """A database of its own on the test server, dropped afterwards."""
    db = connection.settings_dict
    name = f"filmart_migrations_{uuid.uuid4().hex[:8]}"
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres"}
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}@{quote(server['host'], safe='')}:{server['port']}/{name}"
    finally:
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrated(step: str, database_url: str) -> dict[str, dict[str, dict]]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "filmart.settings", "DATABASE_URL": database_url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.migration_forward", step],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_migrating_forward_from_the_schema_of_2026_11_29_loses_nothing(scratch_database):
    before = migrated("pinned", scratch_database)
    filled = {table for table, rows in before.items() if rows}
    assert len(filled) >= 20, sorted(filled)  # the fill reached the market, catalogue, meetings, mail, exports
    after = migrated("forward", scratch_database)
    lost = []
    for table, rows in before.items():
        for row_id, row in rows.items():
            kept = after.get(table, {}).get(row_id)
            if kept is None:
                lost.append(f"{table} #{row_id}: gone")
                continue
            lost += [f"{table} #{row_id}.{column}: {value!r} -> {kept.get(column)!r}" for column, value in row.items()
                     if kept.get(column) != value]  # fmt: skip
    assert not lost, lost
