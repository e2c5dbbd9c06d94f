"""The emails a meeting's changes send: written into the outbox in the transaction of the change itself.

Each message has a key of (meeting, what happened, version, recipient), so writing it twice stores it once.
The request stores only the facts (the meeting as it stands at that version); the worker that delivers the
row writes the message, in the recipient's language with times in market time and the recipient's own zone.
Reminders are outbox rows due before the meeting; when the meeting moves or is cancelled they are called
off and, for a move, written again for the new time.
"""

import copy
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from markets.models import Market
from markets.timekeeping import day_range
from meetings import calendar
from meetings.models import Meeting, Side, Status
from notifications import rendering
from notifications.models import OutboundEmail
from notifications.services import outbound_email_queue, outbound_emails_cancel, outbound_emails_write
from web.i18n import localized_value

# What happened -> (subject, first line). %(other)s is the other side: a company, and the person.
EVENTS = {
    "requested": (_("Meeting request from %(other)s"), _("%(other)s asks to meet you.")),
    "invited": (_("%(other)s invites you to a meeting"), _("%(other)s invites you to meet at their slot.")),
    "proposed": (_("%(other)s proposes another time"), _("%(other)s proposes another slot for your meeting.")),
    "accepted": (_("Meeting confirmed with %(other)s"), _("Your meeting with %(other)s is confirmed.")),
    "declined": (_("%(other)s declined your request"), _("%(other)s cannot meet at this time.")),
    "withdrawn": (_("%(other)s withdrew their request"), _("%(other)s no longer asks for this meeting.")),
    "expired": (_("Your request to %(other)s expired"), _("Your request to %(other)s was not answered in time.")),
    "cancelled": (_("Meeting cancelled: %(other)s"), _("Your meeting with %(other)s is cancelled.")),
    "rescheduled": (_("Meeting moved: %(other)s"), _("Your meeting with %(other)s has a new time.")),
    "reminder": (_("Soon: your meeting with %(other)s"), _("Your meeting with %(other)s starts soon.")),
    # A rep left the team and a colleague took their meetings over: the buyer hears of the new person, the
    # colleague of the meeting they now hold.
    "handed_over": (
        _("Your meeting is now with %(other)s"),
        _("%(other)s now looks after your meeting: the time and place stay the same."),
    ),
    "taken_over": (
        _("You now meet %(other)s"),
        _("A colleague left the team: you now look after their meeting with %(other)s."),
    ),
    "followup": (
        _("Did your meeting with %(other)s happen?"),
        _("Did your meeting with %(other)s take place? One tap on the meeting's page tells the organisers."),
    ),
}
# Messages due later that a cancellation or a move calls off (and a move writes again).
SCHEDULED = ("reminder", "followup")
# Messages that carry the meeting's calendar file (and its METHOD).
WITH_CALENDAR = {"accepted", "rescheduled", "cancelled", "handed_over", "taken_over"}


