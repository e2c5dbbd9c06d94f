from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from filmart.demo_accounts import DEMO_LOGINS, DEMO_PASSWORD
from filmart.selectors import market_for_request


def market(request: HttpRequest) -> dict:
    # Lazy, so pages that never show the market run no query for it.
    return {
        "current_market": SimpleLazyObject(lambda: market_for_request(request)),
        "demo_mode": settings.DEMO_MODE,
        "demo_logins": DEMO_LOGINS if settings.DEMO_MODE else [],
        "demo_password": DEMO_PASSWORD,
    }
