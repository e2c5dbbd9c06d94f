"""Announcements: who a segment of the announcement's market is, what each of them receives, and how far the
sending has gone. The writes (asking, sending) are in organiser.services."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User
from markets.timekeeping import day_range
from matchmaking.models import Verification
from meetings.models import Meeting, Status
from meetings.selectors import buyers_of_market
from notifications.models import OutboundEmail, OutboundStatus
from organiser.models import Announcement, Segment


def segment_recipients(*, announcement: Announcement) -> QuerySet[User]:
    """The people of the announcement's own market in its segment, whichever market is current now."""
    market = announcement.market
    people = User.objects.filter(is_active=True)
    if announcement.segment in (Segment.ALL_BUYERS, Segment.VERIFIED_BUYERS):
        buyers = buyers_of_market(market=market)
        if announcement.segment == Segment.VERIFIED_BUYERS:
            buyers = buyers.filter(verification=Verification.VERIFIED)
        people = people.filter(pk__in=buyers.values("user_id"))
    elif announcement.segment == Segment.EXHIBITORS:
        people = people.filter(memberships__exhibitor__market=market)
    elif announcement.segment == Segment.PAVILION:
        people = people.filter(
            memberships__exhibitor__pavilion=announcement.pavilion, memberships__exhibitor__market=market
        )
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


def announcement_topic(pk: int) -> str:
    """What every outbox message of one announcement is filed under."""
    return f"announcement:{pk}"


def announcement_progress(*, announcement: Announcement) -> dict[str, int]:
    """How many of its messages the outbox holds, and how many have gone. One query."""
    counts = OutboundEmail.objects.filter(topic=announcement_topic(announcement.pk)).aggregate(
        written=Count("pk"), sent=Count("pk", filter=Q(status=OutboundStatus.SENT))
    )
    total = announcement.recipients_total
    return {**counts, "total": total, "percent": round(100 * counts["sent"] / total) if total else 0}
