"""The outbox: every email is a row first, then a delivery over SMTP that a worker retries until it lands."""

import logging
import re
import smtplib
import time
from datetime import timedelta
from email import message_from_bytes
from email import policy as email_policy
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import OutboundEmail, OutboundStatus
from web.queue import publish_on_commit
from web.validators import single_line

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
STUCK_AFTER = timedelta(minutes=10)
# Less than beat's minute between sweeps, so sweeps seldom overlap (they may; claims keep that safe).
SWEEP_BUDGET = timedelta(seconds=45)
DELIVERY_MAILER = "smtp"
SEND_TASK = "notifications.tasks.outbound_email_send"


# Everything after a link's host: paths and queries are where one-time keys travel.
_LINK_PATH = re.compile(r"(?P<origin>\bhttps?://[^/\s\"'<>]+)[^\s\"'<>]*", re.IGNORECASE)


def links_masked(text: str) -> str:
    """The text with every link cut to its site ("https://meet.filmart.example/…"), for people who may read
    the mail the app sent but not use the keys in it."""
    return _LINK_PATH.sub(lambda match: f"{match['origin']}/…", text or "")


def _html_alternative(message: EmailMessage) -> str:
    if isinstance(message, EmailMultiAlternatives):
        for alternative in message.alternatives:
            content, mimetype = alternative[0], alternative[1]
            if mimetype == "text/html":
                return content
    return message.body if message.content_subtype == "html" else ""


def _row(message: EmailMessage, *, key: str | None, topic: str, kind: str, due_at) -> OutboundEmail:
    """The outbox row of a message. A subject made from people's names (stored before names were checked, or
    from elsewhere) is made one line; a message that still cannot be written (a stored address with a line
    break in it) becomes a failed row saying why, so the change that sends it, and the rest of a batch, go on."""
    message.subject = single_line(str(message.subject))
    row = OutboundEmail(
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        recipients=[str(recipient) for recipient in message.recipients()],
        subject=message.subject[:255],
        body_text=message.body if message.content_subtype != "html" else "",
        body_html=_html_alternative(message),
        key=key,
        topic=topic,
        kind=kind,
        next_attempt_at=due_at or timezone.now(),
    )
    try:
        mime = message.message()
        # SMTP's line ending: smtplib sends bytes as they are, and a server reads lines by CRLF.
        row.raw_message = mime.as_bytes(policy=mime.policy.clone(linesep="\r\n"))
    except (ValueError, TypeError, UnicodeError) as exc:  # BadHeaderError is a ValueError
        logger.warning("Outbound email %r cannot be written: %s", row.subject, exc)
        row.raw_message = b""
        row.status = OutboundStatus.FAILED
        row.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
    return row


def outbound_email_queue(
    *, message: EmailMessage, key: str | None = None, topic: str = "", kind: str = "", due_at=None
) -> OutboundEmail | None:
    """Store the message and ask a worker to send it once the surrounding transaction commits.

    With a `key`, a message already stored under it is not stored again (None is returned). With a `due_at`
    in the future (a reminder), nothing is enqueued: the beat sweep sends it when it falls due.
    """
    now = timezone.now()
    row = _row(message, key=key, topic=topic, kind=kind, due_at=due_at or now)
    try:
        with transaction.atomic():  # a savepoint: a clash on the key must not spoil the caller's transaction
            row.save()
    except IntegrityError:
        if key is None:
            raise
        return None
    if row.status == OutboundStatus.PENDING and row.next_attempt_at <= now:
        publish_on_commit(SEND_TASK, row.pk)  # if not now, the outbox sweep sends it
    return row


def outbound_emails_schedule(*, messages: list[tuple[EmailMessage, str, str, str, object]]) -> int:
    """Store messages due later (reminders), each (message, key, topic, kind, due_at), in one statement; a key
    already stored is skipped. The beat sweep sends each when it falls due. Returns how many were given."""
    rows = [
        _row(message, key=key, topic=topic, kind=kind, due_at=due_at) for message, key, topic, kind, due_at in messages
    ]
    OutboundEmail.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def outbound_emails_cancel(*, topic: str, kind: str) -> int:
    """Call off messages not sent yet (a meeting's reminders when it moves or is cancelled)."""
    return OutboundEmail.objects.filter(topic=topic, kind=kind, status=OutboundStatus.PENDING).update(
        status=OutboundStatus.CANCELLED
    )


