from django.conf import settings
from django.http import HttpRequest

from filmart.selectors import market_current


def market(request: HttpRequest) -> dict:
    # Evaluated lazily so pages that never show the market run no query for it.
    cache: dict = {}

    def current():
        if "market" not in cache:
            cache["market"] = market_current()
        return cache["market"]

    return {"current_market": current, "demo_mailbox": settings.DEMO_MAILBOX}
