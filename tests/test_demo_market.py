from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Role, User
from demo.accounts import DEMO_PASSWORD
from demo.loader import demo_market_dates, demo_market_load
from exhibitors.models import Exhibitor, Pavilion, Region, TeamMember, Title
from markets.models import Market
from markets.timekeeping import market_days
from matchmaking.models import Verification
from meetings import selectors
from meetings.models import Availability, ClosedBecause, Meeting, Side, Status

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "markets": list(Market.objects.values_list("pk", "slug", "is_current")),
        "regions": Region.objects.count(),
        "pavilions": list(Pavilion.objects.order_by("pk").values_list("pk", "slug", "hall")),
        "exhibitors": list(Exhibitor.objects.order_by("pk").values_list("pk", "slug", "hall", "stand", "pavilion_id")),
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "role")),
        "team": list(TeamMember.objects.order_by("pk").values_list("pk", "exhibitor__slug", "user__email", "role")),
        "open hours": list(Availability.objects.order_by("pk").values_list("pk", "rep_id", "during", "place")),
        "meetings": list(Meeting.objects.order_by("pk").values_list("pk", "status", "version", "updated_at")),
    }


def test_demo_market_is_filmart_as_in_the_news(demo_market):
    market = demo_market
    assert market.is_current and market.time_zone == "Asia/Hong_Kong" and market.slot_minutes == 30
    assert (market.starts_on.month, market.starts_on.day, market.day_count) == (3, 17, 4)
    assert market.starts_on > date.today()
    exhibitors = Exhibitor.objects.filter(market=market)
    assert exhibitors.count() == 760
    assert exhibitors.values("region").distinct().count() == Region.objects.count() == 34
    assert exhibitors.filter(region__is_asean=True).count() >= 100
    assert exhibitors.filter(pavilion__slug="guangdong").count() == 58
    assert 28 <= Pavilion.objects.filter(market=market).count() <= 32
    debuts = set(Pavilion.objects.filter(market=market, is_debut=True).values_list("slug", flat=True))
    assert debuts == {"cambodia", "france", "india"}
    for slug, chinese in [("tencent", "騰訊"), ("iqiyi", "愛奇藝"), ("zhejiang-huace", "華策")]:
        assert chinese in exhibitors.get(slug=slug).name_zh_hant
    assert "Flourished Peony" in exhibitors.get(slug="zhejiang-huace").description


def test_demo_logins(demo_market):
    buyer = authenticate(email="buyer@example.com", password=DEMO_PASSWORD)
    rep = authenticate(email="rep@example.com", password=DEMO_PASSWORD)
    organiser = authenticate(email="organiser@example.com", password=DEMO_PASSWORD)
    assert buyer.role == Role.BUYER and not buyer.is_staff
    assert rep.role == Role.EXHIBITOR
    assert TeamMember.objects.get(user=rep).exhibitor.slug == "tencent"
    assert organiser.is_staff and organiser.role == Role.ORGANISER
    assert organiser.has_perm("exhibitors.change_exhibitor") and not organiser.is_superuser


def test_loading_again_changes_nothing(demo_market):
    before = snapshot()
    call_command("load_demo_market", verbosity=0)
    assert snapshot() == before


