from celery import shared_task

from organiser import exports


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def export_build(pk: int) -> None:
    exports.export_build(pk=pk)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def announcement_write(pk: int) -> None:
    from filmart.selectors import market_current
    from organiser import announcements

    announcements.announcement_write(pk=pk, market=market_current())


@shared_task(ignore_result=True)
def organiser_sweep() -> None:
    """Start exports and announcements that could not be handed to a worker when they were asked for, and
    delete export files past the market's retention."""
    from filmart.selectors import market_current
    from organiser import announcements

    exports.exports_waiting_publish()
    announcements.announcements_waiting_publish()
    exports.exports_expire(market=market_current())