def _claim(pk: int, now) -> OutboundEmail | None:
    """Compare-and-swap pending -> sending, so two workers never send the same row."""
    claimed = OutboundEmail.objects.filter(pk=pk, status=OutboundStatus.PENDING).update(
        status=OutboundStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return OutboundEmail.objects.get(pk=pk) if claimed else None


class _Smtp:
    """One SMTP session, opened at the first message and reused for the rest of a batch."""

    def __init__(self) -> None:
        self.backend = None

    def send(self, row: OutboundEmail) -> None:
        if self.backend is None:
            backend = mailers[DELIVERY_MAILER]
            backend.open()
            self.backend = backend
        try:
            self.backend.connection.sendmail(row.from_email, row.recipients, bytes(row.raw_message))
        except (smtplib.SMTPException, OSError, ValueError):
            self.close()  # the session may be broken; the next message opens a new one
            raise

    def close(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            finally:
                self.backend = None


def outbound_email_deliver(*, pk: int, smtp: _Smtp | None = None, now=None) -> bool:
    """Send one outbox row over SMTP. Returns True when this call delivered it.

    `now` is the calling sweep's clock. The claim is stamped with it because sweeps judge a row stuck by their
    own clock: stamped with another, a sweep run as at a later time would take back a row still being sent.
    """
    row = _claim(pk, now or timezone.now())
    if row is None:
        return False
    own_session = smtp is None
    smtp = smtp or _Smtp()
    try:
        try:
            smtp.send(row)
        finally:
            if own_session:
                smtp.close()
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        # A refused address, or one smtplib cannot even encode (ValueError), will not improve with retries.
        permanent = isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused | ValueError)
        give_up = permanent or row.attempts >= MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=pk, status=OutboundStatus.SENDING).update(
            status=OutboundStatus.FAILED if give_up else OutboundStatus.PENDING,
            next_attempt_at=timezone.now() + timedelta(seconds=30 * 2 ** min(row.attempts, 8)),
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
        )
        logger.warning("Outbound email %s not delivered (attempt %s): %s", pk, row.attempts, exc)
        return False
    OutboundEmail.objects.filter(pk=pk).update(status=OutboundStatus.SENT, sent_at=timezone.now(), last_error="")
    return True


def outbox_sweep(*, limit: int = 500, now=None, budget: timedelta = SWEEP_BUDGET) -> int:
    """Deliver what is due, and put back rows a dead worker left half-sent. Returns rows delivered.

    Keeps going batch after batch while rows are due, for up to `budget` of real time, so that the thousands
    of reminders due at the same minute go within that minute rather than a batch a minute. Safe to run in
    several processes at once: each row is claimed by a compare-and-swap before it is sent; a row that
    another sweep claimed first is skipped.
    """
    now = now or timezone.now()
    OutboundEmail.objects.filter(status=OutboundStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=OutboundStatus.PENDING
    )
    due = OutboundEmail.objects.filter(status=OutboundStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at"
    )
    stop_at = time.monotonic() + budget.total_seconds()
    delivered, seen = 0, set()
    smtp = _Smtp()
    try:
        while time.monotonic() < stop_at:
            # Rows that failed stay pending with a later next_attempt_at; `seen` keeps this sweep from
            # trying a row twice when its clock (`now`) is ahead of that.
            pks = [pk for pk in due.exclude(pk__in=seen).values_list("pk", flat=True)[:limit]]
            if not pks:
                break
            seen.update(pks)
            delivered += sum(outbound_email_deliver(pk=pk, smtp=smtp, now=now) for pk in pks)
    finally:
        smtp.close()
    return delivered


def outbound_email_send_copy(*, pk: int) -> OutboundEmail | None:
    """A fresh copy of a message that was sent (someone lost it): a new row with its own Message-ID and date,
    so mail clients do not fold it into the first. Nothing for a message that was never sent."""
    original = OutboundEmail.objects.filter(pk=pk, status=OutboundStatus.SENT).first()
    if original is None:
        return None
    message = message_from_bytes(bytes(original.raw_message), policy=email_policy.SMTP)
    del message["Message-ID"], message["Date"]
    message["Message-ID"] = make_msgid(domain=DNS_NAME)
    message["Date"] = formatdate(localtime=True)
    copy = OutboundEmail.objects.create(
        from_email=original.from_email,
        recipients=original.recipients,
        subject=original.subject,
        body_text=original.body_text,
        body_html=original.body_html,
        raw_message=message.as_bytes(),
        kind=original.kind,
    )
    publish_on_commit(SEND_TASK, copy.pk)
    return copy


def outbound_email_resend(*, pk: int) -> None:
    OutboundEmail.objects.filter(pk=pk, status=OutboundStatus.FAILED).update(
        status=OutboundStatus.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
    publish_on_commit(SEND_TASK, pk)
