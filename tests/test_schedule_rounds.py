"""Matchmaking rounds on the database: wishes in, a preview of proposals, then meetings through the booking's own
locks and constraints, one email per person, confirmations, and a second run that fills gaps."""

import contextlib
import threading
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from markets.models import Hall
from meetings import services as meeting_services
from meetings.models import Meeting, Status
from notifications.models import OutboundEmail
from scheduling import services
from scheduling.models import HallWalk, Proposal, Round, RoundStatus, Wish
from tests.factories import ExhibitorFactory, UserFactory, team_member
from tests.meetings_fixtures import DAY_ONE, at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db

OVERLAPS_SQL = """
    SELECT count(*) FROM meetings_meeting a JOIN meetings_meeting b ON a.id < b.id
    AND a.status = 'accepted' AND b.status = 'accepted' AND a.during && b.during
    AND (a.buyer_id IN (b.buyer_id, b.rep_id) OR a.rep_id IN (b.buyer_id, b.rep_id))
"""


def overlaps() -> int:
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS_SQL)
        return cursor.fetchone()[0]


@pytest.fixture
def world(market):
    """Two companies in halls 1E and 3G (10 minutes apart), a rep each with open hours 10:00-11:30, three
    verified buyers, and their wishes."""
    east, west = Hall.objects.create(market=market, code="1E"), Hall.objects.create(market=market, code="3G")
    HallWalk.objects.create(market=market, from_hall=east, to_hall=west, minutes=10)
    jade = ExhibitorFactory(market=market, name="Jade Pictures", slug="jade", hall="1E", stand="A01")
    huace = ExhibitorFactory(market=market, name="Huace", slug="huace", hall="3G", stand="B01")
    reps = {}
    for company in (jade, huace):
        reps[company.slug] = team_member(company, email=f"rep@{company.slug}.example")
        open_hours(reps[company.slug], company, start=time(10), end=time(11, 30))
    buyers = [verified_buyer(email=f"buyer{n}@example.com", full_name=f"Buyer {n}") for n in range(3)]
    for buyer in buyers:
        Wish.objects.create(market=market, side="buyer", buyer=buyer, exhibitor=jade, priority="must")
        Wish.objects.create(market=market, side="buyer", buyer=buyer, exhibitor=huace, priority="would")
    Wish.objects.create(market=market, side="exhibitor", buyer=buyers[2], exhibitor=huace, priority="must")
    return {"market": market, "jade": jade, "huace": huace, "reps": reps, "buyers": buyers}


def make_round(market, **changes) -> Round:
    fields = {
        "name": "Day one", "days": [DAY_ONE], "day_starts": time(10), "day_ends": time(12), "slot_minutes": 30,
        "per_person_per_day": 4, "floor": 1, "only_verified": True, "confirm_at_once": False, "seconds": 5,
    }  # fmt: skip
    return services.round_create(market=market, user=UserFactory(is_staff=True), **(fields | changes))


def solved(rnd: Round) -> Round:
    services.round_solve_start(rnd=rnd, version=rnd.version)
    services.round_solve(round_id=rnd.pk, version=rnd.version)
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.SOLVED, rnd.error
    return rnd


def published(rnd: Round) -> Round:
    services.round_publish_start(rnd=rnd, version=rnd.version)
    services.round_publish(round_id=rnd.pk, version=rnd.version)
    rnd.refresh_from_db()
    return rnd


def test_a_solved_round_proposes_every_wish_it_can_without_a_clash_and_beats_or_equals_first_come(world):
    rnd = solved(make_round(world["market"]))
    proposals = list(Proposal.objects.filter(round=rnd).order_by("during"))
    # Three slots per rep (10:00, 10:30, 11:00) and 10 minutes' walk between the halls: a buyer meeting both
    # companies needs the first and the last slot, so only two buyers can; the third meets one company.
    assert len(proposals) == 5
    assert {p.buyer_id for p in proposals} == {buyer.pk for buyer in world["buyers"]}
    by_buyer = {}
    for proposal in proposals:
        by_buyer.setdefault(proposal.buyer_id, []).append(proposal)
    assert sorted(len(theirs) for theirs in by_buyer.values()) == [1, 2, 2]
    for theirs in by_buyer.values():
        if len(theirs) == 2:
            first, then = sorted(theirs, key=lambda p: p.during.lower)
            assert first.during.upper < then.during.lower  # a slot between them, to walk from 1E to 3G
    optimised, greedy = rnd.figures["optimised"], rnd.figures["greedy"]
    assert (optimised["value"], optimised["buyer_min"]) >= (greedy["value"], greedy["buyer_min"])
    assert optimised["met"]["mutual"] == [1, 1]
    assert not Meeting.objects.exists()  # nothing is written before publishing


