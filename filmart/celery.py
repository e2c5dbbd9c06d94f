import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")

logger = logging.getLogger(__name__)

app = Celery("filmart")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def publish(task, *args) -> bool:
    """Send a task to the broker with one attempt only, never raising: a page must not wait or fail because
    Redis is down. Publishing alone would retry the connection for some 6 seconds whatever
    task_publish_retry says (kombu's default_channel, up to broker_connection_timeout). Whatever was not
    published is picked up by a beat sweep."""
    try:
        with task.app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=0)
            task.apply_async(args, producer=producer)
    except Exception:  # noqa: BLE001 - the broker being down must not fail the caller
        logger.warning("Could not publish %s%s; a sweep will pick it up", task.name, args, exc_info=True)
        return False
    return True
