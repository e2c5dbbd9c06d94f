from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from markets.models import Market


def market_current() -> Market | None:
    return Market.objects.filter(is_current=True).first()


def market_for_request(request) -> Market | None:
    """The current market, looked up once per request however many places ask."""
    if not hasattr(request, "_current_market"):
        request._current_market = market_current()
    return request._current_market


def unknown_hall_message(market: Market | None, code: str) -> str | None:
    """Why a booth's hall code is not one of the market's halls, or None when it is (or halls are not set up)."""
    if not code or market is None or not market.halls.exists() or market.halls.filter(code=code).exists():
        return None
    known = ", ".join(market.halls.values_list("code", flat=True))
    return _("No hall “%(code)s” at this market; its halls are %(known)s.") % {"code": code, "known": known}


def markets_under_way(*, now: datetime | None = None) -> list[Market]:
    """Markets one of whose days is today somewhere (each market's own zone decides which day it is)."""
    today = (now or timezone.now()).date()
    return list(Market.objects.filter(starts_on__lte=today + timedelta(days=1), ends_on__gte=today - timedelta(days=1)))
