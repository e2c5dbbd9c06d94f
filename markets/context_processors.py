from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from markets.selectors import market_for_request


def market(request: HttpRequest) -> dict:
    # Lazy, so pages that never show the market run no query for it.
    return {"current_market": SimpleLazyObject(lambda: market_for_request(request))}
