"""Writes: open hours, busy times, and every step of a meeting's life. Views and tasks call these.

Every change of a meeting is a compare-and-swap on (id, status, version): a page or an email link carries
the version it was drawn from, and acting on anything that has moved on since changes nothing and says so.
Overlaps, past slots and slots outside open hours are refused by PostgreSQL (see models); the constraint's
name becomes the message.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from exhibitors import services as exhibitor_services
from exhibitors.models import Exhibitor, TeamMember, TeamRole, Title
from markets.models import Market
from markets.timekeeping import market_moment, market_zone
from matchmaking.models import BuyerProfile, Verification
from meetings import notify
from meetings.models import (
    AVAILABILITY_INSIDE_MARKET_HOURS,
    AVAILABILITY_KEEPS_ITS_MEETINGS,
    MEETING_INSIDE_AVAILABILITY,
    MEETING_NOT_IN_PAST,
    MESSAGE_MAX_LENGTH,
    Attendance,
    Availability,
    BusyTime,
    CalendarFeed,
    ClosedBecause,
    Meeting,
    MeetingTable,
    Place,
    Side,
    Status,
    new_feed_token,
)
from web.caps import cap_enforce, per_day, per_hour
from web.validators import validate_single_line

CONSTRAINT_MESSAGES = {
    "meeting_rep_in_one_place": gettext_lazy("The rep already has a meeting at this time."),
    "meeting_buyer_in_one_place": gettext_lazy("The buyer already has a meeting at this time."),
    "meeting_one_open_request_per_slot": gettext_lazy("There is already an open request between you for this time."),
    "meeting_two_people": gettext_lazy("Nobody meets themselves."),
    MEETING_NOT_IN_PAST: gettext_lazy("This slot has already started."),
    MEETING_INSIDE_AVAILABILITY: gettext_lazy("This time is not among the rep's open hours."),
    AVAILABILITY_INSIDE_MARKET_HOURS: gettext_lazy("Open hours must lie within one market day's meeting hours."),
    AVAILABILITY_KEEPS_ITS_MEETINGS: gettext_lazy("These open hours hold meetings; cancel or move them first."),
    "availability_no_overlap": gettext_lazy("This overlaps open hours you already have."),
    "availability_table_one_rep": gettext_lazy("Another rep holds this table at these times."),
    "busy_time_no_overlap": gettext_lazy("This overlaps a busy time you already have."),
}

logger = logging.getLogger(__name__)

# Namespace of the advisory locks that serialise accepting meetings per person (for the daily cap).
PERSON_LOCK = 7301
LOCK_PEOPLE_SQL = (
    "SELECT pg_advisory_xact_lock(%s, person) FROM (SELECT DISTINCT unnest(%s::int[]) person ORDER BY 1) p"
)


class StaleAction(ValidationError):
    """The meeting moved on since the page or email link was made."""


def _constraint_message(error: IntegrityError) -> str:
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    return str(CONSTRAINT_MESSAGES.get(name, _("That would clash with another meeting.")))


def _bounded(text: str) -> str:
    """A message or reason as stored and mailed: trimmed, and refused when longer than an email should carry."""
    text = (text or "").strip()
    ProhibitNullCharactersValidator()(text)  # PostgreSQL stores no NUL in text
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Keep it to %(limit)s characters at most; this one has %(length)s.")
            % {"limit": MESSAGE_MAX_LENGTH, "length": len(text)}
        )
    return text


def _one_line(text: str) -> str:
    text = (text or "").strip()
    validate_single_line(text)
    return text


def _insert(meeting: Meeting) -> None:
    """Insert a new meeting inside the caller's transaction (its own atomic block, which a refusal rolls back
    whole): no savepoint of its own, a refused constraint becomes a ValidationError with its message."""
    try:
        meeting.save(force_insert=True)
    except IntegrityError as error:
        raise ValidationError(_constraint_message(error)) from error


def _saving(action):
    """Run a write in a savepoint; a refused constraint becomes a ValidationError with its message."""
    try:
        with transaction.atomic():
            return action()
    except IntegrityError as error:
        raise ValidationError(_constraint_message(error)) from error


# --- Open hours and busy times -------------------------------------------------------------------------


def rep_may_meet_for(*, user: User, exhibitor: Exhibitor) -> bool:
    return TeamMember.objects.filter(user=user, exhibitor=exhibitor).exists()


def availability_add(
    *,
    rep: User,
    exhibitor: Exhibitor,
    day: date,
    start: time,
    end: time,
    place: str,
    place_detail: str = "",
    table: MeetingTable | None = None,
) -> Availability:
    market = exhibitor.market
    if not rep_may_meet_for(user=rep, exhibitor=exhibitor):
        raise ValidationError(_("Only members of the exhibitor's team publish its open hours."))
    if end <= start:
        raise ValidationError(_("The end must come after the start."))
    during = DateTimeTZRange(market_moment(market, day, start), market_moment(market, day, end), "[)")
    if during.upper - during.lower < timedelta(minutes=market.slot_minutes):
        raise ValidationError(
            _("Open hours must hold at least one %(minutes)s-minute slot.") % {"minutes": market.slot_minutes}
        )
    if place == Place.TABLE and table is not None:
        if table.market_id != market.pk or not table.is_active:
            raise ValidationError(_("This table is not in use at this market."))
        place_detail = table.name
    else:
        table = None
    if place in (Place.TABLE, Place.ONLINE) and not place_detail.strip():
        raise ValidationError(_("Name the table or room, or give the link for online meetings."))
    window = Availability(
        market=market, exhibitor=exhibitor, rep=rep, during=during, place=place, place_detail=_one_line(place_detail),
        table=table,
    )  # fmt: skip
    return _saving(lambda: window.save() or window)


@transaction.atomic
def availability_remove(*, availability_id: int, rep: User) -> None:
    """Remove open hours; open requests in them are declined, accepted meetings keep them in place."""
    # First wait for any accept of this rep's meetings: it declines requests in these hours as this does, and
    # the two locking the same requests in opposite orders would deadlock.
    _lock_people(rep.pk)
    window = (
        Availability.objects.select_for_update()
        .filter(pk=availability_id, rep=rep, exhibitor__team__user=rep)  # only while on the company's team
        .first()
    )
    if window is None:
        raise ValidationError(_("These open hours are already gone."))
    if window.meetings.filter(status=Status.ACCEPTED).exists():
        raise ValidationError(str(CONSTRAINT_MESSAGES[AVAILABILITY_KEEPS_ITS_MEETINGS]))
    _close_all(window.meetings.filter(status=Status.PENDING), because=ClosedBecause.WINDOW_REMOVED)
    _saving(window.delete)


def busy_time_add(*, user: User, market: Market, day: date, start: time, end: time, note: str = "") -> BusyTime:
    if end <= start:
        raise ValidationError(_("The end must come after the start."))
    busy = BusyTime(
        market=market,
        user=user,
        during=DateTimeTZRange(market_moment(market, day, start), market_moment(market, day, end), "[)"),
        note=_one_line(note),
    )
    return _saving(lambda: busy.save() or busy)


def busy_time_remove(*, busy_time_id: int, user: User) -> None:
    BusyTime.objects.filter(pk=busy_time_id, user=user).delete()


def _is_busy(user_id: int, during: DateTimeTZRange) -> bool:
    return BusyTime.objects.filter(user_id=user_id, during__overlap=during).exists()


# --- Requests ------------------------------------------------------------------------------------------


def _buyer_refusal(*, buyer: User, market: Market, verification: str | None) -> str | None:
    """Why the buyer may not request meetings, given their profile's verification (None: no profile)."""
    if not buyer.is_buyer:
        return _("Only buyers request meetings; reps invite buyers from their matches.")
    if market.unverified_buyers_may_request:
        return None
    if verification is None:
        return _("Tell us what you acquire in your buyer profile first; the organisers then verify your company.")
    if verification != Verification.VERIFIED:
        return _("The organisers verify your company before you can request meetings.")
    return None


