"""What one booking costs inside the request: at most 20 queries for an auto-accepted booking, however many
open requests it closes, and no email written in the request (the worker writes them from the facts)."""


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import ClosedBecause, Meeting, Status
from notifications.models import OutboundEmail, OutboundStatus
from tests.meetings_fixtures import at, verified_buyer, written

pytestmark = pytest.mark.django_db

QUERIES_PER_BOOKING = 20


@pytest.fixture
def auto_accepting(exhibitor):
    exhibitor.auto_accept_meetings = True
    exhibitor.save(update_fields=["auto_accept_meetings"])
    return exhibitor


def book(client, exhibitor, rep, start) -> tuple[int, int]:
    """(status, queries) of one booking POST from the slot picker."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("meetings:book", args=[exhibitor.slug]), {"rep": rep.pk, "start": start.isoformat()}
        )
    return response.status_code, len(queries)


def open_requests_for(exhibitor, rep, market, buyer, count: int) -> list[Meeting]:
    """Requests that the booking makes impossible: `count` other buyers asking for the same slot (made while
    the company still answered by hand), and one of the booking buyer's own elsewhere at that time."""
    exhibitor.auto_accept_meetings = False
    exhibitor.save(update_fields=["auto_accept_meetings"])
    others = [
        services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=at(market, 10))
        for _ in range(count)
    ]
    exhibitor.auto_accept_meetings = True
    exhibitor.save(update_fields=["auto_accept_meetings"])
    return others


@pytest.mark.parametrize("conflicts", [0, 1, 6])
def test_an_auto_accepted_booking_makes_at_most_20_queries_however_many_requests_it_closes(
    client, buyer, rep, auto_accepting, market, conflicts
):
    closed = open_requests_for(auto_accepting, rep, market, buyer, conflicts)
    OutboundEmail.objects.all().delete()
    client.force_login(buyer)
    client.get(reverse("meetings:book", args=[auto_accepting.slug]))  # the session as a real visitor has it

    status, queries = book(client, auto_accepting, rep, at(market, 10))

    assert status == 302
    meeting = Meeting.objects.get(buyer=buyer)
    assert (meeting.status, meeting.version) == (Status.ACCEPTED, 1)
    assert queries <= QUERIES_PER_BOOKING, f"an auto-accepted booking made {queries} queries"
    # Each request it made impossible is declined, saying why, and its asker told.
    assert (
        sorted(Meeting.objects.filter(pk__in=[m.pk for m in closed]).values_list("status", "closed_because"))
        == [(Status.DECLINED, ClosedBecause.SLOT_TAKEN)] * conflicts
    )
    assert OutboundEmail.objects.filter(kind="declined").count() == conflicts
    # Two confirmations, and reminders and follow-ups waiting for their minute: all facts, nothing rendered.
    confirmations = OutboundEmail.objects.filter(kind="accepted")
    assert confirmations.count() == 2
    assert set(OutboundEmail.objects.values_list("raw_message", flat=True)) == {b""}
    assert set(OutboundEmail.objects.values_list("template", flat=True)) == {"meeting"}


def test_the_worker_writes_what_the_booking_stored_as_it_stood(client, buyer, rep, auto_accepting, market):
    """The facts are the meeting at that version: an email written after the meeting moved on still tells of
    the booking as it was, with the link of its version and the calendar file of its sequence."""
    client.force_login(buyer)
    book(client, auto_accepting, rep, at(market, 10))
    meeting = Meeting.objects.get(buyer=buyer)
    services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=rep, start=at(market, 11), reason="Room change"
    )

    (to_buyer,) = written(OutboundEmail.objects.filter(kind="accepted", recipients=[buyer.email]))
    assert (
        to_buyer.status == OutboundStatus.PENDING
        and to_buyer.subject == "Meeting confirmed with Jade Pictures (Mei Chan)"
    )
    assert f"/meetings/{meeting.pk}/?v=1" in to_buyer.body_text and "10:00" in to_buyer.body_text
    raw = bytes(to_buyer.raw_message)
    assert b"SEQUENCE:0" in raw and b"METHOD:REQUEST" in raw and meeting.ical_uid.encode() in raw
    (moved,) = written(OutboundEmail.objects.filter(kind="rescheduled", recipients=[buyer.email]))
    assert "11:00" in moved.body_text and b"SEQUENCE:1" in bytes(moved.raw_message)


