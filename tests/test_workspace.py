import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exhibitors.models import Invitation, RightsAvailability, TeamMember, Title
from notifications.models import OutboundEmail
from tests.factories import ExhibitorFactory, MarketFactory, RightsFactory, TitleFactory, UserFactory, team_member

pytestmark = pytest.mark.django_db

TITLE_FORM = {
    "kind": "micro",
    "english_title": "Harbour Hearts",
    "original_title": "港灣之心",
    "genres": ["romance", "urban"],
    "episodes": "80",
    "episode_minutes": "2",
    "original_language": "yue",
    "subtitle_languages": ["en", "th"],
    "dubbing_languages": [],
    "year": "2026",
    "status": "completed",
    "synopsis": "Two ferry captains.",
    "trailer_url": "",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_upload(fmt: str = "JPEG", size=(600, 900), name: str = "poster.jpg", exif: bool = False):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (180, 20, 60))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCamera"  # Make
        data[0x8825] = {2: (22.0, 17.0, 0.0)}  # GPS latitude
        kwargs["exif"] = data
    image.save(buffer, format=fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def company():
    return ExhibitorFactory(market=MarketFactory(), name="Pearl River Pictures", slug="pearl-river")


@pytest.fixture
def rep_client(client, company):
    client.force_login(team_member(company, role="rep"))
    return client


def test_rep_adds_a_title_with_poster_and_it_is_re_encoded(rep_client, company):
    response = rep_client.post(reverse("workspace:title_new"), {**TITLE_FORM, "poster": image_upload(exif=True)})
    title = Title.objects.get(exhibitor=company)
    assert response.status_code == 302 and response.url == reverse("workspace:title", args=[title.slug])
    assert (title.english_title, title.episodes, title.genres) == ("Harbour Hearts", 80, ["romance", "urban"])
    with Image.open(title.poster.path) as poster, Image.open(title.poster_thumbnail.path) as thumbnail:
        assert poster.format == thumbnail.format == "WEBP"
        assert not poster.getexif()  # camera and GPS data gone
        assert max(thumbnail.size) == 400
    assert title.search_document is not None


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: image_upload("GIF", name="p.gif"), "Upload a JPEG, PNG or WebP image."),
        (
            lambda: SimpleUploadedFile("p.jpg", b"not an image at all", content_type="image/jpeg"),
            "This file is not an image we can read.",
        ),
        (lambda: image_upload("PNG", size=(9000, 6000), name="p.png"), "keep it under 40 megapixels"),
    ],
)
def test_bad_posters_are_refused_with_a_reason_and_nothing_is_saved(rep_client, company, upload, message):
    response = rep_client.post(reverse("workspace:title_new"), {**TITLE_FORM, "poster": upload()})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Harbour Hearts"' in html  # what was typed stays
    assert not Title.objects.exists()


def test_oversized_upload_is_refused(rep_client, settings, monkeypatch):
    monkeypatch.setattr("web.images.MAX_UPLOAD_BYTES", 1000)
    response = rep_client.post(reverse("workspace:title_new"), {**TITLE_FORM, "poster": image_upload()})
    assert "the limit is" in response.content.decode()
    assert not Title.objects.exists()


def test_title_form_explains_missing_and_wrong_values(rep_client):
    response = rep_client.post(
        reverse("workspace:title_new"), {**TITLE_FORM, "episodes": "", "year": "1850", "kind": "opera"}
    )
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Give a year between 1900 and 2100." in html or "Ensure this value is greater" in html
    assert not Title.objects.exists()


def test_rights_rows_add_edit_delete_over_htmx(rep_client, company):
    title = TitleFactory(exhibitor=company)
    htmx = {"HX-Request": "true"}
    add = reverse("workspace:rights_add", args=[title.slug])

    response = rep_client.post(add, {"media": [], "territories": [], "available_from": ""}, headers=htmx)
    html = response.content.decode()
    assert 'id="rights-region"' in html and "<html" not in html
    assert "Choose at least one medium." in html and "Choose at least one territory" in html
    assert not RightsAvailability.objects.exists()

    rep_client.post(
        add, {"media": ["svod", "avod"], "territories": ["TH", "VN"], "available_from": "2026-04-01"}, headers=htmx
    )
    row = RightsAvailability.objects.get()
    assert (row.media, row.territories, row.worldwide_except) == (["svod", "avod"], ["TH", "VN"], False)

    edit = reverse("workspace:rights_edit", args=[title.slug, row.pk])
    assert "Save rights" in rep_client.get(edit, headers=htmx).content.decode()
    response = rep_client.post(
        edit,
        {
            "media": ["svod"],
            "worldwide_except": "on",
            "territories": ["CN"],
            "exclusive": "on",
            "available_from": "2026-05-01",
        },
        headers=htmx,
    )
    row.refresh_from_db()
    assert (row.media, row.territories, row.worldwide_except, row.exclusive) == (["svod"], ["CN"], True, True)
    assert "Worldwide" in response.content.decode()

    rep_client.post(reverse("workspace:rights_delete", args=[title.slug, row.pk]), headers=htmx)
    assert not RightsAvailability.objects.exists()


def test_rights_work_without_javascript_too(rep_client, company):
    title = TitleFactory(exhibitor=company)
    response = rep_client.post(
        reverse("workspace:rights_add", args=[title.slug]),
        {"media": ["free_tv"], "territories": ["MY"], "available_from": "2026-04-01"},
    )
    assert response.status_code == 302
    assert RightsAvailability.objects.get().territories == ["MY"]
    response = rep_client.post(reverse("workspace:rights_add", args=[title.slug]), {"media": ["free_tv"]})
    assert response.status_code == 200 and "<html" in response.content.decode()
    assert "Choose at least one territory" in response.content.decode()


