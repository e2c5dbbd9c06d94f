import logging

from celery import shared_task
from celery.signals import worker_ready

from pages import health

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def worker_heartbeat() -> None:
    """Beat sends this every 15 s; whichever worker runs it shows /healthz that workers take tasks."""
    health.worker_heartbeat_record()


@worker_ready.connect
def _heartbeat_on_start(**kwargs) -> None:
    # A worker that has just started counts at once, not from beat's next heartbeat.
    try:
        health.worker_heartbeat_record()
    except Exception:  # noqa: BLE001 - Redis being down must not stop the worker; beat's heartbeats follow
        logger.warning("Could not record the worker heartbeat", exc_info=True)
