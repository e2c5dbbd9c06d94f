"""Liveness of the parts the app stands on: PostgreSQL, Redis and the Celery workers.

`/healthz` must answer in milliseconds whatever is down, or a burst of probes would hold every web thread:
Redis gets a quarter of a second, and workers are not asked anything. They prove themselves alive instead:
beat puts `pages.tasks.worker_heartbeat` on the queue every 15 s, whichever worker takes it writes Redis's
clock into a key, and the probe reads how long ago that was. Both times come from Redis's own clock, so the
machines' clocks need not agree.
"""

import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError

HEARTBEAT_KEY = "filmart:worker-heartbeat"
# Beat sends a heartbeat every 15 s: four missed in a row and the workers count as down.
HEARTBEAT_MAX_AGE = 60.0
PROBE_TIMEOUT = 0.25  # seconds for Redis to connect and to answer, when a probe asks


@dataclass(frozen=True)
class PartHealth:
    ok: bool
    detail: str


def _redis(url: str | None = None, *, timeout: float) -> redis.Redis:
    # The cache's database, beside the rate-limit counters; a URL naming its own database keeps it.
    return redis.Redis.from_url(
        url or settings.REDIS_URL,
        db=settings.REDIS_CACHE_DB,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
    )


def worker_heartbeat_record() -> None:
    """A worker says it is alive: Redis's time now, under HEARTBEAT_KEY."""
    with _redis(timeout=2) as client:
        seconds, microseconds = client.time()
        client.set(HEARTBEAT_KEY, f"{seconds}.{microseconds:06d}")


def database_health() -> PartHealth:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return PartHealth(True, "ok")
    except DatabaseError as exc:
        return PartHealth(False, f"unreachable: {exc.__class__.__name__}")


def redis_and_worker_health(url: str | None = None) -> tuple[PartHealth, PartHealth]:
    """Redis answers, and how long ago a worker last ran the heartbeat: one round trip."""
    try:
        with _redis(url, timeout=PROBE_TIMEOUT) as client:
            _, heartbeat, (seconds, microseconds) = (
                client.pipeline(transaction=False).ping().get(HEARTBEAT_KEY).time().execute()
            )
    except (redis.RedisError, OSError) as exc:
        # Without Redis the broker is gone too: no worker can be reached.
        return PartHealth(False, f"unreachable: {exc.__class__.__name__}"), PartHealth(
            False, "broker (redis) unreachable"
        )
    if heartbeat is None:
        return PartHealth(True, "ok"), PartHealth(False, "no worker heartbeat yet")
    age = max(0.0, seconds + microseconds / 1_000_000 - float(heartbeat))
    if age > HEARTBEAT_MAX_AGE:
        return PartHealth(True, "ok"), PartHealth(False, f"no worker heartbeat for {age:.0f} s")
    return PartHealth(True, "ok"), PartHealth(True, f"heartbeat {age:.0f} s ago")


def celery_health() -> PartHealth:
    """Whether a worker ran the heartbeat lately (the Celery part of stack_health alone)."""
    return redis_and_worker_health()[1]


def _stack_check() -> dict[str, PartHealth]:
    parts = {"database": database_health()}
    parts["redis"], parts["celery"] = redis_and_worker_health()
    return parts


_last_lock = threading.Lock()
_last: dict = {}  # "at" (monotonic seconds) and "parts" of the last check in this process


def stack_health(*, max_age: float = 0.0) -> dict[str, PartHealth]:
    """Every part's health. A burst of probes within `max_age` seconds shares one check."""
    if max_age <= 0:
        return _stack_check()
    with _last_lock:
        if _last and time.monotonic() - _last["at"] < max_age:
            return _last["parts"]
        parts = _stack_check()
        _last.update(at=time.monotonic(), parts=parts)
        return parts
