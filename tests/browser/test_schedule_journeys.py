"""Arranged meetings in the browser: the organisers set up, preview and publish a matchmaking round (a real worker
solves and publishes it, the outbox mails everyone once); a buyer confirms a meeting arranged for them; a buyer
plans a day from their shortlist and sends the requests in one click."""

import re
from collections import Counter
from datetime import datetime, time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from django.db.models import Exists, OuterRef
from playwright.sync_api import expect

from accounts.models import User
from demo.accounts import DEMO_PASSWORD
from exhibitors.models import Exhibitor
from markets.timekeeping import day_range, market_days
from matchmaking.models import BuyerProfile, Interest, Verification
from meetings.models import Availability, Meeting, Place, Status
from scheduling import services
from scheduling.models import Proposal, Round, RoundStatus, Wish
from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_accessibility import serious_problems
from tests.browser.test_organiser_journeys import new_page
from tests.mail_processes import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_BUYER = "buyer@example.com"
PHONE = {"width": 390, "height": 844}
# Two people of one accepted meeting in another accepted meeting at the same time (as tests/test_schedule_rounds).
OVERLAPS_SQL = """
    SELECT count(*) FROM meetings_meeting a JOIN meetings_meeting b ON a.id < b.id
    AND a.status = 'accepted' AND b.status = 'accepted' AND a.during && b.during
    AND (a.buyer_id IN (b.buyer_id, b.rep_id) OR a.rep_id IN (b.buyer_id, b.rep_id))
"""


def overlaps() -> int:
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS_SQL)
        return cursor.fetchone()[0]


def wishes_of_a_few_buyers(market, others: int) -> list[int]:
    """Keep the wishes (both sides') of the demo buyer and `others` more verified buyers, and drop the rest: the
    demo's 21,000 wishes make a round of ~760 meetings, whose publication alone takes longer than a journey."""
    verified = BuyerProfile.objects.filter(verification=Verification.VERIFIED).values_list("user_id", flat=True)
    wished = Wish.objects.filter(market=market, buyer_id__in=verified).exclude(buyer__email=DEMO_BUYER)
    kept = [User.objects.get(email=DEMO_BUYER).pk]
    kept += sorted(set(wished.values_list("buyer_id", flat=True)))[:others]
    Wish.objects.filter(market=market).exclude(buyer_id__in=kept).delete()
    return kept


def fits_a_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width}px"


