"""The emails a meeting's changes send: written into the outbox in the transaction of the change itself.

Each message has a key of (meeting, what happened, version, recipient), so writing it twice stores it once.
Each is written in the recipient's language with times in market time and the recipient's own zone.
Reminders are outbox rows due before the meeting; when the meeting moves or is cancelled they are called
off and, for a move, written again for the new time.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from markets.models import Market
from markets.timekeeping import day_range
from meetings import calendar
from meetings.models import Meeting, Side, Status
from notifications.services import outbound_email_queue, outbound_emails_cancel, outbound_emails_schedule
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


def _queue(meeting: Meeting, recipient: User, event: str, **kwargs) -> None:
    outbound_email_queue(
        message=_message(meeting, recipient, event, extra=kwargs.pop("extra", None)),
        key=f"meeting:{meeting.pk}:{event}:v{meeting.version}:user:{recipient.pk}",
        topic=f"meeting:{meeting.pk}",
        kind=event,
        **kwargs,
    )


def _fresh(meeting: Meeting) -> Meeting:
    # Titles fetched once: every message of the change (up to nine, with reminders) lists them twice.
    return (
        Meeting.objects.select_related("market", "exhibitor", "rep", "buyer", "buyer__buyer_profile")
        .prefetch_related("titles")
        .get(pk=meeting.pk)
    )


def meeting_changed(meeting: Meeting, event: str, *, by: str | None = None) -> None:
    """Tell the people in a meeting what just happened to it. `by` is the side that acted, if a person did."""
    meeting = _fresh(meeting)
    buyer, rep = meeting.buyer, meeting.rep
    if event in ("requested", "invited", "proposed", "withdrawn", "declined"):
        recipients = [rep] if by == Side.BUYER else [buyer]
    elif event == "expired":
        recipients = [buyer] if meeting.initiated_by == Side.BUYER else [rep]
    elif event == "handed_over":
        _queue(meeting, buyer, "handed_over")
        _queue(meeting, rep, "taken_over")
        recipients = []
    else:  # accepted, cancelled, rescheduled: both calendars must change
        recipients = [buyer, rep]
    extra = {}
    if event == "declined" and meeting.closed_because:
        from meetings.selectors import next_free_slots

        extra["suggestions"] = next_free_slots(rep=rep, exhibitor=meeting.exhibitor, after=timezone.now(), viewer=buyer)
    for recipient in recipients:
        _queue(meeting, recipient, event, extra=extra)
    if event in ("cancelled", "rescheduled", "handed_over"):
        for kind in SCHEDULED:
            outbound_emails_cancel(topic=f"meeting:{meeting.pk}", kind=kind)
    if event in ("accepted", "rescheduled") or (event == "handed_over" and meeting.status == Status.ACCEPTED):
        _reminders(meeting)


def attendance_question_called_off(meeting: Meeting) -> None:
    """Someone already said whether the meeting happened: nobody needs asking."""
    outbound_emails_cancel(topic=f"meeting:{meeting.pk}", kind="followup")


def _reminders(meeting: Meeting) -> None:
    """Reminders before the meeting, and the "did it happen?" question when it ends."""
    now = timezone.now()
    topic = f"meeting:{meeting.pk}"
    due_later = []  # (message, key, topic, kind, due at): written in one statement
    for recipient in (meeting.buyer, meeting.rep):
        if recipient.email_reminders:
            key = f"meeting:{meeting.pk}:followup:v{meeting.version}:user:{recipient.pk}"
            due_later.append((_message(meeting, recipient, "followup"), key, topic, "followup", meeting.end))
    for minutes in meeting.market.reminder_minutes:
        due = meeting.start - timedelta(minutes=minutes)
        if due <= now:
            continue  # booked too late for this one: a reminder at booking time is no reminder
        for recipient in (meeting.buyer, meeting.rep):
            if not recipient.email_reminders:
                continue
            message = _message(meeting, recipient, "reminder", extra={"minutes_before": minutes})
            key = f"meeting:{meeting.pk}:reminder:{minutes}:v{meeting.version}:user:{recipient.pk}"
            due_later.append((message, key, topic, "reminder", due))
    outbound_emails_schedule(messages=due_later)


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