def buyer_may_request(*, buyer: User, market: Market) -> str | None:
    """None when the buyer may request meetings, else the reason they may not."""
    verification = None
    if buyer.is_buyer and not market.unverified_buyers_may_request:
        verification = BuyerProfile.objects.filter(user=buyer).values_list("verification", flat=True).first()
    return _buyer_refusal(buyer=buyer, market=market, verification=verification)


def _slot_of(window: Availability | None, *, market: Market, start: datetime) -> tuple[Availability, DateTimeTZRange]:
    """The slot at `start` in the rep's open hours `window` (None: no open hours hold it), on the market's grid."""
    on_grid = window and (start - window.during.lower) % timedelta(minutes=market.slot_minutes) == timedelta(0)
    if not on_grid:
        raise ValidationError(_("This is not one of the rep's slots."))
    return window, _slot_during(market, start)


def _slot_during(market: Market, start: datetime) -> DateTimeTZRange:
    return DateTimeTZRange(start, start + timedelta(minutes=market.slot_minutes), "[)")


def _window_for(*, rep: User, exhibitor: Exhibitor, start: datetime) -> tuple[Availability, DateTimeTZRange]:
    """The rep's open hours holding a slot that starts at `start` on the market's slot grid."""
    during = _slot_during(exhibitor.market, start)
    window = Availability.objects.filter(rep=rep, exhibitor=exhibitor, during__contains=during).first()
    return _slot_of(window, market=exhibitor.market, start=start)


