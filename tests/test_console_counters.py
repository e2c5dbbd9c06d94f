"""The console's counters: kept by PostgreSQL in the transaction of every change to meetings, whatever makes it
(services, admin deletes, bulk updates, the expiry sweep), equal to a count of the meetings at every step, and
the console never reads the meetings table itself."""

from collections import Counter
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from markets.timekeeping import day_range
from meetings import services
from meetings.models import Attendance, Meeting, Status
from organiser import selectors
from organiser.models import ExhibitorTally, SlotTally, TitleTally
from organiser.services import console_counters_fold
from tests.factories import TitleFactory, UserFactory
from tests.meetings_fixtures import DAY_ONE, at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db
DAY_TWO = DAY_ONE + timedelta(days=1)


def recount(market, day=None) -> dict:
    """The figures counted from the meetings themselves, as the console used to."""
    meetings = Meeting.objects.filter(market=market)
    if day:
        meetings = meetings.filter(during__overlap=day_range(market, day))
    by_status = Counter(meetings.values_list("status", flat=True))
    attendance = Counter(meetings.filter(status=Status.ACCEPTED).values_list("attendance", flat=True))
    titles = Counter(title for meeting in meetings for title in meeting.titles.values_list("english_title", flat=True))
    return {
        "requests": sum(by_status.values()),
        "accepted": by_status[Status.ACCEPTED],
        "cancelled": by_status[Status.CANCELLED],
        "pending": by_status[Status.PENDING],
        "met": attendance[Attendance.MET],
        "no_shows": attendance[Attendance.NO_SHOW],
        "exhibitors": Counter(meetings.values_list("exhibitor__name", flat=True)),
        "titles": titles,
        "heatmap": Counter(
            (m.during.lower.astimezone(day_range(market, DAY_ONE).lower.tzinfo).hour)
            for m in meetings.filter(status=Status.ACCEPTED)
        ),
    }


def console(market, day=None) -> dict:
    figures = selectors.headline_figures(market=market, day=day)
    heatmap = selectors.meetings_heatmap(market=market)
    hours = Counter()
    for row in heatmap["rows"]:
        if day is None or row["day"] == day:
            hours.update({hour: n for hour, n in zip(heatmap["hours"], row["cells"], strict=True) if n})
    return {
        **{key: figures[key] for key in ("requests", "accepted", "cancelled", "pending", "met", "no_shows")},
        "exhibitors": Counter(
            {bar.label: bar.value for bar in selectors.most_requested_exhibitors(market=market, day=day)}
        ),
        "titles": Counter({bar.label: bar.value for bar in selectors.most_requested_titles(market=market, day=day)}),
        "heatmap": hours,
    }


def assert_counted(market) -> None:
    for day in (None, DAY_ONE, DAY_TWO):
        assert console(market, day) == recount(market, day), day


def test_every_kind_of_change_is_counted_in_its_own_transaction(market, exhibitor, rep):
    open_hours(rep, exhibitor, day=DAY_TWO)
    drama, comedy = (
        TitleFactory(exhibitor=exhibitor, english_title="Drama"),
        TitleFactory(exhibitor=exhibitor, english_title="Comedy"),
    )
    buyers = [verified_buyer() for _ in range(5)]

    def ask(buyer, hour, minute=0, titles=()):
        return services.meeting_request(
            buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour, minute), titles=list(titles)
        )

    first = ask(buyers[0], 10, titles=[drama])
    second = ask(buyers[1], 10, titles=[drama, comedy])  # same slot: declined when the first is accepted
    third = ask(buyers[2], 11)
    assert_counted(market)

    first = services.meeting_accept(meeting_id=first.pk, version=first.version, user=rep)
    assert_counted(market)  # the first accepted, the second declined in the same statement as its notice
    services.meeting_withdraw(meeting_id=third.pk, version=third.version, user=buyers[2])
    first = services.meeting_reschedule(
        meeting_id=first.pk, version=first.version, user=rep,
        start=timezone_at(market, DAY_TWO, time(11)), reason="Moved to day two",
    )  # fmt: skip
    assert_counted(market)  # it and its title moved to day two

    first.titles.add(comedy)
    first.titles.remove(drama)
    assert_counted(market)

    Meeting.objects.filter(pk=first.pk).update(attendance=Attendance.MET)  # a bulk update, as admin actions do
    late = ask(buyers[3], 11, 30)
    services.meetings_expire_due(now=late.expires_at + timedelta(seconds=1))
    assert_counted(market)

    Meeting.objects.get(pk=second.pk).delete()  # admin's delete
    assert_counted(market)
    services.meeting_cancel(
        meeting_id=first.pk, version=Meeting.objects.get(pk=first.pk).version, user=rep, reason="Ill"
    )
    assert_counted(market)


def timezone_at(market, day, at_time):
    from markets.timekeeping import market_moment

    return market_moment(market, day, at_time)


def test_folding_keeps_every_figure_and_leaves_one_row_per_key(market, exhibitor, rep):
    buyers = [verified_buyer() for _ in range(4)]
    for n, buyer in enumerate(buyers):
        meeting = services.meeting_request(
            buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10 + n // 2, 30 * (n % 2))
        )
        if n < 2:
            services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    before = console(market)
    assert (
        SlotTally.objects.count() > SlotTally.objects.values("day", "hour", "status", "attendance").distinct().count()
    )

    assert console_counters_fold() > 0

    assert console(market) == before == recount(market)
    for model, key in (
        (SlotTally, ("day", "hour", "status", "attendance")),
        (ExhibitorTally, ("day", "exhibitor_id", "accepted")),
        (TitleTally, ("day", "title_id")),
    ):
        assert model.objects.count() == model.objects.values(*key).distinct().count()
        assert not model.objects.filter(n=0).exists()
    assert console_counters_fold() == 0  # nothing left to fold


def test_the_console_never_reads_the_meetings_table(client, market, exhibitor, rep):
    services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=at(market, 10))
    client.force_login(UserFactory(role="organiser", is_staff=True))
    for day in ("", DAY_ONE.isoformat()):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("organiser:console"), {"day": day} if day else {}).status_code == 200
        reading_meetings = [
            query["sql"][:120] for query in queries
            if "meetings_meeting" in query["sql"] and "buyer_takes_part" not in query["sql"]
        ]  # fmt: skip
        assert reading_meetings == []