def _language(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def _other_side(meeting: Meeting, recipient: User) -> str:
    if recipient.pk == meeting.buyer_id:
        person = meeting.rep.full_name or meeting.rep.email
        return f"{localized_value(meeting.exhibitor, 'name')} ({person})"
    profile = getattr(meeting.buyer, "buyer_profile", None)
    person = meeting.buyer.full_name or meeting.buyer.email
    return f"{profile.company} ({person})" if profile else person


def meeting_link(meeting: Meeting) -> str:
    """Opens the meeting as it stands; the version tells the page whether this email has been overtaken."""
    return f"{settings.SITE_URL}{reverse('meetings:detail', args=[meeting.pk])}?v={meeting.version}"


def _message(meeting: Meeting, recipient: User, event: str, *, extra: dict | None = None) -> EmailMultiAlternatives:
    with translation.override(_language(recipient)):
        subject, opening = EVENTS[event]
        other = _other_side(meeting, recipient)
        context = {
            "meeting": meeting,
            "market": meeting.market,
            "recipient": recipient,
            "event": event,
            "opening": opening % {"other": other},
            "link": meeting_link(meeting),
            "agenda_link": settings.SITE_URL + reverse("meetings:agenda"),
            "settings_link": settings.SITE_URL + reverse("accounts:settings"),
            **(extra or {}),
        }
        message = EmailMultiAlternatives(
            subject=str(subject % {"other": other}),
            body=render_to_string("meetings/email/meeting.txt", context),
            to=[recipient.email],
        )
        message.attach_alternative(render_to_string("meetings/email/meeting.html", context), "text/html")
        if event in WITH_CALENDAR and meeting.status in (Status.ACCEPTED, Status.CANCELLED):
            method = calendar.ics_method(meeting)
            message.attach(
                f"meeting-{meeting.pk}.ics",
                calendar.meeting_ics(meeting, url=meeting_link(meeting)).decode(),
                f"text/calendar; charset=utf-8; method={method}",
            )
    return message


# --- Written in the request: rows of facts -----------------------------------------------------------

TEMPLATE = "meeting"


@dataclass(frozen=True)
class Person:
    """Who an email goes to, as far as the request needs to know: the worker reads the rest."""

    pk: int
    email: str


def _facts(meeting: Meeting, recipient_id: int, event: str, extra: dict | None) -> dict:
    """The meeting as it stands at this version: what its email says, written later by the worker."""
    return {
        "meeting": meeting.pk,
        "recipient": recipient_id,
        "event": event,
        "version": meeting.version,
        "sequence": meeting.sequence,
        "status": meeting.status,
        "start": meeting.during.lower.isoformat(),
        "end": meeting.during.upper.isoformat(),
        "rep": meeting.rep_id,
        "place": meeting.place,
        "place_detail": meeting.place_detail,
        "message": meeting.message,
        "reason": meeting.reason,
        "closed_because": meeting.closed_because,
        "updated_at": meeting.updated_at.isoformat(),
        "extra": extra or {},
    }


def _row(meeting: Meeting, recipient, event: str, *, due_at=None, key_part: str = "", extra=None) -> OutboundEmail:
    return OutboundEmail(
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipients=[recipient.email],
        key=f"meeting:{meeting.pk}:{event}{key_part}:v{meeting.version}:user:{recipient.pk}",
        topic=f"meeting:{meeting.pk}",
        kind=event,
        next_attempt_at=due_at or timezone.now(),
        template=TEMPLATE,
        facts=_facts(meeting, recipient.pk, event, extra),
    )


def meeting_changed(meeting: Meeting, event: str, *, by: str | None = None) -> None:
    """Tell the people in a meeting what just happened to it. `by` is the side that acted, if a person did.

    Writes the rows of every email of the change (and its reminders) in one statement; the worker writes the
    messages themselves. The meeting's buyer, rep and market are read from it (loaded once if not already)."""
    buyer, rep = meeting.buyer, meeting.rep
    rows = []
    if event in ("requested", "invited", "proposed", "withdrawn", "declined"):
        rows.append(_row(meeting, rep if by == Side.BUYER else buyer, event))
    elif event == "expired":
        rows.append(_row(meeting, buyer if meeting.initiated_by == Side.BUYER else rep, event))
    elif event == "handed_over":
        rows += [_row(meeting, buyer, "handed_over"), _row(meeting, rep, "taken_over")]
    else:  # accepted, cancelled, rescheduled: both calendars must change
        rows += [_row(meeting, buyer, event), _row(meeting, rep, event)]
    if event in ("cancelled", "rescheduled", "handed_over"):
        outbound_emails_cancel(topic=f"meeting:{meeting.pk}", kind=SCHEDULED)
    if event in ("accepted", "rescheduled") or (event == "handed_over" and meeting.status == Status.ACCEPTED):
        rows += _reminder_rows(meeting)
    outbound_emails_write(rows)


def requests_closed(meetings: list[Meeting], event: str) -> None:
    """Tell the askers of requests the app closed (declined as their slot went, or expired), all in one
    statement. Each meeting carries `buyer_email` and `rep_email` (read with the closing itself)."""
    rows = []
    for meeting in meetings:
        to_rep = event == "expired" and meeting.initiated_by != Side.BUYER
        recipient = (
            Person(meeting.rep_id, meeting.rep_email) if to_rep else Person(meeting.buyer_id, meeting.buyer_email)
        )
        rows.append(_row(meeting, recipient, event))
    outbound_emails_write(rows)


def attendance_question_called_off(meeting: Meeting) -> None:
    """Someone already said whether the meeting happened: nobody needs asking."""
    outbound_emails_cancel(topic=f"meeting:{meeting.pk}", kind="followup")


def _reminder_rows(meeting: Meeting) -> list[OutboundEmail]:
    """Reminders before the meeting, and the "did it happen?" question when it ends."""
    now = timezone.now()
    people = [person for person in (meeting.buyer, meeting.rep) if person.email_reminders]
    rows = [_row(meeting, person, "followup", due_at=meeting.end) for person in people]
    for minutes in meeting.market.reminder_minutes:
        due = meeting.start - timedelta(minutes=minutes)
        if due <= now:
            continue  # booked too late for this one: a reminder at booking time is no reminder
        rows += [
            _row(meeting, person, "reminder", due_at=due, key_part=f":{minutes}", extra={"minutes_before": minutes})
            for person in people
        ]
    return rows


# --- Written by the worker: the messages -------------------------------------------------------------


def _as_it_stood(meeting: Meeting, facts: dict, people: dict[int, User]) -> Meeting:
    """The meeting as it was at the version the email is about (it may have moved on since)."""
    then = copy.copy(meeting)  # its own field cache: setting the rep here changes no other row's meeting
    for field in ("version", "sequence", "status", "place", "place_detail", "message", "reason", "closed_because"):
        setattr(then, field, facts[field])
    then.during = DateTimeTZRange(datetime.fromisoformat(facts["start"]), datetime.fromisoformat(facts["end"]), "[)")
    then.updated_at = datetime.fromisoformat(facts["updated_at"])
    if facts["rep"] != meeting.rep_id and facts["rep"] in people:
        then.rep = people[facts["rep"]]
    return then


@rendering.register(TEMPLATE)
def messages_of(rows: list[OutboundEmail]) -> dict[int, EmailMultiAlternatives | rendering.CannotWrite]:
    """The messages of a batch of rows, reading their meetings and people once for the batch."""
    from meetings.selectors import next_free_slots

    facts = {row.pk: row.facts for row in rows}
    meetings = (
        Meeting.objects.select_related("market", "exhibitor", "rep", "buyer", "buyer__buyer_profile")
        .prefetch_related("titles")
        .in_bulk({fact["meeting"] for fact in facts.values()})
    )
    people = User.objects.in_bulk({fact[key] for fact in facts.values() for key in ("recipient", "rep")})
    written: dict[int, EmailMultiAlternatives | rendering.CannotWrite] = {}
    for pk, fact in facts.items():
        meeting, recipient = meetings.get(fact["meeting"]), people.get(fact["recipient"])
        if meeting is None or recipient is None:
            written[pk] = rendering.CannotWrite("the meeting or the person it was for no longer exists")
            continue
        then = _as_it_stood(meeting, fact, people)
        extra = dict(fact.get("extra") or {})
        if fact["event"] == "declined" and then.closed_because:
            extra["suggestions"] = next_free_slots(
                rep=then.rep, exhibitor=then.exhibitor, after=timezone.now(), viewer=then.buyer
            )
        written[pk] = _message(then, recipient, fact["event"], extra=extra)
    return written


# --- The daily agenda ----------------------------------------------------------------------------------


def daily_agendas_queue(*, market: Market, now=None) -> int:
    """Each market morning, from the market's agenda time on, each person's meetings of the day. Safe to run
    every few minutes and in two processes at once: one message per person and day, by its key."""
    from markets.timekeeping import market_days, market_zone

    now = now or timezone.now()
    local = now.astimezone(market_zone(market))
    day: date = local.date()
    if day not in market_days(market) or local.time() < market.daily_agenda_at:
        return 0
    meetings = list(
        Meeting.objects.filter(market=market, status=Status.ACCEPTED, during__overlap=day_range(market, day))
        .select_related("exhibitor", "rep", "buyer", "buyer__buyer_profile", "market")
        .order_by("during")
    )
    people: dict[int, tuple[User, list[Meeting]]] = {}
    for meeting in meetings:
        for person in (meeting.buyer, meeting.rep):
            people.setdefault(person.pk, (person, []))[1].append(meeting)
    queued = 0
    for person, day_meetings in people.values():
        if not person.email_daily_agenda:
            continue
        with translation.override(_language(person)):
            context = {"recipient": person, "market": market, "day": day, "meetings": day_meetings,
                       "agenda_link": f"{settings.SITE_URL}{reverse('meetings:agenda')}?day={day.isoformat()}",
                       "settings_link": settings.SITE_URL + reverse("accounts:settings")}  # fmt: skip
            message = EmailMultiAlternatives(
                subject=str(_("Your meetings today: %(count)s") % {"count": len(day_meetings)}),
                body=render_to_string("meetings/email/agenda.txt", context),
                to=[person.email],
            )
            message.attach_alternative(render_to_string("meetings/email/agenda.html", context), "text/html")
        queued += bool(
            outbound_email_queue(
                message=message, key=f"agenda:{market.pk}:{day.isoformat()}:user:{person.pk}", kind="agenda"
            )  # fmt: skip
        )
    return queued


def meeting_arranged(meeting: Meeting) -> None:
    """An arranged meeting's reminders and "did it happen?" question. Its announcement is the round's one email
    per person listing all their arranged meetings (scheduling.notify), not one email per meeting."""
    outbound_emails_write(_reminder_rows(meeting))
