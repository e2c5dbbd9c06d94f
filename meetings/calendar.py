"""iCalendar files: one meeting's invitation or cancellation, and a person's feed.

A meeting keeps one UID for life; SEQUENCE is the meeting's `sequence`, which grows with each reschedule
and the cancellation, so calendar apps replace the event rather than add a second one. Times carry the
market's zone (with its VTIMEZONE), so they stay right across anyone's daylight-saving change.
"""

from functools import cache

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from markets.timekeeping import market_zone
from meetings.models import Meeting, Place, Status
from web.i18n import localized_value

PRODID = "-//FILMART//Business matching//EN"


def uid_of(meeting: Meeting) -> str:
    return meeting.ical_uid


def place_text(meeting: Meeting) -> str:
    if meeting.place == Place.BOOTH:
        booth = meeting.exhibitor.booth
        return _("Booth %(booth)s") % {"booth": booth} if booth else _("At the booth")
    if meeting.place == Place.ONLINE:
        return _("Online: %(link)s") % {"link": meeting.place_detail}
    return meeting.place_detail


def _person(user) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(user.full_name or user.email)
    return address


def _event(meeting: Meeting, *, url: str = "") -> Event:
    zone = market_zone(meeting.market)
    event = Event()
    company = getattr(getattr(meeting.buyer, "buyer_profile", None), "company", "") or meeting.buyer.email
    event.add("uid", uid_of(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.during.lower.astimezone(zone))
    event.add("dtend", meeting.during.upper.astimezone(zone))
    event.add(
        "summary",
        _("Meeting: %(buyer)s and %(exhibitor)s")
        % {"buyer": company, "exhibitor": localized_value(meeting.exhibitor, "name")},
    )
    event.add("location", f"{place_text(meeting)}, {meeting.market.venue}")
    lines = [meeting.message] if meeting.message else []
    lines += [title.english_title for title in meeting.titles.all()]
    if url:
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("organizer", _person(meeting.rep))
    for person in (meeting.buyer, meeting.rep):
        attendee = _person(person)
        attendee.params["partstat"] = vText("ACCEPTED")
        event.add("attendee", attendee, encode=0)
    cancelled = meeting.status == Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


@cache
def _vtimezone(tzid: str) -> Timezone:
    """The zone's VTIMEZONE, worked out once per process: its transitions take some 10 ms to compute, and
    every confirmation email carries a calendar file."""
    return Timezone.from_tzid(tzid)


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def ics_method(meeting: Meeting) -> str:
    return "CANCEL" if meeting.status == Status.CANCELLED else "REQUEST"


def meeting_ics(meeting: Meeting, *, url: str = "") -> bytes:
    """The invitation for an accepted meeting (METHOD:REQUEST), or its cancellation (METHOD:CANCEL)."""
    calendar = _calendar(ics_method(meeting))
    calendar.add_component(_vtimezone(meeting.market.time_zone))
    calendar.add_component(_event(meeting, url=url))
    return calendar.to_ical()


def feed_ics(meetings: list[Meeting], *, name: str) -> bytes:
    calendar = _calendar(None)
    calendar.add("x-wr-calname", name)
    for zone in sorted({meeting.market.time_zone for meeting in meetings}):
        calendar.add_component(_vtimezone(zone))
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
