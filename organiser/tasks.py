from celery import shared_task

from organiser import services
from scheduling import services as scheduling_services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def export_build(pk: int) -> None:
    services.export_build(pk=pk)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def announcement_write(pk: int) -> None:
    services.announcement_write(pk=pk)


@shared_task(ignore_result=True)
def organiser_sweep() -> None:
    """Start exports and announcements that could not be handed to a worker when they were asked for, delete
    export files past their market's retention, fold the console's counters, and hand again to a worker the
    matchmaking rounds whose solve or publication never started."""
    services.console_counters_fold()
    services.exports_waiting_publish()
    services.announcements_waiting_publish()
    services.exports_expire()
    scheduling_services.rounds_stuck_publish()