def test_another_companys_data_is_404(client, company):
    theirs = TitleFactory(exhibitor=company, slug="their-title")
    rights = RightsFactory(title=theirs)
    other = ExhibitorFactory(market=company.market, name="Other Co")
    client.force_login(team_member(other, role="admin"))
    urls = [
        reverse("workspace:title", args=["their-title"]),
        reverse("workspace:title_delete", args=["their-title"]),
        reverse("workspace:rights_edit", args=["their-title", rights.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, {"english_title": "Hijacked"}).status_code == 404
    assert client.post(reverse("workspace:rights_add", args=["their-title"]), {"media": ["svod"]}).status_code == 404
    assert client.post(reverse("workspace:rights_delete", args=["their-title", rights.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.english_title != "Hijacked" and RightsAvailability.objects.filter(pk=rights.pk).exists()


def test_a_buyer_has_no_workspace(client, company):
    client.force_login(UserFactory())
    assert "You are not on an exhibitor's team yet" in client.get(reverse("workspace:home")).content.decode().replace(
        "&#x27;", "'"
    )
    assert client.get(reverse("workspace:profile")).status_code == 404


def test_profile_update_fills_the_other_chinese_script(rep_client, company):
    response = rep_client.post(
        reverse("workspace:profile"),
        {
            "name": "Pearl River Pictures",
            "name_zh_hant": "珠江影業",
            "name_zh_hans": "",
            "company_type": "studio",
            "description": "Guangzhou studio.",
            "website": "https://pearl.example",
        },
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name_zh_hant, company.name_zh_hans) == ("珠江影業", "珠江影业")


def test_admin_invites_a_colleague_who_joins_with_that_address(client, company):
    admin = team_member(company, role="admin")
    client.force_login(admin)
    response = client.post(reverse("workspace:team"), {"email": "New.Rep@Pearl.example", "role": "rep"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    mail = OutboundEmail.objects.get(recipients=["new.rep@pearl.example"])
    link = re.search(r"http://testserver(/manage/join/\S+/)", mail.body_text).group(1)

    again = client.post(reverse("workspace:team"), {"email": "new.rep@pearl.example", "role": "rep"})
    assert "has already been invited" in again.content.decode()

    stranger = UserFactory(email="someone.else@example.org")
    client.force_login(stranger)
    assert client.get(link).status_code == 404
    assert not TeamMember.objects.filter(user=stranger).exists()

    colleague = UserFactory(email="new.rep@pearl.example")
    client.force_login(colleague)
    page = client.get(link)  # says what joining means; only the button joins
    assert "Join the Pearl River Pictures team?" in page.content.decode()
    assert not TeamMember.objects.filter(user=colleague).exists()
    assert client.post(link).url == reverse("workspace:home")
    assert TeamMember.objects.get(user=colleague).exhibitor == company
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    colleague.refresh_from_db()
    assert colleague.role == "exhibitor"


def test_only_admins_change_the_team_and_the_last_admin_stays(client, company):
    admin = team_member(company, role="admin")
    rep = team_member(company, role="rep")
    client.force_login(rep)
    assert client.post(reverse("workspace:team"), {"email": "x@example.org", "role": "rep"}).status_code == 404
    admin_membership = TeamMember.objects.get(user=admin)
    assert client.post(reverse("meetings:team_member_remove", args=[admin_membership.pk])).status_code == 404

    client.force_login(admin)
    removal = {"open_meetings": "hand_over"}
    response = client.post(reverse("meetings:team_member_remove", args=[admin_membership.pk]), removal, follow=True)
    assert "needs at least one admin" in response.content.decode()
    rep_membership = TeamMember.objects.get(user=rep)
    client.post(reverse("meetings:team_member_remove", args=[rep_membership.pk]), removal)
    assert not TeamMember.objects.filter(user=rep).exists()


def test_rights_form_adds_whole_territory_groups(rep_client, company):
    title = TitleFactory(exhibitor=company)
    rep_client.post(
        reverse("workspace:rights_add", args=[title.slug]),
        {"media": ["pay_tv"], "territory_groups": ["asean"], "territories": ["HK"], "available_from": "2026-04-01"},
    )
    row = RightsAvailability.objects.get()
    assert row.territories == sorted(["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "HK"])


def test_title_edit_over_htmx_shows_errors_in_place_and_saves(rep_client, company):
    title = TitleFactory(exhibitor=company, english_title="Old Name")
    url = reverse("workspace:title", args=[title.slug])
    data = {**TITLE_FORM, "english_title": ""}
    html = rep_client.post(url, data, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="title-facts">') and "This field is required" in html
    title.refresh_from_db()
    assert title.english_title == "Old Name"
    html = rep_client.post(
        url, {**TITLE_FORM, "poster": image_upload()}, headers={"HX-Request": "true"}
    ).content.decode()
    title.refresh_from_db()
    assert title.english_title == "Harbour Hearts" and title.poster
    assert "Saved." in html and title.poster_thumbnail.url in html


def test_profile_logo_is_re_encoded_and_shown_in_the_directory(rep_client, company):
    from exhibitors.services import catalogue_changed

    rep_client.post(
        reverse("workspace:profile"),
        {
            "name": "Pearl River Pictures",
            "name_zh_hant": "",
            "name_zh_hans": "",
            "company_type": "studio",
            "description": "",
            "website": "",
            "logo": image_upload("PNG", size=(800, 800), name="logo.png"),
        },
    )
    company.refresh_from_db()
    assert company.logo.name.endswith(".webp") and company.logo_thumbnail
    catalogue_changed()
    html = rep_client.get(reverse("exhibitors:directory"), {"q": "pearl"}).content.decode()
    assert company.logo_thumbnail.url in html