# What a buyer's request must know before it takes any lock, in one query: the buyer's verification, whether
# the rep is on the exhibitor's team, the rep's open hours holding the slot (if any), whether the buyer
# marked the time busy, and whether either person already has a meeting then (a slot taken before the request
# is refused without waiting for the locks; the check under them decides the others).
_REQUEST_FACTS_SQL = """
    SELECT (SELECT verification FROM matchmaking_buyerprofile WHERE user_id = %(buyer)s) AS verification,
        EXISTS (SELECT 1 FROM exhibitors_teammember WHERE exhibitor_id = %(exhibitor)s AND user_id = %(rep)s),
        EXISTS (SELECT 1 FROM meetings_busytime WHERE user_id = %(buyer)s AND during && %(during)s),
        EXISTS (
            SELECT 1 FROM meetings_meeting WHERE rep_id = %(rep)s AND status = 'accepted' AND during && %(during)s
        ),
        EXISTS (
            SELECT 1 FROM meetings_meeting WHERE buyer_id = %(buyer)s AND status = 'accepted' AND during && %(during)s
        ),
        a.id, a.during, a.place, a.place_detail
    FROM (SELECT 1) one LEFT JOIN LATERAL (
        SELECT id, during, place, place_detail FROM meetings_availability
        WHERE rep_id = %(rep)s AND exhibitor_id = %(exhibitor)s AND during @> %(during)s LIMIT 1
    ) a ON true
"""


@dataclass(frozen=True)
class _RequestFacts:
    verification: str | None
    rep_on_team: bool
    buyer_busy: bool
    taken: dict[str, bool]
    window: Availability | None


def _request_facts(*, buyer: User, rep: User, exhibitor: Exhibitor, during: DateTimeTZRange) -> _RequestFacts:
    with connection.cursor() as cursor:
        cursor.execute(
            _REQUEST_FACTS_SQL, {"buyer": buyer.pk, "rep": rep.pk, "exhibitor": exhibitor.pk, "during": during}
        )
        verification, on_team, busy, rep_taken, buyer_taken, window_id, window_during, place, place_detail = (
            cursor.fetchone()
        )
    window = None
    if window_id is not None:
        window = Availability(
            pk=window_id, market_id=exhibitor.market_id, exhibitor=exhibitor, rep=rep, during=window_during,
            place=place, place_detail=place_detail,
        )  # fmt: skip
    return _RequestFacts(verification, on_team, busy, {"rep": rep_taken, "buyer": buyer_taken}, window)


def _refuse_if_taken(booked: dict) -> None:
    if booked["rep"]:
        raise ValidationError(str(CONSTRAINT_MESSAGES["meeting_rep_in_one_place"]))
    if booked["buyer"]:
        raise ValidationError(str(CONSTRAINT_MESSAGES["meeting_buyer_in_one_place"]))


def _taken(*, buyer_id: int, rep_id: int, during: DateTimeTZRange) -> dict[str, Count]:
    """Counts of the accepted meetings either person has at `during` (aggregates, for one query)."""
    taken = Q(status=Status.ACCEPTED, during__overlap=during)
    return {
        "rep": Count("pk", filter=taken & Q(rep_id=rep_id)),
        "buyer": Count("pk", filter=taken & Q(buyer_id=buyer_id)),
    }


def _refuse_taken_slot(*, buyer_id: int, rep_id: int, during: DateTimeTZRange) -> None:
    """A new request (or invitation, or proposal) for a time either person already has a meeting is refused.
    Under the same locks as accepting: an accept declines the open requests it can see, so one written while
    it runs would otherwise stay open for a slot that can never be accepted."""
    _lock_people(buyer_id, rep_id)
    booked = Meeting.objects.filter(Q(rep_id=rep_id) | Q(buyer_id=buyer_id)).aggregate(
        **_taken(buyer_id=buyer_id, rep_id=rep_id, during=during)
    )
    _refuse_if_taken(booked)


# After the people's locks: what _refuse_taken_slot counts, the buyer's requests waiting on this exhibitor, and
# the buyer's requests inside each cap's window (the per-hour and per-day caps), over both people's meetings.
_TAKEN_OR_FLOODED_SQL = """
    SELECT count(*) FILTER (WHERE status = 'accepted' AND during && %(during)s AND rep_id = %(rep)s),
        count(*) FILTER (WHERE status = 'accepted' AND during && %(during)s AND buyer_id = %(buyer)s),
        count(*) FILTER (WHERE asked AND exhibitor_id = %(exhibitor)s AND status = 'pending'),
        count(*) FILTER (WHERE asked AND created_at > %(since_0)s),
        count(*) FILTER (WHERE asked AND created_at > %(since_1)s)
    FROM meetings_meeting, LATERAL (SELECT buyer_id = %(buyer)s AND initiated_by = 'buyer' AS asked) a
    WHERE rep_id = %(rep)s OR buyer_id = %(buyer)s
"""