def test_publishing_writes_accepted_arranged_meetings_and_one_email_per_person_with_a_calendar_file_each(world):
    rnd = published(solved(make_round(world["market"])))
    meetings = Meeting.objects.filter(arranged=True)
    assert rnd.status == RoundStatus.PUBLISHED and meetings.count() == 5
    assert set(meetings.values_list("status", "buyer_confirmed", "rep_confirmed")) == {(Status.ACCEPTED, False, False)}
    assert overlaps() == 0
    emails = OutboundEmail.objects.filter(kind="arranged")
    assert emails.count() == 5  # three buyers, two reps: one each
    jade_rep = emails.get(recipients=["rep@jade.example"])
    assert jade_rep.raw_message.count(b"BEGIN:VCALENDAR") == 3
    # A redelivered task finds the round published and does nothing.
    services.round_publish(round_id=rnd.pk, version=rnd.version - 1)
    assert Meeting.objects.count() == 5 and OutboundEmail.objects.filter(kind="arranged").count() == 5


def test_a_booking_made_after_the_preview_wins_and_the_proposal_for_that_time_is_skipped_saying_why(world):
    rnd = solved(make_round(world["market"]))
    taken = Proposal.objects.filter(round=rnd, exhibitor=world["jade"]).order_by("during").first()
    world["jade"].auto_accept_meetings = True
    world["jade"].save(update_fields=["auto_accept_meetings"])
    late = verified_buyer(email="late@example.com")
    meeting_services.meeting_request(buyer=late, rep=taken.rep, exhibitor=world["jade"], start=taken.during.lower)

    published(rnd)
    taken.refresh_from_db()
    assert taken.meeting is None and "already has a meeting" in taken.skipped_because
    assert Meeting.objects.filter(arranged=True).count() == 4
    assert overlaps() == 0


@pytest.mark.django_db(transaction=True)
def test_a_booking_racing_the_publication_is_never_double_booked(world):
    rnd = solved(make_round(world["market"], name="Race"))
    world["huace"].auto_accept_meetings = True
    world["huace"].save(update_fields=["auto_accept_meetings"])
    racers = [verified_buyer(email=f"racer{n}@example.com") for n in range(6)]
    rep = world["reps"]["huace"]
    starts = [at(world["market"], 10), at(world["market"], 10, 30), at(world["market"], 11)]
    services.round_publish_start(rnd=rnd, version=rnd.version)
    go = threading.Barrier(2)

    def book_everything():
        go.wait()
        try:
            for racer, start in zip(racers, starts * 2, strict=True):
                # Refused when the slot went to the round or an earlier racer.
                with contextlib.suppress(ValidationError):
                    meeting_services.meeting_request(buyer=racer, rep=rep, exhibitor=world["huace"], start=start)
        finally:
            connections.close_all()

    racer = threading.Thread(target=book_everything)
    racer.start()
    go.wait()
    services.round_publish(round_id=rnd.pk, version=rnd.version)
    racer.join()
    assert overlaps() == 0
    rep_meetings = Meeting.objects.filter(rep=rep, status=Status.ACCEPTED)
    assert rep_meetings.count() == 3  # every slot held once, by the round or by a racer
    skipped = Proposal.objects.filter(round=rnd).exclude(skipped_because="").count()
    assert (
        Proposal.objects.filter(round=rnd, meeting__isnull=False).count() + skipped
        == Proposal.objects.filter(round=rnd).count()
    )


