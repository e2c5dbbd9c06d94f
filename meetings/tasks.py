from celery import shared_task

from meetings import services


@shared_task(ignore_result=True)
def meetings_expire_due() -> None:
    """Every minute (beat): unanswered requests whose time is up expire. A second run at once changes nothing."""
    services.meetings_expire_due()


@shared_task(ignore_result=True)
def daily_agendas_queue() -> None:
    """Every few minutes (beat): from the market's agenda time each market morning, each person's day."""
    from markets.selectors import market_current
    from meetings import notify

    market = market_current()
    if market is not None:
        notify.daily_agendas_queue(market=market)
