"""Last year's FILMART and this year's in one database: nothing of last year's shows on this year's pages.

Everything of last year's market carries "Bygone" or "Yesteryear" in its names, messages and notes, so a page
that leaks any of it says so in its HTML; counts are checked against this year's rows alone. Some people come
both years: a returning rep on both years' Jade Pictures team (the same slug both years) and a returning
buyer who met at both markets.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, time

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from exhibitors.models import TeamMember
from exhibitors.services import catalogue_changed
from markets import timekeeping
from markets.models import Market
from matchmaking.models import BuyerProfile, Interest, Verification
from matchmaking.services import interest_set
from meetings import services as meeting_services
from meetings.models import Meeting, Status
from notifications.models import OutboundEmail
from organiser import services
from organiser.models import Announcement, AnnouncementStatus, Export, ExportStatus
from tests.factories import (
    ExhibitorFactory,
    MarketFactory,
    PavilionFactory,
    RegionFactory,
    RightsFactory,
    TitleFactory,
    UserFactory,
    team_member,
)

pytestmark = pytest.mark.django_db

OLD_DAY, NEW_DAY = date(2029, 3, 12), date(2030, 3, 17)
OLD_MARKERS = ("Bygone", "Yesteryear")


def assert_nothing_old(html: str, where: str = "") -> None:
    found = [marker for marker in OLD_MARKERS if marker in html]
    assert not found, (where, found)


def buyer_user(company: str, *, country: str, full_name: str, verified: bool = True, **user_fields):
    user = UserFactory(role="buyer", full_name=full_name, **user_fields)
    BuyerProfile.objects.create(
        user=user,
        company=company,
        buyer_type="platform",
        country=country,
        territories=["TH"],
        media=["svod", "avod"],
        kinds=["series", "film"],
        genres=["drama", "romance"],
        verification=Verification.VERIFIED if verified else Verification.PENDING,
    )
    return user


def moment(market: Market, day: date, hour: int, minute: int = 0):
    return timekeeping.market_moment(market, day, time(hour, minute))


def accepted(buyer, rep, exhibitor, start) -> Meeting:
    meeting = meeting_services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=start)
    return meeting_services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)


@dataclass
class Edition:
    market: Market
    jade: object  # the same company both years, under the same slug
    other: object  # a company of this edition only
    titles: list
    meetings: list


@dataclass
class World:
    old: Edition
    new: Edition
    rep_both: object  # on Jade's team both years
    old_rep: object
    new_rep: object
    buyer_both: object  # met at both markets
    old_buyer: object  # asked for meetings last year only
    new_buyer: object
    newcomer: object  # signed up this year, no meeting yet, waiting for verification


def market_build(market: Market, *, old: bool, rep_both, buyers: dict) -> tuple[Edition, object]:
    """One edition: two exhibitors (one in a pavilion), titles with rights, reps with open hours, and meetings
    in every state. Last year's names say so."""
    day = OLD_DAY if old else NEW_DAY
    if old:
        korea = RegionFactory(code="KR", name="Korea")
        pavilion = PavilionFactory(market=market, name="Bygone Pavilion", slug="pavilion", region=korea)
        jade = ExhibitorFactory(market=market, name="Bygone Pictures", slug="jade-pictures", region=RegionFactory())
        other = ExhibitorFactory(
            market=market, name="Yesteryear Films", slug="yesteryear", region=pavilion.region, pavilion=pavilion,
            company_type="platform",
        )  # fmt: skip
        names = [
            ("Bygone Harbour", "bygone-harbour", "film", ["romance"]),
            ("Yesteryear Nights", "yesteryear-nights", "series", ["drama"]),
        ]
    else:
        pavilion = PavilionFactory(
            market=market, name="Thailand Pavilion", slug="pavilion", region=RegionFactory(code="TH")
        )
        jade = ExhibitorFactory(market=market, name="Jade Pictures", slug="jade-pictures", region=RegionFactory())
        other = ExhibitorFactory(
            market=market, name="Siam Studio", slug="siam-studio", region=pavilion.region, pavilion=pavilion
        )
        names = [
            ("Harbour Lights", "harbour-lights", "series", ["drama"]),
            ("Siam Sunrise", "siam-sunrise", "film", ["romance"]),
        ]
    titles = []
    for (english, slug, kind, genres), exhibitor in zip(names, [jade, other], strict=True):
        title = TitleFactory(
            exhibitor=exhibitor, english_title=english, original_title=english, slug=slug, kind=kind, genres=genres
        )
        RightsFactory(title=title, media=["svod"], territories=["TH"])
        titles.append(title)
    TeamMember.objects.create(exhibitor=jade, user=rep_both, role="rep")
    other_rep = team_member(other, full_name="Yesteryear Rep" if old else "Nok Rep")
    for rep, exhibitor in [(rep_both, jade), (other_rep, other)]:
        meeting_services.availability_add(
            rep=rep, exhibitor=exhibitor, day=day, start=time(10), end=time(13), place="booth"
        )
    both, only = buyers["both"], buyers["only"]
    meetings = [
        accepted(both, rep_both, jade, moment(market, day, 10)),
        accepted(only, other_rep, other, moment(market, day, 10)),
        meeting_services.meeting_request(
            buyer=only,
            rep=rep_both,
            exhibitor=jade,
            start=moment(market, day, 11),
            message="Bygone request" if old else "This year's request",
        ),
    ]
    declined = meeting_services.meeting_request(
        buyer=only, rep=other_rep, exhibitor=other, start=moment(market, day, 11)
    )
    meetings.append(
        meeting_services.meeting_decline(
            meeting_id=declined.pk, version=declined.version, user=other_rep, reason="Full"
        )
    )
    withdrawn = meeting_services.meeting_request(
        buyer=both, rep=other_rep, exhibitor=other, start=moment(market, day, 12)
    )
    meetings.append(meeting_services.meeting_withdraw(meeting_id=withdrawn.pk, version=withdrawn.version, user=both))
    cancelled = accepted(both, other_rep, other, moment(market, day, 11, 30))
    meetings.append(
        meeting_services.meeting_cancel(
            meeting_id=cancelled.pk, version=cancelled.version, user=other_rep, reason="Ill"
        )
    )
    meeting_services.busy_time_add(
        user=both, market=market, day=day, start=time(15), end=time(16), note="Bygone busy" if old else "Lunch"
    )
    return Edition(market=market, jade=jade, other=other, titles=titles, meetings=meetings), other_rep