def _count(sql: str, *params) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_demo_market_has_open_hours_and_meetings_in_every_state_within_the_rules(demo_market):
    market = demo_market
    hours = Availability.objects.filter(market=market)
    assert hours.values("exhibitor").distinct().count() == 120
    assert hours.values("rep").distinct().count() >= 150
    assert {"booth", "table", "online"} == set(hours.values_list("place", flat=True))
    assert all(
        detail.startswith("https://") for detail in hours.filter(place="online").values_list("place_detail", flat=True)
    )
    assert not hours.filter(place="table", place_detail="").exists()
    zone = ZoneInfo(market.time_zone)
    assert {w.lower.astimezone(zone).date() for w in hours.values_list("during", flat=True)} == set(market_days(market))

    meetings = Meeting.objects.filter(market=market)
    statuses = dict.fromkeys(Status.values, 0)
    for status in meetings.values_list("status", flat=True):
        statuses[status] += 1
    assert all(count >= 10 for count in statuses.values()), statuses
    assert 600 <= meetings.count() <= 900
    assert meetings.filter(status=Status.PENDING, awaiting=Side.BUYER, initiated_by=Side.REP).count() >= 10
    declined = meetings.filter(status=Status.DECLINED)
    assert declined.filter(closed_because=ClosedBecause.SLOT_TAKEN).count() >= 10
    assert declined.exclude(reason="").filter(closed_because="").count() >= 10
    cancelled = meetings.filter(status=Status.CANCELLED)
    assert not cancelled.filter(reason="").exists() and set(cancelled.values_list("sequence", flat=True)) == {1}
    assert not meetings.exclude(buyer__buyer_profile__verification=Verification.VERIFIED).exists()
    assert meetings.exclude(message="").count() > 0.8 * meetings.count()
    assert Meeting.titles.through.objects.filter(meeting__market=market).count() > meetings.count()
    assert (
        _count(
            "SELECT count(*) FROM meetings_meeting_titles mt JOIN meetings_meeting m ON m.id = mt.meeting_id "
            "JOIN exhibitors_title t ON t.id = mt.title_id WHERE t.exhibitor_id <> m.exhibitor_id"
        )
        == 0
    )

    # Accepted meetings never overlap for a rep or a buyer, nor leave an open request of either at their time.
    assert (
        _count(
            "SELECT count(*) FROM meetings_meeting a JOIN meetings_meeting b ON a.id <> b.id AND a.during && b.during "
            "AND (a.rep_id = b.rep_id OR a.buyer_id = b.buyer_id) "
            "WHERE a.market_id = %s AND a.status = 'accepted' AND b.status IN ('accepted', 'pending')",
            market.pk,
        )
        == 0
    )
    # One open request per buyer, rep and slot.
    assert (
        _count(
            "SELECT count(*) FROM meetings_meeting a JOIN meetings_meeting b ON a.id < b.id AND a.during && b.during "
            "AND a.rep_id = b.rep_id AND a.buyer_id = b.buyer_id "
            "WHERE a.market_id = %s AND a.status = 'pending' AND b.status = 'pending'",
            market.pk,
        )
        == 0
    )
    # Every meeting is one slot on the grid of its rep's open hours.
    assert (
        _count(
            "SELECT count(*) FROM meetings_meeting m LEFT JOIN meetings_availability a ON a.id = m.availability_id "
            "WHERE m.market_id = %s AND (a.id IS NULL OR a.rep_id <> m.rep_id OR NOT a.during @> m.during "
            "OR upper(m.during) - lower(m.during) <> make_interval(mins => %s) "
            "OR mod(extract(epoch FROM lower(m.during) - lower(a.during))::int, %s * 60) <> 0)",
            market.pk,
            market.slot_minutes,
            market.slot_minutes,
        )
        == 0
    )
    now = timezone.now()
    for meeting in meetings.filter(status=Status.PENDING):
        assert now < meeting.expires_at <= meeting.start
    assert meetings.filter(status=Status.EXPIRED, expires_at__lt=now).count() == statuses[Status.EXPIRED]


def test_demo_buyer_and_demo_rep_have_meetings_requests_and_free_slots(demo_market):
    market = demo_market
    zone = ZoneInfo(market.time_zone)
    buyer = User.objects.get(email="buyer@example.com")
    rep = User.objects.get(email="rep@example.com")
    tencent = Exhibitor.objects.get(market=market, slug="tencent")

    accepted = selectors.agenda_for(user=buyer, market=market)
    assert len(accepted) == 4 and sum(m.rep_id == rep.pk for m in accepted) == 1
    assert len({m.start.astimezone(zone).date() for m in accepted}) == 4
    assert all(list(m.titles.all()) and m.message for m in accepted)
    requests = selectors.requests_for(user=buyer, market=market)
    assert len(requests["waiting_on_them"]) == 2 and all(
        m.initiated_by == Side.BUYER for m in requests["waiting_on_them"]
    )
    assert len(requests["waiting_on_me"]) == 1 and requests["waiting_on_me"][0].initiated_by == Side.REP
    (declined,) = requests["closed"]
    assert (declined.status, declined.closed_because) == (Status.DECLINED, ClosedBecause.SLOT_TAKEN)
    assert Meeting.objects.filter(rep=declined.rep, during=declined.during, status=Status.ACCEPTED).exists()

    assert Availability.objects.filter(rep=rep, exhibitor=tencent).count() == 2 * market.day_count
    assert selectors.reps_of(tencent) == [rep]  # the Tencent rep a buyer books is the demo rep
    agenda = selectors.agenda_for(user=rep, market=market)
    assert len(agenda) >= 5 and buyer.pk in {m.buyer_id for m in agenda}
    waiting = selectors.requests_for(user=rep, market=market)["waiting_on_me"]
    assert 3 <= len(waiting) <= 4 and all(m.initiated_by == Side.BUYER and m.message for m in waiting)
    for day in market_days(market)[:2]:
        slots = selectors.slots_for_rep(rep=rep, exhibitor=tencent, day=day, viewer=buyer)
        assert [s.start.astimezone(zone).time() for s in slots][:1] == [time(10, 0)] and len(slots) == 14
        assert sum(slot.free for slot in slots) >= 10


