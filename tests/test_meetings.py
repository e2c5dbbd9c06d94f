from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from meetings import selectors, services
from meetings.models import ClosedBecause, Meeting, Side, Status
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db


def request(buyer, rep, exhibitor, market, hour, minute=0, **kwargs):
    return services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour, minute), **kwargs)


def accept(meeting, user):
    return services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=user)


def test_a_request_accepted_is_in_both_agendas(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10, message="Talk about Palace Secrets")
    assert (meeting.status, meeting.awaiting) == (Status.PENDING, Side.REP)
    assert abs(meeting.expires_at - (meeting.created_at + timedelta(hours=48))) < timedelta(seconds=1)
    accepted = accept(meeting, rep)
    assert accepted.status == Status.ACCEPTED
    assert [m.pk for m in selectors.agenda_for(user=buyer, market=market)] == [meeting.pk]
    assert [m.pk for m in selectors.agenda_for(user=rep, market=market)] == [meeting.pk]
    assert [m.pk for m in selectors.team_agenda_for(exhibitor=exhibitor)] == [meeting.pk]


def test_adjacent_slots_are_both_allowed(buyer, rep, exhibitor, market):
    first = accept(request(buyer, rep, exhibitor, market, 10, 0), rep)
    second = accept(request(buyer, rep, exhibitor, market, 10, 30), rep)
    assert first.end == second.start
    assert Meeting.objects.filter(status=Status.ACCEPTED).count() == 2


def test_postgresql_refuses_overlapping_accepted_meetings_for_a_rep(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market, 10), rep)
    other = verified_buyer()
    clash = Meeting(
        market=market, exhibitor=exhibitor, rep=rep, buyer=other, availability=meeting.availability,
        during=DateTimeTZRange(at(market, 10, 15), at(market, 10, 45)), place="booth", status=Status.ACCEPTED,
    )  # fmt: skip
    with pytest.raises(IntegrityError, match="meeting_rep_in_one_place"), transaction.atomic():
        clash.save()


def test_postgresql_refuses_overlapping_accepted_meetings_for_a_buyer(buyer, rep, exhibitor, market):
    from tests.factories import ExhibitorFactory, team_member

    accept(request(buyer, rep, exhibitor, market, 10), rep)
    elsewhere = ExhibitorFactory(market=market)
    other_rep = team_member(elsewhere)
    window = open_hours(other_rep, elsewhere)
    with pytest.raises(ValidationError, match="The buyer already has a meeting at this time"):
        request(buyer, other_rep, elsewhere, market, 10)  # refused before it is written
    clash = Meeting(
        market=market, exhibitor=elsewhere, rep=other_rep, buyer=buyer, availability=window,
        during=DateTimeTZRange(at(market, 10), at(market, 10, 30)), place="booth", status=Status.ACCEPTED,
    )  # fmt: skip
    with pytest.raises(IntegrityError, match="meeting_buyer_in_one_place"), transaction.atomic():
        clash.save()


def test_a_stale_move_says_the_meeting_changed(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market, 10), rep)
    services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=rep, start=at(market, 11), reason="Later"
    )
    with pytest.raises(services.StaleAction, match="changed since you saw it"):
        services.meeting_cancel(meeting_id=meeting.pk, version=meeting.version, user=buyer, reason="Flight")


def test_accepting_declines_the_requests_it_makes_impossible(buyer, rep, exhibitor, market):
    rival = verified_buyer()
    chosen = request(buyer, rep, exhibitor, market, 10)
    loser = request(rival, rep, exhibitor, market, 10)
    untouched = request(rival, rep, exhibitor, market, 10, 30)
    accept(chosen, rep)
    loser.refresh_from_db()
    assert (loser.status, loser.closed_because) == (Status.DECLINED, ClosedBecause.SLOT_TAKEN)
    assert Meeting.objects.get(pk=untouched.pk).status == Status.PENDING
    suggestions = selectors.next_free_slots(rep=rep, exhibitor=exhibitor, after=at(market, 9), viewer=rival)
    assert [s.start for s in suggestions] == [at(market, 11), at(market, 11, 30)]  # 10:30 is asked for already


def test_a_stale_page_cannot_act_on_a_request_that_moved_on(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10)
    seen = meeting.version
    accept(meeting, rep)
    current = Meeting.objects.get(pk=meeting.pk)
    services.meeting_cancel(meeting_id=meeting.pk, version=current.version, user=buyer, reason="Flight changed")
    with pytest.raises(services.StaleAction, match="cancelled"):
        services.meeting_accept(meeting_id=meeting.pk, version=seen, user=rep)
    with pytest.raises(services.StaleAction):
        services.meeting_cancel(meeting_id=meeting.pk, version=current.version, user=rep, reason="again")
    assert Meeting.objects.get(pk=meeting.pk).status == Status.CANCELLED


def test_unanswered_requests_expire_and_can_no_longer_be_accepted(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10)
    assert services.meetings_expire_due(now=meeting.expires_at - timedelta(seconds=1)) == 0
    assert services.meetings_expire_due(now=meeting.expires_at) == 1
    with pytest.raises(services.StaleAction, match="expired"):
        accept(meeting, rep)


def test_a_request_never_outlives_its_slot(buyer, rep, exhibitor, market):
    market.request_expiry_hours = 32000  # longer than until the slot
    market.save()
    meeting = request(buyer, rep, exhibitor, market, 11)
    assert meeting.expires_at == at(market, 11)


