"""A booking's emails through the real parts: the outbox row, Redis, a Celery worker process, SMTP."""

import time

import icalendar
import pytest

from meetings import services
from notifications.models import OutboundEmail, OutboundStatus
from tests.mail_processes import wait_for
from tests.meetings_fixtures import at

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_booking_reaches_both_people_with_a_calendar_invitation(
    celery_worker, smtp_sink, buyer, rep, exhibitor, market
):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)

    wait_for(lambda: len(smtp_sink.messages) >= 3, what="the request and both confirmations")
    time.sleep(0.5)  # anything more would be a duplicate
    assert len(smtp_sink.messages) == 3
    confirmations = [m for m in smtp_sink.messages if m["Subject"].startswith("Meeting confirmed")]
    assert sorted(m["To"] for m in confirmations) == sorted([buyer.email, rep.email])
    for message in confirmations:
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert part.get_param("method") == "REQUEST"
        calendar = icalendar.Calendar.from_ical(part.get_content())
        (event,) = calendar.walk("VEVENT")
        assert str(calendar["method"]) == "REQUEST"
        assert str(event["uid"]) == meeting.ical_uid and int(event["sequence"]) == 0
        assert event.decoded("dtstart") == at(market, 10) and event.decoded("dtend") == at(market, 10, 30)
    sent = OutboundEmail.objects.exclude(kind__in=["reminder", "followup"])
    assert {row.status for row in sent} == {OutboundStatus.SENT} and sent.count() == 3
    assert OutboundEmail.objects.filter(kind="reminder", status=OutboundStatus.PENDING).count() == 4
    assert OutboundEmail.objects.filter(kind="followup", status=OutboundStatus.PENDING).count() == 2
