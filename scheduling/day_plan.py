"""A buyer's day plan: "schedule my shortlist". For the companies the buyer wished to meet or shortlisted
(directly or through a title), one free slot with one of their reps on the chosen day, as many companies as
fit, with time to walk between halls, then the fewest idle gaps and hall changes. The round's solver, for one
person."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from exhibitors.models import Exhibitor
from markets.models import Market
from markets.timekeeping import day_range, market_moment
from matchmaking.models import Interest
from meetings.models import Availability, BusyTime, Meeting, Status
from scheduling import selectors
from scheduling.models import Wish, WishSide
from scheduling.solver import Fixed, Instance, Option, Pair, Slot, optimise

PLAN_SECONDS = 0.4  # the optimiser's limit: with reading the day, the page answers well within a second
MOST_COMPANIES = 20  # the most recently shortlisted first


@dataclass
class PlannedMeeting:
    exhibitor: Exhibitor
    rep: User
    start: datetime
    end: datetime
    hall: str | None
    walk_minutes: int = 0  # from the meeting (or planned meeting) before it
    gap_minutes: int = 0


@dataclass
class DayPlan:
    day: date
    meetings: list[PlannedMeeting] = field(default_factory=list)
    unplanned: list[Exhibitor] = field(default_factory=list)  # shortlisted, but no free time in common that day
    fixed: list[Meeting] = field(default_factory=list)  # what the buyer already has that day


def shortlisted_exhibitors(*, buyer: User, market: Market) -> list[Exhibitor]:
    """The companies the buyer wished to meet ("must meet" first), then those they shortlisted, directly or
    through a title (the latest first)."""
    entries = Interest.objects.filter(
        Q(exhibitor__market=market) | Q(title__exhibitor__market=market), user=buyer, kind=Interest.Kind.SHORTLIST
    ).order_by("-created_at")
    wished = Wish.objects.filter(market=market, side=WishSide.BUYER, buyer=buyer).order_by(
        "priority", "created_at"
    )  # "must" < "would"
    ordered: list[int] = list(wished.values_list("exhibitor_id", flat=True))
    for exhibitor_id, title_exhibitor_id in entries.values_list("exhibitor_id", "title__exhibitor_id"):
        pk = exhibitor_id or title_exhibitor_id
        if pk not in ordered:
            ordered.append(pk)
    ordered = ordered[:MOST_COMPANIES]
    by_pk = Exhibitor.objects.in_bulk(ordered)
    return [by_pk[pk] for pk in ordered if pk in by_pk]


def day_plan_for(*, buyer: User, market: Market, day: date) -> DayPlan:
    """The best plan of the day for the buyer's shortlist; nothing is written."""
    exhibitors = shortlisted_exhibitors(buyer=buyer, market=market)
    whole_day = day_range(market, day)
    length = timedelta(minutes=market.slot_minutes)
    start, end = (
        market_moment(market, day, market.meeting_day_start),
        market_moment(market, day, market.meeting_day_end),
    )
    slots = []
    while start + length <= end:
        slots.append(Slot(start, start + length))
        start += length
    halls = {e.pk: e.hall for e in exhibitors}
    open_or_met = [Status.ACCEPTED, Status.PENDING]
    # The buyer's meetings and open requests that day keep their time; the companies' accepted meetings take
    # their reps' slots.
    mine = list(
        Meeting.objects.filter(
            Q(buyer=buyer, status__in=open_or_met) | Q(exhibitor__in=exhibitors, status=Status.ACCEPTED),
            during__overlap=whole_day,
        ).select_related("exhibitor", "rep", "availability__table__hall")
    )
    # Companies the buyer already meets, or has asked, on any day are not planned again.
    already = set(
        Meeting.objects.filter(buyer=buyer, exhibitor__in=exhibitors, status__in=open_or_met).values_list(
            "exhibitor_id", flat=True
        )
    )
    fixed = [
        Fixed(m.during.lower, m.during.upper, selectors._meeting_hall(m, halls | {m.exhibitor_id: m.exhibitor.hall}))
        for m in mine
        if m.buyer_id == buyer.pk
    ]
    fixed += [
        Fixed(d.lower, d.upper)
        for d in BusyTime.objects.filter(user=buyer, during__overlap=whole_day).values_list("during", flat=True)
    ]
    rep_taken: dict[int, list[tuple[datetime, datetime]]] = {}
    for meeting in mine:
        if meeting.status == Status.ACCEPTED:
            rep_taken.setdefault(meeting.rep_id, []).append((meeting.during.lower, meeting.during.upper))
    now = datetime.now(tz=slots[0].start.tzinfo) if slots else None
    options: dict[int, list[Option]] = {}
    reps: dict[int, User] = {}
    windows = Availability.objects.filter(exhibitor__in=exhibitors, during__overlap=whole_day).select_related(
        "rep", "table__hall"
    )
    for window in windows:
        reps[window.rep_id] = window.rep
        hall = selectors._meeting_hall(window, halls)
        for index, slot in enumerate(slots):
            inside = window.during.lower <= slot.start and slot.end <= window.during.upper
            taken = any(a < slot.end and slot.start < b for a, b in rep_taken.get(window.rep_id, []))
            if inside and not taken and slot.start > now and window.rep_id != buyer.pk:
                options.setdefault(window.exhibitor_id, []).append(Option(window.rep_id, index, hall))
    pairs = [
        Pair(buyer=buyer.pk, exhibitor=e.pk, buyer_wish="would", order=n, options=tuple(options.get(e.pk, ())))
        for n, e in enumerate(exhibitors)
        if e.pk not in already
    ]
    instance = Instance(
        slots=slots, pairs=pairs, walk_minutes=selectors.hall_walks(market=market), per_day=len(slots),
        fixed={buyer.pk: fixed}, floor=0, compact_for=buyer.pk,
    )  # fmt: skip
    plan = optimise(instance, seconds=PLAN_SECONDS) if pairs else None
    chosen = plan.chosen if plan else {}
    by_pk = {e.pk: e for e in exhibitors}
    planned = sorted(
        (
            PlannedMeeting(by_pk[pairs[i].exhibitor], reps[o.rep], slots[o.slot].start, slots[o.slot].end, o.hall)
            for i, o in chosen.items()
        ),
        key=lambda p: p.start,
    )
    _walks_and_gaps(planned, fixed, instance)
    unplanned = [by_pk[pair.exhibitor] for index, pair in enumerate(pairs) if index not in chosen]
    return DayPlan(day=day, meetings=planned, unplanned=unplanned, fixed=[m for m in mine if m.buyer_id == buyer.pk])


