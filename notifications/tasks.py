from celery import shared_task

from notifications import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def outbound_email_send(pk: int) -> None:
    services.outbound_email_deliver(pk=pk)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def outbound_emails_send(pks: list[int]) -> None:
    """The emails of one change (a booking's two confirmations): claimed, written and sent together."""
    services.outbound_emails_deliver(pks=pks)


@shared_task(ignore_result=True)
def outbox_sweep() -> None:
    services.outbox_sweep()
