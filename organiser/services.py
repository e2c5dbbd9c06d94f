"""Writes of the organisers' console: asking for an export or an announcement, sending an announcement, and
the workers' side of both.

Each export and announcement names its market from the moment it is asked for (the market the console
showed); the workers read that market from the row and never ask which market is current when they run.
"""

import logging
import secrets
import tempfile
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import CharField, DurationField, Exists, ExpressionWrapper, F, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from exhibitors.models import Pavilion
from markets.models import Market
from notifications.models import OutboundEmail
from notifications.services import outbound_email_queue
from organiser.announcements import announcement_message, announcement_topic, segment_recipients
from organiser.exports import CHUNK, export_file_write, rows_and_columns
from organiser.models import Announcement, AnnouncementStatus, Export, ExportStatus
from web.queue import publish, publish_on_commit

# What the organiser sweep starts again when the broker could not take them at first.
EXPORT_TASK = "organiser.tasks.export_build"
ANNOUNCEMENT_TASK = "organiser.tasks.announcement_write"

logger = logging.getLogger(__name__)

# An export runs for seconds; one "running" this long lost its worker (killed mid-file) and starts again.
STUCK_AFTER = timedelta(minutes=15)
BATCH = 500


# --- Exports -------------------------------------------------------------------------------------------


def export_request(*, market: Market, kind: str, file_format: str, filters: dict, user: User | None) -> Export:
    """Record the export of this market's rows and have a worker write it once the row is committed."""
    export = Export.objects.create(
        market=market, kind=kind, file_format=file_format, filters=filters, requested_by=user
    )
    publish_on_commit(EXPORT_TASK, export.pk)
    return export


def exports_waiting_publish(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Start exports still queued a while after they were asked for (the broker was down then), and again
    those whose worker died while writing them."""
    now = timezone.now()
    Export.objects.filter(status=ExportStatus.RUNNING, created_at__lt=now - STUCK_AFTER).update(
        status=ExportStatus.QUEUED, done_rows=0
    )
    waiting = list(
        Export.objects.filter(status=ExportStatus.QUEUED, created_at__lt=now - older_than).values_list("pk", flat=True)
    )
    for pk in waiting:
        publish(EXPORT_TASK, pk)
    return len(waiting)


def export_build(*, pk: int) -> bool:
    """Write one export's file, of its own market's rows. Claimed by compare-and-swap, so a task delivered twice
    writes it once."""
    if not Export.objects.filter(pk=pk, status=ExportStatus.QUEUED).update(status=ExportStatus.RUNNING, error=""):
        return False
    export = Export.objects.select_related("market", "requested_by").get(pk=pk)
    try:
        rows, columns = rows_and_columns(export.kind, export.market, export.filters)
        total = rows.count()
        Export.objects.filter(pk=pk).update(total_rows=total)

        def progress(count: int) -> None:
            if count % CHUNK == 0 or count == total:
                Export.objects.filter(pk=pk).update(done_rows=count)

        language = getattr(export.requested_by, "language", "") or settings.LANGUAGE_CODE
        with tempfile.TemporaryFile() as handle, translation.override(language):
            export_file_write(
                handle,
                file_format=export.file_format,
                columns=columns,
                rows=rows.iterator(chunk_size=CHUNK),
                progress=progress,
            )
            handle.seek(0)
            # A name nobody can guess; people download it under export_download_name's.
            export.file.save(f"{secrets.token_urlsafe(16)}.{export.file_format}", File(handle), save=False)
        Export.objects.filter(pk=pk).update(
            file=export.file.name, status=ExportStatus.DONE, done_rows=total, finished_at=timezone.now()
        )
    except Exception as error:  # noqa: BLE001 - any failure is recorded on the export for the organiser
        Export.objects.filter(pk=pk).update(status=ExportStatus.FAILED, error=str(error)[:2000])
        raise
    return True


def exports_expire(*, now: datetime | None = None) -> int:
    """Delete the files of exports finished more than their own market's `export_retention_days` ago, and mark
    them expired. Safe to run twice at once: deleting a file that is gone does nothing, and the status changes
    by compare-and-swap."""
    retention = ExpressionWrapper(F("market__export_retention_days") * timedelta(days=1), output_field=DurationField())
    due = Export.objects.filter(
        status=ExportStatus.DONE, finished_at__lt=Value(now or timezone.now()) - retention
    ).values_list("pk", "file")
    storage = Export._meta.get_field("file").storage
    expired = 0
    for pk, name in due:
        try:
            if name:
                storage.delete(name)
        except OSError:  # one file that cannot be deleted now must not keep the others; the next sweep retries
            logger.warning("Could not delete export file %s", name, exc_info=True)
            continue
        expired += Export.objects.filter(pk=pk, status=ExportStatus.DONE).update(status=ExportStatus.EXPIRED, file="")
    return expired


# --- Announcements -------------------------------------------------------------------------------------


def announcement_create(
    *,
    market: Market,
    user: User | None,
    segment: str,
    subject: str,
    body: str,
    pavilion: Pavilion | None = None,
    day: date | None = None,
) -> Announcement:
    """A draft to a segment of this market's people; nothing is sent until announcement_send_start."""
    if pavilion is not None and pavilion.market_id != market.pk:
        raise ValueError("The pavilion is at another market.")  # the form offers this market's pavilions only
    return Announcement.objects.create(
        market=market, created_by=user, segment=segment, subject=subject, body=body, pavilion=pavilion, day=day
    )


def announcement_send_start(*, announcement_id: int, market: Market) -> Announcement:
    """Draft -> sending (once: a second click changes nothing), then a worker writes the messages. Only an
    announcement of `market` (the console's) can be sent from it: Announcement.DoesNotExist otherwise."""
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update(of=("self",))
            .select_related("market", "pavilion")
            .get(pk=announcement_id, market=market)
        )
        if announcement.status != AnnouncementStatus.DRAFT:
            raise ValidationError(_("This announcement has already been sent."))
        total = segment_recipients(announcement=announcement).count()
        if not total:
            raise ValidationError(_("Nobody is in this group yet; nothing was sent."))
        announcement.status = AnnouncementStatus.SENDING
        announcement.recipients_total = total
        announcement.save(update_fields=["status", "recipients_total"])
        publish_on_commit(ANNOUNCEMENT_TASK, announcement.pk)
    return announcement


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
        publish(ANNOUNCEMENT_TASK, pk)
    return len(waiting)


