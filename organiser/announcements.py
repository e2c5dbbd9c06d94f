"""Announcements: who a segment is, and sending to each of them once through the outbox."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from filmart.models import Market
from meetings.models import Meeting, Status
from meetings.timekeeping import day_range
from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import outbound_email_queue
from organiser.models import Announcement, AnnouncementStatus, Segment

BATCH = 500


def segment_recipients(*, announcement: Announcement, market: Market) -> QuerySet[User]:
    people = User.objects.filter(is_active=True)
    if announcement.segment == Segment.ALL_BUYERS:
        people = people.filter(buyer_profile__isnull=False)
    elif announcement.segment == Segment.VERIFIED_BUYERS:
        people = people.filter(buyer_profile__verification="verified")
    elif announcement.segment == Segment.EXHIBITORS:
        people = people.filter(memberships__exhibitor__market=market)
    elif announcement.segment == Segment.PAVILION:
        people = people.filter(memberships__exhibitor__pavilion=announcement.pavilion)
    else:
        day = Meeting.objects.filter(
            market=market, status=Status.ACCEPTED, during__overlap=day_range(market, announcement.day)
        )
        people = people.filter(Q(pk__in=day.values("buyer_id")) | Q(pk__in=day.values("rep_id")))
    return people.distinct().order_by("pk")


def announcement_message(*, announcement: Announcement, recipient: User) -> EmailMultiAlternatives:
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {"announcement": announcement, "recipient": recipient}
        message = EmailMultiAlternatives(
            subject=announcement.subject,
            body=render_to_string("organiser/email/announcement.txt", context),
            to=[recipient.email],
        )
        message.attach_alternative(render_to_string("organiser/email/announcement.html", context), "text/html")
    return message


def announcement_send_start(*, announcement_id: int, market: Market) -> Announcement:
    """Draft -> sending (once: a second click changes nothing), then a worker writes the messages."""
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
        if announcement.status != AnnouncementStatus.DRAFT:
            raise ValidationError(_("This announcement has already been sent."))
        total = segment_recipients(announcement=announcement, market=market).count()
        if not total:
            raise ValidationError(_("Nobody is in this group yet; nothing was sent."))
        announcement.status = AnnouncementStatus.SENDING
        announcement.recipients_total = total
        announcement.save(update_fields=["status", "recipients_total"])
        transaction.on_commit(lambda: _enqueue(announcement.pk))
    return announcement


def _enqueue(pk: int) -> None:
    from filmart.celery import publish
    from organiser.tasks import announcement_write

    publish(announcement_write, pk)  # if not now, the organiser sweep starts it


def announcements_waiting_publish() -> int:
    """Start announcements being sent that have no message written yet (the broker was down when they were
    sent). Writing twice adds nothing, so one that has just started is safe to start again."""
    topic = Concat(Value("announcement:"), Cast(OuterRef("pk"), CharField()))
    waiting = list(
        Announcement.objects.filter(status=AnnouncementStatus.SENDING)
        .exclude(Exists(OutboundEmail.objects.filter(topic=topic)))
        .values_list("pk", flat=True)
    )
    for pk in waiting:
        _enqueue(pk)
    return len(waiting)


def announcement_write(*, pk: int, market: Market) -> int:
    """Write one outbox message per recipient, in batches; the key makes a second run add nothing."""
    announcement = Announcement.objects.get(pk=pk)
    written = 0
    recipients = segment_recipients(announcement=announcement, market=market).only("pk", "email", "language")
    for start in range(0, announcement.recipients_total or recipients.count(), BATCH):
        with transaction.atomic():
            for recipient in recipients[start : start + BATCH]:
                written += bool(
                    outbound_email_queue(
                        message=announcement_message(announcement=announcement, recipient=recipient),
                        key=f"announcement:{pk}:user:{recipient.pk}",
                        topic=f"announcement:{pk}",
                        kind="announcement",
                    )
                )
    Announcement.objects.filter(pk=pk, status=AnnouncementStatus.SENDING).update(
        status=AnnouncementStatus.SENT, sent_at=timezone.now()
    )
    return written


def announcement_progress(*, announcement: Announcement) -> dict[str, int]:
    """How many of its messages the outbox holds, and how many have gone. One query."""
    counts = OutboundEmail.objects.filter(topic=f"announcement:{announcement.pk}").aggregate(
        written=Count("pk"), sent=Count("pk", filter=Q(status=OutboundStatus.SENT))
    )
    total = announcement.recipients_total
    return {**counts, "total": total, "percent": round(100 * counts["sent"] / total) if total else 0}
