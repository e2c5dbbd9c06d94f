from celery import shared_task

from meetings import services


@shared_task(ignore_result=True)
def meetings_expire_due() -> None:
    """Every minute (beat): unanswered requests whose time is up expire. A second run at once changes nothing."""
    services.meetings_expire_due()
