"""Writes for meetings the organisers arrange (scheduling's rounds publish through these): each under the same
locks, checks and database constraints as a booking, so an arranged meeting obeys every rule a booked one does.

An arranged meeting is accepted from the start, so it holds its slot; each side then confirms it, or declines
it, which cancels it with notice (meetings.services.meeting_cancel)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from exhibitors.models import Exhibitor, TeamMember
from markets.models import MeetingTable
from meetings import notify
from meetings.models import Availability, BusyTime, Meeting, Place, Side, Status
from meetings.services import (
    _check_daily_cap,
    _decline_conflicts,
    _insert,
    _participant,
    _refuse_taken_slot,
    _reloaded,
    _swap,
)


@transaction.atomic
def meeting_arrange(
    *,
    buyer_id: int,
    rep_id: int,
    exhibitor: Exhibitor,
    availability_id: int,
    during: DateTimeTZRange,
    wished_by: str,
    confirmed: bool,
    table: MeetingTable | None = None,
) -> Meeting:
    """One arranged meeting, or a ValidationError saying why it cannot be (anything that changed since the
    schedule was made: a booking, a busy time, open hours removed, a rep who left the team). `table`: a business
    lounge table the round gives a rep who has no booth or named table."""
    _refuse_taken_slot(buyer_id=buyer_id, rep_id=rep_id, during=during)  # takes both people's locks first
    if not TeamMember.objects.filter(exhibitor=exhibitor, user_id=rep_id).exists():
        raise ValidationError(_("The rep is no longer on the exhibitor's team."))
    busy = BusyTime.objects.filter(user_id__in=[buyer_id, rep_id], during__overlap=during)
    if busy.exists():
        raise ValidationError(_("One of them marked this time busy."))
    window = Availability.objects.filter(pk=availability_id, rep_id=rep_id, during__contains=during).first()
    if window is None:
        raise ValidationError(_("This time is no longer among the rep's open hours."))
    meeting = Meeting(
        market_id=exhibitor.market_id, exhibitor=exhibitor, rep_id=rep_id, buyer_id=buyer_id, availability=window,
        during=during, place=Place.TABLE if table else window.place,
        place_detail=table.name if table else window.place_detail, status=Status.ACCEPTED, version=1,
        initiated_by=Side.REP if wished_by == Side.REP else Side.BUYER, awaiting=Side.BUYER, arranged=True,
        buyer_confirmed=confirmed, rep_confirmed=confirmed,
    )  # fmt: skip
    meeting.market = exhibitor.market
    _check_daily_cap(meeting, during)
    _insert(meeting)
    meeting = _reloaded(meeting)
    notify.meeting_arranged(meeting)
    _decline_conflicts(meeting)
    return meeting


@transaction.atomic
def arranged_meeting_confirm(*, meeting_id: int, version: int, user: User) -> Meeting:
    """A side confirms the meeting the organisers arranged for it (a compare-and-swap, like every change)."""
    meeting, side = _participant(meeting_id, user)
    field = "buyer_confirmed" if side == Side.BUYER else "rep_confirmed"
    _swap(meeting, version, Q(status=Status.ACCEPTED, arranged=True, **{field: False}), **{field: True})
    return _reloaded(meeting)


def person_day_meetings(*, user_ids: list[int], day_range: DateTimeTZRange) -> list[Meeting]:
    """The accepted meetings of these people that day (for walking times between halls)."""
    return list(
        Meeting.objects.filter(
            Q(buyer_id__in=user_ids) | Q(rep_id__in=user_ids), status=Status.ACCEPTED, during__overlap=day_range
        ).select_related("exhibitor", "availability__table__hall")
    )
