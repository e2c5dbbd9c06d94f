from celery import shared_task

from exhibitors import services


@shared_task(ignore_result=True)
def catalogue_counts_precompute() -> None:
    """Count the usual catalogue questions of every market whose counts a change made void (sent when a change
    commits, and by beat every minute in case that was lost)."""
    for market_id in services.catalogue_counts_missing():
        services.catalogue_counts_precompute(market_id=market_id)
