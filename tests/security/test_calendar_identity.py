"""A meeting's calendar UID names this deployment and a random part, and stays the same for the meeting's
whole life: two markets run by the same organisers never merge each other's meetings in a buyer's calendar."""

from datetime import time

import icalendar
import pytest

from meetings import calendar, services
from meetings.models import Meeting
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db


def test_uids_carry_the_site_and_a_random_part_and_never_change(settings, buyer, rep, exhibitor, market):
    settings.SITE_URL = "https://meet.filmart.example"
    open_hours(rep, exhibitor, start=time(14, 0), end=time(16, 0))
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    other = services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=at(market, 11))
    uid = meeting.ical_uid
    assert uid.endswith("@meet.filmart.example") and uid != other.ical_uid
    assert str(meeting.pk) not in uid.split("@")[0].split("-")  # not guessable from the id alone

    meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    moved = services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=buyer, start=at(market, 14), reason="Flight moved"
    )
    cancelled = services.meeting_cancel(meeting_id=moved.pk, version=moved.version, user=rep, reason="Ill")
    uids = []
    for state in (meeting, moved, cancelled):
        event = icalendar.Calendar.from_ical(calendar.meeting_ics(Meeting.objects.get(pk=state.pk))).walk("VEVENT")[0]
        uids.append(str(event["uid"]))
    assert uids == [uid, uid, uid]
    assert Meeting.objects.filter(ical_uid=uid).count() == 1