def _walks_and_gaps(planned: list[PlannedMeeting], fixed: list[Fixed], instance: Instance) -> None:
    """Each planned meeting's walk from, and idle time after, whatever the buyer does just before it."""
    engagements = sorted([(f.start, f.end, f.hall) for f in fixed] + [(p.start, p.end, p.hall) for p in planned])
    for meeting in planned:
        before = [e for e in engagements if e[1] <= meeting.start]
        if before:
            _start, end, hall = before[-1]
            meeting.walk_minutes = instance.walk(hall, meeting.hall)
            meeting.gap_minutes = int((meeting.start - end).total_seconds() // 60)


@dataclass
class Sent:
    booked: int = 0
    requested: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (company, why)


def day_plan_send(*, buyer: User, market: Market, chosen: list[tuple[str, str, str]]) -> Sent:
    """Each chosen (company slug, rep id, start) as a request (or a booking, where the company accepts at once),
    each on its own, by the booking's own rules: a slot taken since the plan was drawn is refused and said."""
    from django.core.exceptions import ValidationError

    from exhibitors.models import TeamMember
    from meetings import services as meeting_services
    from web.converters import parse_id

    sent = Sent()
    slugs = {slug for slug, _rep, _start in chosen}
    exhibitors = {e.slug: e for e in Exhibitor.objects.filter(market=market, slug__in=slugs).select_related("market")}
    for slug, rep_id, start in chosen:
        exhibitor = exhibitors.get(slug)
        if exhibitor is None:
            continue  # not a company of this market: nothing to say about it
        try:
            member = TeamMember.objects.filter(exhibitor=exhibitor, user_id=parse_id(rep_id)).select_related("user")
            rep = member.first()
            if rep is None:
                raise ValidationError(_("This person is not on the exhibitor's team."))
            meeting = meeting_services.meeting_request(
                buyer=buyer, rep=rep.user, exhibitor=exhibitor, start=meeting_services.SlotChoice.parse(start).start
            )
        except ValidationError as error:
            sent.refused.append((exhibitor.name, " ".join(error.messages)))
            continue
        if meeting.status == Status.ACCEPTED:
            sent.booked += 1
        else:
            sent.requested += 1
    return sent
