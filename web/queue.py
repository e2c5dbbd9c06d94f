"""Handing work to the Celery workers without ever making a page wait on the broker.

Redis that refuses connections is quick to notice; Redis that hangs (a failover, a frozen process, a network
partition) is not: a publish would wait for its socket timeout, and every request after it too. So:
- publishing uses a connection of its own whose connect and socket timeouts are PUBLISH_TIMEOUT (a quarter
  of a second), not the workers' longer ones;
- once a publish fails, this process stops trying for BROKER_PAUSE seconds and leaves the work to the
  sweeps beat runs every minute (the outbox sweep sends any email that was not handed over; exports and
  announcements have theirs), so at most one request in that time waits, and for at most a timeout or two.
Tasks are named, so services need not import their tasks modules (which import the services).
"""

import logging
import threading
import time

from celery import current_app
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_local = threading.local()  # each thread its own connection: kombu connections are not shared across threads
_paused_until = 0.0  # monotonic time until which this process does not try the broker


def _connection():
    """This thread's publishing connection, made again if the broker's address changed."""
    url = current_app.conf.broker_write_url or current_app.conf.broker_url
    if getattr(_local, "url", None) != url:
        _forget_connection()
        timeout = settings.PUBLISH_TIMEOUT
        _local.connection = current_app.connection_for_write(
            url, transport_options={"socket_timeout": timeout, "socket_connect_timeout": timeout}
        )
        _local.url = url
    return _local.connection


def _forget_connection() -> None:
    connection = getattr(_local, "connection", None)
    _local.connection, _local.url = None, None
    if connection is not None:
        try:
            connection.release()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close too; it is dropped either way
            logger.debug("Could not close the publishing connection", exc_info=True)


def _send(task_name: str, args: tuple) -> None:
    connection = _connection()
    connection.ensure_connection(max_retries=0)
    current_app.send_task(task_name, args, connection=connection, retry=False)


def publish(task_name: str, *args) -> bool:
    """Send a task to the broker with one short attempt, never raising. Returns whether it was sent; what was
    not is picked up by a beat sweep."""
    global _paused_until
    if time.monotonic() < _paused_until:
        logger.info("Broker paused after a failure: %s%s left to the sweep", task_name, args)
        return False
    started = time.monotonic()
    try:
        _send(task_name, args)
        return True
    except Exception as error:  # noqa: BLE001 - the broker being down or hung must not fail the caller
        _forget_connection()
        failure = error
    if time.monotonic() - started < settings.PUBLISH_TIMEOUT / 2:
        # Failed at once: maybe a connection Redis dropped when it restarted. One try on a fresh one (a hung
        # broker fails slowly, and is not tried twice).
        try:
            _send(task_name, args)
            return True
        except Exception as error:  # noqa: BLE001
            _forget_connection()
            failure = error
    _paused_until = time.monotonic() + settings.BROKER_PAUSE
    logger.warning("Could not publish %s%s; a sweep will pick it up: %r", task_name, args, failure)
    return False


def publish_on_commit(task_name: str, *args) -> None:
    """Publish once the surrounding transaction has committed: a worker must find the rows it is given."""
    transaction.on_commit(lambda: publish(task_name, *args))


def broker_pause_end() -> None:
    """Try the broker again at the next publish (a test, or a process that knows it is back)."""
    global _paused_until
    _paused_until = 0.0
