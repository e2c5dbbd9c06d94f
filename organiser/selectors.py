"""The console's figures (each one aggregate query over the whole market, whatever its size), and the market's
exports and announcements."""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.db import connection
from django.db.models import Count, Q, QuerySet

from exhibitors.models import Exhibitor
from markets.models import Market
from markets.timekeeping import day_range, market_days
from matchmaking.models import Verification
from meetings.models import Attendance, Meeting, Status
from meetings.selectors import buyers_of_market
from organiser.models import Announcement, Export
from web.i18n import localized_value

TOP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _meetings(market: Market, day: date | None):
    meetings = Meeting.objects.filter(market=market)
    return meetings.filter(during__overlap=day_range(market, day)) if day else meetings


def headline_figures(*, market: Market, day: date | None = None) -> dict[str, int | float | None]:
    """Exhibitors, buyers, requests and their outcome. Three queries."""
    figures = Exhibitor.objects.filter(market=market).aggregate(exhibitors=Count("pk"))
    figures |= buyers_of_market(market=market).aggregate(
        buyers=Count("pk"),
        verified=Count("pk", filter=Q(verification=Verification.VERIFIED)),
        waiting=Count("pk", filter=Q(verification=Verification.PENDING)),
    )
    figures |= _meetings(market, day).aggregate(
        requests=Count("pk"),
        accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        # Requests that found their answer: accepted (even if later cancelled), declined or expired.
        answered=Count("pk", filter=Q(status__in=[Status.ACCEPTED, Status.CANCELLED, Status.DECLINED, Status.EXPIRED])),
        agreed=Count("pk", filter=Q(status__in=[Status.ACCEPTED, Status.CANCELLED])),
        met=Count("pk", filter=Q(status=Status.ACCEPTED, attendance=Attendance.MET)),
        no_shows=Count("pk", filter=Q(status=Status.ACCEPTED, attendance=Attendance.NO_SHOW)),
    )
    figures["acceptance_rate"] = round(100 * figures["agreed"] / figures["answered"]) if figures["answered"] else None
    # Of the meetings whose outcome someone recorded.
    recorded = figures["recorded"] = figures["met"] + figures["no_shows"]
    figures["no_show_rate"] = round(100 * figures["no_shows"] / recorded) if recorded else None
    return figures


HEATMAP_SQL = """
SELECT (lower(during) AT TIME ZONE %(zone)s)::date AS day,
       extract(hour FROM lower(during) AT TIME ZONE %(zone)s)::int AS hour,
       count(*)
FROM meetings_meeting WHERE market_id = %(market)s AND status = 'accepted'
GROUP BY 1, 2
"""


def meetings_heatmap(*, market: Market) -> dict:
    """Accepted meetings per market day and hour (market time). One query."""
    with connection.cursor() as cursor:
        cursor.execute(HEATMAP_SQL, {"zone": market.time_zone, "market": market.pk})
        counts = {(day, hour): count for day, hour, count in cursor.fetchall()}
    last_hour = market.meeting_day_end.hour + (market.meeting_day_end.minute > 0)
    hours = list(range(market.meeting_day_start.hour, last_hour))
    days = market_days(market)
    rows = []
    for day in days:
        cells = [counts.get((day, hour), 0) for hour in hours]
        rows.append({"day": day, "cells": cells, "total": sum(cells)})
    return {"hours": hours, "rows": rows, "peak": max(counts.values(), default=0)}


def _bars(rows, label_of) -> list[Bar]:
    return [Bar(label_of(row), row["n"]) for row in rows]


def accepted_by_region(*, market: Market, day: date | None = None) -> list[Bar]:
    rows = (
        _meetings(market, day)
        .filter(status=Status.ACCEPTED)
        .values("exhibitor__region__name", "exhibitor__region__name_zh_hant", "exhibitor__region__name_zh_hans")
        .annotate(n=Count("pk"))
        .order_by("-n", "exhibitor__region__name")[:TOP]
    )
    return _bars(rows, lambda row: _localized(row, "exhibitor__region__name"))


def accepted_by_pavilion(*, market: Market, day: date | None = None) -> list[Bar]:
    rows = (
        _meetings(market, day)
        .filter(status=Status.ACCEPTED, exhibitor__pavilion__isnull=False)
        .values("exhibitor__pavilion__name", "exhibitor__pavilion__name_zh_hant", "exhibitor__pavilion__name_zh_hans")
        .annotate(n=Count("pk"))
        .order_by("-n", "exhibitor__pavilion__name")[:TOP]
    )
    return _bars(rows, lambda row: _localized(row, "exhibitor__pavilion__name"))


def most_requested_exhibitors(*, market: Market, day: date | None = None) -> list[Bar]:
    rows = (
        _meetings(market, day)
        .values("exhibitor__name", "exhibitor__name_zh_hant", "exhibitor__name_zh_hans")
        .annotate(n=Count("pk"))
        .order_by("-n", "exhibitor__name")[:TOP]
    )
    return _bars(rows, lambda row: _localized(row, "exhibitor__name"))


def most_requested_titles(*, market: Market, day: date | None = None) -> list[Bar]:
    through = Meeting.titles.through
    meetings = _meetings(market, day).values("pk")
    rows = (
        through.objects.filter(meeting_id__in=meetings)
        .values("title__english_title")
        .annotate(n=Count("pk"))
        .order_by("-n", "title__english_title")[:TOP]
    )
    return _bars(rows, lambda row: row["title__english_title"])


def buyer_countries(*, market: Market) -> list[Bar]:
    from django_countries import countries

    rows = buyers_of_market(market=market).values("country").annotate(n=Count("pk")).order_by("-n", "country")[:15]
    return _bars(rows, lambda row: countries.name(row["country"]) or row["country"])


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


def _localized(row: dict, field: str) -> str:
    """A name in the reader's script, from the three name columns of a values() row."""
    names = SimpleNamespace(**{"name" + suffix: row[field + suffix] or "" for suffix in ("", "_zh_hant", "_zh_hans")})
    return localized_value(names, "name") or "—"
