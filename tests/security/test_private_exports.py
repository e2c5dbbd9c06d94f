"""Organisers' exports hold buyers' names and emails: private storage that no URL serves, a random name, a
staff-only download under a friendly name, deletion after the market's retention, and old public files moved."""

import importlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from organiser import services, tasks
from organiser.models import Export, ExportStatus
from tests.factories import MarketFactory, UserFactory
from tests.meetings_fixtures import verified_buyer
from tests.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def roots(settings, tmp_path) -> tuple[Path, Path]:
    """MEDIA_ROOT and the private storage's root, both this test's own."""
    media, private = tmp_path / "media", tmp_path / "private"
    settings.MEDIA_ROOT = media
    private_storage = {"BACKEND": "web.storage.PrivateStorage", "OPTIONS": {"location": private}}
    settings.STORAGES = {**settings.STORAGES, "private": private_storage}
    return media, private


@pytest.fixture
def organiser():
    return UserFactory(role="organiser", is_staff=True)


def written(kind: str, user, market, *, file_format: str = "csv") -> Export:
    export = services.export_request(market=market, kind=kind, file_format=file_format, filters={}, user=user)
    assert services.export_build(pk=export.pk) is True
    export.refresh_from_db()
    return export


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_an_export_lands_in_private_storage_under_a_name_nobody_can_guess(client, roots, organiser, market):
    media, private = roots
    verified_buyer(email="ploy@siam.example")
    export = written("buyers", organiser, market)
    path = Path(export.file.path)
    assert path.is_relative_to(private) and path.read_bytes().count(b"ploy@siam.example") == 1
    assert files_under(media) == []
    name = path.name
    assert export.file.name == f"exports/{name}" and "buyers" not in name and len(name.removesuffix(".csv")) >= 21
    with pytest.raises(NotImplementedError):
        export.file.url  # noqa: B018 - private files have no URL to hand out

    # Nothing under /media/ reaches it, whatever the path and whoever asks; /media/ serves a root it is not in.
    served = Path(django_settings.MEDIA_ROOT)  # what pages.views.media_file serves
    assert not path.is_relative_to(served)
    client.force_login(organiser)
    for url in [f"/media/{export.file.name}", f"/media/{name}", f"/media/private/{export.file.name}"]:
        assert client.get(url).status_code == 404, url

    # The admin keeps a record of the export and links to no file.
    client.force_login(UserFactory(role="organiser", is_staff=True, is_superuser=True))
    record = client.get(reverse("admin:organiser_export_change", args=[export.pk]))
    assert record.status_code == 200 and name not in record.content.decode()


def test_the_download_streams_it_to_staff_only_under_a_friendly_name(client, roots, organiser, market):
    verified_buyer(email="ploy@siam.example")
    export = written("buyers", organiser, market, file_format="xlsx")
    Export.objects.filter(pk=export.pk).update(created_at=datetime(2030, 3, 17, 2, 15, tzinfo=UTC))
    url = reverse("organiser:export_download", args=[export.pk])

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("account_login"))
    client.force_login(verified_buyer())
    assert client.get(url).status_code == 404

    client.force_login(organiser)
    response = client.get(url)
    assert response.status_code == 200
    # Market time (Hong Kong, UTC+8) of when it was asked for, not the stored random name.
    assert response["Content-Disposition"] == 'attachment; filename="buyers-20300317-101500.xlsx"'
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == Path(export.file.path).read_bytes()


def test_the_sweep_deletes_files_past_the_markets_retention(client, roots, organiser, market):
    market.export_retention_days = 3
    market.save()
    old, recent = written("titles", organiser, market), written("exhibitors", organiser, market)
    now = timezone.now()
    Export.objects.filter(pk=old.pk).update(finished_at=now - timedelta(days=4))
    Export.objects.filter(pk=recent.pk).update(finished_at=now - timedelta(days=2))
    old_path, recent_path = Path(old.file.path), Path(recent.file.path)

    tasks.organiser_sweep()  # what beat runs every minute

    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old_path.exists() and (old.status, old.file.name) == (ExportStatus.EXPIRED, "")
    assert recent_path.exists() and recent.status == ExportStatus.DONE
    tasks.organiser_sweep()  # a second sweep changes nothing
    assert recent_path.exists() and Export.objects.filter(status=ExportStatus.EXPIRED).count() == 1

    client.force_login(organiser)
    assert client.get(reverse("organiser:export_download", args=[old.pk])).status_code == 404
    page = client.get(reverse("organiser:exports")).content.decode()
    assert "Deleted after 3 days" in page
    assert reverse("organiser:export_download", args=[recent.pk]) in page
    assert reverse("organiser:export_download", args=[old.pk]) not in page