def _refuse_taken_slot_or_flood(*, buyer: User, rep: User, exhibitor: Exhibitor, during: DateTimeTZRange) -> None:
    """_refuse_taken_slot, and the caps on a buyer's requests, in one query under the same locks. Every request
    is an email to a rep: a buyer's requests are capped per hour and per day (withdrawn ones count, so
    withdrawing and asking again gains nothing), and so are those waiting on one exhibitor at once."""
    market = exhibitor.market
    _lock_people(buyer.pk, rep.pk)
    now = timezone.now()
    caps = [per_hour(market.request_cap_per_hour), per_day(market.request_cap_per_day)]
    with connection.cursor() as cursor:
        cursor.execute(
            _TAKEN_OR_FLOODED_SQL,
            {
                "buyer": buyer.pk, "rep": rep.pk, "exhibitor": exhibitor.pk, "during": during,
                "since_0": now - caps[0].window, "since_1": now - caps[1].window,
            },
        )  # fmt: skip
        counts = dict(zip(("rep", "buyer", "waiting", "cap0", "cap1"), cursor.fetchone(), strict=True))
    _refuse_if_taken(counts)
    if counts["waiting"] >= market.open_requests_per_exhibitor:
        raise ValidationError(
            _(
                "You already have %(count)s requests waiting for an answer from %(exhibitor)s. Wait for an "
                "answer, or withdraw a request, before asking again."
            )
            % {"count": counts["waiting"], "exhibitor": exhibitor.name},
            code="cap",
        )
    cap_enforce(
        rows=Meeting.objects.filter(buyer_id=buyer.pk, initiated_by=Side.BUYER), caps=caps,
        what=gettext_lazy("meeting requests"),
        zone=market_zone(market), now=now, used=counts,
    )  # fmt: skip


def _expiry(market: Market, start: datetime) -> datetime:
    return min(timezone.now() + timedelta(hours=market.request_expiry_hours), start)


@transaction.atomic
def meeting_request(
    *,
    buyer: User,
    rep: User,
    exhibitor: Exhibitor,
    start: datetime,
    message: str = "",
    titles: list[Title] | tuple = (),
) -> Meeting:
    """A buyer asks a rep for a slot; with the exhibitor's auto-accept it is a meeting at once."""
    market = exhibitor.market
    facts = _request_facts(buyer=buyer, rep=rep, exhibitor=exhibitor, during=_slot_during(market, start))
    refusal = _buyer_refusal(buyer=buyer, market=market, verification=facts.verification)
    if refusal:
        raise ValidationError(refusal)
    if not facts.rep_on_team:
        raise ValidationError(_("This person is not on the exhibitor's team."))
    window, during = _slot_of(facts.window, market=market, start=start)
    if facts.buyer_busy:
        raise ValidationError(_("You marked yourself busy at this time."))
    _refuse_if_taken(facts.taken)
    # Takes both people's locks, then checks the slot and the caps on the buyer's requests in one query.
    _refuse_taken_slot_or_flood(buyer=buyer, rep=rep, exhibitor=exhibitor, during=during)
    meeting = Meeting(
        market=market, exhibitor=exhibitor, rep=rep, buyer=buyer, availability=window, during=during,
        place=window.place, place_detail=window.place_detail, initiated_by=Side.BUYER, awaiting=Side.REP,
        message=_bounded(message), expires_at=_expiry(market, start),
    )  # fmt: skip
    if exhibitor.auto_accept_meetings:
        # Accepted as it is made (version 1: asked and answered at once), under the locks and checks an accept
        # takes; a slot someone else won meanwhile is refused by the database's constraint.
        _check_daily_cap(meeting, during)
        meeting.status, meeting.version = Status.ACCEPTED, 1
    _insert(meeting)
    chosen = [title for title in titles if title.exhibitor_id == exhibitor.pk]
    if chosen:
        meeting.titles.add(*chosen)
    if meeting.status == Status.ACCEPTED:
        notify.meeting_changed(meeting, "accepted", by=Side.REP)
        _decline_conflicts(meeting)
    else:
        notify.meeting_changed(meeting, "requested", by=Side.BUYER)
    return meeting


@transaction.atomic
def meeting_invite(*, rep: User, exhibitor: Exhibitor, buyer: User, start: datetime, message: str = "") -> Meeting:
    """A rep offers a buyer one of their slots; the buyer accepts or declines."""
    if not buyer.is_buyer:
        raise ValidationError(_("Only buyers can be invited to meetings."))
    if not rep_may_meet_for(user=rep, exhibitor=exhibitor):
        raise ValidationError(_("Only members of the exhibitor's team invite buyers."))
    window, during = _window_for(rep=rep, exhibitor=exhibitor, start=start)
    _refuse_taken_slot(buyer_id=buyer.pk, rep_id=rep.pk, during=during)  # also takes both people's locks
    market = exhibitor.market
    cap_enforce(
        rows=Meeting.objects.filter(rep=rep, initiated_by=Side.REP),
        caps=[per_hour(market.invitation_cap_per_hour), per_day(market.invitation_cap_per_day)],
        what=gettext_lazy("meeting invitations"),
        zone=market_zone(market),
    )
    meeting = Meeting(
        market=exhibitor.market, exhibitor=exhibitor, rep=rep, buyer=buyer, availability=window, during=during,
        place=window.place, place_detail=window.place_detail, initiated_by=Side.REP, awaiting=Side.BUYER,
        message=_bounded(message), expires_at=_expiry(exhibitor.market, start),
    )  # fmt: skip
    _insert(meeting)
    notify.meeting_changed(meeting, "invited", by=Side.REP)
    return meeting


