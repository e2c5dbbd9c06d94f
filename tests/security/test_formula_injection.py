"""Text typed by buyers and exhibitors never becomes a live formula in an organiser's spreadsheet: the
organisers' CSV and Excel exports and the admin's exports escape it, and control characters never fail a file."""

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.contrib import admin
from import_export.formats.base_formats import CSV

from exhibitors.resources import ExhibitorResource
from markets.resources import MarketScopedResource
from matchmaking.models import BuyerProfile, Verification
from organiser import services, tasks
from organiser.models import Export, ExportStatus
from tests.factories import ExhibitorFactory, TitleFactory, UserFactory
from web.spreadsheets import spreadsheet_cell

FORMULAE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "==1+1", "  =1+1", "\t=1+1"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        *[(formula, "'" + formula) for formula in FORMULAE],
        ("\r=1+1", "'\r=1+1"),
        ("Bell\x07and\x0btab", "Bell\ufffdand\ufffdtab"),
        ("Jade Pictures", "Jade Pictures"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (2025, 2025),
        (1.5, 1.5),
        (None, None),
        (date(2030, 3, 17), date(2030, 3, 17)),
    ],
)
def test_spreadsheet_cell(value, cell):
    assert spreadsheet_cell(value) == cell


@pytest.fixture
def private_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "web.storage.PrivateStorage", "OPTIONS": {"location": tmp_path}},
    }


def buyer(company: str, full_name: str = "Ploy") -> None:
    user = UserFactory(role="buyer", full_name=full_name)
    # Straight into the table, as if an older form had let it through: the export must cope either way.
    BuyerProfile.objects.create(
        user=user, company=company, buyer_type="platform", country="TH", verification=Verification.VERIFIED
    )


def exported_rows(kind: str, file_format: str, organiser, market) -> list[list]:
    export = services.export_request(market=market, kind=kind, file_format=file_format, filters={}, user=organiser)
    tasks.export_build(export.pk)  # the Celery task, run here
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE, export.error
    if file_format == "csv":
        return list(csv.reader(io.StringIO(Path(export.file.path).read_text(encoding="utf-8-sig"))))
    sheet = openpyxl.load_workbook(export.file.path).active  # not read-only: formulas would show as such
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [list(row) for row in sheet.values]


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_organisers_exports_escape_formulae_and_survive_control_characters(private_root, market, file_format):
    organiser = UserFactory(role="organiser", is_staff=True)
    for company in FORMULAE:
        buyer(company)
    buyer("Bell Media", full_name="Bell\x07Vertical\x0bTab")
    buyer("Plain Films", full_name="Somchai")

    header, *rows = exported_rows("buyers", file_format, organiser, market)
    assert header[:4] == ["Company", "Buyer type", "Country", "Name"]
    companies = {row[0]: row for row in rows}
    assert set(companies) == {"'" + formula for formula in FORMULAE} | {"Bell Media", "Plain Films"}
    assert companies["Bell Media"][3] == "Bell\ufffdVertical\ufffdTab"
    assert companies["Plain Films"][3] == "Somchai"
    assert Export.objects.get().status == ExportStatus.DONE

    # Numbers stay numbers (Excel) and are written as they are (CSV).
    TitleFactory(exhibitor=ExhibitorFactory(market=market), english_title="-1 Degree", year=2025)
    header, title = exported_rows("titles", file_format, organiser, market)
    assert title[header.index("Title")] == "'-1 Degree"
    assert title[header.index("Year")] == (2025 if file_format == "xlsx" else "2025")


@pytest.mark.django_db
def test_the_admins_exports_escape_formulae(market):
    ExhibitorFactory(market=market, name="=cmd|' /C calc'!A0", website="https://jade.example")
    ExhibitorFactory(market=market, name="Jade Pictures", description="@SUM(1+1)*cmd|' /C calc'!A0")

    text = CSV().export_data(ExhibitorResource().export())
    header, *rows = list(csv.reader(io.StringIO(text)))
    by_name = {row[header.index("name")]: row for row in rows}
    assert set(by_name) == {"'=cmd|' /C calc'!A0", "Jade Pictures"}
    assert by_name["Jade Pictures"][header.index("description")] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert by_name["'=cmd|' /C calc'!A0"][header.index("website")] == "https://jade.example"


def test_every_admin_export_goes_through_the_escaping_resource():
    resources = [
        resource
        for model_admin in admin.site._registry.values()
        for resource in getattr(model_admin, "resource_classes", [])
    ]
    assert len(resources) >= 5
    assert all(issubclass(resource, MarketScopedResource) for resource in resources), resources
