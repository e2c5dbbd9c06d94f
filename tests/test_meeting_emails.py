from datetime import time, timedelta

import icalendar
import pytest
from django.urls import reverse

from markets import timekeeping
from meetings import notify, services
from meetings.models import Status
from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import outbox_sweep
from tests.meetings_fixtures import at, verified_buyer, written

pytestmark = pytest.mark.django_db


def rows(**filters):
    return written(OutboundEmail.objects.filter(**filters).order_by("pk"))


def request(buyer, rep, exhibitor, market, hour=10, minute=0):
    return services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour, minute))


def accept(meeting, user):
    return services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=user)


def calendar_part(row: OutboundEmail):
    from email import message_from_bytes, policy

    message = message_from_bytes(bytes(row.raw_message), policy=policy.default)
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part, icalendar.Calendar.from_ical(part.get_content())


def test_a_request_tells_the_rep_and_an_acceptance_sends_both_the_calendar(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market)
    (asked,) = rows(kind="requested")
    assert asked.recipients == [rep.email] and buyer.buyer_profile.company in asked.subject
    assert f"/meetings/{meeting.pk}/?v=0" in asked.body_text

    accept(meeting, rep)
    confirmations = rows(kind="accepted")
    assert sorted(r.recipients[0] for r in confirmations) == sorted([buyer.email, rep.email])
    for row in confirmations:
        part, calendar = calendar_part(row)
        assert part.get_param("method") == "REQUEST" and str(calendar["method"]) == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert event.decoded("dtstart") == at(market, 10) and int(event["sequence"]) == 0


def test_a_cancellation_sends_a_cancel_calendar_with_the_next_sequence(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market), rep)
    services.meeting_cancel(meeting_id=meeting.pk, version=meeting.version, user=buyer, reason="Flight moved")
    cancelled = rows(kind="cancelled")
    assert len(cancelled) == 2
    part, calendar = calendar_part(cancelled[0])
    (event,) = calendar.walk("VEVENT")
    assert (part.get_param("method"), str(calendar["method"]), int(event["sequence"])) == ("CANCEL", "CANCEL", 1)
    assert "Flight moved" in cancelled[0].body_text


def test_the_same_message_is_stored_once(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market), rep)
    before = OutboundEmail.objects.count()
    notify.meeting_changed(meeting, "accepted")  # a second write, as a retried task would
    assert OutboundEmail.objects.count() == before


def test_reminders_go_at_their_minute_not_at_booking_and_never_for_a_cancelled_meeting(
    buyer, rep, exhibitor, market, smtp_sink
):
    meeting = accept(request(buyer, rep, exhibitor, market), rep)
    reminders = rows(kind="reminder")
    assert sorted((r.next_attempt_at, r.recipients[0]) for r in reminders) == sorted(
        (at(market, 10) - timedelta(minutes=minutes), person.email)
        for minutes in (24 * 60, 15)
        for person in (buyer, rep)
    )
    outbox_sweep()  # now: the request and confirmations go, the reminders wait
    assert {r.kind for r in rows(status=OutboundStatus.SENT)} == {"requested", "accepted"}
    day_before = at(market, 10) - timedelta(days=1)
    assert outbox_sweep(now=day_before - timedelta(seconds=1)) == 0
    assert outbox_sweep(now=day_before) == 2
    assert outbox_sweep(now=day_before) == 0  # never twice
    services.meeting_cancel(meeting_id=meeting.pk, version=meeting.version, user=rep, reason="The director is ill")
    assert outbox_sweep(now=at(market, 10) - timedelta(minutes=15)) == 2  # the two cancellations, no reminder
    assert sorted(m["Subject"].split(":")[0] for m in smtp_sink.messages[-2:]) == ["Meeting cancelled"] * 2
    assert {r.status for r in rows(kind="reminder", next_attempt_at=at(market, 9, 45))} == {OutboundStatus.CANCELLED}


def test_rescheduling_moves_the_reminders(buyer, rep, exhibitor, market):
    meeting = accept(request(buyer, rep, exhibitor, market), rep)
    services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=buyer, start=at(market, 11), reason="x"
    )
    live = rows(kind="reminder", status=OutboundStatus.PENDING)
    assert sorted({r.next_attempt_at for r in live}) == [at(market, 11) - timedelta(days=1), at(market, 10, 45)]
    assert len(rows(kind="reminder", status=OutboundStatus.CANCELLED)) == 4
    (moved,) = [r for r in rows(kind="rescheduled") if r.recipients == [rep.email]]
    assert int(calendar_part(moved)[1].walk("VEVENT")[0]["sequence"]) == 1


