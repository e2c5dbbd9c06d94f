from datetime import date, time

import icalendar
import pytest
from django.urls import reverse

from meetings import services
from meetings.models import CalendarFeed, Meeting, Status
from tests.factories import ExhibitorFactory, MarketFactory, UserFactory, team_member
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db


def booked(buyer, rep, exhibitor, market, hour=10):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour))
    return services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)


def test_a_buyer_books_from_the_slot_picker_and_the_rep_accepts(client, buyer, rep, exhibitor, market):
    client.force_login(buyer)
    page = client.get(reverse("meetings:book", args=[exhibitor.slug])).content.decode()
    assert "10:00–10:30" in page and "11:30–12:00" in page
    response = client.post(
        reverse("meetings:book", args=[exhibitor.slug]),
        {"rep": rep.pk, "start": at(market, 10, 30).isoformat(), "message": "Palace Secrets for Thailand"},
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", args=[meeting.pk])
    assert (meeting.status, meeting.message, meeting.start) == (
        Status.PENDING,
        "Palace Secrets for Thailand",
        at(market, 10, 30),
    )
    client.force_login(rep)
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Waiting for your answer" in detail
    client.post(reverse("meetings:act", args=[meeting.pk, "accept"]), {"version": meeting.version})
    assert Meeting.objects.get().status == Status.ACCEPTED
    agenda = client.get(reverse("meetings:agenda")).content.decode()
    assert "10:30–11:00" in agenda and buyer.buyer_profile.company in agenda


def test_the_slot_picker_swaps_only_its_slots_over_htmx(client, buyer, rep, exhibitor, market):
    client.force_login(buyer)
    response = client.get(
        reverse("meetings:book", args=[exhibitor.slug]), {"rep": rep.pk, "day": "2030-03-17"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="slots"') and "<html" not in html
    assert html.count('name="start"') == 4


def test_bad_booking_input_gets_a_message_and_keeps_the_text(client, buyer, rep, exhibitor, market):
    client.force_login(buyer)
    for start in ["not a time", at(market, 10, 10).isoformat(), at(market, 15).isoformat(), ""]:
        response = client.post(
            reverse("meetings:book", args=[exhibitor.slug]), {"rep": rep.pk, "start": start, "message": "Keep me"}
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "slots" in html and "Keep me" in html
    assert not Meeting.objects.exists()


def test_a_stale_page_gets_a_clear_message_not_an_error(client, buyer, rep, exhibitor, market):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    services.meeting_withdraw(meeting_id=meeting.pk, version=meeting.version, user=buyer)
    client.force_login(rep)
    response = client.post(
        reverse("meetings:act", args=[meeting.pk, "accept"]), {"version": meeting.version}, follow=True
    )
    assert "This request has been withdrawn." in response.content.decode()
    assert Meeting.objects.get().status == Status.WITHDRAWN


def test_nobody_else_reaches_a_meeting_through_any_url(client, buyer, rep, exhibitor, market):
    meeting = booked(buyer, rep, exhibitor, market)
    other_company = ExhibitorFactory(market=market)
    strangers = [verified_buyer(), team_member(other_company), UserFactory(role="organiser", is_staff=True)]
    urls = [
        ("get", reverse("meetings:detail", args=[meeting.pk]), {}),
        ("get", reverse("meetings:detail", args=[meeting.pk]) + "?day=2030-03-18", {"HTTP_HX_REQUEST": "true"}),
        ("get", reverse("meetings:ics", args=[meeting.pk]), {}),
    ] + [
        ("post", reverse("meetings:act", args=[meeting.pk, action]), {})
        for action in ["accept", "decline", "withdraw", "cancel", "propose", "reschedule"]
    ]
    for stranger in strangers:
        client.force_login(stranger)
        for method, url, headers in urls:
            response = getattr(client, method)(url, {"version": meeting.version, "reason": "x"}, **headers)
            assert response.status_code == 404, (stranger, url)
    assert Meeting.objects.get().status == Status.ACCEPTED
    client.force_login(buyer)
    assert client.get(reverse("meetings:detail", args=[meeting.pk + 1000])).status_code == 404


def test_the_whole_team_sees_the_company_calendar(client, buyer, rep, exhibitor, market):
    booked(buyer, rep, exhibitor, market)
    colleague = team_member(exhibitor, full_name="Colleague")
    client.force_login(colleague)
    page = client.get(reverse("meetings:team_agenda"), {"day": "2030-03-17"}).content.decode()
    assert buyer.buyer_profile.company in page
    client.force_login(buyer)
    assert client.get(reverse("meetings:team_agenda")).status_code == 404


def _event(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_the_ics_keeps_its_uid_and_grows_its_sequence(client, buyer, rep, exhibitor, market):
    meeting = booked(buyer, rep, exhibitor, market)
    client.force_login(buyer)
    url = reverse("meetings:ics", args=[meeting.pk])
    first = client.get(url)
    assert first["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    calendar, event = _event(first.content)
    assert (str(calendar["method"]), int(event["sequence"])) == ("REQUEST", 0)
    assert event.decoded("dtstart") == at(market, 10)
    assert str(event["dtstart"].params["TZID"]) == "Asia/Hong_Kong" and calendar.walk("VTIMEZONE")
    moved = services.meeting_reschedule(
        meeting_id=meeting.pk, version=meeting.version, user=rep, start=at(market, 11), reason="Later"
    )
    calendar, moved_event = _event(client.get(url).content)
    assert (str(calendar["method"]), int(moved_event["sequence"])) == ("REQUEST", 1)
    assert moved_event["uid"] == event["uid"] and moved_event.decoded("dtstart") == at(market, 11)
    services.meeting_cancel(meeting_id=meeting.pk, version=moved.version, user=buyer, reason="Flight")
    response = client.get(url)
    calendar, cancelled = _event(response.content)
    assert response["Content-Type"].endswith("method=CANCEL")
    assert (str(calendar["method"]), int(cancelled["sequence"]), str(cancelled["status"])) == ("CANCEL", 2, "CANCELLED")


def test_a_pending_request_has_no_ics(client, buyer, rep, exhibitor, market):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    client.force_login(buyer)
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_the_calendar_feed_holds_only_its_owner_meetings_and_can_be_reset(client, buyer, rep, exhibitor, market):
    mine = booked(buyer, rep, exhibitor, market, 10)
    booked(verified_buyer(), rep, exhibitor, market, 11)
    client.force_login(buyer)
    assert "/calendar/" in client.get(reverse("meetings:calendar_settings")).content.decode()
    token = CalendarFeed.objects.get(user=buyer).token
    client.logout()
    response = client.get(reverse("meetings:calendar_feed", args=[token]))
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [mine.ical_uid]
    client.force_login(buyer)
    client.post(reverse("meetings:calendar_settings"))
    client.logout()
    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404
    assert client.get(reverse("meetings:calendar_feed", args=["guess"])).status_code == 404


@pytest.mark.parametrize(
    ("zone", "before", "after", "days"),
    [
        # Europe moves its clocks on 31 March 2030: 10:00 in Hong Kong is 03:00 in Berlin, then 04:00.
        ("Europe/Berlin", "03:00–03:30", "04:00–04:30", (date(2030, 3, 30), date(2030, 4, 1))),
        # New York moves on 10 March 2030: 10:00 in Hong Kong is 21:00 the day before, then 22:00.
        ("America/New_York", "21:00–21:30", "22:00–22:30", (date(2030, 3, 9), date(2030, 3, 11))),
    ],
)
def test_own_time_follows_daylight_saving_while_market_time_stays(client, db, zone, before, after, days):
    market = MarketFactory(slug="dst", starts_on=days[0], ends_on=days[1])
    exhibitor = ExhibitorFactory(market=market)
    rep = team_member(exhibitor)
    buyer = verified_buyer(time_zone=zone)
    for day in days:
        open_hours(rep, exhibitor, day=day)
        meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10, day=day))
        services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    client.force_login(buyer)
    html = client.get(reverse("meetings:agenda")).content.decode()
    first, second = html.split(days[1].strftime("%A"), 1)
    assert "10:00–10:30" in first and before in first
    assert "10:00–10:30" in second and after in second


def test_market_time_stays_fixed_in_a_market_that_changes_its_clocks(db):
    from datetime import UTC
    from zoneinfo import ZoneInfo

    market = MarketFactory(
        slug="cannes", time_zone="Europe/Paris", starts_on=date(2030, 3, 30), ends_on=date(2030, 4, 1)
    )
    exhibitor = ExhibitorFactory(market=market)
    rep = team_member(exhibitor)
    for day in (date(2030, 3, 30), date(2030, 4, 1)):
        open_hours(rep, exhibitor, day=day, start=time(10), end=time(11))
    saturday, monday = (window.during.lower for window in rep.availability.order_by("during"))
    # Paris moves its clocks on 31 March: 10:00 is 09:00 UTC before, 08:00 UTC after, and 10:00 in Paris both days.
    assert (saturday.astimezone(UTC).hour, monday.astimezone(UTC).hour) == (9, 8)
    assert {saturday.astimezone(ZoneInfo("Europe/Paris")).hour, monday.astimezone(ZoneInfo("Europe/Paris")).hour} == {
        10
    }


def test_reps_publish_open_hours_and_bad_input_saves_nothing(client, exhibitor, market):
    rep = team_member(exhibitor)
    client.force_login(rep)
    url = reverse("meetings:hours")
    ok = client.post(url, {"day": "2030-03-18", "start": "14:00", "end": "16:00", "place": "booth"})
    assert ok.status_code == 302 and rep.availability.count() == 1
    for data, message in [
        ({"day": "2030-03-18", "start": "16:00", "end": "15:00", "place": "booth"}, "The end must come after"),
        ({"day": "2030-03-18", "start": "17:00", "end": "19:00", "place": "booth"}, "meeting hours"),
        ({"day": "2031-01-01", "start": "10:00", "end": "11:00", "place": "booth"}, "Select a valid choice"),
        ({"day": "2030-03-18", "start": "10:00", "end": "11:00", "place": "online"}, "give the link"),
        ({"day": "2030-03-18", "start": "15:00", "end": "17:00", "place": "booth"}, "overlaps open hours"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode(), data
    assert rep.availability.count() == 1


def test_requests_page_sorts_what_waits_for_whom(client, buyer, rep, exhibitor, market):
    asked = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    invited = services.meeting_invite(rep=rep, exhibitor=exhibitor, buyer=buyer, start=at(market, 11))
    client.force_login(buyer)
    html = client.get(reverse("meetings:requests")).content.decode()
    waiting_on_me, rest = html.split("Waiting for the other side")
    assert reverse("meetings:detail", args=[invited.pk]) in waiting_on_me
    assert reverse("meetings:detail", args=[asked.pk]) in rest
    assert "1 request waits for you" in client.get(reverse("meetings:agenda")).content.decode()


def test_every_meetings_page_renders_for_each_side(client, buyer, rep, exhibitor, market):
    meeting = booked(buyer, rep, exhibitor, market)
    services.meeting_invite(rep=rep, exhibitor=exhibitor, buyer=buyer, start=at(market, 11))
    pages = {
        buyer: ["meetings:agenda", "meetings:requests", "meetings:hours", "meetings:calendar_settings"],
        rep: [
            "meetings:agenda",
            "meetings:requests",
            "meetings:hours",
            "meetings:calendar_settings",
            "meetings:team_agenda",
        ],
    }
    for person, names in pages.items():
        client.force_login(person)
        for name in names:
            assert client.get(reverse(name)).status_code == 200, (person, name)
        for query in ["?day=2030-03-17", "?day=2030-03-17&view=timetable", "?day=nonsense"]:
            html = client.get(reverse("meetings:agenda") + query).content.decode()
            assert buyer.buyer_profile.company in html or "Jade Pictures" in html
        assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    client.force_login(rep)
    profile = buyer.buyer_profile
    assert "10:30–11:00" in client.get(reverse("meetings:invite", args=[profile.pk])).content.decode()


def test_the_rep_checks_a_meeting_in_and_the_console_counts_no_shows(
    client, buyer, rep, exhibitor, market, monkeypatch
):
    from datetime import timedelta

    from meetings.models import Attendance
    from organiser.selectors import headline_figures

    met = booked(buyer, rep, exhibitor, market, 10)
    missed = booked(verified_buyer(), rep, exhibitor, market, 11)
    client.force_login(rep)
    response = client.post(reverse("meetings:act", args=[met.pk, "met"]), {"version": met.version}, follow=True)
    assert "from a quarter of an hour before" in response.content.decode()  # too early: 2030 is far off
    monkeypatch.setattr(services, "CHECK_IN_EARLY", timedelta(days=365 * 10))
    client.post(reverse("meetings:act", args=[met.pk, "met"]), {"version": met.version})
    client.post(reverse("meetings:act", args=[missed.pk, "no_show"]), {"version": missed.version})
    met.refresh_from_db()
    assert (met.attendance, met.attendance_by, met.checked_in_at is not None) == (Attendance.MET, "rep", True)
    figures = headline_figures(market=market)
    assert (figures["met"], figures["no_shows"], figures["no_show_rate"]) == (1, 1, 50)
    client.force_login(buyer)
    html = client.get(reverse("meetings:detail", args=[met.pk])).content.decode()
    assert 'class="qr-code"' in html and "Check-in code for the rep" in html