def test_a_row_whose_meeting_is_gone_fails_saying_why_and_the_rest_are_written(
    client, buyer, rep, auto_accepting, market
):
    client.force_login(buyer)
    book(client, auto_accepting, rep, at(market, 10))
    rows = list(OutboundEmail.objects.filter(kind="accepted").order_by("pk"))
    gone = OutboundEmail.objects.create(
        template="meeting", facts={**rows[0].facts, "meeting": 0}, recipients=["x@example.org"]
    )

    written([*rows, gone])

    gone.refresh_from_db()
    assert gone.status == OutboundStatus.FAILED and "no longer exists" in gone.last_error
    assert {row.status for row in rows} == {OutboundStatus.PENDING} and all(row.raw_message for row in rows)


def test_a_slot_already_taken_is_refused_before_any_lock_is_taken(client, buyer, rep, auto_accepting, market):
    """Most posts of a rush find their slot gone: they are answered from the first query, waiting on no one."""
    services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=auto_accepting, start=at(market, 10))
    client.force_login(buyer)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("meetings:book", args=[auto_accepting.slug]), {"rep": rep.pk, "start": at(market, 10).isoformat()}
        )
    assert response.status_code == 400
    assert "The rep already has a meeting at this time." in response.content.decode()
    assert not [query["sql"] for query in queries if "pg_advisory_xact_lock" in query["sql"]]
    assert not Meeting.objects.filter(buyer=buyer).exists()


# A busy hour at a full-size market: other people's accepted meetings at the same time, and the rep's many
# declined requests. Copies of one meeting under made-up ids, written with the triggers and deferred foreign
# keys off (the test's transaction is rolled back, nothing of them is kept).
CROWD_SQL = """
    SET LOCAL session_replication_role = replica;
    INSERT INTO meetings_meeting (
        market_id, exhibitor_id, rep_id, buyer_id, availability_id, during, place, place_detail, status,
        initiated_by, awaiting, message, reason, closed_because, attendance, attendance_by, version, sequence,
        ical_uid, created_at, updated_at
    )
    SELECT market_id, exhibitor_id, 1000000 + n, 2000000 + n, availability_id, during, place, place_detail, status,
        initiated_by, awaiting, message, reason, closed_because, attendance, attendance_by, version, sequence,
        ical_uid || '-' || n, created_at, updated_at
    FROM meetings_meeting, generate_series(1, %(count)s) n WHERE id = %(meeting)s;
    INSERT INTO meetings_meeting (
        market_id, exhibitor_id, rep_id, buyer_id, availability_id, during, place, place_detail, status,
        initiated_by, awaiting, message, reason, closed_because, attendance, attendance_by, version, sequence,
        ical_uid, created_at, updated_at
    )
    SELECT market_id, exhibitor_id, rep_id, 3000000 + n, availability_id, during, place, place_detail, 'declined',
        initiated_by, awaiting, message, reason, closed_because, attendance, attendance_by, version, sequence,
        ical_uid || '-declined-' || n, created_at, updated_at
    FROM meetings_meeting, generate_series(1, %(count)s / 50) n WHERE id = %(meeting)s;
    SET LOCAL session_replication_role = origin;
    ANALYZE meetings_meeting;
"""


def test_a_persons_meetings_at_a_time_are_found_through_an_index_led_by_that_person(buyer, rep, auto_accepting, market):
    """The checks before and under the locks ask "has this rep (or buyer) a meeting then?". Ids arrive as integer
    literals and the columns are bigint, which the exclusion constraints' GiST indexes cannot compare: without an
    index led by the person, PostgreSQL scanned the time of every meeting at that hour in a GiST index (5 ms per
    booking at full size)."""
    taken = services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=auto_accepting, start=at(market, 10))
    params = {
        "buyer": buyer.pk, "rep": rep.pk, "exhibitor": auto_accepting.pk, "during": taken.during,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(CROWD_SQL, {"count": 5000, "meeting": taken.pk})
        cursor.execute(f"EXPLAIN (COSTS OFF) {services._REQUEST_FACTS_SQL}", params)  # noqa: S608 - the module's own SQL
        plan = "\n".join(row[0] for row in cursor.fetchall())
    meeting_scans = [line.strip() for line in plan.splitlines() if " on meetings_meeting" in line]
    assert len(meeting_scans) == 2, plan
    assert "using meeting_rep_status" in meeting_scans[0], plan
    assert "using meeting_buyer_status" in meeting_scans[1], plan