def test_the_daily_cap_holds_for_each_participant(buyer, rep, exhibitor, market):
    market.daily_meeting_cap = 1
    market.save()
    accept(request(buyer, rep, exhibitor, market, 10), rep)
    second = request(verified_buyer(), rep, exhibitor, market, 11)
    with pytest.raises(ValidationError, match="already has 1 meetings that day"):
        accept(second, rep)
    next_day = open_hours(rep, exhibitor, day=at(market, 10).date() + timedelta(days=1))
    third = services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=next_day.during.lower)
    assert accept(third, rep).status == Status.ACCEPTED


def test_slots_outside_open_hours_or_off_the_grid_are_refused(buyer, rep, exhibitor, market):
    with pytest.raises(ValidationError, match="not one of the rep's slots"):
        request(buyer, rep, exhibitor, market, 14)
    with pytest.raises(ValidationError, match="not one of the rep's slots"):
        request(buyer, rep, exhibitor, market, 10, 10)


def test_postgresql_keeps_meetings_inside_open_hours_and_out_of_the_past(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10)
    meeting.during = DateTimeTZRange(at(market, 13), at(market, 13, 30))
    with pytest.raises(IntegrityError, match="outside the rep's open hours"), transaction.atomic():
        meeting.save()
    with pytest.raises(ValidationError, match="not among the rep's open hours"):
        services._saving(meeting.save)  # the trigger's constraint name becomes the person's message
    past = at(market, 10) - timedelta(days=365 * 10)
    meeting.during = DateTimeTZRange(past, past + timedelta(minutes=30))
    with pytest.raises(ValidationError, match="already started"):
        services._saving(meeting.save)


def test_open_hours_stay_inside_the_market_meeting_hours(rep, exhibitor, market):
    from datetime import time

    with pytest.raises(ValidationError, match="within one market day's meeting hours"):
        open_hours(rep, exhibitor, start=time(17, 30), end=time(19, 0))
    with pytest.raises(ValidationError, match="overlaps open hours you already have"):
        open_hours(rep, exhibitor, start=time(11, 30), end=time(13, 0))


def test_open_hours_holding_a_meeting_cannot_be_removed(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market, 10), rep)
    with pytest.raises(ValidationError, match="hold meetings"):
        services.availability_remove(availability_id=meeting.availability_id, rep=rep)


def test_removing_open_hours_declines_their_open_requests(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10)
    services.availability_remove(availability_id=meeting.availability_id, rep=rep)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.closed_because) == (Status.DECLINED, ClosedBecause.WINDOW_REMOVED)


def test_a_buyer_blocked_time_cannot_be_requested(buyer, rep, exhibitor, market):
    from datetime import time

    services.busy_time_add(user=buyer, market=market, day=at(market, 10).date(), start=time(10), end=time(11))
    with pytest.raises(ValidationError, match="busy"):
        request(buyer, rep, exhibitor, market, 10, 30)
    slots = selectors.slots_for_rep(rep=rep, exhibitor=exhibitor, day=at(market, 10).date(), viewer=buyer)
    assert [s.state for s in slots] == ["busy", "busy", "free", "free"]


def test_unverified_buyers_wait_unless_the_market_allows_them(rep, exhibitor, market):
    from tests.factories import UserFactory

    newcomer = UserFactory(role="buyer")
    with pytest.raises(ValidationError, match="buyer profile"):
        request(newcomer, rep, exhibitor, market, 10)
    market.unverified_buyers_may_request = True
    market.save()
    assert request(newcomer, rep, exhibitor, market, 10).status == Status.PENDING


def test_auto_accept_books_at_once(buyer, rep, exhibitor, market):
    exhibitor.auto_accept_meetings = True
    exhibitor.save()
    assert request(buyer, rep, exhibitor, market, 10).status == Status.ACCEPTED


def test_a_rep_invites_and_the_buyer_answers(buyer, rep, exhibitor, market):
    invitation = services.meeting_invite(rep=rep, exhibitor=exhibitor, buyer=buyer, start=at(market, 11))
    assert invitation.awaiting == Side.BUYER
    with pytest.raises(ValidationError, match="other side has still to answer"):
        accept(invitation, rep)  # the rep cannot answer their own invitation
    assert accept(invitation, buyer).status == Status.ACCEPTED


def test_a_rep_proposes_another_slot_and_the_buyer_takes_it(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10)
    proposed = services.meeting_propose(
        meeting_id=meeting.pk, version=meeting.version, user=rep, start=at(market, 11), reason="Busier at ten"
    )
    assert (proposed.start, proposed.awaiting) == (at(market, 11), Side.BUYER)
    assert accept(proposed, buyer).status == Status.ACCEPTED


def test_rescheduling_keeps_the_meeting_and_grows_its_sequence(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market, 10), rep)
    moved = services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=buyer, start=at(market, 11), reason="Later please"
    )
    assert (moved.pk, moved.status, moved.start, moved.sequence) == (meeting.pk, Status.ACCEPTED, at(market, 11), 1)
    cancelled = services.meeting_cancel(meeting_id=meeting.pk, version=moved.version, user=rep, reason="Ill")
    assert (cancelled.status, cancelled.sequence) == (Status.CANCELLED, 2)


def test_outsiders_cannot_act(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market, 10)
    with pytest.raises(Meeting.DoesNotExist):
        services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=verified_buyer())