def announcement_write(*, pk: int) -> int:
    """Write one outbox message per recipient of the announcement's own market, in batches; the key makes a
    second run add nothing."""
    announcement = Announcement.objects.select_related("market", "pavilion").get(pk=pk)
    written = 0
    recipients = segment_recipients(announcement=announcement).only("pk", "email", "language")
    for start in range(0, announcement.recipients_total or recipients.count(), BATCH):
        with transaction.atomic():
            for recipient in recipients[start : start + BATCH]:
                written += bool(
                    outbound_email_queue(
                        message=announcement_message(announcement=announcement, recipient=recipient),
                        key=f"announcement:{pk}:user:{recipient.pk}",
                        topic=announcement_topic(pk),
                        kind="announcement",
                    )
                )
    Announcement.objects.filter(pk=pk, status=AnnouncementStatus.SENDING).update(
        status=AnnouncementStatus.SENT, sent_at=timezone.now()
    )
    return written


# --- The console's counters ------------------------------------------------------------------------------

# Each counter table and the columns that make its key.
COUNTERS = {
    "organiser_slottally": "market_id, day, hour, status, attendance",
    "organiser_exhibitortally": "market_id, day, exhibitor_id, accepted",
    "organiser_titletally": "market_id, day, title_id",
}
FOLD_LOCK = 7302  # one fold at a time
FOLD_SQL = """
    WITH folded AS (SELECT {key} FROM {table} GROUP BY {key} HAVING count(*) > 1),
    gone AS (DELETE FROM {table} t USING folded f WHERE ({t_key}) = ({f_key}) RETURNING {t_key}, t.n)
    INSERT INTO {table} ({key}, n) SELECT {key}, sum(n) FROM gone GROUP BY {key} HAVING sum(n) <> 0
"""


def console_counters_fold() -> int:
    """Fold each key's +n/-n rows (appended by the triggers as meetings change) into one row, so the console
    sums few rows. Rows appended while this runs are not in its snapshot, so they stay for the next fold:
    nothing is lost or counted twice. Returns how many keys were folded."""
    folded = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        for table, key in COUNTERS.items():
            columns = [column.strip() for column in key.split(",")]
            cursor.execute(
                FOLD_SQL.format(
                    table=table,
                    key=key,
                    t_key=", ".join(f"t.{column}" for column in columns),
                    f_key=", ".join(f"f.{column}" for column in columns),
                )
            )
            folded += cursor.rowcount
    return folded
