"""Exports: what each kind holds (rows and columns), and writing it as CSV or Excel in a Celery task.

Rows are read in chunks and written as they come (Excel in openpyxl's write-only mode), so memory stays flat
however large the market; progress is saved every chunk for the page that polls it.

The files hold buyers' names and emails: they go to private storage (no URL serves it) under a random name,
the staff-only download view streams them, and the organiser sweep deletes them after the market's
`export_retention_days`. Every cell goes through `spreadsheet_cell`, so text typed by a buyer or an
exhibitor never becomes a live formula in an organiser's spreadsheet.
"""

import csv
import io
import logging
import secrets
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor, Title
from filmart.models import Market
from filmart.spreadsheets import spreadsheet_cell
from matchmaking.models import BuyerProfile
from meetings.models import Meeting
from meetings.timekeeping import day_range, market_zone
from organiser.models import Export, ExportFormat, ExportKind, ExportStatus

logger = logging.getLogger(__name__)

CHUNK = 1000
# Without a current market to say otherwise, export files are kept this long.
RETENTION_DAYS_DEFAULT = 7


@dataclass(frozen=True)
class Column:
    header: str  # a lazy translation: headers are written in the language of whoever asked
    value: Callable[[object], object]


def _meetings(market: Market, filters: dict) -> QuerySet:
    meetings = Meeting.objects.filter(market=market).select_related("exhibitor", "rep", "buyer", "buyer__buyer_profile")
    if filters.get("day"):
        meetings = meetings.filter(during__overlap=day_range(market, date.fromisoformat(filters["day"])))
    if filters.get("status"):
        meetings = meetings.filter(status=filters["status"])
    return meetings.order_by("during", "pk")


def _meeting_columns(market: Market) -> list[Column]:
    zone = market_zone(market)

    def local(moment):
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    def company(meeting):
        profile = getattr(meeting.buyer, "buyer_profile", None)
        return profile.company if profile else ""

    return [
        Column(_("Meeting"), lambda m: m.pk),
        Column(_("Starts (market time)"), lambda m: local(m.during.lower)),
        Column(_("Ends (market time)"), lambda m: local(m.during.upper)),
        Column(_("Status"), lambda m: m.get_status_display()),
        Column(_("Exhibitor"), lambda m: m.exhibitor.name),
        Column(_("Booth"), lambda m: m.exhibitor.booth),
        Column(_("Rep"), lambda m: m.rep.full_name or m.rep.email),
        Column(_("Rep email"), lambda m: m.rep.email),
        Column(_("Buyer company"), company),
        Column(_("Buyer"), lambda m: m.buyer.full_name or m.buyer.email),
        Column(_("Buyer email"), lambda m: m.buyer.email),
        Column(_("Place"), lambda m: m.get_place_display() + (f": {m.place_detail}" if m.place_detail else "")),
    ]


def _buyers(market: Market, filters: dict) -> QuerySet:
    buyers = BuyerProfile.objects.select_related("user").order_by("company", "pk")
    return buyers.filter(verification=filters["verification"]) if filters.get("verification") else buyers


BUYER_COLUMNS = [
    Column(_("Company"), lambda b: b.company),
    Column(_("Buyer type"), lambda b: b.get_buyer_type_display()),
    Column(_("Country"), lambda b: b.country),
    Column(_("Name"), lambda b: b.user.full_name),
    Column(_("Email"), lambda b: b.user.email),
    Column(_("Verification"), lambda b: b.get_verification_display()),
    Column(_("Territories"), lambda b: " ".join(b.territories)),
    Column(_("Media"), lambda b: " ".join(b.media)),
]


def _exhibitors(market: Market, filters: dict) -> QuerySet:
    return Exhibitor.objects.filter(market=market).select_related("region", "pavilion").order_by("name", "pk")


EXHIBITOR_COLUMNS = [
    Column(_("Company"), lambda e: e.name),
    Column(_("Chinese name"), lambda e: e.name_zh_hant),
    Column(_("Country or region"), lambda e: e.region.name),
    Column(_("Pavilion"), lambda e: e.pavilion.name if e.pavilion else ""),
    Column(_("Booth"), lambda e: e.booth),
    Column(_("Company type"), lambda e: e.get_company_type_display()),
    Column(_("Website"), lambda e: e.website),
]


