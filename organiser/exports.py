"""Exports: what each kind holds for one market (rows and columns), and writing them as CSV or Excel.

Rows are read in chunks and written as they come (Excel in openpyxl's write-only mode), so memory stays flat
however large the market; `services.export_build` saves progress every chunk for the page that polls it.

The files hold buyers' names and emails: they go to private storage (no URL serves it) under a random name,
the staff-only download view streams them, and the organiser sweep deletes them after their market's
`export_retention_days`. Every cell goes through `spreadsheet_cell`, so text typed by a buyer or an
exhibitor never becomes a live formula in an organiser's spreadsheet.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor, Title
from markets.models import Market
from markets.timekeeping import day_range, market_zone
from meetings.models import Meeting
from meetings.selectors import buyers_of_market
from organiser.models import Export, ExportFormat, ExportKind
from web.spreadsheets import spreadsheet_cell

CHUNK = 1000


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
    # Buyers have no market of their own: buyers_of_market says which are this market's, and why.
    buyers = buyers_of_market(market=market).select_related("user").order_by("company", "pk")
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


def export_file_write(handle, *, file_format: str, columns: list[Column], rows: Iterable, progress) -> None:
    """Write the header and every row to `handle` (a binary file), calling progress(count) after each row."""
    writer = _write_xlsx if file_format == ExportFormat.XLSX else _write_csv
    writer(handle, columns, rows, progress)


def export_download_name(*, export: Export) -> str:
    """The name a download is saved under: what and when it was asked for, in its market's time."""
    stamp = export.created_at.astimezone(market_zone(export.market)).strftime("%Y%m%d-%H%M%S")
    return f"{export.kind}-{stamp}.{export.file_format}"
