"""The console's figures, and the market's exports and announcements.

The meetings' figures are sums over the counters PostgreSQL keeps as meetings change (organiser.models
SlotTally, ExhibitorTally, TitleTally): the console never reads the meetings themselves, so its cost does not
grow with them."""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.db import connection
from django.db.models import Count, QuerySet
from django.utils.translation import get_language

from exhibitors.models import Exhibitor
from markets.models import Market
from markets.timekeeping import market_days
from matchmaking.models import Verification
from meetings.selectors import buyers_of_market
from organiser.models import Announcement, Export
from web.caching import cached
from web.i18n import localized_value

TOP = 10
TOP_COUNTRIES = 15


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _sum(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _on_day(day: date | None) -> str:
    return " AND t.day = %(day)s" if day else ""


HEADLINE_SQL = """
SELECT coalesce(sum(n), 0),
       coalesce(sum(n) FILTER (WHERE status = 'accepted'), 0),
       coalesce(sum(n) FILTER (WHERE status = 'cancelled'), 0),
       coalesce(sum(n) FILTER (WHERE status = 'pending'), 0),
       coalesce(sum(n) FILTER (WHERE status IN ('accepted', 'cancelled', 'declined', 'expired')), 0),
       coalesce(sum(n) FILTER (WHERE status IN ('accepted', 'cancelled')), 0),
       coalesce(sum(n) FILTER (WHERE status = 'accepted' AND attendance = 'met'), 0),
       coalesce(sum(n) FILTER (WHERE status = 'accepted' AND attendance = 'no_show'), 0)
FROM organiser_slottally t WHERE t.market_id = %(market)s
"""
HEADLINE_KEYS = ["requests", "accepted", "cancelled", "pending", "answered", "agreed", "met", "no_shows"]


@dataclass(frozen=True)
class BuyerFigures:
    """The market's buyers counted by country and verification, in one query: the console's buyer figures and
    its countries chart both come from it."""

    by_country_and_verification: dict[tuple[str, str], int]

    @property
    def buyers(self) -> int:
        return sum(self.by_country_and_verification.values())

    def verified(self, verification: str) -> int:
        return sum(n for (_country, v), n in self.by_country_and_verification.items() if v == verification)

    def countries(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for (country, _verification), n in self.by_country_and_verification.items():
            totals[country] = totals.get(country, 0) + n
        return totals


def buyer_figures(*, market: Market) -> BuyerFigures:
    rows = buyers_of_market(market=market).values_list("country", "verification").annotate(n=Count("pk")).order_by()
    return BuyerFigures({(country, verification): n for country, verification, n in rows})


def headline_figures(
    *, market: Market, day: date | None = None, buyers: BuyerFigures | None = None
) -> dict[str, int | float | None]:
    """Exhibitors, buyers, requests and their outcome. Three queries (two given the buyer figures); the
    meetings' figures from the counters."""
    figures = Exhibitor.objects.filter(market=market).aggregate(exhibitors=Count("pk"))
    buyers = buyers or buyer_figures(market=market)
    figures |= {
        "buyers": buyers.buyers,
        "verified": buyers.verified(Verification.VERIFIED),
        "waiting": buyers.verified(Verification.PENDING),
    }
    # answered: requests that found their answer (accepted, even if later cancelled, declined or expired);
    # agreed: accepted, even if later cancelled.
    (row,) = _sum(HEADLINE_SQL + _on_day(day), {"market": market.pk, "day": day})
    figures |= dict(zip(HEADLINE_KEYS, row, strict=True))
    figures["acceptance_rate"] = round(100 * figures["agreed"] / figures["answered"]) if figures["answered"] else None
    # Of the meetings whose outcome someone recorded.
    recorded = figures["recorded"] = figures["met"] + figures["no_shows"]
    figures["no_show_rate"] = round(100 * figures["no_shows"] / recorded) if recorded else None
    return figures


HEATMAP_SQL = """
SELECT t.day, t.hour, sum(t.n) FROM organiser_slottally t
WHERE t.market_id = %(market)s AND t.status = 'accepted' GROUP BY 1, 2 HAVING sum(t.n) > 0
"""


def meetings_heatmap(*, market: Market) -> dict:
    """Accepted meetings per market day and hour (market time). One query."""
    counts = {(day, hour): count for day, hour, count in _sum(HEATMAP_SQL, {"market": market.pk})}
    last_hour = market.meeting_day_end.hour + (market.meeting_day_end.minute > 0)
    hours = list(range(market.meeting_day_start.hour, last_hour))
    days = market_days(market)
    rows = []
    for day in days:
        cells = [counts.get((day, hour), 0) for hour in hours]
        rows.append({"day": day, "cells": cells, "total": sum(cells)})
    return {"hours": hours, "rows": rows, "peak": max(counts.values(), default=0)}


def _bars(rows) -> list[Bar]:
    """(name, name_zh_hant, name_zh_hans, n) rows as bars, each named in the reader's language."""
    bars = []
    for name, hant, hans, n in rows:
        names = SimpleNamespace(name=name or "", name_zh_hant=hant or "", name_zh_hans=hans or "")
        bars.append(Bar(localized_value(names, "name") or "—", n))
    return bars


BY_EXHIBITOR_SQL = """
SELECT {name}, {name}_zh_hant, {name}_zh_hans, sum(t.n) AS n
FROM organiser_exhibitortally t JOIN exhibitors_exhibitor e ON e.id = t.exhibitor_id {join}
WHERE t.market_id = %(market)s {accepted} {day}
GROUP BY 1, 2, 3 HAVING sum(t.n) > 0 ORDER BY n DESC, 1 LIMIT {top}
"""


def _by_exhibitor(market: Market, day: date | None, *, name: str, join: str = "", accepted: bool = True):
    sql = BY_EXHIBITOR_SQL.format(
        name=name, join=join, accepted="AND t.accepted" if accepted else "", day=_on_day(day), top=TOP
    )
    return _bars(_sum(sql, {"market": market.pk, "day": day}))


def accepted_by_region(*, market: Market, day: date | None = None) -> list[Bar]:
    return _by_exhibitor(market, day, name="r.name", join="JOIN exhibitors_region r ON r.id = e.region_id")


def accepted_by_pavilion(*, market: Market, day: date | None = None) -> list[Bar]:
    return _by_exhibitor(market, day, name="p.name", join="JOIN exhibitors_pavilion p ON p.id = e.pavilion_id")


def most_requested_exhibitors(*, market: Market, day: date | None = None) -> list[Bar]:
    return _by_exhibitor(market, day, name="e.name", accepted=False)


# Summed per title first; only titles level with the leaders are looked up for their names (the ties ordered
# by name), so the cost is the counters' rows, not a join with each of the market's titles.
TITLES_SQL = """
WITH sums AS (
    SELECT t.title_id, sum(t.n) AS n FROM organiser_titletally t
    WHERE t.market_id = %(market)s {day} GROUP BY 1 HAVING sum(t.n) > 0
), cut AS (SELECT n FROM sums ORDER BY n DESC LIMIT 1 OFFSET {top} - 1)
SELECT (SELECT title.english_title FROM exhibitors_title title WHERE title.id = s.title_id), s.n FROM sums s
WHERE s.n >= coalesce((SELECT n FROM cut), 0) ORDER BY s.n DESC, 1 LIMIT {top}
"""


def most_requested_titles(*, market: Market, day: date | None = None) -> list[Bar]:
    rows = _sum(TITLES_SQL.format(day=_on_day(day), top=TOP), {"market": market.pk, "day": day})
    return [Bar(title, n) for title, n in rows]


def buyer_countries(*, market: Market, buyers: BuyerFigures | None = None) -> list[Bar]:
    from django_countries import countries

    totals = (buyers or buyer_figures(market=market)).countries()
    most = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:TOP_COUNTRIES]
    return [Bar(countries.name(country) or country, n) for country, n in most]


# The charts and the buyer figures sum thousands of counter rows (one per exhibitor, title or buyer, and day),
# so they are worked out at most once every CHARTS_SECONDS per market, day and language, however many
# organisers watch the console; its headline counters and heatmap are read on every request.
CHARTS_SECONDS = 5


def console_charts(*, market: Market, day: date | None) -> tuple[BuyerFigures, list[tuple[str, list[Bar]]]]:
    """The buyer figures and the console's charts (name, bars), at most CHARTS_SECONDS old."""

    def compute() -> tuple[BuyerFigures, list[tuple[str, list[Bar]]]]:
        buyers = buyer_figures(market=market)
        return buyers, [
            ("regions", accepted_by_region(market=market, day=day)),
            ("pavilions", accepted_by_pavilion(market=market, day=day)),
            ("exhibitors", most_requested_exhibitors(market=market, day=day)),
            ("titles", most_requested_titles(market=market, day=day)),
            ("countries", buyer_countries(market=market, buyers=buyers)),
        ]

    return cached(f"console-charts:{market.pk}:{day}:{get_language()}", compute, CHARTS_SECONDS)


def exports_of(*, market: Market | None) -> QuerySet[Export]:
    """The market's exports, newest first; none without a market."""
    if market is None:
        return Export.objects.none()
    return Export.objects.filter(market=market).select_related("market", "requested_by")


def announcements_of(*, market: Market | None) -> QuerySet[Announcement]:
    """The market's announcements, newest first; none without a market."""
    if market is None:
        return Announcement.objects.none()
    return Announcement.objects.filter(market=market).select_related("market", "pavilion")
