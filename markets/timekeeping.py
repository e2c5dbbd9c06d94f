"""Market days and wall-clock times of the market as aware instants."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from markets.models import Market


def market_zone(market: Market) -> ZoneInfo:
    return ZoneInfo(market.time_zone)


def market_moment(market: Market, day: date, at: time) -> datetime:
    """A wall-clock time of a market day as an aware instant."""
    return datetime.combine(day, at, tzinfo=market_zone(market))


def market_days(market: Market) -> list[date]:
    return [market.starts_on + timedelta(days=n) for n in range(market.day_count)]


def day_range(market: Market, day: date) -> DateTimeTZRange:
    """The whole of a market day, midnight to midnight on the market's clock."""
    zone = market_zone(market)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return DateTimeTZRange(start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone), "[)")
