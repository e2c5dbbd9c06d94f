"""Reads for matchmaking rounds: the solver's instance built from the wishes, open hours, meetings, busy times,
halls and lounge tables of the market, in a handful of queries whatever the market's size."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor
from markets.models import Market, MeetingTable
from markets.timekeeping import market_moment
from matchmaking.models import Verification
from meetings.models import Availability, BusyTime, Meeting, Place, Status
from scheduling.models import HallWalk, Proposal, Round, Wish, WishSide
from scheduling.solver import Fixed, Instance, Option, Pair, Slot

# Options kept per wished pair (a draw over the days and reps): enough choice for the optimiser, a model small
# enough to improve the demo market's in a minute.
OPTIONS_PER_PAIR = 24

# Per wished pair, the best rights fit among the exhibitor's titles: the share (0-100) of the buyer's
# (territory, medium) pairs a title leaves open, as the recommendations score it (matchmaking.selectors).
PAIR_FIT_SQL = """
WITH pairs AS (
    SELECT DISTINCT buyer_id, exhibitor_id FROM scheduling_wish WHERE market_id = %(market)s
),
buyers AS (
    SELECT p.user_id, ARRAY(SELECT DISTINCT territory_number(t) FROM unnest(p.territories) t) AS numbers,
        p.media, greatest(cardinality(p.territories) * cardinality(p.media), 1) AS pair_count
    FROM matchmaking_buyerprofile p WHERE p.user_id IN (SELECT buyer_id FROM pairs)
),
per_title AS (
    SELECT w.buyer_id, w.exhibitor_id, b.pair_count, sum(
        CASE WHEN c.worldwide_except THEN cardinality(b.numbers) - icount(c.territory_numbers & b.numbers)
             ELSE icount(c.territory_numbers & b.numbers) END
    ) AS open_count
    FROM pairs w
    JOIN buyers b ON b.user_id = w.buyer_id
    JOIN exhibitors_title t ON t.exhibitor_id = w.exhibitor_id
    JOIN exhibitors_mediumcoverage c ON c.title_id = t.id AND c.medium = ANY(b.media)
    GROUP BY w.buyer_id, w.exhibitor_id, t.id, b.pair_count
)
SELECT buyer_id, exhibitor_id, least(100, max(100 * open_count / pair_count))::int FROM per_title GROUP BY 1, 2
"""


@dataclass
class RoundData:
    """The instance and what publishing and the preview need to turn its answer back into rows."""

    instance: Instance
    windows: dict[tuple[int, int], Availability]  # (rep, slot) -> the open hours holding it
    tables: dict[tuple[str, int], list[MeetingTable]]  # (hall, slot) -> free lounge tables
    exhibitor_halls: dict[int, str]
    unwished: int  # wishes left out (buyer not verified, not a buyer any more...)


def round_slots(rnd: Round, market: Market) -> list[Slot]:
    slots = []
    for day in sorted(rnd.days):
        start = market_moment(market, day, rnd.day_starts)
        end_of_day = market_moment(market, day, rnd.day_ends)
        while start + timedelta(minutes=rnd.slot_minutes) <= end_of_day:
            slots.append(Slot(start, start + timedelta(minutes=rnd.slot_minutes)))
            start += timedelta(minutes=rnd.slot_minutes)
    return slots


def hall_walks(*, market: Market) -> dict[tuple[str, str], int]:
    return {
        (walk.from_hall.code, walk.to_hall.code): walk.minutes
        for walk in HallWalk.objects.filter(market=market).select_related("from_hall", "to_hall")
    }


def _meeting_hall(meeting_or_window, exhibitor_halls: dict[int, str]) -> str | None:
    if meeting_or_window.place == Place.ONLINE:
        return None
    table = getattr(getattr(meeting_or_window, "availability", meeting_or_window), "table", None)
    if table is not None and table.hall_id:
        return table.hall.code
    return exhibitor_halls.get(meeting_or_window.exhibitor_id) or None


def _pairs_wished(rnd: Round, market: Market) -> tuple[dict[tuple[int, int], dict], int]:
    """(buyer, exhibitor) -> each side's priority and the first-come order, from the market's wishes."""
    wishes = Wish.objects.filter(market=market, exhibitor__market=market).values_list(
        "pk", "side", "buyer_id", "exhibitor_id", "priority", "buyer__buyer_profile__verification", "buyer__role"
    )
    pairs: dict[tuple[int, int], dict] = {}
    left_out = 0
    for pk, side, buyer_id, exhibitor_id, priority, verification, role in wishes.order_by("created_at", "pk"):
        if role != "buyer" or (rnd.only_verified and verification != Verification.VERIFIED):
            left_out += 1
            continue
        pair = pairs.setdefault((buyer_id, exhibitor_id), {"buyer": "", "exhibitor": "", "order": pk})
        pair["buyer" if side == WishSide.BUYER else "exhibitor"] = priority
    return pairs, left_out


def _fits(market: Market) -> dict[tuple[int, int], int]:
    with connection.cursor() as cursor:
        cursor.execute(PAIR_FIT_SQL, {"market": market.pk})
        return {(buyer, exhibitor): fit for buyer, exhibitor, fit in cursor.fetchall()}


def _spread(options: list[Option], slots: list[Slot], limit: int, *, seed: int) -> tuple[Option, ...]:
    """At most `limit` options, drawn at random but the same each time for one pair (`seed`): every pair of a
    company gets a different draw, so that between them they cover all its reps' slots."""
    if len(options) > limit:
        options = random.Random(seed).sample(options, limit)
    return tuple(sorted(options, key=lambda option: (slots[option.slot].start, option.rep)))


