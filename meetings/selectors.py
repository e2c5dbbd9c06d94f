"""Reads: free slots, agendas, requests, and the one meeting a person may see."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from exhibitors.models import Exhibitor, TeamMember, Title
from markets.models import Market
from markets.timekeeping import day_range, market_days, market_zone
from matchmaking.models import BuyerProfile
from matchmaking.selectors import buyer_visible_to_team
from meetings.models import Availability, BusyTime, Meeting, Participation, Status


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    place: str
    place_detail: str
    state: str  # free, taken, past, mine (you meet this rep then), yours (you meet someone else then),
    # busy (you blocked it), asked (you asked for it already)

    @property
    def free(self) -> bool:
        return self.state == "free"

    @property
    def where(self) -> tuple[str, str]:
        return self.place, self.place_detail


def _overlaps(ranges: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> bool:
    return any(lower < end and start < upper for lower, upper in ranges)


def slots_for_rep(*, rep: User, exhibitor: Exhibitor, day: date, viewer: User | None = None) -> list[Slot]:
    """The rep's slots on a market day, each with what it means to the viewer. Three queries."""
    market = exhibitor.market
    length = timedelta(minutes=market.slot_minutes)
    whole_day = day_range(market, day)
    windows = list(Availability.objects.filter(rep=rep, exhibitor=exhibitor, during__overlap=whole_day))
    meetings = Meeting.objects.filter(during__overlap=whole_day, status__in=[Status.ACCEPTED, Status.PENDING])
    # The viewer's own meetings matter too: a slot when they meet someone else is not free for them.
    meetings = meetings.filter(Q(rep=rep) | Q(buyer=viewer)) if viewer is not None else meetings.filter(rep=rep)
    taken, mine, yours, asked = [], [], [], []
    for meeting in meetings.only("rep_id", "buyer_id", "status", "during"):
        span = (meeting.during.lower, meeting.during.upper)
        if meeting.status == Status.ACCEPTED and meeting.rep_id == rep.pk:
            (mine if viewer is not None and meeting.buyer_id == viewer.pk else taken).append(span)
        elif meeting.status == Status.ACCEPTED:
            yours.append(span)
        elif viewer is not None and meeting.buyer_id == viewer.pk and meeting.rep_id == rep.pk:
            asked.append(span)
    busy = (
        [(b.lower, b.upper) for b in BusyTime.objects.filter(user=viewer, during__overlap=whole_day).values_list(
            "during", flat=True
        )]
        if viewer is not None
        else []
    )  # fmt: skip
    now = timezone.now()
    slots = []
    for window in windows:
        start = window.during.lower
        while start + length <= window.during.upper:
            end = start + length
            if start <= now:
                state = "past"
            elif _overlaps(mine, start, end):
                state = "mine"
            elif _overlaps(taken, start, end):
                state = "taken"
            elif _overlaps(asked, start, end):
                state = "asked"
            elif _overlaps(yours, start, end):
                state = "yours"
            elif _overlaps(busy, start, end):
                state = "busy"
            else:
                state = "free"
            slots.append(Slot(start, end, window.place, window.place_detail, state))
            start = end
    return slots


def next_free_slots(
    *, rep: User, exhibitor: Exhibitor, after: datetime, viewer: User | None, limit: int = 3
) -> list[Slot]:
    """The rep's next free slots from `after`, over the market's remaining days."""
    found: list[Slot] = []
    zone = market_zone(exhibitor.market)
    for day in market_days(exhibitor.market):
        if day < after.astimezone(zone).date():
            continue
        found += [
            s
            for s in slots_for_rep(rep=rep, exhibitor=exhibitor, day=day, viewer=viewer)
            if s.free and s.start >= after
        ]
        if len(found) >= limit:
            break
    return found[:limit]


def reps_of(exhibitor: Exhibitor) -> list[User]:
    """Team members with open hours, the ones a buyer can ask."""
    return list(
        User.objects.filter(
            memberships__exhibitor=exhibitor, availability__exhibitor=exhibitor
        ).distinct().order_by("full_name", "email")
    )  # fmt: skip


def days_with_hours(*, exhibitor: Exhibitor, rep: User) -> list[date]:
    zone = market_zone(exhibitor.market)
    windows = Availability.objects.filter(exhibitor=exhibitor, rep=rep).values_list("during", flat=True)
    return sorted({during.lower.astimezone(zone).date() for during in windows})


