"""Market set-up in admin: halls, booths and meeting tables from CSV (previewed first), tables in reps' open
hours (one rep per table at a time), organisers cancelling meetings with notice, and every admin list."""

import re
from datetime import time

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exhibitors.models import Exhibitor
from markets.models import Hall, MeetingTable
from meetings import services
from meetings.models import Availability, ClosedBecause, Meeting, Status
from notifications.models import OutboundEmail
from tests.factories import ExhibitorFactory, MarketFactory, UserFactory, team_member
from tests.meetings_fixtures import DAY_ONE, at, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(db):
    return UserFactory(role="organiser", is_staff=True, is_superuser=True, email="ops@filmart.example")


@pytest.fixture
def organiser_client(client, organiser, market):
    client.force_login(organiser)
    return client


def upload(client, url: str, text: str, resource: int = 0):
    csv = SimpleUploadedFile("import.csv", text.encode(), content_type="text/csv")
    return client.post(url, {"resource": str(resource), "format": "0", "import_file": csv})


def confirm(client, url: str, html: str):
    fields = ["import_file_name", "original_file_name", "format", "resource"]
    return client.post(url, {name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1) for name in fields})


def import_and_confirm(client, model: str, text: str, resource: int = 0) -> str:
    html = upload(client, reverse(f"admin:{model}_import"), text, resource).content.decode()
    assert 'name="import_file_name"' in html, html  # a clean file gets a preview and a confirm step
    confirm(client, reverse(f"admin:{model}_process_import"), html)
    return html


def halls(market, *codes: str) -> dict[str, Hall]:
    return {code: Hall.objects.create(market=market, code=code, name=f"Hall {code}") for code in codes}


def test_halls_import_into_the_current_market_after_a_preview(organiser_client, market):
    text = "code,name,name_zh_hant,name_zh_hans\n1A,Hall 1A,展覽廳1A,展览厅1A\n3G,Hall 3G,,\n"
    html = upload(organiser_client, reverse("admin:filmart_hall_import"), text).content.decode()
    assert "Hall 3G" in html and not Hall.objects.exists()  # previewed, not written
    confirm(organiser_client, reverse("admin:filmart_hall_process_import"), html)
    assert sorted(Hall.objects.filter(market=market).values_list("code", "name_zh_hant")) == [
        ("1A", "展覽廳1A"),
        ("3G", ""),
    ]


def test_meeting_tables_import_names_a_missing_hall_and_writes_nothing(organiser_client, market):
    halls(market, "3G")
    text = (
        "code,name,hall,seats,is_active\nBL-01,Business Lounge table 1,3G,4,1\nBL-02,Business Lounge table 2,9Z,4,1\n"
    )
    html = upload(organiser_client, reverse("admin:filmart_meetingtable_import"), text).content.decode()
    assert "No hall “9Z”." in html and 'name="import_file_name"' not in html
    assert not MeetingTable.objects.exists()

    import_and_confirm(organiser_client, "filmart_meetingtable", text.replace("9Z", "3G"))
    assert list(MeetingTable.objects.values_list("code", "hall__code", "seats")) == [
        ("BL-01", "3G", 4),
        ("BL-02", "3G", 4),
    ]


def test_booth_import_moves_exhibitors_and_refuses_unknown_halls_taken_booths_and_new_companies(
    organiser_client, market
):
    halls(market, "1A", "3G")
    jade = ExhibitorFactory(market=market, slug="jade", hall="1A", stand="A01")
    ExhibitorFactory(market=market, slug="siam", hall="1A", stand="B02")
    url = reverse("admin:exhibitors_exhibitor_import")

    bad = "slug,hall,stand\njade,9Z,A01\nnobody,1A,C03\njade,1A,B02\n"
    html = upload(organiser_client, url, bad, resource=1).content.decode()
    assert "No hall “9Z” at this market; its halls are 1A, 3G." in html
    assert "No exhibitor “nobody” at this market." in html and "This field cannot be null." not in html
    assert "Another exhibitor already has this booth." in html
    assert 'name="import_file_name"' not in html
    jade.refresh_from_db()
    assert (jade.hall, jade.stand) == ("1A", "A01")

    import_and_confirm(organiser_client, "exhibitors_exhibitor", "slug,hall,stand\njade,3G,D10\n", resource=1)
    jade.refresh_from_db()
    assert (jade.booth, Exhibitor.objects.count()) == ("3G-D10", 2)


def test_without_halls_set_up_any_hall_code_is_accepted(market):
    exhibitor = ExhibitorFactory(market=market, hall="5X", stand="A01")
    exhibitor.full_clean()  # nothing to check against yet


@pytest.fixture
def lounge(market):
    hall = halls(market, "3G")["3G"]
    return [
        MeetingTable.objects.create(market=market, hall=hall, code=f"BL-{n:02d}", name=f"Business Lounge table {n}")
        for n in (1, 2)
    ]


