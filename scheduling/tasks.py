from celery import shared_task

from scheduling import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def round_solve(pk: int, version: int) -> None:
    services.round_solve(round_id=pk, version=version)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def round_publish(pk: int, version: int) -> None:
    services.round_publish(round_id=pk, version=version)


@shared_task(ignore_result=True)
def wish_reminders_queue() -> None:
    from markets.models import Market

    for market in Market.objects.filter(is_current=True):
        services.wish_reminders_queue(market=market)