def test_each_file_is_kept_as_long_as_its_own_market_says_current_or_not(roots, organiser):
    last_year = MarketFactory(
        name="FILMART 2029", slug="filmart-2029", starts_on=date(2029, 3, 12), ends_on=date(2029, 3, 15),
        is_current=False, export_retention_days=7,
    )  # fmt: skip
    this_year = MarketFactory(export_retention_days=3)
    kept, due = written("exhibitors", organiser, last_year), written("titles", organiser, last_year)
    recent = written("titles", organiser, this_year)
    now = timezone.now()
    Export.objects.filter(pk=kept.pk).update(finished_at=now - timedelta(days=6))
    Export.objects.filter(pk=due.pk).update(finished_at=now - timedelta(days=8))
    Export.objects.filter(pk=recent.pk).update(finished_at=now - timedelta(days=2))
    assert services.exports_expire() == 1  # the current market's 3 days do not cut last year's 7 short
    assert Export.objects.get(pk=kept.pk).status == ExportStatus.DONE
    assert Export.objects.get(pk=due.pk).status == ExportStatus.EXPIRED
    assert Export.objects.get(pk=recent.pk).status == ExportStatus.DONE


def test_the_migration_moves_public_export_files_into_private_storage(roots, organiser, market):
    media, private = roots
    public = storages["default"]
    public.save("exports/meetings-20300317-101500.csv", ContentFile(b"Meeting,Buyer email\n1,ploy@siam.example\n"))
    public.save("exports/buyers-20300316-090000.xlsx", ContentFile(b"no longer on record"))
    public.save("posters/harbour.webp", ContentFile(b"a poster stays public"))
    export = Export.objects.create(
        market=market,
        kind="meetings", file_format="csv", status=ExportStatus.DONE, file="exports/meetings-20300317-101500.csv"
    )

    migration = importlib.import_module("organiser.migrations.0003_private_exports")
    migration.exports_move_to_private(apps, None)

    export.refresh_from_db()
    moved = Path(export.file.path)
    assert moved.is_relative_to(private) and "meetings" not in moved.name and moved.suffix == ".csv"
    assert moved.read_bytes() == b"Meeting,Buyer email\n1,ploy@siam.example\n"
    assert files_under(media / "exports") == []  # the copy on record and the one no longer on record
    assert (media / "posters" / "harbour.webp").exists()

    migration.exports_move_to_private(apps, None)  # running it again moves nothing
    export.refresh_from_db()
    assert Path(export.file.path) == moved and moved.exists()


@pytest.mark.parametrize("production", [False, True], ids=["development", "production"])
def test_both_modes_have_private_storage_apart_from_media(production, tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": django_settings.DATABASE_URL} if production else {}
    code = "from django.conf import settings as s; print(*(v['BACKEND'] for v in s.STORAGES.values()), s.PRIVATE_ROOT)"
    result = run_manage("shell", "-c", code, env={**env, "PRIVATE_ROOT": str(tmp_path / "private")})
    assert result.returncode == 0, result.stderr
    static = "whitenoise.storage.CompressedManifestStaticFilesStorage" if production else "django.contrib.staticfiles"
    default, staticfiles, private, root = result.stdout.splitlines()[-1].split()
    assert default == "django.core.files.storage.FileSystemStorage" and staticfiles.startswith(static)
    assert (private, root) == ("web.storage.PrivateStorage", str(tmp_path / "private"))

    inside = {**env, "MEDIA_ROOT": str(tmp_path), "PRIVATE_ROOT": str(tmp_path / "private")}
    refused = run_manage("check", env=inside)  # a folder inside MEDIA_ROOT is served as /media/
    assert refused.returncode != 0 and "PRIVATE_ROOT must lie outside MEDIA_ROOT" in refused.stderr