@pytest.fixture
def world(db) -> World:
    old_market = MarketFactory(
        name="FILMART Bygone 2029", slug="filmart-2029", starts_on=OLD_DAY, ends_on=date(2029, 3, 15),
        is_current=False,
    )  # fmt: skip
    new_market = MarketFactory()
    rep_both = UserFactory(role="exhibitor", full_name="Mei Chan", email="mei@jade.example")
    buyer_both = buyer_user("Siam Stream", country="TH", full_name="Ploy", email="ploy@siam.example")
    old_buyer = buyer_user("Yesteryear Media", country="KR", full_name="Yesteryear Buyer")
    new_buyer = buyer_user("Tokyo Screens", country="JP", full_name="Haruki")
    newcomer = buyer_user("Paris Ecrans", country="FR", full_name="Camille", verified=False)
    old, old_rep = market_build(old_market, old=True, rep_both=rep_both, buyers={"both": buyer_both, "only": old_buyer})
    new, new_rep = market_build(
        new_market, old=False, rep_both=rep_both, buyers={"both": buyer_both, "only": new_buyer}
    )
    catalogue_changed()
    # Last year's opinions: the returning buyer shortlisted a title and a company, the returning rep a buyer.
    interest_set(user=buyer_both, kind=Interest.Kind.SHORTLIST, title=old.titles[0])
    interest_set(user=buyer_both, kind=Interest.Kind.SHORTLIST, exhibitor=old.other)
    interest_set(user=rep_both, kind=Interest.Kind.SHORTLIST, buyer=old_buyer.buyer_profile)
    interest_set(user=buyer_both, kind=Interest.Kind.SHORTLIST, title=new.titles[0])
    return World(
        old=old, new=new, rep_both=rep_both, old_rep=old_rep, new_rep=new_rep, buyer_both=buyer_both,
        old_buyer=old_buyer, new_buyer=new_buyer, newcomer=newcomer,
    )  # fmt: skip