# --- Acting on a meeting -------------------------------------------------------------------------------


def side_of(*, user: User, meeting: Meeting) -> str | None:
    """Which side `user` acts for: the buyer, the rep, or a company admin of the rep's team."""
    if user.pk == meeting.buyer_id:
        return Side.BUYER
    # The rep acts for the company only while on its team: a removed member's power ends with the removal.
    membership = TeamMember.objects.filter(user=user, exhibitor_id=meeting.exhibitor_id).values_list("role", flat=True)
    role = membership.first()
    if role is not None and (user.pk == meeting.rep_id or role == TeamRole.ADMIN):
        return Side.REP
    return None


STATE_NOW = {
    Status.PENDING: gettext_lazy("This request has changed since you saw it; here it is as it stands."),
    Status.ACCEPTED: gettext_lazy("This meeting has already been accepted."),
    Status.DECLINED: gettext_lazy("This request has already been declined."),
    Status.WITHDRAWN: gettext_lazy("This request has been withdrawn."),
    Status.EXPIRED: gettext_lazy("This request expired without an answer."),
    Status.CANCELLED: gettext_lazy("This meeting has been cancelled."),
}


def _stale(meeting_id: int, expected: Q) -> StaleAction:
    status = Meeting.objects.filter(pk=meeting_id).values_list("status", flat=True).first()
    if status == Status.ACCEPTED and Meeting.objects.filter(expected, pk=meeting_id).exists():
        return StaleAction(_("This meeting has changed since you saw it; here it is as it stands."))
    return StaleAction(str(STATE_NOW.get(status, _("This meeting no longer exists."))))


def _participant(meeting_id: int, user: User) -> tuple[Meeting, str]:
    meeting = Meeting.objects.select_related("market", "exhibitor").filter(pk=meeting_id).first()
    side = meeting and side_of(user=user, meeting=meeting)
    if not side:
        raise Meeting.DoesNotExist
    return meeting, side


def _swap(meeting: Meeting, version: int, expected: Q, **changes) -> None:
    """The compare-and-swap: change the row only if it is still what the actor saw."""
    changes = {"version": F("version") + 1, "updated_at": timezone.now(), **changes}
    updated = _saving(lambda: Meeting.objects.filter(expected, pk=meeting.pk, version=version).update(**changes))
    if not updated:
        raise _stale(meeting.pk, expected)


def _reloaded(meeting: Meeting) -> Meeting:
    """The meeting as the change left it, with what its emails read (buyer, rep, market) in the same query."""
    return Meeting.objects.select_related("market", "exhibitor", "buyer", "rep").get(pk=meeting.pk)


def _lock_people(*user_ids: int) -> None:
    # In one order everywhere, so two accepts never wait on each other in a circle; one statement for all (the
    # ordered subquery is run first, so the locks are taken in its order).
    with connection.cursor() as cursor:
        cursor.execute(LOCK_PEOPLE_SQL, [PERSON_LOCK, list(user_ids)])


def _check_daily_cap(meeting: Meeting, during: DateTimeTZRange) -> None:
    cap = meeting.market.daily_meeting_cap
    if not cap:
        return
    zone = market_zone(meeting.market)
    day = during.lower.astimezone(zone).date()
    whole_day = DateTimeTZRange(
        datetime.combine(day, time(0), tzinfo=zone), datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    )
    of_buyer = Q(buyer_id=meeting.buyer_id) | Q(rep_id=meeting.buyer_id)
    of_rep = Q(buyer_id=meeting.rep_id) | Q(rep_id=meeting.rep_id)
    held = (
        Meeting.objects.filter(of_buyer | of_rep, status=Status.ACCEPTED, during__overlap=whole_day)
        .exclude(pk=meeting.pk)
        .aggregate(buyer=Count("pk", filter=of_buyer), rep=Count("pk", filter=of_rep))
    )  # both people in one query
    for side, label in (("buyer", _("The buyer")), ("rep", _("The rep"))):
        if held[side] >= cap:
            raise ValidationError(
                _("%(who)s already has %(count)s meetings that day, the most the market allows.")
                % {"who": label, "count": held[side]}
            )


