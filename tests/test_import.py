import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exhibitors.models import Exhibitor, Title
from tests.factories import ExhibitorFactory, MarketFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "slug,name,name_zh_hant,name_zh_hans,region,pavilion,company_type,hall,stand,description,website\n"


@pytest.fixture
def organiser_client(client):
    MarketFactory()
    RegionFactory(code="HK")
    RegionFactory(code="TH")
    client.force_login(UserFactory(role="organiser", is_staff=True, is_superuser=True))
    return client


def upload(client, url: str, text: str):
    csv = SimpleUploadedFile("import.csv", text.encode(), content_type="text/csv")
    return client.post(url, {"resource": "0", "format": "0", "import_file": csv})


def test_bad_rows_are_each_explained_and_nothing_is_written(organiser_client):
    text = HEADER + (
        "siam-screen,Siam Screen,,,TH,,studio,3D,D01,Bangkok studio,https://siam.example\n"
        "atlantis,Atlantis Films,,,ZZ,,studio,3D,D02,,\n"
        "opera-house,Opera House,,,HK,,opera,3D,D03,,\n"
        "no-web,No Web,,,HK,,studio,3D,D04,,not a url\n"
    )
    response = upload(organiser_client, reverse("admin:exhibitors_exhibitor_import"), text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "No country or region code “ZZ”." in html
    assert re.search(r"“opera” is not a valid choice|Value &#x27;opera&#x27; is not a valid choice", html)
    assert "Enter a valid URL." in html
    assert 'name="import_file_name"' not in html  # no confirm step is offered for a file with errors
    assert not Exhibitor.objects.exists()


def test_a_good_file_is_previewed_then_written_on_confirmation(organiser_client):
    text = HEADER + "siam-screen,Siam Screen,暹羅影視,暹罗影视,TH,,studio,3D,D01,Bangkok studio,https://siam.example\n"
    response = upload(organiser_client, reverse("admin:exhibitors_exhibitor_import"), text)
    html = response.content.decode()
    assert "Siam Screen" in html and 'name="import_file_name"' in html
    assert not Exhibitor.objects.exists()  # previewed, not written

    confirm = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ["import_file_name", "original_file_name", "format", "resource"]
    }
    organiser_client.post(reverse("admin:exhibitors_exhibitor_process_import"), confirm)
    exhibitor = Exhibitor.objects.get(slug="siam-screen")
    assert (exhibitor.region.code, exhibitor.name_zh_hant, exhibitor.market.is_current) == ("TH", "暹羅影視", True)
    assert exhibitor.search_document is not None


def test_titles_import_reports_unknown_exhibitors_and_bad_codes(organiser_client):
    ExhibitorFactory(slug="pearl-river", market=MarketFactory())
    header = "slug,exhibitor,kind,english_title,original_title,genres,episodes,episode_minutes,original_language,"
    header += "subtitle_languages,dubbing_languages,year,status,synopsis,trailer_url\n"
    text = header + (
        "harbour-hearts,pearl-river,micro,Harbour Hearts,港灣之心,romance|urban,80,2,yue,en|th,,2026,completed,,\n"
        "ghost,nobody,series,Ghost,Ghost,drama,10,45,zh,,,2025,completed,,\n"
        "odd-genre,pearl-river,series,Odd,Odd,telenovela,10,45,zh,,,2025,completed,,\n"
    )
    html = upload(organiser_client, reverse("admin:exhibitors_title_import"), text).content.decode()
    assert "No exhibitor “nobody”." in html
    assert "Value &#x27;telenovela&#x27; is not a valid choice." in html
    assert not Title.objects.exists()