@pytest.fixture
def private_root(settings, tmp_path):
    storage = {"BACKEND": "web.storage.PrivateStorage", "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": storage}


@pytest.fixture
def organiser():
    return UserFactory(role="organiser", is_staff=True, full_name="Market Operations")


def signed_in(client, user):
    client.force_login(user)
    return client


def page(client, name: str, *args, **params) -> tuple[str, object]:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, (name, response.status_code)
    html = response.content.decode()
    assert_nothing_old(html, name)
    return html, response.context


# --- The directory, the catalogue, exhibitor and title pages ------------------------------------------------


def test_the_directory_and_its_facets_are_this_years(client, world):
    html, context = page(signed_in(client, world.buyer_both), "exhibitors:directory")
    assert "Korea" not in html  # the region of last year's companies only
    result = context["result"]
    assert result.total == 2 and {e.name for e in result.page.object_list} == {"Jade Pictures", "Siam Studio"}
    facets = {facet.name: facet for facet in result.facets}
    assert facets["region"].counts == {"HK": 1, "TH": 1} and "KR" not in dict(facets["region"].options)
    pavilions = {slug: n for slug, n in facets["pavilion"].counts.items() if slug}
    assert pavilions == {"pavilion": 1}  # the slug both years' pavilions share
    assert [label for _slug, label in facets["pavilion"].options] == ["Thailand Pavilion"]
    assert facets["type"].counts == {"distributor": 2}  # last year's platform is not counted
    _html, context = page(client, "exhibitors:directory", q="yesteryear")
    assert context["result"].total == 0


def test_the_catalogue_and_its_facet_counts_are_this_years(client, world):
    html, context = page(signed_in(client, world.buyer_both), "exhibitors:catalogue")
    result = context["result"]
    assert result.total == 2
    assert {title.english_title for title in result.page.object_list} == {"Harbour Lights", "Siam Sunrise"}
    facets = {facet.name: facet.counts for facet in result.facets}
    assert facets["kind"] == {"series": 1, "film": 1}
    assert facets["genre"] == {"drama": 1, "romance": 1}
    assert facets["region"] == {"HK": 1, "TH": 1}
    assert facets["media"] == {"svod": 2}
    _html, context = page(client, "exhibitors:catalogue", territory="TH", media="svod", genre="drama")
    result = context["result"]
    assert result.total == 1 and {f.name: f.counts for f in result.facets}["media"] == {"svod": 1}
    assert {f.name: f.counts for f in result.facets}["genre"] == {"drama": 1, "romance": 1}
    _html, context = page(client, "exhibitors:catalogue", q="bygone")
    assert context["result"].total == 0


def test_last_years_exhibitor_and_title_pages_are_404(client, world):
    signed_in(client, world.buyer_both)
    for url in [
        reverse("exhibitors:exhibitor", args=["yesteryear"]),
        reverse("exhibitors:title", args=["bygone-harbour"]),
        reverse("exhibitors:title", args=["yesteryear-nights"]),
        reverse("exhibitors:title_poster_art", args=["bygone-harbour"]),
        reverse("meetings:book", args=["yesteryear"]),
    ]:
        assert client.get(url).status_code == 404, url
    html, context = page(
        client, "exhibitors:exhibitor", "jade-pictures"
    )  # the slug both years share: this year's company
    assert context["exhibitor"] == world.new.jade and "Harbour Lights" in html
    html, _context = page(client, "exhibitors:title", "harbour-lights")
    assert "Jade Pictures" in html
    assert client.get(reverse("exhibitors:title_poster_art", args=["harbour-lights"])).status_code == 200


def test_last_years_titles_and_companies_cannot_be_shortlisted_now(client, world):
    signed_in(client, world.new_buyer)
    for data in [{"title": world.old.titles[1].pk}, {"exhibitor": world.old.other.pk}]:
        assert client.post(reverse("matchmaking:interest"), {"action": "shortlist", **data}).status_code == 404
    assert not Interest.objects.filter(user=world.new_buyer).exists()


# --- Matches and shortlists --------------------------------------------------------------------------------


