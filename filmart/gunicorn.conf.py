"""Gunicorn, the production web server: `gunicorn --config filmart/gunicorn.conf.py filmart.wsgi`.

Every value comes from the environment (see docs/deployment.md). One master per machine (or container) with
WEB_CONCURRENCY worker processes, each with a few threads; a TLS-terminating proxy or load balancer in front.
"""

import os

# PaaS routers hand over PORT; behind a proxy on the same machine, bind loopback only (GUNICORN_BIND).
bind = [os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"]  # noqa: S104

# Processes: about one per core. Threads let a process wait on PostgreSQL, Redis or a slow client
# without holding up the others; each thread keeps its own database connection (CONN_MAX_AGE), so a
# machine opens up to workers x threads connections (docs/deployment.md sizes PostgreSQL for it).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"

# A request running past `timeout` is a bug or a stuck query: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy, `honcho` stopping) requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Keep connections from the proxy open a little longer than a request takes to arrive.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Replace each worker after about this many requests (jitter: not all at once) so slow leaks never grow.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# Not preloaded: each worker imports Django itself after the fork, so no connection opened at import time
# (PostgreSQL, the Redis cache, Celery's broker) can ever be shared between processes, and SIGHUP reloads
# new code. The price is a little more memory per worker.
preload_app = False

# Logs to stdout/stderr, where honcho, systemd or the platform collect them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Who is asking, as the proxy saw it (X-Forwarded-For), and how long each request took (microseconds).
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'

# Heartbeat files in memory, not on a container's (possibly slow) disk.
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's documented choice; the files hold nothing
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Gunicorn 25+ opens a control socket at one fixed path per user; two servers of one user on a machine
# would fight over it, and nothing here uses `gunicornc`.
control_socket_disable = True
