"""A removed team member loses every power over the company's meetings at once; their open meetings go to the
admin who removed them (or are called off, the buyers told why), with calendar files that follow."""

from datetime import time

import icalendar
import pytest
from django.urls import reverse

from exhibitors.models import TeamMember
from meetings import services
from meetings.models import Availability, ClosedBecause, Meeting, Status
from notifications.models import OutboundEmail
from tests.factories import team_member
from tests.meetings_fixtures import at, open_hours, verified_buyer, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(exhibitor):
    return team_member(exhibitor, role="admin", email="boss@jade.example", full_name="Wong Boss")


@pytest.fixture
def booked(buyer, rep, exhibitor, market):
    """The rep's accepted meeting with the buyer, and a request from another buyer still waiting."""
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    waiting = services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=at(market, 11))
    return meeting, waiting


def remove(client, admin, rep, **form):
    client.force_login(admin)
    membership = TeamMember.objects.get(user=rep)
    return client.post(reverse("meetings:team_member_remove", args=[membership.pk]), form)


def test_the_removed_rep_can_no_longer_see_or_change_the_meetings(client, admin, rep, buyer, booked):
    meeting, waiting = booked
    client.force_login(admin)
    page = client.get(reverse("meetings:team_member_remove", args=[TeamMember.objects.get(user=rep).pk]))
    assert "They have 2 meetings and requests still ahead." in page.content.decode()
    assert remove(client, admin, rep, open_meetings="hand_over").status_code == 302

    client.force_login(rep)
    for pk in (meeting.pk, waiting.pk):
        assert client.get(reverse("meetings:detail", args=[pk])).status_code == 404
        assert client.get(reverse("meetings:ics", args=[pk])).status_code == 404
    for action in ("cancel", "reschedule", "accept", "decline"):
        response = client.post(
            reverse("meetings:act", args=[meeting.pk, action]), {"version": meeting.version + 1, "reason": "gone"}
        )
        assert response.status_code == 404, action
    assert "Palace" not in client.get(reverse("meetings:agenda")).content.decode()
    assert client.get(reverse("meetings:team_agenda")).status_code == 404
    with pytest.raises(Meeting.DoesNotExist):
        services.meeting_cancel(meeting_id=meeting.pk, version=meeting.version + 1, user=rep, reason="gone")
    feed = services.calendar_feed_for(user=rep)
    assert not icalendar.Calendar.from_ical(client.get(f"/calendar/{feed.token}.ics").content).walk("VEVENT")
    assert Meeting.objects.get(pk=meeting.pk).status == Status.ACCEPTED  # nothing they tried took effect


def test_open_meetings_are_handed_to_the_admin_who_removes_the_rep(client, admin, rep, buyer, booked, smtp_sink):
    meeting, waiting = booked
    uid = Meeting.objects.get(pk=meeting.pk).ical_uid
    response = remove(client, admin, rep, open_meetings="hand_over")
    assert response.status_code == 302
    meeting.refresh_from_db()
    waiting.refresh_from_db()
    assert (meeting.rep, meeting.status, meeting.ical_uid) == (admin, Status.ACCEPTED, uid)
    assert (waiting.rep, waiting.status) == (admin, Status.PENDING)
    # The rep's open hours went with them; nothing of theirs is left to book.
    assert not Availability.objects.filter(rep=rep).exists()
    assert Availability.objects.filter(rep=admin).count() == 1

    (to_buyer,) = written(
        OutboundEmail.objects.filter(kind="handed_over", recipients=[buyer.email], topic=f"meeting:{meeting.pk}")
    )
    assert to_buyer.subject == "Your meeting is now with Jade Pictures (Wong Boss)"
    assert OutboundEmail.objects.filter(kind="taken_over", recipients=[admin.email]).count() == 2
    event = icalendar.Calendar.from_ical(
        next(
            part.get_payload(decode=True)
            for part in _mime(to_buyer).walk()
            if part.get_content_type() == "text/calendar"
        )
    ).walk("VEVENT")[0]
    assert str(event["uid"]) == uid and int(event["sequence"]) == meeting.sequence >= 1
    assert "boss@jade.example" in str(event["organizer"])
    reminders = OutboundEmail.objects.filter(kind="reminder", topic=f"meeting:{meeting.pk}", status="pending")
    assert {tuple(r.recipients) for r in reminders} == {(buyer.email,), (admin.email,)}

    client.force_login(admin)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


def test_meetings_the_admin_cannot_take_are_cancelled_with_notice(client, admin, rep, buyer, exhibitor, market, booked):
    meeting, waiting = booked
    # The admin has hours of their own at 10:00, and a meeting then with someone else.
    open_hours(admin, exhibitor, start=time(10, 0), end=time(10, 30))
    other = services.meeting_request(buyer=verified_buyer(), rep=admin, exhibitor=exhibitor, start=at(market, 10))
    services.meeting_accept(meeting_id=other.pk, version=other.version, user=admin)

    remove(client, admin, rep, open_meetings="hand_over")
    meeting.refresh_from_db()
    waiting.refresh_from_db()
    assert (meeting.status, meeting.closed_because) == (Status.CANCELLED, ClosedBecause.REP_LEFT)
    assert "has left the team" in meeting.reason
    # The rep's 10:00-12:00 hours could not move whole (the admin's own overlap them), and the admin has no
    # hours of their own at 11:00 to take the request into: it is declined, saying why.
    assert (waiting.status, waiting.closed_because) == (Status.DECLINED, ClosedBecause.REP_LEFT)
    assert OutboundEmail.objects.filter(kind="cancelled", recipients=[buyer.email]).exists()


def test_the_admin_can_cancel_them_all_with_a_reason(client, admin, rep, buyer, booked):
    meeting, waiting = booked
    refused = remove(client, admin, rep, open_meetings="cancel", reason="")
    assert refused.status_code == 400 and "the buyers will read it" in refused.content.decode()
    assert TeamMember.objects.filter(user=rep).exists()

    remove(client, admin, rep, open_meetings="cancel", reason="Mei has moved to our Beijing office.")
    meeting.refresh_from_db()
    waiting.refresh_from_db()
    assert (meeting.status, waiting.status) == (Status.CANCELLED, Status.DECLINED)
    assert meeting.reason == waiting.reason == "Mei has moved to our Beijing office."
    assert not TeamMember.objects.filter(user=rep).exists()


def _mime(row):
    from email import message_from_bytes, policy

    return message_from_bytes(bytes(row.raw_message), policy=policy.default)