def test_a_buyers_recommendations_are_this_years_titles(client, world):
    _html, context = page(signed_in(client, world.buyer_both), "matchmaking:matches")
    assert {r.title.slug for r in context["recommendations"]} == {"harbour-lights", "siam-sunrise"}


def test_a_teams_buyer_matches_are_this_years_buyers(client, world):
    _html, context = page(signed_in(client, world.rep_both), "matchmaking:matches")
    shown = {match.buyer.user for match in context["matches"]}
    assert world.old_buyer not in shown and shown <= {world.buyer_both, world.new_buyer, world.newcomer}


def test_the_shortlist_holds_this_years_titles_and_companies(client, world):
    _html, context = page(signed_in(client, world.buyer_both), "matchmaking:shortlist")
    assert [title.slug for title in context["entries"]["titles"]] == ["harbour-lights"]
    assert context["entries"]["exhibitors"] == []


# --- Meetings ----------------------------------------------------------------------------------------------


def test_agendas_and_requests_are_this_years(client, world):
    new_meetings = {m.pk for m in world.new.meetings}
    for person in [world.buyer_both, world.rep_both, world.new_buyer]:
        signed_in(client, person)
        _html, context = page(client, "meetings:agenda")
        shown = {m.pk for m in context["meetings"]}
        assert shown and shown <= new_meetings, person
        _html, context = page(client, "meetings:agenda", view="timetable", day=NEW_DAY.isoformat())
        assert {m.pk for m in context["meetings"]} <= new_meetings
        _html, context = page(client, "meetings:requests")
        listed = context["waiting_on_me"] + context["waiting_on_them"] + context["closed"]
        assert {m.pk for m in listed} <= new_meetings, person
    # The returning rep: this year's accepted meeting; this year's one request waits for them, not last year's.
    signed_in(client, world.rep_both)
    _html, context = page(client, "meetings:agenda")
    assert [m.pk for m in context["meetings"]] == [world.new.meetings[0].pk] and context["waiting"] == 1
    _html, context = page(client, "meetings:requests")
    assert [m.pk for m in context["waiting_on_me"]] == [world.new.meetings[2].pk]


def test_the_team_calendar_is_this_years(client, world):
    html, context = page(signed_in(client, world.rep_both), "meetings:team_agenda")
    assert context["exhibitor"] == world.new.jade and context["meeting_count"] == 1
    assert context["day"] == NEW_DAY and "Mei Chan" in html


def test_the_slot_picker_is_this_years_company_and_days(client, world):
    signed_in(client, world.new_buyer)
    html, context = page(client, "meetings:book", "jade-pictures")
    assert context["exhibitor"] == world.new.jade and context["reps"] == [world.rep_both]
    assert context["days"] == [NEW_DAY]
    assert {slot.start.date() for slot in context["slots"]} == {NEW_DAY}
    assert len(context["slots"]) == 6  # 10:00 to 13:00 in half hours
    assert [m.pk for m in context["titles"]] == [world.new.titles[0].pk]


def test_open_hours_and_busy_times_are_this_years(client, world):
    _html, context = page(signed_in(client, world.buyer_both), "meetings:hours")
    assert [entry.note for entry in context["entries"]] == ["Lunch"]
    old_busy = world.buyer_both.busy_times.get(note="Bygone busy")
    client.post(reverse("meetings:hours_remove", args=[old_busy.pk]))
    assert world.buyer_both.busy_times.filter(pk=old_busy.pk).exists()  # not this market's: as if absent
    _html, context = page(signed_in(client, world.rep_both), "meetings:hours")
    assert {entry.exhibitor_id for entry in context["entries"]} == {world.new.jade.pk}


def test_the_home_page_counts_this_years_meetings(client, world):
    html, _context = page(signed_in(client, world.rep_both), "pages:home")
    assert "Your company: Jade Pictures" in html and "Your meetings: 1" in html
    assert "1 request waits for your answer." in html


# --- The organisers' console -------------------------------------------------------------------------------


