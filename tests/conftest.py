import copy
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from tests import settings as project_settings

# Fixtures of the meeting tests (market in 2030, an exhibitor, a rep with open hours, a verified buyer).
pytest_plugins = ["tests.meetings_fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls in these tests are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class SmtpSink:
    """A real SMTP server on loopback that keeps what it receives."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture(autouse=True)
def _real_mailers(settings):
    # Django's test set-up swaps mail for an in-memory stand-in; these tests use the outbox and real SMTP.
    settings.MAILERS = copy.deepcopy(project_settings.MAILERS)


@pytest.fixture
def smtp_sink(smtp_server, settings) -> SmtpSink:
    sink, port = smtp_server
    mailers = copy.deepcopy(settings.MAILERS)
    mailers["smtp"]["OPTIONS"]["port"] = port
    settings.MAILERS = mailers
    sink.clear()
    return sink


@pytest.fixture(autouse=True)
def _broker_not_paused():
    # A test that made a publish fail (a broker stopped or frozen) must not leave the process's pause to the next.
    from web.queue import broker_pause_end

    broker_pause_end()
    yield
    broker_pause_end()


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate-limit counters live in the (real) cache; each test starts with none.
    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tests load data in transactions they roll back. Autovacuum cannot see those rows, and its ANALYZE would
    record the tables as nearly empty while a test fills them with thousands of rows, which can turn a
    millisecond query into nested loops that run for minutes. The test database's tables are left alone."""
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('ALTER TABLE %I SET (autovacuum_enabled = false)', tablename) FROM pg_tables"
            " WHERE schemaname = 'public'"
        )
        for (statement,) in cursor.fetchall():
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def _english_by_default():
    # A test that switches language must not leave it switched for the tests after it in the same thread.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def demo_market(db):
    from demo.loader import demo_market_load

    return demo_market_load()


@pytest.fixture
def celery_worker(smtp_sink, settings):
    """A real worker process on the test database, the test run's broker and the test SMTP sink."""
    from tests.mail_processes import ROOT, database_url, processes

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "filmart.settings",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{settings.MAILERS['smtp']['OPTIONS']['port']}",
        "FILMART_REDIS_BROKER_DB": os.environ.get("FILMART_REDIS_BROKER_DB", "15"),
        "FILMART_REDIS_CACHE_DB": os.environ.get("FILMART_REDIS_CACHE_DB", "14"),
        "DEBUG": "0",
    }

    celery = [sys.executable, "-m", "celery", "-A", "filmart"]
    subprocess.run([*celery, "purge", "-f"], env=env, cwd=ROOT, capture_output=True, timeout=60, check=False)
    with processes() as started:
        yield started.worker(env)


@pytest.fixture
def broker(tmp_path):
    """A Redis server of this test's own, and this process's Celery app publishing to it."""
    from filmart.celery import app
    from notifications import tasks
    from tests.mail_processes import RedisServer, point_celery_at

    server = RedisServer(tmp_path)
    server.start()
    usual = app.conf.broker_url
    point_celery_at(server.url)
    try:
        tasks.outbox_sweep.delay()  # proof that publishing goes there
        assert server.client().llen("celery") == 1
        server.client().delete("celery")
        yield server
    finally:
        point_celery_at(usual)
        server.stop()