@pytest.mark.parametrize(
    ("today", "expected_start"),
    [
        (date(2026, 11, 25), date(2027, 3, 17)),
        (date(2027, 1, 5), date(2027, 3, 17)),
        (date(2027, 3, 17), date(2028, 3, 17)),
    ],
)
def test_demo_dates_are_always_ahead(today, expected_start):
    assert demo_market_dates(today)[0] == expected_start


def test_demo_loader_refuses_nothing_when_an_older_market_is_current(db):
    old = Market.objects.create(
        name="FILMART 2020",
        slug="filmart-2020",
        venue="HKCEC",
        city="Hong Kong",
        starts_on=date(2020, 3, 17),
        ends_on=date(2020, 3, 20),
        is_current=True,
    )
    market = demo_market_load()
    old.refresh_from_db()
    assert market.is_current and not old.is_current


def test_market_admin_explains_bad_dates_and_hours(client, demo_market):
    from accounts.models import User

    client.force_login(User.objects.get(email="organiser@example.com"))
    response = client.post(
        f"/admin/filmart/market/{demo_market.pk}/change/",
        {
            "name": demo_market.name,
            "slug": demo_market.slug,
            "venue": "HKCEC",
            "city": "Hong Kong",
            "starts_on": "2030-03-20",
            "ends_on": "2030-03-17",
            "time_zone": "Asia/Hong_Kong",
            "meeting_day_start": "18:00",
            "meeting_day_end": "10:00",
            "slot_minutes": "30",
            "is_current": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in html
    assert "Meetings must end after they start." in html
    demo_market.refresh_from_db()
    assert demo_market.venue == "Hong Kong Convention and Exhibition Centre"


# The pages that read the most, by who reads them; each must make as many queries at full size as at demo size.
QUERY_HEAVY_PAGES = {
    "buyer@example.com": [
        "/", "/exhibitors/?q=drama", "/exhibitors/tencent/", "/titles/?genre=drama", "/titles/blossoms-shanghai/",
        "/matches/", "/shortlist/", "/meetings/book/tencent/", "/meetings/", "/meetings/requests/",
    ],
    "rep@example.com": ["/manage/", "/meetings/", "/meetings/team/", "/meetings/requests/", "/matches/"],
    "organiser@example.com": ["/organiser/", "/organiser/exports/", "/organiser/announcements/"],
}  # fmt: skip


def _query_counts(client) -> dict[str, int]:
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for email, urls in QUERY_HEAVY_PAGES.items():
        client.force_login(User.objects.get(email=email))
        for url in urls:
            client.get(url)  # caches warm, as they are in a running market
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, (email, url)
            counts[f"{email.split('@')[0]} {url}"] = len(queries)
    return counts


def test_the_full_scale_market_is_filmart_at_its_largest_and_pages_query_no_more_there(client, db):
    """`load_demo_market --scale full` (the market of the benchmarks and load tests), and the query count of
    every query-heavy page, the same on it as on the demo market."""
    import io
    import time as clock

    demo_market_load()
    at_demo_size = _query_counts(client)
    Meeting.objects.all().delete()  # so the full load plans its own meetings into the same market
    Availability.objects.all().delete()

    started = clock.monotonic()
    call_command("load_demo_market", scale="full", stdout=io.StringIO())
    loading = clock.monotonic() - started
    market = Market.objects.get(is_current=True)
    assert Exhibitor.objects.filter(market=market).count() >= 1000
    assert Title.objects.filter(exhibitor__market=market).count() >= 10_000
    assert User.objects.filter(role=Role.BUYER).count() >= 10_000
    assert TeamMember.objects.filter(exhibitor__market=market, role="rep").count() >= 2_990
    meetings = Meeting.objects.filter(market=market)
    assert meetings.count() >= 50_000
    assert set(meetings.values_list("status", flat=True).distinct()) == set(Status.values)
    assert selectors.double_bookings_count() == 0
    assert loading < 300, f"the full market took {loading:.0f} s to load"

    assert _query_counts(client) == at_demo_size