# One statement closes the requests and reads what their notices need: the rows are locked in id order, so two
# closings that share requests never wait on each other in a circle.
_CLOSE_SQL = """
    WITH chosen AS (
        SELECT id FROM meetings_meeting WHERE id IN ({ids}) AND status = 'pending' ORDER BY id FOR UPDATE {skip}
    )
    UPDATE meetings_meeting m
    SET status = %s, closed_because = CASE WHEN m.rep_id = %s THEN %s ELSE %s END,
        version = m.version + 1, updated_at = %s
    FROM chosen, accounts_user b, accounts_user r
    WHERE m.id = chosen.id AND b.id = m.buyer_id AND r.id = m.rep_id
    RETURNING m.*, b.email AS buyer_email, r.email AS rep_email
"""


def _close_all(
    requests, *, because: str = "", status: str = Status.DECLINED, rep_gone: tuple[int, str] | None = None
) -> int:
    """Close open requests the app has to close (taken slots, removed hours, time up), telling their askers,
    in one statement each. `rep_gone` is (rep id, reason): requests with that rep are closed for that reason,
    the others for `because`. Expiry skips requests another transaction holds (a person acting on them now)."""
    try:
        ids_sql, ids_params = requests.values("pk").query.sql_with_params()
    except EmptyResultSet:  # e.g. pk__in=[]: nothing to close
        return 0
    rep_id, rep_because = rep_gone or (0, because)
    sql = _CLOSE_SQL.format(ids=ids_sql, skip="SKIP LOCKED" if status == Status.EXPIRED else "")
    closed = list(Meeting.objects.raw(sql, [*ids_params, status, rep_id, rep_because, because, timezone.now()]))
    notify.requests_closed(closed, "expired" if status == Status.EXPIRED else "declined")
    return len(closed)


def _decline_conflicts(meeting: Meeting) -> None:
    """Open requests that the accepted meeting now makes impossible are declined, saying why: the rep's slot
    went, or the buyer booked this time elsewhere."""
    live = Meeting.objects.filter(status=Status.PENDING, during__overlap=meeting.during).exclude(pk=meeting.pk)
    _close_all(
        live.filter(Q(rep_id=meeting.rep_id) | Q(buyer_id=meeting.buyer_id)),
        because=ClosedBecause.BUYER_BOOKED,
        rep_gone=(meeting.rep_id, ClosedBecause.SLOT_TAKEN),
    )


@transaction.atomic
def meeting_accept(*, meeting_id: int, version: int, user: User) -> Meeting:
    meeting, side = _participant(meeting_id, user)
    _lock_people(meeting.buyer_id, meeting.rep_id)
    meeting.refresh_from_db()
    if meeting.status == Status.PENDING and meeting.awaiting != side:
        raise ValidationError(_("The other side has still to answer this request."))
    if meeting.status == Status.PENDING and _is_busy(meeting.buyer_id, meeting.during) and side == Side.BUYER:
        raise ValidationError(_("You marked yourself busy at this time."))
    _check_daily_cap(meeting, meeting.during)
    _swap(
        meeting, version, Q(status=Status.PENDING, awaiting=side, expires_at__gt=timezone.now()), status=Status.ACCEPTED
    )
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "accepted", by=side)
    _decline_conflicts(meeting)
    return meeting


@transaction.atomic
def meeting_decline(*, meeting_id: int, version: int, user: User, reason: str = "") -> Meeting:
    meeting, side = _participant(meeting_id, user)
    _swap(meeting, version, Q(status=Status.PENDING, awaiting=side), status=Status.DECLINED, reason=_bounded(reason))
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "declined", by=side)
    return meeting


@transaction.atomic
def meeting_withdraw(*, meeting_id: int, version: int, user: User) -> Meeting:
    """The side that is waiting for an answer takes its request (or invitation, or proposal) back."""
    meeting, side = _participant(meeting_id, user)
    _swap(meeting, version, Q(status=Status.PENDING) & ~Q(awaiting=side), status=Status.WITHDRAWN)
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "withdrawn", by=side)
    return meeting


@transaction.atomic
def meeting_propose(*, meeting_id: int, version: int, user: User, start: datetime, reason: str = "") -> Meeting:
    """The rep answers a request with another of their slots; now the buyer answers."""
    meeting, side = _participant(meeting_id, user)
    if side != Side.REP:
        raise ValidationError(_("Only the rep proposes another slot of theirs."))
    window, during = _window_for(rep=meeting.rep, exhibitor=meeting.exhibitor, start=start)
    _refuse_taken_slot(buyer_id=meeting.buyer_id, rep_id=meeting.rep_id, during=during)
    _swap(
        meeting, version, Q(status=Status.PENDING, awaiting=Side.REP),
        during=during, availability=window, place=window.place, place_detail=window.place_detail,
        awaiting=Side.BUYER, reason=_bounded(reason), expires_at=_expiry(meeting.market, start),
    )  # fmt: skip
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "proposed", by=Side.REP)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting_id: int, version: int, user: User, reason: str) -> Meeting:
    meeting, _side = _participant(meeting_id, user)
    if not reason.strip():
        raise ValidationError(_("Say why you cancel: the other side will read it."))
    _swap(
        meeting, version, Q(status=Status.ACCEPTED), status=Status.CANCELLED, reason=_bounded(reason),
        sequence=F("sequence") + 1,
    )  # fmt: skip
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "cancelled", by=_side)
    return meeting