def test_people_who_want_no_reminders_get_none(buyer, rep, exhibitor, market):
    buyer.email_reminders = False
    buyer.save()
    accept(request(buyer, rep, exhibitor, market), rep)
    assert {r.recipients[0] for r in rows(kind="reminder")} == {rep.email}


def test_emails_speak_the_recipients_language_and_time(buyer, rep, exhibitor, market):
    rep.language = "zh-hans"
    rep.save()
    buyer.time_zone = "Europe/Berlin"
    buyer.save()
    meeting = accept(request(buyer, rep, exhibitor, market), rep)
    (to_rep,) = rows(kind="requested")
    assert "会议" in to_rep.subject and "10:00–10:30" in to_rep.body_text
    (to_buyer,) = [r for r in rows(kind="accepted") if r.recipients == [buyer.email]]
    assert "Meeting confirmed" in to_buyer.subject
    assert "10:00–10:30 (market time, Asia/Hong_Kong) (03:00–03:30 your time, Europe/Berlin)" in to_buyer.body_text
    assert meeting.pk


def test_a_request_declined_by_the_app_offers_the_next_free_slots(buyer, rep, exhibitor, market):
    rival = verified_buyer()
    lost = request(rival, rep, exhibitor, market)
    accept(request(buyer, rep, exhibitor, market), rep)
    (declined,) = rows(kind="declined")
    assert declined.recipients == [rival.email]
    assert "accepted another meeting" in declined.body_text and "10:30–11:00" in declined.body_text
    assert lost.pk


def test_expiry_tells_the_asker(buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market)
    assert services.meetings_expire_due(now=meeting.expires_at) == 1
    (expired,) = rows(kind="expired")
    assert expired.recipients == [buyer.email] and "not answered in time" in expired.body_text


def test_the_daily_agenda_goes_each_market_morning_once(buyer, rep, exhibitor, market):
    accept(request(buyer, rep, exhibitor, market), rep)
    accept(request(verified_buyer(), rep, exhibitor, market, 11), rep)
    morning = timekeeping.market_moment(market, at(market, 10).date(), time(7, 30))
    assert notify.daily_agendas_queue(market=market, now=morning - timedelta(minutes=1)) == 0
    assert notify.daily_agendas_queue(market=market, now=morning) == 3
    assert notify.daily_agendas_queue(market=market, now=morning + timedelta(minutes=10)) == 0
    (to_rep,) = rows(kind="agenda", recipients=[rep.email])
    assert "10:00–10:30" in to_rep.body_text and "11:00–11:30" in to_rep.body_text


def test_an_old_email_link_shows_the_meeting_as_it_stands(client, buyer, rep, exhibitor, market):
    meeting = request(buyer, rep, exhibitor, market)
    services.meeting_withdraw(meeting_id=meeting.pk, version=meeting.version, user=buyer)
    client.force_login(rep)
    html = client.get(reverse("meetings:detail", args=[meeting.pk]) + "?v=0").content.decode()
    assert "earlier state of this meeting" in html and "Withdrawn" in html
    assert 'name="version"' not in html  # nothing left to act on
    assert Status.WITHDRAWN


def test_people_choose_their_non_essential_emails(client, buyer):
    client.force_login(buyer)
    client.post(reverse("accounts:settings"), {"full_name": "Ploy", "email_daily_agenda": "on"})
    buyer.refresh_from_db()
    assert (buyer.email_reminders, buyer.email_daily_agenda) == (False, True)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "Email me my agenda each market morning" in html


def test_both_are_asked_whether_it_happened_when_it_ends_unless_someone_said(
    buyer, rep, exhibitor, market, monkeypatch
):
    first = accept(request(buyer, rep, exhibitor, market, 10), rep)
    accept(request(verified_buyer(), rep, exhibitor, market, 11), rep)
    questions = rows(kind="followup", status=OutboundStatus.PENDING)
    assert sorted(r.next_attempt_at for r in questions) == [at(market, 10, 30)] * 2 + [at(market, 11, 30)] * 2
    assert "take place" in questions[0].body_text
    monkeypatch.setattr(services, "CHECK_IN_EARLY", timedelta(days=3650))
    services.meeting_attendance_record(meeting_id=first.pk, version=first.version, user=rep, attendance="met")
    assert (
        sorted(r.next_attempt_at for r in rows(kind="followup", status=OutboundStatus.PENDING))
        == [at(market, 11, 30)] * 2
    )