def round_data(*, rnd: Round) -> RoundData:
    """Everything the solver needs for this round, and the maps back from its answer to open hours and tables."""
    market = rnd.market
    slots = round_slots(rnd, market)
    span = DateTimeTZRange(slots[0].start, slots[-1].end, "[)") if slots else None
    wished, left_out = _pairs_wished(rnd, market)
    exhibitor_ids = {exhibitor for _buyer, exhibitor in wished}
    exhibitor_halls = dict(Exhibitor.objects.filter(pk__in=exhibitor_ids).values_list("pk", "hall"))

    # Open hours of the wished exhibitors' reps, cut into the round's slots.
    windows: dict[tuple[int, int], Availability] = {}
    options_of: dict[int, list[Option]] = defaultdict(list)  # exhibitor -> options
    if span is not None:
        hours = Availability.objects.filter(exhibitor_id__in=exhibitor_ids, during__overlap=span).select_related(
            "table__hall"
        )
        lounge_halls = _lounge_halls(market)
        for window in hours.order_by("during"):
            hall = _meeting_hall(window, exhibitor_halls)
            # A rep with no booth and no named table meets at a business lounge table.
            lounge = (
                window.place != Place.ONLINE
                and window.table_id is None
                and (window.place == Place.TABLE or not exhibitor_halls.get(window.exhibitor_id))
            )
            if lounge:
                if not lounge_halls:
                    continue
                hall = lounge_halls[0]
            for index, slot in enumerate(slots):
                if window.during.lower <= slot.start and slot.end <= window.during.upper:
                    windows[window.rep_id, index] = window
                    options_of[window.exhibitor_id].append(Option(window.rep_id, index, hall, lounge))

    people = {buyer for buyer, _exhibitor in wished} | {
        option.rep for options in options_of.values() for option in options
    }
    fixed, held_per_day, met_pairs, already = _taken(rnd, market, people, span, exhibitor_halls)
    fits = _fits(market) if wished else {}
    pairs = []
    for (buyer, exhibitor), wish in wished.items():
        if (buyer, exhibitor) in met_pairs:
            continue  # met already (booked, or arranged by an earlier run of this round)
        options = [option for option in options_of.get(exhibitor, []) if option.rep != buyer]
        pairs.append(
            Pair(
                buyer=buyer, exhibitor=exhibitor, buyer_wish=wish["buyer"], exhibitor_wish=wish["exhibitor"],
                fit=fits.get((buyer, exhibitor), 0), order=wish["order"],
                options=_spread(options, slots, OPTIONS_PER_PAIR, seed=buyer * 1_000_003 + exhibitor),
            )
        )  # fmt: skip
    cap = market.daily_meeting_cap
    day_cap_left = {key: max(0, cap - count) for key, count in held_per_day.items()} if cap else {}
    tables = _free_lounge_tables(market, slots)
    instance = Instance(
        slots=slots, pairs=pairs, walk_minutes=hall_walks(market=market), per_day=rnd.per_person_per_day,
        day_cap_left=day_cap_left, lounge_tables={key: len(free) for key, free in tables.items()},
        fixed=fixed, floor=rnd.floor, already=already,
    )  # fmt: skip
    return RoundData(instance, windows, tables, exhibitor_halls, left_out)


def _taken(rnd: Round, market: Market, people: set[int], span, exhibitor_halls):
    """Each person's meetings and busy times in the round's span (with halls), accepted meetings per person and
    market day, the (buyer, exhibitor) pairs that already have a meeting, and this round's meetings per buyer."""
    fixed: dict[int, list[Fixed]] = defaultdict(list)
    per_day: dict[tuple[int, date], int] = defaultdict(int)
    met_pairs: set[tuple[int, int]] = set()
    if span is None or not people:
        return fixed, per_day, met_pairs, {}
    from markets.timekeeping import market_zone

    zone = market_zone(market)
    meetings = Meeting.objects.filter(
        Q(buyer_id__in=people) | Q(rep_id__in=people), status=Status.ACCEPTED
    ).select_related("availability__table__hall")
    for meeting in meetings.only(
        "buyer_id", "rep_id", "exhibitor_id", "during", "place", "availability__table__hall__code"
    ):
        met_pairs.add((meeting.buyer_id, meeting.exhibitor_id))
        if not meeting.during.upper > span.lower or not meeting.during.lower < span.upper:
            continue
        hall = _meeting_hall(meeting, exhibitor_halls)
        day = meeting.during.lower.astimezone(zone).date()
        for person in (meeting.buyer_id, meeting.rep_id):
            if person in people:
                fixed[person].append(Fixed(meeting.during.lower, meeting.during.upper, hall))
                per_day[person, day] += 1
    for busy in BusyTime.objects.filter(user_id__in=people, during__overlap=span).only("user_id", "during"):
        fixed[busy.user_id].append(Fixed(busy.during.lower, busy.during.upper, None))
    already: dict[int, int] = defaultdict(int)
    for buyer in Proposal.objects.filter(round=rnd, meeting__status=Status.ACCEPTED).values_list("buyer_id", flat=True):
        already[buyer] += 1
    return fixed, per_day, met_pairs, dict(already)