def test_each_side_confirms_its_arranged_meeting_and_nobody_else_can(client, world):
    published(solved(make_round(world["market"])))
    meeting = Meeting.objects.filter(arranged=True, buyer=world["buyers"][0]).first()
    stranger = verified_buyer(email="stranger@example.com")
    client.force_login(stranger)
    response = client.post(reverse("meetings:act", args=[meeting.pk, "confirm"]), {"version": meeting.version})
    assert response.status_code == 404

    client.force_login(world["buyers"][0])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Arranged by the organisers" in page and "Confirm" in page
    client.post(reverse("meetings:act", args=[meeting.pk, "confirm"]), {"version": meeting.version})
    meeting.refresh_from_db()
    assert meeting.buyer_confirmed and not meeting.rep_confirmed


def test_solving_again_after_publishing_fills_gaps_and_moves_no_meeting(world):
    rnd = published(solved(make_round(world["market"])))
    before = set(Meeting.objects.values_list("pk", "during", "status"))
    newcomer = verified_buyer(email="newcomer@example.com")
    open_hours(world["reps"]["jade"], world["jade"], start=time(11, 30), end=time(12))
    Wish.objects.create(market=world["market"], side="buyer", buyer=newcomer, exhibitor=world["jade"], priority="must")

    rnd = published(solved(rnd))
    after = set(Meeting.objects.values_list("pk", "during", "status"))
    assert before < after
    added = Meeting.objects.exclude(pk__in=[pk for pk, _d, _s in before])
    assert [meeting.buyer for meeting in added] == [newcomer]
    assert overlaps() == 0


def test_the_schedule_pages_are_staff_only_and_show_the_preview_beside_first_come(client, world):
    rnd = solved(make_round(world["market"]))
    for user in (world["buyers"][0], world["reps"]["jade"]):
        client.force_login(user)
        assert client.get(reverse("scheduling:rounds")).status_code == 404
        assert client.get(reverse("scheduling:round", args=[rnd.pk])).status_code == 404
        response = client.post(
            reverse("scheduling:round", args=[rnd.pk]), {"action": "publish", "version": rnd.version}
        )
        assert response.status_code == 404
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.SOLVED

    client.force_login(UserFactory(is_staff=True))
    page = client.get(reverse("scheduling:round", args=[rnd.pk])).content.decode()
    assert "First come, first served" in page and "Publish 5 meetings" in page
    response = client.post(
        reverse("scheduling:rounds"),
        {"name": "Day two", "days": [DAY_ONE.isoformat()], "day_starts": "12:00", "day_ends": "11:00",
         "slot_minutes": 30, "per_person_per_day": 4, "floor": 2, "seconds": 10},
    )  # fmt: skip
    assert response.status_code == 400 and "The end must come after the start." in response.content.decode()
    assert Round.objects.count() == 1


def test_wish_reminders_go_once_to_each_buyer_and_team_member_in_the_last_day(world):
    from datetime import timedelta

    from django.utils import timezone

    market = world["market"]
    now = timezone.now()
    market.wishes_close_at = now + timedelta(hours=30)
    market.save(update_fields=["wishes_close_at"])
    assert services.wish_reminders_queue(market=market, now=now) == 0  # not yet: more than a day ahead
    later = now + timedelta(hours=7)
    people = 3 + 2  # three buyers, two reps
    assert services.wish_reminders_queue(market=market, now=later) == people
    assert services.wish_reminders_queue(market=market, now=later + timedelta(minutes=5)) == 0
    reminder = OutboundEmail.objects.filter(kind="wish_reminder", recipients=["buyer0@example.com"]).get()
    assert b"/matches/wishes/" in reminder.raw_message
    assert services.wish_reminders_queue(market=market, now=market.wishes_close_at) == 0  # closed


