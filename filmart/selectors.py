from filmart.models import Market


def market_current() -> Market | None:
    return Market.objects.filter(is_current=True).first()


def market_for_request(request) -> Market | None:
    """The current market, looked up once per request however many places ask."""
    if not hasattr(request, "_current_market"):
        request._current_market = market_current()
    return request._current_market