def test_the_consoles_figures_and_charts_are_this_years(client, world, organiser):
    html, context = page(signed_in(client, organiser), "organiser:console")
    assert "Korea" not in html  # last year's pavilion region, and its buyer's country
    figures = context["figures"]
    new_meetings = world.new.meetings
    assert figures["exhibitors"] == 2
    # This year's buyers: the two who asked for meetings and the newcomer; not last year's only.
    assert (figures["buyers"], figures["verified"], figures["waiting"]) == (3, 2, 1)
    assert figures["requests"] == len(new_meetings)
    assert figures["accepted"] == sum(m.status == Status.ACCEPTED for m in new_meetings) == 2
    assert figures["pending"] == 1 and figures["cancelled"] == 1
    charts = {name: [(bar.label, bar.value) for bar in bars] for name, bars in context["charts"]}
    assert charts["regions"] == [("Hong Kong", 1), ("Thailand", 1)]
    assert charts["pavilions"] == [("Thailand Pavilion", 1)]
    assert charts["exhibitors"] == [("Siam Studio", 4), ("Jade Pictures", 2)]
    assert charts["countries"] == [("France", 1), ("Japan", 1), ("Thailand", 1)]
    heatmap = context["heatmap"]
    assert [row["day"] for row in heatmap["rows"]] == [date(2030, 3, day) for day in range(17, 21)]
    assert sum(row["total"] for row in heatmap["rows"]) == 2


def export_rows(export: Export) -> list[list[str]]:
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE, export.error
    with export.file.open("rb") as handle:
        return list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("kind", "column", "expected"),
    [
        ("meetings", "Exhibitor", ["Jade Pictures"] * 2 + ["Siam Studio"] * 4),
        ("buyers", "Company", ["Paris Ecrans", "Siam Stream", "Tokyo Screens"]),
        ("exhibitors", "Company", ["Jade Pictures", "Siam Studio"]),
        ("titles", "Title", ["Harbour Lights", "Siam Sunrise"]),
    ],
)  # fmt: skip
def test_exports_hold_this_years_rows_only(client, world, organiser, private_root, kind, column, expected):
    signed_in(client, organiser)
    client.post(reverse("organiser:exports"), {"kind": kind, "file_format": "csv"})
    export = Export.objects.get()
    assert export.market == world.new.market
    services.export_build(pk=export.pk)
    download = client.get(reverse("organiser:export_download", args=[export.pk]))
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert_nothing_old(content, kind)
    header, *rows = list(csv.reader(io.StringIO(content)))
    assert sorted(row[header.index(column)] for row in rows) == expected


def test_a_worker_writes_the_market_the_export_names_whichever_is_current(world, organiser, private_root):
    export = services.export_request(
        market=world.old.market, kind="meetings", file_format="csv", filters={}, user=organiser
    )
    buyers = services.export_request(market=world.old.market, kind="buyers", file_format="csv", filters={}, user=None)
    services.export_build(pk=export.pk)
    services.export_build(pk=buyers.pk)
    header, *rows = export_rows(export)
    assert sorted(int(row[0]) for row in rows) == sorted(m.pk for m in world.old.meetings)
    header, *rows = export_rows(buyers)
    # Last year's buyers: those who asked for or agreed to meetings there; not this year's newcomers.
    assert sorted(row[0] for row in rows) == ["Siam Stream", "Yesteryear Media"]


def test_the_exports_page_lists_this_years_and_last_years_are_404(client, world, organiser, private_root):
    old = services.export_request(market=world.old.market, kind="titles", file_format="csv", filters={}, user=None)
    services.export_build(pk=old.pk)
    new = services.export_request(market=world.new.market, kind="titles", file_format="csv", filters={}, user=None)
    services.export_build(pk=new.pk)
    _html, context = page(signed_in(client, organiser), "organiser:exports")
    assert [export.pk for export in context["exports"]] == [new.pk]
    for name in ["organiser:export", "organiser:export_download"]:
        assert client.get(reverse(name, args=[old.pk])).status_code == 404, name
        assert client.get(reverse(name, args=[new.pk])).status_code == 200, name