def meetings_cancel_by_organisers(*, meeting_ids: list[int], reason: str) -> int:
    """The organisers call meetings off (a rep who left the market, a closed hall): both sides are told why
    and their calendars drop the meeting. Each is its own compare-and-swap, so one moved on meanwhile is skipped."""
    reason = _bounded(reason)
    if not reason:
        raise ValidationError(_("Say why the meetings are cancelled: both sides will read it."))
    cancelled = 0
    for meeting in Meeting.objects.filter(pk__in=meeting_ids, status=Status.ACCEPTED).select_related("market"):
        try:
            with transaction.atomic():
                _swap(
                    meeting, meeting.version, Q(status=Status.ACCEPTED), status=Status.CANCELLED,
                    reason=reason, closed_because=ClosedBecause.ORGANISERS, sequence=F("sequence") + 1,
                )  # fmt: skip
                meeting = _reloaded(meeting)
                notify.meeting_changed(meeting, "cancelled")
        except StaleAction:
            continue
        cancelled += 1
    return cancelled


@transaction.atomic
def meeting_reschedule(*, meeting_id: int, version: int, user: User, start: datetime, reason: str) -> Meeting:
    """Move an accepted meeting to another of the rep's slots that is free for both; it stays the same meeting."""
    meeting, side = _participant(meeting_id, user)
    if not reason.strip():
        raise ValidationError(_("Say why you move the meeting: the other side will read it."))
    if meeting.sequence >= MOVES_PER_MEETING:
        raise ValidationError(
            _("This meeting has been moved %(count)s times, the most it can be. Cancel it and ask for a new one.")
            % {"count": meeting.sequence}
        )
    window, during = _window_for(rep=meeting.rep, exhibitor=meeting.exhibitor, start=start)
    _lock_people(meeting.buyer_id, meeting.rep_id)
    if _is_busy(meeting.buyer_id, during) and side == Side.BUYER:
        raise ValidationError(_("You marked yourself busy at this time."))
    _check_daily_cap(meeting, during)
    _swap(
        meeting, version, Q(status=Status.ACCEPTED),
        during=during, availability=window, place=window.place, place_detail=window.place_detail,
        reason=_bounded(reason), sequence=F("sequence") + 1,
    )  # fmt: skip
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "rescheduled", by=side)
    _decline_conflicts(meeting)
    return meeting


# --- A rep leaves the team -----------------------------------------------------------------------------

LIVE = (Status.PENDING, Status.ACCEPTED)


class OpenMeetings:
    """What becomes of a removed member's open meetings: the admin removing them takes them over, or they are
    called off with a reason the buyers read."""

    HAND_OVER = "hand_over"
    CANCEL = "cancel"


def open_meetings_of(*, rep: User, exhibitor: Exhibitor):
    """A rep's requests and meetings for the company that have not started yet."""
    return Meeting.objects.filter(
        exhibitor=exhibitor, rep=rep, status__in=LIVE, during__startswith__gt=timezone.now()
    ).order_by("during")


@transaction.atomic
def team_member_remove(
    *, exhibitor: Exhibitor, member_id: int, acting_user: User, open_meetings: str, reason: str = ""
) -> dict[str, int]:
    """Take someone off the team; from this moment they can do nothing with the company's meetings. Their open
    meetings go to the admin removing them (whose own hours and meetings must leave room; those that cannot move
    are called off) or are all called off, the buyers told why. Returns how many were handed over and called off."""
    if open_meetings not in (OpenMeetings.HAND_OVER, OpenMeetings.CANCEL):
        raise ValidationError(_("Choose what happens to their open meetings."))
    reason = _bounded(reason)
    if open_meetings == OpenMeetings.CANCEL and not reason:
        raise ValidationError(_("Say why their meetings are cancelled: the buyers will read it."))
    removed = exhibitor_services.team_member_remove(exhibitor=exhibitor, member_id=member_id, acting_user=acting_user)
    _lock_people(removed.pk, acting_user.pk)  # no accept of theirs runs while their meetings change hands
    handed_over: list[int] = []
    if open_meetings == OpenMeetings.HAND_OVER:
        handed_over = _hand_over(rep=removed, exhibitor=exhibitor, to=acting_user)
    reason = reason or _("%(name)s has left the team and no colleague is free at this time.") % {
        "name": removed.full_name or removed.email
    }
    called_off = 0
    for meeting in open_meetings_of(rep=removed, exhibitor=exhibitor).select_related("market"):
        called_off += _call_off_for_leaving(meeting, reason=reason)
    # Their open hours ahead go too: nobody can book a person who is no longer on the team.
    Availability.objects.filter(rep=removed, exhibitor=exhibitor, during__startswith__gt=timezone.now()).exclude(
        meetings__status__in=LIVE
    ).delete()
    for meeting in Meeting.objects.filter(pk__in=handed_over):
        notify.meeting_changed(meeting, "handed_over")
    return {"handed_over": len(handed_over), "called_off": called_off}


