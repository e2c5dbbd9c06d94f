"""The email a published round sends: one per person, listing all their newly arranged meetings, with a calendar
file for each. Written in the publishing worker (not in a request), in the person's language, into the outbox
under a key per round, publication and person, so a second run stores nothing twice."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from meetings import calendar
from meetings.models import Meeting
from meetings.notify import meeting_link
from notifications.services import outbound_email_queue
from scheduling.models import Round
from web.i18n import localized_value


def _arranged_message(rnd: Round, person: User, meetings: list[Meeting]) -> EmailMultiAlternatives:
    market = rnd.market
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": person, "market": market, "market_name": localized_value(market, "name"),
            "meetings": meetings, "to_confirm": not rnd.confirm_at_once,
            "agenda_link": settings.SITE_URL + reverse("meetings:agenda"),
            "settings_link": settings.SITE_URL + reverse("accounts:settings"),
        }  # fmt: skip
        message = EmailMultiAlternatives(
            subject=_("Meetings arranged for you: %(count)s") % {"count": len(meetings)},
            body=render_to_string("scheduling/email/arranged.txt", context),
            to=[person.email],
        )
        message.attach_alternative(render_to_string("scheduling/email/arranged.html", context), "text/html")
        for meeting in meetings:
            method = calendar.ics_method(meeting)
            message.attach(
                f"meeting-{meeting.pk}.ics",
                calendar.meeting_ics(meeting, url=meeting_link(meeting)).decode(),
                f"text/calendar; charset=utf-8; method={method}",
            )
    return message


def round_published(rnd: Round, meetings: list[Meeting]) -> int:
    """One email per buyer and rep with meetings in this publication. Returns how many were stored."""
    people: dict[int, tuple[User, list[Meeting]]] = {}
    for meeting in sorted(meetings, key=lambda m: m.during.lower):
        for person in (meeting.buyer, meeting.rep):
            people.setdefault(person.pk, (person, []))[1].append(meeting)
    stored = 0
    for person, theirs in people.values():
        message = _arranged_message(rnd, person, theirs)
        key = f"round:{rnd.pk}:v{rnd.version}:user:{person.pk}"
        stored += bool(outbound_email_queue(message=message, key=key, topic=f"round:{rnd.pk}", kind="arranged"))
    return stored