def recipients(announcement: Announcement) -> set[str]:
    return {row.recipients[0] for row in OutboundEmail.objects.filter(topic=f"announcement:{announcement.pk}")}


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("buyers", {"buyer_both", "new_buyer", "newcomer"}),
        ("verified", {"buyer_both", "new_buyer"}),
        ("exhibitors", {"rep_both", "new_rep"}),
        ("pavilion", {"new_rep"}),
        ("day", {"buyer_both", "new_buyer", "rep_both", "new_rep"}),
    ],
)
def test_announcements_reach_this_years_segment(client, world, organiser, segment, expected):
    signed_in(client, organiser)
    data = {"segment": segment, "subject": "Doors open", "body": "At ten."}
    data |= {"pavilion": world.new.other.pavilion.pk} if segment == "pavilion" else {}
    data |= {"day": NEW_DAY.isoformat()} if segment == "day" else {}
    response = client.post(reverse("organiser:announcements"), data)
    announcement = Announcement.objects.get()
    assert announcement.market == world.new.market
    preview = client.get(response.url).content.decode()
    assert f"{len(expected)} recipient" in preview
    client.post(response.url)
    assert services.announcement_write(pk=announcement.pk) == len(expected)
    assert recipients(announcement) == {getattr(world, name).email for name in expected}


def test_last_years_announcements_are_404_here_and_a_worker_sends_to_their_own_market(client, world, organiser):
    old = Announcement.objects.create(market=world.old.market, segment="buyers", subject="Bygone news", body="B")
    new = Announcement.objects.create(market=world.new.market, segment="buyers", subject="This year's news", body="B")
    _html, context = page(signed_in(client, organiser), "organiser:announcements")
    assert [item.pk for item in context["announcements"]] == [new.pk]
    url = reverse("organiser:announcement", args=[old.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert Announcement.objects.get(pk=old.pk).status == AnnouncementStatus.DRAFT
    # One already being sent when the market changed still goes to its own market's buyers.
    Announcement.objects.filter(pk=old.pk).update(status=AnnouncementStatus.SENDING, recipients_total=2)
    assert services.announcement_write(pk=old.pk) == 2
    assert recipients(old) == {world.buyer_both.email, world.old_buyer.email}


# --- The migration -----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_earlier_rows_the_market_they_were_made_for():
    before = [("organiser", "0003_private_exports")]
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes("organiser")
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Export_ = apps.get_model("organiser", "Export")  # noqa: N806 - a model, as the migration sees it
    Announcement_ = apps.get_model("organiser", "Announcement")  # noqa: N806
    Export_.objects.create(kind="titles", file_format="csv")
    with pytest.raises(RuntimeError, match="no market does"):
        MigrationExecutor(connection).migrate(after)  # nothing can say which market the export was for

    # Markets and pavilions as they are today (their tables are not migrated here).
    older = MarketFactory(slug="m-2029", starts_on=date(2029, 3, 12), ends_on=date(2029, 3, 15), is_current=False)
    latest = MarketFactory(slug="m-2031", starts_on=date(2031, 3, 17), ends_on=date(2031, 3, 20), is_current=False)
    current = MarketFactory()
    pavilion = PavilionFactory(market=older)
    to_pavilion = Announcement_.objects.create(segment="pavilion", pavilion_id=pavilion.pk, subject="S", body="B")
    to_buyers = Announcement_.objects.create(segment="buyers", subject="S", body="B")
    MigrationExecutor(connection).migrate(after)

    assert list(Export.objects.values_list("market_id", flat=True)) == [current.pk]  # the current market
    assert Announcement.objects.get(pk=to_buyers.pk).market_id == current.pk
    assert Announcement.objects.get(pk=to_pavilion.pk).market_id == older.pk  # its pavilion's market
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, is_nullable FROM information_schema.columns WHERE column_name = 'market_id'"
            " AND table_name IN ('organiser_export', 'organiser_announcement')"
        )
        assert sorted(cursor.fetchall()) == [("organiser_announcement", "NO"), ("organiser_export", "NO")]

    # Without a current market, the latest.
    MigrationExecutor(connection).migrate(before)
    Market.objects.update(is_current=False)
    MigrationExecutor(connection).migrate(after)
    assert set(Export.objects.values_list("market_id", flat=True)) == {latest.pk}
    assert Announcement.objects.get(pk=to_buyers.pk).market_id == latest.pk
    assert Announcement.objects.get(pk=to_pavilion.pk).market_id == older.pk