def test_the_organiser_sets_up_a_round_previews_it_and_publishes_it_and_everyone_is_mailed_once(
    browser, live_server, demo_market, celery_worker, smtp_sink
):
    wishes_of_a_few_buyers(demo_market, others=20)
    second_day = market_days(demo_market)[1]
    page = new_page(browser, live_server)
    sign_in(page, "organiser@example.com", DEMO_PASSWORD)
    page.goto("/organiser/")
    page.get_by_role("link", name="Arrange meetings").click()
    expect(page.get_by_role("heading", name="New round")).to_be_visible()

    page.get_by_label("Name").fill("Browser round")
    days = page.get_by_role("group", name="Days").get_by_role("checkbox")
    expect(days).to_have_count(len(market_days(demo_market)))
    for n in range(days.count()):
        day = days.nth(n)
        day.set_checked(day.get_attribute("value") == second_day.isoformat())
    page.get_by_label("From").fill("10:00")
    page.get_by_label("Until").fill("12:00")
    page.get_by_label("Time limit for the optimiser (seconds)").fill("5")
    page.get_by_role("button", name="Set up the round").click()
    expect(page.get_by_text("Round set up. Solve it to see the schedule it proposes.")).to_be_visible()
    rnd = Round.objects.get(name="Browser round")
    assert rnd.days == [second_day] and (rnd.day_starts, rnd.day_ends, rnd.seconds) == (time(10), time(12), 5)
    assert rnd.slot_minutes == demo_market.slot_minutes and rnd.status == RoundStatus.DRAFT

    page.get_by_role("button", name="Solve: preview the schedule").click()
    expect(page.locator("#round-status")).to_contain_text("Being solved")
    # The status card polls every 2 s; when the worker is done the page reloads with the preview.
    preview = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Optimised"))
    expect(preview).to_be_visible(timeout=60_000)
    expect(preview.get_by_role("columnheader", name="First come, first served")).to_be_visible()
    expect(page.locator("#round-status")).to_contain_text("Preview ready")
    screenshot(page, "schedule-round-preview")
    assert not serious_problems(Axe(), page)  # the crawl sees rounds only as set up, never with a preview
    page.set_viewport_size(PHONE)
    fits_a_phone(page)
    screenshot(page, "schedule-round-preview-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    rnd.refresh_from_db()
    proposed = rnd.figures["optimised"]["meetings"]
    assert proposed > 0 and Proposal.objects.filter(round=rnd).count() == proposed

    publish = page.get_by_role("button", name=re.compile(r"^Publish \d+ meetings?$"))
    expect(publish).to_have_text(f"Publish {proposed} meeting{'s' if proposed != 1 else ''}")
    publish.click()
    expect(page.locator("#round-status").get_by_text("Published", exact=True)).to_be_visible(timeout=60_000)
    screenshot(page, "schedule-round-published")

    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.PUBLISHED
    proposals = Proposal.objects.filter(round=rnd).select_related("meeting")
    written = [p.meeting for p in proposals if p.meeting is not None]
    assert len(written) == rnd.figures["published"] > 0
    assert len(written) + rnd.figures["skipped"] == proposed
    for meeting in written:
        assert (meeting.arranged, meeting.status) == (True, Status.ACCEPTED)
        assert (meeting.buyer_confirmed, meeting.rep_confirmed) == (False, False)  # the round asks both to confirm
    assert overlaps() == 0

    # One email per person with meetings, counting theirs, once the outbox has delivered.
    theirs = Counter()
    for meeting in Meeting.objects.filter(pk__in=[m.pk for m in written]).select_related("buyer", "rep"):
        theirs[meeting.buyer.email] += 1
        theirs[meeting.rep.email] += 1

    def arranged_mail():
        return [m for m in list(smtp_sink.messages) if m["Subject"].startswith("Meetings arranged for you")]

    wait_for(lambda: len(arranged_mail()) >= len(theirs), seconds=60, what="the arranged meetings' emails")
    received = Counter(m["To"] for m in arranged_mail())
    assert set(received) == set(theirs) and set(received.values()) == {1}
    assert {m["To"]: m["Subject"] for m in arranged_mail()} == {
        email: f"Meetings arranged for you: {count}" for email, count in theirs.items()
    }


@pytest.fixture
def arranged_for_the_demo_buyer(demo_market):
    """A small round on the market's second day, solved and published in-process: the demo buyer's first
    arranged meeting, waiting for both sides to confirm."""
    wishes_of_a_few_buyers(demo_market, others=10)
    organiser = User.objects.get(email="organiser@example.com")
    rnd = services.round_create(
        market=demo_market, user=organiser, name="Confirm me", days=[market_days(demo_market)[1]],
        day_starts=time(10), day_ends=time(12), slot_minutes=demo_market.slot_minutes, per_person_per_day=4,
        floor=2, only_verified=True, confirm_at_once=False, seconds=5,
    )  # fmt: skip
    services.round_solve_start(rnd=rnd, version=rnd.version)
    services.round_solve(round_id=rnd.pk, version=rnd.version)
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.SOLVED, rnd.error
    services.round_publish_start(rnd=rnd, version=rnd.version)
    services.round_publish(round_id=rnd.pk, version=rnd.version)
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.PUBLISHED
    meeting = (
        Meeting.objects.filter(buyer__email=DEMO_BUYER, arranged=True, status=Status.ACCEPTED)
        .select_related("exhibitor")
        .order_by("during")
        .first()
    )
    assert meeting is not None, f"the round arranged nothing for {DEMO_BUYER}: {rnd.figures}"
    assert not meeting.buyer_confirmed and not meeting.rep_confirmed
    return meeting


def test_a_buyer_confirms_a_meeting_the_organisers_arranged_on_a_phone(
    browser, live_server, arranged_for_the_demo_buyer
):
    meeting = arranged_for_the_demo_buyer
    page = new_page(browser, live_server, **PHONE)
    sign_in(page, DEMO_BUYER, DEMO_PASSWORD)
    page.goto("/meetings/")
    expect(page.get_by_role("heading", name="Your agenda")).to_be_visible()
    page.locator(f"a[href='/meetings/{meeting.pk}/']", has_text=meeting.exhibitor.name).click()
    expect(page.get_by_role("heading", name=re.compile(re.escape(meeting.exhibitor.name)))).to_be_visible()
    expect(page.get_by_text("Arranged by the organisers")).to_be_visible()
    screenshot(page, "schedule-arranged-meeting-phone")
    assert not serious_problems(Axe(), page)
    fits_a_phone(page)
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.get_by_text("Confirmed: thank you.")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm", exact=True)).to_have_count(0)  # nothing left to confirm
    meeting.refresh_from_db()
    assert meeting.buyer_confirmed and not meeting.rep_confirmed
    assert meeting.status == Status.ACCEPTED


def shortlist_companies_open_on(market, buyer: User, day, count: int) -> list[Exhibitor]:
    """`count` companies in different halls, each with open hours that day and only ever at its booth (so a
    planned meeting is in the company's own hall), whom the buyer has no meeting with yet, shortlisted by the
    buyer."""
    open_that_day = Availability.objects.filter(exhibitor=OuterRef("pk"), during__overlap=day_range(market, day))
    elsewhere = Availability.objects.filter(exhibitor=OuterRef("pk")).exclude(place=Place.BOOTH)
    met = Meeting.objects.filter(exhibitor=OuterRef("pk"), buyer=buyer)
    candidates = (
        Exhibitor.objects.filter(market=market, auto_accept_meetings=False)
        .exclude(hall="")
        .filter(Exists(open_that_day), ~Exists(elsewhere), ~Exists(met))
        .order_by("slug")
    )
    chosen: dict[str, Exhibitor] = {}
    for exhibitor in candidates:
        chosen.setdefault(exhibitor.hall, exhibitor)
        if len(chosen) == count:
            break
    assert len(chosen) == count, "the demo market has too few companies open that day"
    for exhibitor in chosen.values():
        Interest.objects.create(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=exhibitor)
    return list(chosen.values())


def test_a_buyer_plans_a_day_from_the_shortlist_and_sends_the_requests_on_a_phone(browser, live_server, demo_market):
    buyer = User.objects.get(email=DEMO_BUYER)
    day = market_days(demo_market)[2]
    Wish.objects.filter(buyer=buyer).delete()  # the plan is then made from the shortlist alone
    shortlisted = shortlist_companies_open_on(demo_market, buyer, day, count=3)
    page = new_page(browser, live_server, **PHONE)
    sign_in(page, DEMO_BUYER, DEMO_PASSWORD)
    page.goto(f"/meetings/plan/?day={day.isoformat()}")
    expect(page.get_by_role("heading", name="Plan my day")).to_be_visible()
    rows = page.locator("table.timetable tbody tr")
    expect(rows).to_have_count(len(shortlisted))  # every shortlisted company fits into the day
    expect(page.get_by_role("heading", name=f"{len(shortlisted)} meetings planned")).to_be_visible()
    halls = {e.name: e.hall for e in shortlisted}
    planned = []
    for n in range(rows.count()):
        row = rows.nth(n)
        company = row.get_by_role("link").first.inner_text()
        assert company in halls, f"{company} was not shortlisted"
        expect(row.locator("td").last).to_contain_text(f"Hall {halls[company]}")
        checkbox = row.get_by_role("checkbox")
        expect(checkbox).to_be_checked()
        planned.append(checkbox.get_attribute("value").split("|"))
    screenshot(page, "schedule-day-plan-phone")
    assert not serious_problems(Axe(), page)  # the crawl's buyer has no shortlist, so no plan
    fits_a_phone(page)

    page.get_by_role("button", name="Send the ticked requests").click()
    expect(page.get_by_text(f"{len(shortlisted)} requests sent.")).to_be_visible()
    assert re.search(rf"\?day={day.isoformat()}$", page.url)  # back on the same day
    for slug, rep_id, start in planned:
        meeting = Meeting.objects.get(
            buyer=buyer, exhibitor__slug=slug, rep_id=int(rep_id), during__startswith=datetime.fromisoformat(start)
        )
        assert meeting.status == Status.PENDING and not meeting.arranged
    assert {slug for slug, _rep, _start in planned} == {e.slug for e in shortlisted}
    screenshot(page, "schedule-day-plan-sent-phone")
