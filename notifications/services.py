"""The outbox: every email is a row first, then a delivery over SMTP that a worker retries until it lands."""

import logging
import re
import smtplib
import time
from datetime import timedelta
from email import message_from_bytes
from email import policy as email_policy
from email.headerregistry import HeaderRegistry
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from notifications import rendering
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
SEND_MANY_TASK = "notifications.tasks.outbound_emails_send"
# Rows a sweep claims in one statement, writes (those the worker writes) and sends over one SMTP session.
CLAIM_BATCH = 100


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


class _HeaderClasses(HeaderRegistry):
    """The standard library's registry makes a new class for every header it parses (a dozen per message); the
    same few, made once per process."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        if key not in self._made:
            self._made[key] = super().__getitem__(name)
        return self._made[key]


_MIME_POLICY = email_policy.default.clone(header_factory=_HeaderClasses())
# SMTP's line ending: smtplib sends bytes as they are, and a server reads lines by CRLF.
_SMTP_POLICY = _MIME_POLICY.clone(linesep="\r\n")


def _fill(row: OutboundEmail, message: EmailMessage) -> OutboundEmail:
    """Write `message` into `row`. A subject made from people's names (stored before names were checked, or
    from elsewhere) is made one line; a message that still cannot be written (a stored address with a line
    break in it) makes the row a failed one saying why, so the change that sends it, and the rest of a batch,
    go on."""
    message.subject = single_line(str(message.subject))
    row.from_email = message.from_email or settings.DEFAULT_FROM_EMAIL
    row.recipients = [str(recipient) for recipient in message.recipients()]
    row.subject = message.subject[:255]
    row.body_text = message.body if message.content_subtype != "html" else ""
    row.body_html = _html_alternative(message)
    try:
        mime = message.message(policy=_MIME_POLICY)
        row.raw_message = mime.as_bytes(policy=_SMTP_POLICY)
    except (ValueError, TypeError, UnicodeError) as exc:  # BadHeaderError is a ValueError
        _cannot_write(row, exc)
    return row


def _cannot_write(row: OutboundEmail, exc: Exception) -> None:
    logger.warning("Outbound email %r cannot be written: %s", row.subject or row.key, exc)
    row.raw_message = b""
    row.status = OutboundStatus.FAILED
    row.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]


def _row(message: EmailMessage, *, key: str | None, topic: str, kind: str, due_at) -> OutboundEmail:
    row = OutboundEmail(key=key, topic=topic, kind=kind, next_attempt_at=due_at or timezone.now())
    return _fill(row, message)


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


_INSERT_FIELDS = [field for field in OutboundEmail._meta.concrete_fields if not field.primary_key]


def outbound_emails_write(rows: list[OutboundEmail]) -> list[int]:
    """Store rows in one statement, skipping any whose key is already stored, and hand those due now to a
    worker (one task for all of them) once the transaction commits. Returns the pks stored.

    This is how a change in a request writes its emails: rows holding facts (`template`, `facts`) that the
    worker turns into messages, so the request renders nothing."""
    if not rows:
        return []
    now = timezone.now()
    columns = ", ".join(connection.ops.quote_name(field.column) for field in _INSERT_FIELDS)
    placeholders = "(" + ", ".join(["%s"] * len(_INSERT_FIELDS)) + ")"
    values = [
        field.get_db_prep_save(getattr(row, field.attname), connection) for row in rows for field in _INSERT_FIELDS
    ]
    rows_sql = ", ".join([placeholders] * len(rows))
    sql = (
        f"INSERT INTO notifications_outboundemail ({columns}) VALUES {rows_sql} "  # noqa: S608 - the model's columns
        "ON CONFLICT (key) DO NOTHING RETURNING id, status, next_attempt_at"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        stored = cursor.fetchall()
    due = [pk for pk, status, due_at in stored if status == OutboundStatus.PENDING and due_at <= now]
    if due:
        publish_on_commit(SEND_MANY_TASK, due)  # if not now, the outbox sweep sends them
    return [pk for pk, _status, _due_at in stored]


def outbound_emails_cancel(*, topic: str, kind: str | tuple[str, ...]) -> int:
    """Call off messages not sent yet (a meeting's reminders when it moves or is cancelled): of one kind, or
    of any of several."""
    kinds = (kind,) if isinstance(kind, str) else kind
    return OutboundEmail.objects.filter(topic=topic, kind__in=kinds, status=OutboundStatus.PENDING).update(
        status=OutboundStatus.CANCELLED
    )


_CLAIM_SQL = """
    UPDATE notifications_outboundemail SET status = 'sending', claimed_at = %(now)s, attempts = attempts + 1
    WHERE id IN (
        SELECT id FROM notifications_outboundemail
        WHERE status = 'pending' AND {which}
        ORDER BY next_attempt_at, id LIMIT %(limit)s
        FOR UPDATE SKIP LOCKED
    )
    RETURNING *
"""


def _claim(*, now, limit: int, pks: list[int] | None = None, due_by=None, exclude=()) -> list[OutboundEmail]:
    """Compare-and-swap pending -> sending for a batch of rows in one statement, so two workers never send the
    same row: given rows (a task's), or the rows due by `due_by` (a sweep's). Rows another worker holds are
    skipped, not waited for."""
    if pks is not None:
        sql, params = _CLAIM_SQL.format(which="id = ANY(%(pks)s)"), {"pks": list(pks)}
    else:
        which = "next_attempt_at <= %(due_by)s AND NOT (id = ANY(%(exclude)s))"
        sql, params = _CLAIM_SQL.format(which=which), {"due_by": due_by, "exclude": list(exclude)}
    return sorted(
        OutboundEmail.objects.raw(sql, {**params, "now": now, "limit": limit}),
        key=lambda row: (row.next_attempt_at, row.pk),
    )


def outbound_emails_write_out(rows: list[OutboundEmail]) -> list[OutboundEmail]:
    """Turn the facts of rows the worker writes into their messages, stored before anything is sent (a retry
    sends the same message, with the same Message-ID). Rows whose facts make no message become failed rows
    saying why. Returns the rows, written."""
    waiting = [row for row in rows if row.template and not row.raw_message and row.status != OutboundStatus.FAILED]
    if not waiting:
        return rows
    messages = rendering.messages_for(waiting)
    for row in waiting:
        message = messages.get(row.pk) or rendering.CannotWrite("the renderer wrote nothing")
        if isinstance(message, Exception):
            _cannot_write(row, message)
        else:
            _fill(row, message)
    _store_written(waiting)
    return rows


_WRITTEN = ["from_email", "recipients", "subject", "body_text", "body_html", "raw_message", "status", "last_error"]
_WRITTEN_TYPES = {"recipients": "::varchar(254)[]", "raw_message": "::bytea"}
_WRITTEN_SQL = """
    UPDATE notifications_outboundemail o SET {assignments}
    FROM (VALUES {rows}) AS w(id, {columns}) WHERE o.id = w.id
"""


def _store_written(rows: list[OutboundEmail]) -> None:
    """Store the messages of a batch in one UPDATE from a list of values (bulk_update's CASE per field and row
    costs more to build than the messages themselves)."""
    row_sql = "(%s::bigint, " + ", ".join(f"%s{_WRITTEN_TYPES.get(field, '')}" for field in _WRITTEN) + ")"
    sql = _WRITTEN_SQL.format(
        assignments=", ".join(f"{field} = w.{field}" for field in _WRITTEN),
        rows=", ".join([row_sql] * len(rows)),
        columns=", ".join(_WRITTEN),
    )
    values = [value for row in rows for value in (row.pk, *(getattr(row, field) for field in _WRITTEN))]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


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


_SENT_SQL = "UPDATE notifications_outboundemail SET status = 'sent', sent_at = %s, last_error = '' WHERE id = %s"


def _send_claimed(rows: list[OutboundEmail], smtp: _Smtp) -> int:
    """Send claimed rows over one SMTP session, each marked sent as soon as the server took it (a worker killed
    mid-batch leaves only the message it was sending in doubt). Returns how many were delivered."""
    delivered = 0
    for row in outbound_emails_write_out(rows):
        if row.status == OutboundStatus.FAILED:
            continue
        try:
            smtp.send(row)
        except (smtplib.SMTPException, OSError, ValueError) as exc:
            # A refused address, or one smtplib cannot even encode (ValueError), will not improve with retries.
            permanent = isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused | ValueError)
            give_up = permanent or row.attempts >= MAX_ATTEMPTS
            OutboundEmail.objects.filter(pk=row.pk, status=OutboundStatus.SENDING).update(
                status=OutboundStatus.FAILED if give_up else OutboundStatus.PENDING,
                next_attempt_at=timezone.now() + timedelta(seconds=30 * 2 ** min(row.attempts, 8)),
                last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
            )
            logger.warning("Outbound email %s not delivered (attempt %s): %s", row.pk, row.attempts, exc)
            continue
        # Marked at once, in a statement of its own (no ORM to build it: a batch marks a hundred).
        with connection.cursor() as cursor:
            cursor.execute(_SENT_SQL, [timezone.now(), row.pk])
        delivered += 1
    return delivered


def outbound_emails_deliver(*, pks: list[int], smtp: _Smtp | None = None, now=None) -> int:
    """Write and send the given outbox rows (those still waiting). Returns how many this call delivered.

    `now` is the calling sweep's clock. The claim is stamped with it because sweeps judge a row stuck by their
    own clock: stamped with another, a sweep run as at a later time would take back a row still being sent.
    """
    rows = _claim(now=now or timezone.now(), limit=len(pks), pks=pks)
    if not rows:
        return 0
    own_session = smtp is None
    smtp = smtp or _Smtp()
    try:
        return _send_claimed(rows, smtp)
    finally:
        if own_session:
            smtp.close()


def outbound_email_deliver(*, pk: int, smtp: _Smtp | None = None, now=None) -> bool:
    """Send one outbox row over SMTP. Returns True when this call delivered it."""
    return outbound_emails_deliver(pks=[pk], smtp=smtp, now=now) == 1


def outbox_sweep(*, limit: int = CLAIM_BATCH, now=None, budget: timedelta = SWEEP_BUDGET) -> int:
    """Deliver what is due, and put back rows a dead worker left half-sent. Returns rows delivered.

    Keeps going batch after batch while rows are due, for up to `budget` of real time, so that the thousands
    of reminders due at the same minute go within that minute rather than a batch a minute. Safe to run in
    several processes at once: each batch is claimed by a compare-and-swap before it is sent, skipping rows
    another sweep holds.
    """
    now = now or timezone.now()
    OutboundEmail.objects.filter(status=OutboundStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=OutboundStatus.PENDING
    )
    stop_at = time.monotonic() + budget.total_seconds()
    delivered, seen = 0, []
    smtp = _Smtp()
    try:
        while time.monotonic() < stop_at:
            # A row that fails goes back to pending with a later next_attempt_at; the claim marks its attempt,
            # and a sweep whose clock (`now`) is ahead of that must not try it again in this run.
            rows = _claim(now=now, limit=limit, due_by=now, exclude=seen)
            if not rows:
                break
            seen.extend(row.pk for row in rows)
            delivered += _send_claimed(rows, smtp)
            if len(rows) < limit:
                break
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
