"""Races on real PostgreSQL: many people act on the same slot at the same moment, each on their own
connection, released together by a barrier. Afterwards the database holds one meeting per person per time,
and every loser was told why in words (a ValidationError, never a database error)."""

import threading
import time
from collections.abc import Callable
from datetime import UTC

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Availability, ClosedBecause, Meeting, Status
from meetings.selectors import double_bookings_count
from tests.factories import ExhibitorFactory, team_member
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db(transaction=True)

BARRIER_SECONDS = 20
JOIN_SECONDS = 30

DECLINED = "This request has already been declined."
ACCEPTED = "This meeting has already been accepted."
CHANGED = "This meeting has changed since you saw it; here it is as it stands."
WITHDRAWN = "This request has been withdrawn."
REP_TAKEN = "The rep already has a meeting at this time."
HOURS_HOLD_MEETINGS = "These open hours hold meetings; cancel or move them first."



def race(actions: list[Callable[[], object]]) -> list[object]:
    """Run each action in a thread of its own, all released at once; each outcome is what the action
    returned or the exception it raised."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            connection.ensure_connection()  # connected before the barrier, so they race on the work itself
            barrier.wait(timeout=BARRIER_SECONDS)
            outcomes[index] = action()
        except Exception as error:  # every outcome is asserted by the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting: a lock never came free"
    return outcomes


def overlapping_pairs() -> int:
    return double_bookings_count()


def accepted_count() -> int:
    return Meeting.objects.filter(status=Status.ACCEPTED).count()


def winners_and_losers(outcomes: list[object]) -> tuple[list[Meeting], list[object]]:
    won = [outcome for outcome in outcomes if isinstance(outcome, Meeting)]
    return won, [outcome for outcome in outcomes if not isinstance(outcome, Meeting)]


def told(losers: list[object], kind: type[ValidationError], message: str) -> None:
    """Every loser got exactly this kind of error with exactly this message."""
    assert [type(error).__name__ for error in losers] == [kind.__name__] * len(losers), losers
    assert [error.messages for error in losers] == [[message]] * len(losers)


def accept_action(meeting: Meeting, user) -> Callable[[], Meeting]:
    return lambda: services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=user)


def withdraw_action(meeting: Meeting, user) -> Callable[[], Meeting]:
    return lambda: services.meeting_withdraw(meeting_id=meeting.pk, version=meeting.version, user=user)


def request(buyer, rep, exhibitor, market, hour, minute=0) -> Meeting:
    return services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour, minute))


def test_fifty_accepts_of_one_slot_make_one_meeting(rep, exhibitor, market):
    requests = [request(verified_buyer(), rep, exhibitor, market, 10) for _ in range(50)]

    outcomes = race([accept_action(meeting, rep) for meeting in requests])

    won, lost = winners_and_losers(outcomes)
    assert [meeting.status for meeting in won] == [Status.ACCEPTED]
    told(lost, services.StaleAction, DECLINED)
    assert accepted_count() == 1
    assert overlapping_pairs() == 0
    others = Meeting.objects.exclude(pk=won[0].pk)
    assert list(others.values_list("status", "closed_because", "version").distinct()) == [
        (Status.DECLINED, ClosedBecause.SLOT_TAKEN, 1)
    ]
    assert others.count() == 49


def test_twenty_reps_accepting_one_buyer_at_the_same_time_make_one_meeting(buyer, market):
    requests = []
    for _ in range(20):
        company = ExhibitorFactory(market=market)
        someone = team_member(company)
        open_hours(someone, company)
        requests.append(request(buyer, someone, company, market, 10))

    outcomes = race([accept_action(meeting, meeting.rep) for meeting in requests])

    won, lost = winners_and_losers(outcomes)
    assert len(won) == 1
    told(lost, services.StaleAction, DECLINED)
    assert accepted_count() == 1
    assert overlapping_pairs() == 0
    assert set(Meeting.objects.exclude(pk=won[0].pk).values_list("status", "closed_because")) == {
        (Status.DECLINED, ClosedBecause.BUYER_BOOKED)
    }


def test_the_rep_and_their_company_admin_accepting_at_once_make_one_meeting(rep, exhibitor, market):
    admin = team_member(exhibitor, role="admin")
    for hour, minute in [(10, 0), (10, 30), (11, 0), (11, 30)]:  # one race per slot
        for_rep = request(verified_buyer(), rep, exhibitor, market, hour, minute)
        for_admin = request(verified_buyer(), rep, exhibitor, market, hour, minute)

        outcomes = race([accept_action(for_rep, rep), accept_action(for_admin, admin)])

        won, lost = winners_and_losers(outcomes)
        assert len(won) == 1, outcomes
        told(lost, services.StaleAction, DECLINED)
        loser = for_admin if won[0].pk == for_rep.pk else for_rep
        loser.refresh_from_db()
        assert (loser.status, loser.closed_because) == (Status.DECLINED, ClosedBecause.SLOT_TAKEN)
    assert accepted_count() == 4
    assert overlapping_pairs() == 0


def test_the_rep_and_their_company_admin_accepting_the_same_request_accept_it_once(rep, exhibitor, market):
    admin = team_member(exhibitor, role="admin")
    meeting = request(verified_buyer(), rep, exhibitor, market, 10)

    outcomes = race([accept_action(meeting, rep), accept_action(meeting, admin)])

    won, lost = winners_and_losers(outcomes)
    assert len(won) == 1, outcomes
    told(lost, services.StaleAction, ACCEPTED)
    assert Meeting.objects.filter(pk=meeting.pk).values_list("status", "version").get() == (Status.ACCEPTED, 1)


def test_accepting_and_withdrawing_at_once_leave_one_answer(buyer, rep, exhibitor, market):
    for hour, minute in [(10, 0), (10, 30), (11, 0), (11, 30)]:  # one race per slot
        meeting = request(buyer, rep, exhibitor, market, hour, minute)

        accepted, withdrawn = race([accept_action(meeting, rep), withdraw_action(meeting, buyer)])

        meeting.refresh_from_db()
        assert meeting.version == 1
        if isinstance(accepted, Meeting):
            assert meeting.status == Status.ACCEPTED
            told([withdrawn], services.StaleAction, ACCEPTED)
        else:
            assert meeting.status == Status.WITHDRAWN
            assert isinstance(withdrawn, Meeting), withdrawn
            told([accepted], services.StaleAction, WITHDRAWN)


def move_action(meeting: Meeting, user, hour: int, minute: int = 0) -> Callable[[], Meeting]:
    start = at(meeting.market, hour, minute)
    return lambda: services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=user, start=start, reason="Another time suits better"
    )


def booked(buyer, rep, exhibitor, market, hour, minute=0) -> Meeting:
    meeting = request(buyer, rep, exhibitor, market, hour, minute)
    return services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)


def test_the_buyer_and_the_rep_moving_one_meeting_at_once_move_it_once(buyer, rep, exhibitor, market):
    meeting = booked(buyer, rep, exhibitor, market, 10)

    by_buyer, by_rep = race([move_action(meeting, buyer, 11), move_action(meeting, rep, 11, 30)])

    won, lost = winners_and_losers([by_buyer, by_rep])
    assert len(won) == 1, (by_buyer, by_rep)
    told(lost, services.StaleAction, CHANGED)
    meeting.refresh_from_db()
    assert (meeting.start, meeting.version, meeting.sequence) == (won[0].start, 2, 1)
    assert won[0].start in (at(market, 11), at(market, 11, 30))


def test_two_meetings_moved_into_one_free_slot_of_their_rep_at_once_stay_apart(rep, exhibitor, market):
    first, second = (booked(verified_buyer(), rep, exhibitor, market, 10, minute) for minute in (0, 30))

    outcomes = race([move_action(first, first.buyer, 11), move_action(second, second.buyer, 11)])

    won, lost = winners_and_losers(outcomes)
    assert len(won) == 1, outcomes
    told(lost, ValidationError, REP_TAKEN)  # PostgreSQL's exclusion constraint, in words
    stayed = second if won[0].pk == first.pk else first
    starts = {meeting.start for meeting in Meeting.objects.filter(status=Status.ACCEPTED)}
    assert starts == {at(market, 11), stayed.start}
    assert overlapping_pairs() == 0


def test_two_meetings_of_one_buyer_moved_to_one_time_at_once_stay_apart(buyer, rep, exhibitor, market):
    company = ExhibitorFactory(market=market)
    other_rep = team_member(company)
    open_hours(other_rep, company)
    first = booked(buyer, rep, exhibitor, market, 10)
    second = booked(buyer, other_rep, company, market, 10, 30)

    outcomes = race([move_action(first, rep, 11), move_action(second, other_rep, 11)])

    won, lost = winners_and_losers(outcomes)
    assert len(won) == 1, outcomes
    told(lost, ValidationError, "The buyer already has a meeting at this time.")
    assert accepted_count() == 2
    assert overlapping_pairs() == 0


def test_the_daily_cap_holds_when_two_reps_accept_one_buyer_at_once(buyer, market):
    market.daily_meeting_cap = 1
    market.save()
    requests = []
    for hour in (10, 11):  # different times: only the cap, not an overlap, stands between them
        company = ExhibitorFactory(market=market)
        someone = team_member(company)
        open_hours(someone, company)
        requests.append(request(buyer, someone, company, market, hour))

    outcomes = race([accept_action(meeting, meeting.rep) for meeting in requests])

    won, lost = winners_and_losers(outcomes)
    assert len(won) == 1, outcomes
    told(lost, ValidationError, "The buyer already has 1 meetings that day, the most the market allows.")
    assert accepted_count() == 1


def test_requests_made_while_the_rep_accepts_that_slot_never_stay_open(rep, exhibitor, market):
    chosen = request(verified_buyer(), rep, exhibitor, market, 10)
    latecomers = [verified_buyer() for _ in range(15)]

    outcomes = race(
        [accept_action(chosen, rep)]
        + [lambda buyer=buyer: request(buyer, rep, exhibitor, market, 10) for buyer in latecomers]
    )

    assert isinstance(outcomes[0], Meeting) and outcomes[0].status == Status.ACCEPTED
    refused = [outcome for outcome in outcomes[1:] if not isinstance(outcome, Meeting)]
    told(refused, ValidationError, REP_TAKEN)
    # A request made just before the accept is declined by it; one made after is refused: none stays open.
    assert not Meeting.objects.filter(status=Status.PENDING).exists()
    assert set(Meeting.objects.exclude(pk=chosen.pk).values_list("status", "closed_because")) <= {
        (Status.DECLINED, ClosedBecause.SLOT_TAKEN)
    }
    assert accepted_count() == 1


def test_removing_open_hours_while_a_request_in_them_is_accepted_leaves_one_answer(rep, exhibitor, market, monkeypatch):
    admin = team_member(exhibitor, role="admin")
    earlier = request(verified_buyer(), rep, exhibitor, market, 10)
    chosen = request(verified_buyer(), rep, exhibitor, market, 10)
    # Widen the window in which both hold some of the same requests: the accept waits a moment between
    # taking its meeting and declining the others, and the removal starts within that moment.
    decline = services._decline_conflicts
    monkeypatch.setattr(services, "_decline_conflicts", lambda meeting: time.sleep(0.3) or decline(meeting))

    def remove() -> None:
        time.sleep(0.1)
        services.availability_remove(availability_id=chosen.availability_id, rep=rep)

    accepted, removed = race([accept_action(chosen, admin), remove])

    earlier.refresh_from_db()
    if isinstance(accepted, Meeting):
        told([removed], ValidationError, HOURS_HOLD_MEETINGS)
        assert Availability.objects.filter(pk=chosen.availability_id).exists()
        assert (earlier.status, earlier.closed_because) == (Status.DECLINED, ClosedBecause.SLOT_TAKEN)
    else:
        assert removed is None, removed
        told([accepted], services.StaleAction, DECLINED)
        assert set(Meeting.objects.values_list("status", "closed_because")) == {
            (Status.DECLINED, ClosedBecause.WINDOW_REMOVED)
        }


def test_twenty_buyers_booking_one_slot_through_the_page_get_one_meeting(rep, exhibitor, market):
    exhibitor.auto_accept_meetings = True
    exhibitor.save()
    url = reverse("meetings:book", args=[exhibitor.slug])
    start = at(market, 10)
    offered = f'value="{start.astimezone(UTC).isoformat()}"'
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(verified_buyer())
        clients.append(client)
    assert offered in clients[0].get(url, {"rep": rep.pk}).content.decode()

    form = {"rep": rep.pk, "start": start.isoformat(), "message": ""}

    responses = race([lambda client=client: client.post(url, form) for client in clients])

    assert [type(response).__name__ for response in responses if isinstance(response, Exception)] == []
    assert sorted(response.status_code for response in responses) == [302] + [400] * 19
    meeting = Meeting.objects.get()  # the losers' requests were rolled back with their refusal
    assert (meeting.status, meeting.start) == (Status.ACCEPTED, start)
    assert [r.url for r in responses if r.status_code == 302] == [reverse("meetings:detail", args=[meeting.pk])]
    for response in responses:
        if response.status_code == 400:
            page = response.content.decode()
            assert f'<li class="message message-error">{REP_TAKEN}</li>' in page
            assert offered not in page  # the page drawn for the loser no longer offers the slot
    assert overlapping_pairs() == 0