def _hand_over(*, rep: User, exhibitor: Exhibitor, to: User) -> list[int]:
    """Give a rep's open meetings to a colleague: each window of open hours whole where the colleague's own hours
    leave room, else each meeting into the colleague's own hours at that time. Returns the meetings moved."""
    moved: list[int] = []
    live = open_meetings_of(rep=rep, exhibitor=exhibitor)
    for window in Availability.objects.filter(pk__in=live.values("availability_id")):
        ids = list(live.filter(availability=window).values_list("pk", flat=True))
        try:
            with transaction.atomic():
                _give(Meeting.objects.filter(pk__in=ids), to=to)
                Availability.objects.filter(pk=window.pk).update(rep=to)
            moved += ids
            continue
        except IntegrityError:
            pass  # the colleague has hours of their own then: move meeting by meeting
        for meeting in Meeting.objects.filter(pk__in=ids):
            home = Availability.objects.filter(rep=to, exhibitor=exhibitor, during__contains=meeting.during).first()
            if home is None:
                continue
            try:
                with transaction.atomic():
                    _give(Meeting.objects.filter(pk=meeting.pk), to=to, window=home)
                moved.append(meeting.pk)
            except IntegrityError:
                continue  # the colleague meets someone else then: called off by the caller
    return moved


def _give(meetings, *, to: User, window: Availability | None = None) -> None:
    changes = {"rep": to, "version": F("version") + 1, "sequence": F("sequence") + 1, "updated_at": timezone.now()}
    if window is not None:
        changes |= {"availability": window, "place": window.place, "place_detail": window.place_detail}
    meetings.update(**changes)


def _call_off_for_leaving(meeting: Meeting, *, reason: str) -> int:
    """Cancel a meeting (or decline a request) of a rep who left, telling the buyer why."""
    accepted = meeting.status == Status.ACCEPTED
    changes = {"reason": reason, "closed_because": ClosedBecause.REP_LEFT}
    if accepted:
        changes |= {"status": Status.CANCELLED, "sequence": F("sequence") + 1}
    else:
        changes |= {"status": Status.DECLINED}
    try:
        _swap(meeting, meeting.version, Q(status=meeting.status), **changes)
    except StaleAction:
        return 0
    meeting = _reloaded(meeting)
    notify.meeting_changed(meeting, "cancelled" if accepted else "declined")
    return 1


# Each move emails both sides a new calendar file: a meeting moves at most this often (`sequence` counts them).
MOVES_PER_MEETING = 5

# A rep may check a meeting in a little before its start: people arrive early at a booth.
CHECK_IN_EARLY = timedelta(minutes=15)


@transaction.atomic
def meeting_attendance_record(*, meeting_id: int, version: int, user: User, attendance: str) -> Meeting:
    """ "We met" (the rep checking the meeting in, by the buyer's QR code or a tap) or "it did not happen"."""
    meeting, side = _participant(meeting_id, user)
    if attendance not in Attendance.values:
        raise ValidationError(_("Choose whether the meeting happened."))
    if meeting.start - CHECK_IN_EARLY > timezone.now():
        raise ValidationError(_("You can record this from a quarter of an hour before the meeting."))
    changes = {"attendance": attendance, "attendance_by": side}
    if attendance == Attendance.MET:
        changes["checked_in_at"] = timezone.now()
    _swap(meeting, version, Q(status=Status.ACCEPTED), **changes)
    meeting.refresh_from_db()
    notify.attendance_question_called_off(meeting)
    return meeting


def meetings_expire_due(*, now: datetime | None = None, batch: int = 500) -> int:
    """Requests nobody answered in time expire, and their askers are told (run every minute by beat; two runs
    at once skip each other's rows)."""
    now = now or timezone.now()
    with transaction.atomic():
        due = Meeting.objects.filter(status=Status.PENDING, expires_at__lte=now).order_by("expires_at")
        return _close_all(due.filter(pk__in=list(due.values_list("pk", flat=True)[:batch])), status=Status.EXPIRED)


# --- Calendar feed -------------------------------------------------------------------------------------


def calendar_feed_for(*, user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_reset(*, user: User) -> CalendarFeed:
    feed = calendar_feed_for(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed


@dataclass(frozen=True)
class SlotChoice:
    """A slot as a form posts it: an ISO instant."""

    start: datetime

    @classmethod
    def parse(cls, value: str) -> "SlotChoice":
        try:
            start = datetime.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Choose one of the slots shown.")) from error
        if timezone.is_naive(start):
            raise ValidationError(_("Choose one of the slots shown."))
        return cls(start=start)
