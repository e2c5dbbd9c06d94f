"""Liveness of the parts the app stands on: PostgreSQL, Redis and the Celery workers."""

from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError


@dataclass(frozen=True)
class PartHealth:
    ok: bool
    detail: str


def database_health() -> PartHealth:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return PartHealth(True, "ok")
    except DatabaseError as exc:
        return PartHealth(False, f"unreachable: {exc.__class__.__name__}")


def redis_health(url: str | None = None) -> PartHealth:
    try:
        client = redis.Redis.from_url(url or settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return PartHealth(True, "ok")
    except (redis.RedisError, OSError) as exc:
        return PartHealth(False, f"unreachable: {exc.__class__.__name__}")


def celery_health(timeout: float = 1.0) -> PartHealth:
    from filmart.celery import app

    try:
        replies = app.control.ping(timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - any broker failure means no worker can be reached
        return PartHealth(False, f"unreachable: {exc.__class__.__name__}")
    if not replies:
        return PartHealth(False, "no worker answered")
    return PartHealth(True, f"{len(replies)} worker(s)")


def stack_health() -> dict[str, PartHealth]:
    parts = {"database": database_health(), "redis": redis_health()}
    # Without Redis the broker is gone too: asking the workers would only wait for a timeout.
    parts["celery"] = celery_health() if parts["redis"].ok else PartHealth(False, "broker (redis) unreachable")
    return parts