def _with_people(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("exhibitor", "rep", "buyer", "buyer__buyer_profile").prefetch_related(
        Prefetch("titles", queryset=Title.objects.only("id", "slug", "english_title", "original_title"))
    )


def _at(market: Market, meetings) -> list[Meeting]:
    """The meetings of a list all held at `market`, given it (their cards show its times), not read each."""
    meetings = list(meetings)
    for meeting in meetings:
        meeting.market = market
    return meetings


def taking_part(user: User) -> Q:
    """Meetings the user is in: as the buyer, or as the rep while still on the company's team (a removed
    member keeps no sight of the company's meetings)."""
    companies = TeamMember.objects.filter(user=user).values("exhibitor_id")
    return Q(buyer=user) | Q(rep=user, exhibitor_id__in=companies)


def agenda_for(*, user: User, market: Market, day: date | None = None) -> list[Meeting]:
    """The user's accepted meetings, in time order (one day or the whole market)."""
    meetings = Meeting.objects.filter(taking_part(user), market=market, status=Status.ACCEPTED)
    if day is not None:
        meetings = meetings.filter(during__overlap=day_range(market, day))
    return _at(market, _with_people(meetings).order_by("during"))


def team_agenda_for(*, exhibitor: Exhibitor, day: date | None = None) -> list[Meeting]:
    meetings = Meeting.objects.filter(exhibitor=exhibitor, status=Status.ACCEPTED)
    if day is not None:
        meetings = meetings.filter(during__overlap=day_range(exhibitor.market, day))
    return _at(exhibitor.market, _with_people(meetings).order_by("during", "rep__full_name"))


def requests_for(*, user: User, market: Market) -> dict[str, list[Meeting]]:
    """Requests waiting for this user, those they wait on, and the ones closed lately."""
    mine = _with_people(
        Meeting.objects.filter(taking_part(user), market=market).exclude(status=Status.ACCEPTED)
    ).order_by("-updated_at")
    waiting_on_me, waiting_on_them, closed = [], [], []
    for meeting in _at(market, mine[:300]):
        if meeting.status != Status.PENDING:
            closed.append(meeting)
        elif (meeting.awaiting == "buyer") == (meeting.buyer_id == user.pk):
            waiting_on_me.append(meeting)
        else:
            waiting_on_them.append(meeting)
    waiting_on_me.sort(key=lambda m: m.during.lower)
    waiting_on_them.sort(key=lambda m: m.during.lower)
    return {"waiting_on_me": waiting_on_me, "waiting_on_them": waiting_on_them, "closed": closed[:50]}


def visible_meetings(*, user: User) -> QuerySet[Meeting]:
    """Meetings this user takes part in, or that their company holds."""
    companies = TeamMember.objects.filter(user=user).values("exhibitor_id")
    return Meeting.objects.filter(Q(buyer=user) | Q(exhibitor_id__in=companies))


def meeting_for(*, user: User, pk: int) -> Meeting:
    """One meeting, or 404 for anyone outside it: the same answer whether it exists or not."""
    meeting = _with_people(visible_meetings(user=user)).select_related("market").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def feed_meetings(*, user: User) -> list[Meeting]:
    """A personal calendar: the user's own meetings, accepted or cancelled (so calendars drop those)."""
    return list(
        _with_people(
            Meeting.objects.filter(taking_part(user), status__in=[Status.ACCEPTED, Status.CANCELLED])
        )
        .select_related("market")
        .order_by("during")
    )


def meeting_counts(*, user: User, market: Market) -> dict[str, int]:
    """How many meetings the user has, and how many requests wait for their answer. One query."""
    waiting_on_me = Q(status=Status.PENDING) & (
        Q(buyer=user, awaiting="buyer") | Q(rep=user, awaiting="rep")
    )  # fmt: skip
    return Meeting.objects.filter(taking_part(user), market=market).aggregate(
        accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
        waiting=Count("pk", filter=waiting_on_me),
    )


# Pairs of accepted meetings that share a participant (as rep or as buyer) and overlap in time. The exclusion
# constraints make this zero; the count is the proof that tests, benchmarks and organisers can ask for.
DOUBLE_BOOKINGS_SQL = """
    WITH taking_part AS (
        SELECT id, during, rep_id AS person FROM meetings_meeting WHERE status = 'accepted'
        UNION ALL
        SELECT id, during, buyer_id AS person FROM meetings_meeting WHERE status = 'accepted'
    )
    SELECT count(*) FROM taking_part a JOIN taking_part b
        ON a.person = b.person AND a.id < b.id AND a.during && b.during
"""


def double_bookings_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(DOUBLE_BOOKINGS_SQL)
        return cursor.fetchone()[0]


def buyer_invitable(*, exhibitor: Exhibitor, buyer_id: int) -> bool:
    """A team invites the buyers it can see: those its matches show it, and those it has met or been asked by."""
    if Meeting.objects.filter(exhibitor=exhibitor, buyer__buyer_profile__pk=buyer_id).exists():
        return True
    return buyer_visible_to_team(exhibitor=exhibitor, buyer_id=buyer_id)


def market_span(market: Market) -> DateTimeTZRange:
    """The market's days, from the first midnight to the last, on its clock."""
    return DateTimeTZRange(day_range(market, market.starts_on).lower, day_range(market, market.ends_on).upper, "[)")


def busy_times_for(*, user: User, market: Market) -> QuerySet[BusyTime]:
    """A buyer's busy times at this market."""
    return BusyTime.objects.filter(user=user, market=market).order_by("during")


def hours_entry_exists(*, user: User, market: Market, exhibitor: Exhibitor | None, pk: int) -> bool:
    """Whether `pk` is one of the user's own open-hours windows (a rep, at their company) or busy times at this
    market."""
    if exhibitor is not None:
        return Availability.objects.filter(pk=pk, rep=user, exhibitor=exhibitor).exists()
    return busy_times_for(user=user, market=market).filter(pk=pk).exists()


def buyers_of_market(*, market: Market) -> QuerySet[BuyerProfile]:
    """The buyers taking part in a market.

    Buyers sign up once and keep their account and profile from one edition to the next, so no column says
    which market a buyer is at. A buyer is at a market where they asked for a meeting or agreed to one (an
    invitation they accepted, even if cancelled since). Invitations a rep sent that the buyer never took up do
    not count: a team may invite any buyer its matches show, last year's among them. A buyer who has asked for
    or agreed to no meeting at any market yet is at the current market, the one open for sign-up.
    """
    # Read from the counts PostgreSQL keeps (Participation), as a set the planner hashes once. The same rule
    # one buyer at a time is the SQL function buyer_takes_part (migration 0011), which matchmaking's SQL uses;
    # tests/test_participation.py holds the two to the same answers.
    taking_part = Participation.objects.filter(meetings__gt=0)
    here = Q(user_id__in=taking_part.filter(market_id=market.pk).values("buyer_id"))
    if not market.is_current:
        return BuyerProfile.objects.filter(here)
    return BuyerProfile.objects.filter(here | ~Q(user_id__in=taking_part.values("buyer_id")))

