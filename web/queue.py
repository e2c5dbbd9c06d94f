"""Handing work to the Celery workers without ever making a page wait on the broker."""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def publish(task_name: str, *args) -> bool:
    """Send a task to the broker with one attempt only, never raising: a page must not wait or fail because
    Redis is down. Publishing alone would retry the connection for some 6 seconds whatever
    task_publish_retry says (kombu's default_channel, up to broker_connection_timeout). Whatever was not
    published is picked up by a beat sweep. Tasks are named, so services need not import their tasks modules
    (which import the services)."""
    try:
        with current_app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=0)
            current_app.send_task(task_name, args, producer=producer)
    except Exception:  # noqa: BLE001 - the broker being down must not fail the caller
        logger.warning("Could not publish %s%s; a sweep will pick it up", task_name, args, exc_info=True)
        return False
    return True


def publish_on_commit(task_name: str, *args) -> None:
    """Publish once the surrounding transaction has committed: a worker must find the rows it is given."""
    transaction.on_commit(lambda: publish(task_name, *args))