def _lounge_halls(market: Market) -> list[str]:
    """Halls with meeting tables, the one with the most first: where lounge meetings go."""
    counts: dict[str, int] = defaultdict(int)
    for code in MeetingTable.objects.filter(market=market, is_active=True, hall__isnull=False).values_list(
        "hall__code", flat=True
    ):
        counts[code] += 1
    return sorted(counts, key=lambda code: (-counts[code], code))


def _free_lounge_tables(market: Market, slots: list[Slot]) -> dict[tuple[str, int], list[MeetingTable]]:
    """Per lounge hall and slot, the active tables no rep holds then."""
    if not slots:
        return {}
    tables = list(MeetingTable.objects.filter(market=market, is_active=True, hall__isnull=False).select_related("hall"))
    span = DateTimeTZRange(slots[0].start, slots[-1].end, "[)")
    held: dict[int, list] = defaultdict(list)
    for table_id, during in Availability.objects.filter(table__in=tables, during__overlap=span).values_list(
        "table_id", "during"
    ):
        held[table_id].append(during)
    free: dict[tuple[str, int], list[MeetingTable]] = defaultdict(list)
    for index, slot in enumerate(slots):
        for table in tables:
            if not any(d.lower < slot.end and slot.start < d.upper for d in held[table.pk]):
                free[table.hall.code, index].append(table)
    return dict(free)


def rounds_of(*, market: Market) -> list[Round]:
    return list(Round.objects.filter(market=market))


def round_of(*, market: Market, pk: int) -> Round | None:
    return Round.objects.filter(market=market, pk=pk).first()


def proposals_of(*, rnd: Round, limit: int = 200) -> list[Proposal]:
    return list(
        Proposal.objects.filter(round=rnd)
        .select_related("exhibitor", "buyer", "rep", "meeting")
        .order_by("during")[:limit]
    )


def wish_window_open(*, market: Market, now: datetime) -> bool:
    return market.wishes_close_at is None or now < market.wishes_close_at


WISH_KINDS = (
    ("mutual", _("Mutual wishes met")),
    ("buyer_must", _("Buyers' “must meet” met")),
    ("exhibitor_must", _("Exhibitors' “must meet” met")),
    ("buyer_would", _("Buyers' “would like” met")),
    ("exhibitor_would", _("Exhibitors' “would like” met")),
)
UNMET_REASONS = {
    "no_common_time": _("No common free time"),
    "cap": _("A daily cap is reached"),
    "capacity": _("No lounge table free"),
    "outranked": _("Their free times in common went to wishes worth more"),
}


def preview_rows(figures: dict) -> list[dict]:
    """The preview's table: each figure for the optimiser and the first-come baseline, side by side."""
    optimised, greedy = figures.get("optimised"), figures.get("greedy")
    if not optimised or not greedy:
        return []
    rows = [
        {"label": _("Meetings"), "optimised": optimised["meetings"], "greedy": greedy["meetings"]},
        {"label": _("Total value of met wishes"), "optimised": optimised["value"], "greedy": greedy["value"]},
    ]
    for kind, label in WISH_KINDS:
        met, wished = optimised["met"][kind]
        if wished:
            rows.append(
                {"label": label, "optimised": f"{met} / {wished}", "greedy": f"{greedy['met'][kind][0]} / {wished}"}
            )
    rows += [
        {"label": _("Fewest meetings of a buyer with a wish that can be met"), "optimised": optimised["buyer_min"],
         "greedy": greedy["buyer_min"]},
        {"label": _("Buyers with a wish that can be met who get none"), "optimised": optimised["buyers_with_none"],
         "greedy": greedy["buyers_with_none"]},
        {"label": _("Seconds to plan"), "optimised": optimised["seconds"], "greedy": greedy["seconds"]},
    ]  # fmt: skip
    return rows


def unmet_rows(figures: dict) -> list[dict]:
    return [
        {**row, "reason_text": UNMET_REASONS.get(row.get("reason", ""), "")} for row in figures.get("unmet_musts", [])
    ]