def test_one_rep_holds_a_table_at_a_time(market, exhibitor, lounge):
    first, second = team_member(exhibitor), team_member(exhibitor)
    window = services.availability_add(
        rep=first, exhibitor=exhibitor, day=DAY_ONE, start=time(10), end=time(12), place="table", table=lounge[0]
    )
    assert (window.table, window.place_detail) == (lounge[0], "Business Lounge table 1")
    with pytest.raises(ValidationError, match="Another rep holds this table at these times."):
        services.availability_add(
            rep=second, exhibitor=exhibitor, day=DAY_ONE, start=time(11), end=time(13), place="table", table=lounge[0]
        )
    # Next to it, or at another table, is fine.
    services.availability_add(
        rep=second, exhibitor=exhibitor, day=DAY_ONE, start=time(12), end=time(13), place="table", table=lounge[0]
    )
    services.availability_add(
        rep=second, exhibitor=exhibitor, day=DAY_ONE, start=time(10), end=time(11), place="table", table=lounge[1]
    )
    assert Availability.objects.filter(table__isnull=False).count() == 3


def test_a_table_of_another_market_or_out_of_use_is_refused(market, exhibitor, lounge):
    rep = team_member(exhibitor)
    elsewhere = MeetingTable.objects.create(
        market=MarketFactory(slug="other", is_current=False), code="X-1", name="Elsewhere"
    )
    lounge[1].is_active = False
    lounge[1].save()
    for table in (elsewhere, lounge[1]):
        with pytest.raises(ValidationError, match="This table is not in use at this market."):
            services.availability_add(
                rep=rep, exhibitor=exhibitor, day=DAY_ONE, start=time(10), end=time(12), place="table", table=table
            )
    assert not Availability.objects.exists()


def test_the_hours_page_offers_the_tables_in_use_and_says_when_one_is_taken(client, market, exhibitor, lounge):
    lounge[1].is_active = False
    lounge[1].save()
    first, second = team_member(exhibitor), team_member(exhibitor)
    services.availability_add(
        rep=first, exhibitor=exhibitor, day=DAY_ONE, start=time(10), end=time(12), place="table", table=lounge[0]
    )
    client.force_login(second)
    page = client.get(reverse("meetings:hours")).content.decode()
    assert "Business Lounge table 1" in page and "Business Lounge table 2" not in page

    form = {"day": DAY_ONE.isoformat(), "start": "11:00", "end": "12:00", "place": "table", "place_detail": ""}
    response = client.post(reverse("meetings:hours"), form)
    assert "Choose the table you will meet at." in response.content.decode()
    response = client.post(reverse("meetings:hours"), {**form, "table": lounge[0].pk})
    assert "Another rep holds this table at these times." in response.content.decode()
    assert not Availability.objects.filter(rep=second).exists()


def test_organisers_cancel_meetings_with_a_reason_both_sides_read(organiser_client, buyer, rep, exhibitor, market):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    waiting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 11))
    url = reverse("admin:meetings_meeting_changelist")
    chosen = {"action": "cancel_with_notice", "_selected_action": [meeting.pk, waiting.pk]}

    page = organiser_client.post(url, chosen).content.decode()
    assert "1 selected request is not an accepted meeting" in page and rep.email in page

    organiser_client.post(url, {**chosen, "apply": "1", "reason": ""})  # no reason: nothing happens
    assert Meeting.objects.get(pk=meeting.pk).status == Status.ACCEPTED

    organiser_client.post(url, {**chosen, "apply": "1", "reason": "Hall 3G closes early on the first day."})
    meeting.refresh_from_db()
    waiting.refresh_from_db()
    assert (meeting.status, meeting.closed_because, meeting.sequence) == (Status.CANCELLED, ClosedBecause.ORGANISERS, 1)
    assert waiting.status == Status.PENDING
    told = written(OutboundEmail.objects.filter(kind="cancelled"))
    assert sorted(row.recipients[0] for row in told) == sorted([buyer.email, rep.email])
    for row in told:
        assert "The market's organisers cancelled this meeting." in row.body_text
        assert "Hall 3G closes early on the first day." in row.body_text
        assert b"METHOD:CANCEL" in bytes(row.raw_message)


def test_an_organiser_cancel_skips_a_meeting_that_moved_on(buyer, rep, exhibitor, market):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    services.meeting_cancel(meeting_id=meeting.pk, version=meeting.version, user=buyer, reason="Flight moved")
    assert services.meetings_cancel_by_organisers(meeting_ids=[meeting.pk], reason="Hall closed") == 0
    meeting.refresh_from_db()
    assert (meeting.reason, meeting.closed_because) == ("Flight moved", "")


def test_every_admin_list_renders_searched_and_filtered(organiser_client, buyer, rep, exhibitor, market, lounge):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert organiser_client.get(url).status_code == 200, url
        if model_admin.search_fields:
            assert organiser_client.get(url, {"q": "jade"}).status_code == 200, url
    meetings_url = reverse("admin:meetings_meeting_changelist")
    on_day = organiser_client.get(meetings_url, {"day": DAY_ONE.isoformat()}).content.decode()
    next_day = organiser_client.get(meetings_url, {"day": "2030-03-18"}).content.decode()
    assert "0 meetings" not in on_day and "0 meetings" in next_day


@pytest.mark.parametrize("table", ["999999", "not-a-number"])
def test_a_table_that_does_not_exist_is_a_clear_message_not_an_error(client, market, exhibitor, lounge, table):
    client.force_login(team_member(exhibitor))
    form = {"day": DAY_ONE.isoformat(), "start": "11:00", "end": "12:00", "place": "table", "table": table}
    response = client.post(reverse("meetings:hours"), form)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Availability.objects.exists()
