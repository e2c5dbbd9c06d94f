from celery import shared_task

from meetings import services


@shared_task(ignore_result=True)
def meetings_expire_due() -> None:
    """Every minute (beat): unanswered requests whose time is up expire. A second run at once changes nothing."""
    services.meetings_expire_due()


@shared_task(ignore_result=True)
def daily_agendas_queue() -> None:
    """Every few minutes (beat): from each market's agenda time each market morning, each person's day. Every
    market under way gets its own (two that overlap each get theirs); the others have no day today."""
    from markets.selectors import markets_under_way
    from meetings import notify

    for market in markets_under_way():
        notify.daily_agendas_queue(market=market)