# Every hard rule of a published round, asked of the database itself (pairs of meetings of one person).
RULES_BROKEN_SQL = {
    "inside the rep's open hours": """
        SELECT count(*) FROM meetings_meeting m WHERE m.arranged AND m.status = 'accepted' AND NOT EXISTS (
            SELECT 1 FROM meetings_availability a WHERE a.rep_id = m.rep_id AND a.during @> m.during)
    """,
    "outside busy times": """
        SELECT count(*) FROM meetings_meeting m JOIN meetings_busytime b
        ON b.user_id IN (m.buyer_id, m.rep_id) AND b.during && m.during
        WHERE m.arranged AND m.status = 'accepted'
    """,
    "the round's cap per person and day": """
        SELECT count(*) FROM (
            SELECT p.person, lower(m.during)::date, count(*) FROM meetings_meeting m,
            LATERAL (VALUES (m.buyer_id), (m.rep_id)) p(person)
            WHERE m.arranged AND m.status = 'accepted' GROUP BY 1, 2 HAVING count(*) > %(per_day)s
        ) over_cap
    """,
    "walking time between halls": """
        SELECT count(*) FROM meetings_meeting a JOIN meetings_meeting b
            ON a.id <> b.id AND upper(a.during) <= lower(b.during) AND lower(b.during)::date = lower(a.during)::date
            AND (a.buyer_id IN (b.buyer_id, b.rep_id) OR a.rep_id IN (b.buyer_id, b.rep_id))
        JOIN exhibitors_exhibitor ea ON ea.id = a.exhibitor_id
        JOIN exhibitors_exhibitor eb ON eb.id = b.exhibitor_id AND eb.hall <> ea.hall
        JOIN filmart_hall ha ON ha.code = ea.hall JOIN filmart_hall hb ON hb.code = eb.hall
        JOIN scheduling_hallwalk w ON (w.from_hall_id, w.to_hall_id) IN ((ha.id, hb.id), (hb.id, ha.id))
        WHERE a.status = 'accepted' AND b.status = 'accepted' AND (a.arranged OR b.arranged)
          AND lower(b.during) - upper(a.during) < make_interval(mins => w.minutes)
    """,
}


@pytest.mark.parametrize("seed", range(3))
def test_on_random_markets_a_published_round_breaks_no_hard_rule(market, seed):
    """Random companies, reps' hours, buyers' busy times, booked meetings and wishes; the round solved and
    published; then the database asked whether any hard rule is broken."""
    import random

    rng = random.Random(seed)
    halls = {code: Hall.objects.create(market=market, code=code) for code in ("1E", "3G", "5BC")}
    for (a, b), minutes in {("1E", "3G"): 10, ("1E", "5BC"): 15, ("3G", "5BC"): 8}.items():
        HallWalk.objects.create(market=market, from_hall=halls[a], to_hall=halls[b], minutes=minutes)
    companies = []
    for n in range(4):
        company = ExhibitorFactory(
            market=market, name=f"Company {n}", slug=f"company-{n}", hall=rng.choice(list(halls)), stand=f"S{n}",
            auto_accept_meetings=True,
        )  # fmt: skip
        for r in range(rng.randint(1, 2)):
            rep = team_member(company, email=f"rep{r}@company-{n}.example")
            open_hours(rep, company, start=time(10, rng.choice([0, 30])), end=time(rng.choice([11, 12]), 30))
        companies.append(company)
    buyers = [verified_buyer(email=f"random{n}@example.com") for n in range(6)]
    for buyer in buyers:
        if rng.random() < 0.5:
            start = rng.choice([time(10), time(10, 30), time(11)])
            meeting_services.busy_time_add(
                user=buyer, market=market, day=DAY_ONE, start=start, end=time(start.hour + 1, start.minute)
            )
        for company in rng.sample(companies, rng.randint(1, 4)):
            Wish.objects.create(market=market, side="buyer", buyer=buyer, exhibitor=company,
                                priority=rng.choice(["must", "would"]))  # fmt: skip
            if rng.random() < 0.3:
                Wish.objects.create(market=market, side="exhibitor", buyer=buyer, exhibitor=company,
                                    priority=rng.choice(["must", "would"]))  # fmt: skip
    # A few meetings booked before the round, which it must work around.
    for buyer in rng.sample(buyers, 2):
        company = rng.choice(companies)
        rep = company.team.first().user
        with contextlib.suppress(ValidationError):
            meeting_services.meeting_request(buyer=buyer, rep=rep, exhibitor=company, start=at(market, 11))
    per_day = rng.randint(1, 3)
    rnd = published(solved(make_round(market, per_person_per_day=per_day, floor=rng.randint(0, 2), seconds=3)))

    assert rnd.status == RoundStatus.PUBLISHED and Meeting.objects.filter(arranged=True).exists()
    assert overlaps() == 0
    with connection.cursor() as cursor:
        for rule, sql in RULES_BROKEN_SQL.items():
            cursor.execute(sql, {"per_day": per_day})
            assert cursor.fetchone()[0] == 0, f"broken: {rule}"