def _titles(market: Market, filters: dict) -> QuerySet:
    titles = Title.objects.filter(exhibitor__market=market).select_related("exhibitor").order_by("english_title", "pk")
    return titles.filter(kind=filters["kind"]) if filters.get("kind") else titles


TITLE_COLUMNS = [
    Column(_("Title"), lambda t: t.english_title),
    Column(_("Original title"), lambda t: t.original_title),
    Column(_("Kind"), lambda t: t.get_kind_display()),
    Column(_("Year"), lambda t: t.year),
    Column(_("Exhibitor"), lambda t: t.exhibitor.name),
    Column(_("Genres"), lambda t: " ".join(t.genres)),
    Column(_("Original language"), lambda t: t.original_language),
]


def rows_and_columns(kind: str, market: Market, filters: dict) -> tuple[QuerySet, list[Column]]:
    if kind == ExportKind.MEETINGS:
        return _meetings(market, filters), _meeting_columns(market)
    if kind == ExportKind.BUYERS:
        return _buyers(market, filters), BUYER_COLUMNS
    if kind == ExportKind.EXHIBITORS:
        return _exhibitors(market, filters), EXHIBITOR_COLUMNS
    return _titles(market, filters), TITLE_COLUMNS


def export_request(*, kind: str, file_format: str, filters: dict, user) -> Export:
    """Record the export and have a worker write it once the row is committed."""
    export = Export.objects.create(kind=kind, file_format=file_format, filters=filters, requested_by=user)
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def _enqueue(pk: int) -> None:
    from filmart.celery import publish
    from organiser.tasks import export_build

    publish(export_build, pk)  # if not now, the organiser sweep starts it


# An export runs for seconds; one "running" this long lost its worker (killed mid-file) and starts again.
STUCK_AFTER = timedelta(minutes=15)


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
        _enqueue(pk)
    return len(waiting)


def _write_csv(handle, columns: list[Column], rows: Iterable, progress) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")  # the BOM lets Excel read UTF-8 CSV
    writer = csv.writer(text)
    writer.writerow([str(column.header) for column in columns])
    for count, row in enumerate(rows, start=1):
        writer.writerow([spreadsheet_cell(column.value(row)) for column in columns])
        progress(count)
    text.flush()
    text.detach()


def _write_xlsx(handle, columns: list[Column], rows: Iterable, progress) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([str(column.header) for column in columns])
    for count, row in enumerate(rows, start=1):
        sheet.append([spreadsheet_cell(column.value(row)) for column in columns])
        progress(count)
    workbook.save(handle)


def export_build(*, pk: int) -> bool:
    """Write one export's file. Claimed by compare-and-swap, so a task delivered twice writes it once."""
    if not Export.objects.filter(pk=pk, status=ExportStatus.QUEUED).update(status=ExportStatus.RUNNING, error=""):
        return False
    export = Export.objects.get(pk=pk)
    from filmart.selectors import market_current

    try:
        rows, columns = rows_and_columns(export.kind, market_current(), export.filters)
        total = rows.count()
        Export.objects.filter(pk=pk).update(total_rows=total)

        def progress(count: int) -> None:
            if count % CHUNK == 0 or count == total:
                Export.objects.filter(pk=pk).update(done_rows=count)

        writer = _write_xlsx if export.file_format == ExportFormat.XLSX else _write_csv
        language = getattr(export.requested_by, "language", "") or settings.LANGUAGE_CODE
        with tempfile.TemporaryFile() as handle, translation.override(language):
            writer(handle, columns, rows.iterator(chunk_size=CHUNK), progress)
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


def export_download_name(*, export: Export, market: Market | None) -> str:
    """The name a download is saved under: what and when it was asked for, in market time."""
    zone = market_zone(market) if market else timezone.get_current_timezone()
    stamp = export.created_at.astimezone(zone).strftime("%Y%m%d-%H%M%S")
    return f"{export.kind}-{stamp}.{export.file_format}"


def exports_expire(*, market: Market | None, now: datetime | None = None) -> int:
    """Delete the files of exports finished more than the market's `export_retention_days` ago, and mark them
    expired. Safe to run twice at once: deleting a file that is gone does nothing, and the status changes by
    compare-and-swap."""
    days = market.export_retention_days if market else RETENTION_DAYS_DEFAULT
    cutoff = (now or timezone.now()) - timedelta(days=days)
    due = Export.objects.filter(status=ExportStatus.DONE, finished_at__lt=cutoff).values_list("pk", "file")
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
