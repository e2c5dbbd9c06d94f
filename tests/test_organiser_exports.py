import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from meetings import services as meeting_services
from organiser import services
from organiser.models import Export, ExportStatus
from tests.factories import ExhibitorFactory, UserFactory, team_member
from tests.meetings_fixtures import at, verified_buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Exports go to private storage (tests/security/test_private_exports.py): this test's own folder too.
    private = {"BACKEND": "web.storage.PrivateStorage", "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}


@pytest.fixture
def organiser():
    return UserFactory(role="organiser", is_staff=True)


@pytest.fixture
def two_days_of_meetings(buyer, rep, exhibitor, market):
    from datetime import timedelta

    from tests.meetings_fixtures import open_hours

    second_day = at(market, 10).date() + timedelta(days=1)
    open_hours(rep, exhibitor, day=second_day)
    for start in (at(market, 10), at(market, 11), at(market, 10, day=second_day)):
        meeting = meeting_services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=start)
        meeting_services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    return market


def test_a_day_of_meetings_as_csv(
    client, organiser, media_root, two_days_of_meetings, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("organiser:exports"), {"kind": "meetings", "file_format": "csv", "day": "2030-03-17"}
        )
    assert response.status_code == 302 and len(callbacks) == 1
    export = Export.objects.get()
    assert export.filters == {"day": "2030-03-17"} and export.status == ExportStatus.QUEUED
    assert export.market == two_days_of_meetings  # the market the console showed
    assert services.export_build(pk=export.pk) is True
    assert services.export_build(pk=export.pk) is False  # a second delivery of the task writes nothing
    export.refresh_from_db()
    assert (export.status, export.total_rows, export.done_rows, export.percent) == (ExportStatus.DONE, 2, 2, 100)
    download = client.get(reverse("organiser:export_download", args=[export.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Meeting", "Starts (market time)", "Ends (market time)", "Status"]
    assert [row[1] for row in rows[1:]] == ["2030-03-17 10:00", "2030-03-17 11:00"]
    assert {row[4] for row in rows[1:]} == {"Jade Pictures"}


def test_buyers_as_excel(organiser, media_root, two_days_of_meetings):
    export = services.export_request(
        market=two_days_of_meetings, kind="buyers", file_format="xlsx", filters={"verification": "verified"},
        user=organiser,
    )  # fmt: skip
    services.export_build(pk=export.pk)
    export.refresh_from_db()
    sheet = openpyxl.load_workbook(export.file.path).active
    values = list(sheet.values)
    assert values[0][:2] == ("Company", "Buyer type") and len(values) == 1 + 4  # the fixture buyer and three more


def test_exports_are_404_to_everyone_but_staff(client, organiser, media_root, market):
    export = services.export_request(market=market, kind="titles", file_format="csv", filters={}, user=organiser)
    services.export_build(pk=export.pk)
    urls = [
        reverse("organiser:exports"),
        reverse("organiser:export", args=[export.pk]),
        reverse("organiser:export_download", args=[export.pk]),
    ]
    for person in [verified_buyer(), team_member(ExhibitorFactory(market=market))]:
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert client.post(urls[0], {"kind": "titles", "file_format": "csv"}).status_code == 404
    assert Export.objects.count() == 1


def test_the_progress_row_polls_until_ready(client, organiser, media_root, market):
    export = services.export_request(market=market, kind="exhibitors", file_format="csv", filters={}, user=organiser)
    client.force_login(organiser)
    waiting = client.get(reverse("organiser:export", args=[export.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "<html" not in waiting
    services.export_build(pk=export.pk)
    ready = client.get(reverse("organiser:export", args=[export.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in ready and reverse("organiser:export_download", args=[export.pk]) in ready


def test_an_export_whose_worker_died_is_started_again(organiser, market, media_root, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    started = []
    # What the sweep hands to the queue (the first export_request publishes on commit, which a test never reaches).
    monkeypatch.setattr(services, "publish", lambda task_name, pk: started.append(pk))
    export = services.export_request(market=market, kind="buyers", file_format="csv", filters={}, user=organiser)
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)  # a worker took it, then was killed
    assert services.exports_waiting_publish() == 0  # still within its time
    Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    assert services.exports_waiting_publish() == 1 and started == [export.pk]
    assert services.export_build(pk=export.pk) is True  # the redelivered task writes it now
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
