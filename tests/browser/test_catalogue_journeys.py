import re
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from demo.accounts import DEMO_PASSWORD
from exhibitors.models import RightsAvailability, Title
from tests.browser.conftest import screenshot, sign_in
from tests.factories import PASSWORD, team_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_buyer_searches_filters_and_opens_a_title(page, demo_market):
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.get_by_role("link", name="Titles", exact=True).click()
    page.evaluate("window.sameDocument = true")

    page.get_by_label("Search titles").fill("blosoms shanghai")  # a typo, still found
    expect(page.locator(".title-card").first).to_contain_text("Blossoms Shanghai")
    assert query_of(page.url)["q"] == ["blosoms shanghai"]  # the search is in the URL, shareable

    page.get_by_label("Search titles").fill("")
    page.locator("#territory").select_option("TH")
    page.locator(".facet").filter(has_text="Rights available").get_by_label("SVOD").check()
    expect(page.locator(".result-count")).not_to_have_text("0 titles")
    expect(page).to_have_url(re.compile(r"media=svod"))
    assert query_of(page.url)["territory"] == ["TH"]
    page.locator(".facet").filter(has_text="Kind").get_by_label("Short-form (micro) drama").check()
    expect(page).to_have_url(re.compile(r"kind=micro"))
    assert page.evaluate("window.sameDocument") is True  # live updates, no reloads
    # Screen readers hear the new count from a status line that stays put, not the whole list again.
    count = page.locator(".result-count").inner_text().split(" · ")[0]
    expect(page.locator("#results-status")).to_have_text(count)
    expect(page.locator("#results-status")).to_have_attribute("role", "status")
    screenshot(page, "catalogue-filtered")

    first = page.locator(".title-card a").first
    name = first.locator(".title-name").inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Rights available")).to_be_visible()
    expect(page.locator(".rights-row").first).to_be_visible()
    screenshot(page, "title-page")


def test_directory_finds_tencent_by_chinese_name(page, demo_market):
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.get_by_role("link", name="Exhibitors", exact=True).click()
    page.get_by_label("Search exhibitors").fill("腾讯")
    expect(page.locator(".result-card").first).to_contain_text("Tencent Video")
    page.locator(".result-card a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tencent Video")
    expect(page.get_by_text("Li Wei")).to_be_visible()  # the demo rep on the team
    screenshot(page, "exhibitor-page")


def poster_file(tmp_path) -> str:
    path = tmp_path / "poster.png"
    Image.new("RGB", (400, 600), (20, 90, 160)).save(path)
    return str(path)


def test_rep_adds_a_title_with_rights_and_a_poster(page, demo_market, tmp_path):
    sign_in(page, "rep@example.com", DEMO_PASSWORD)
    page.get_by_role("link", name="Your company").click()
    page.get_by_role("link", name="Add a title").click()
    page.get_by_label("Kind").select_option("micro")
    page.get_by_label("English title").fill("Midnight Ferry")
    page.get_by_label("Original title").fill("午夜渡輪")
    page.get_by_label("Romance").check()
    page.get_by_label("Episodes").fill("90")
    page.get_by_label("Minutes").fill("2")
    page.get_by_label("Original language").select_option("yue")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Poster").set_input_files(poster_file(tmp_path))
    page.get_by_role("button", name="Add to catalogue").click()

    expect(page.get_by_role("heading", name="Midnight Ferry")).to_be_visible()
    title = Title.objects.get(english_title="Midnight Ferry")
    assert title.poster.name.endswith(".webp")

    rights = page.locator("#rights-region form").last
    rights.get_by_label("SVOD").check()
    rights.get_by_label("AVOD / FAST").check()
    rights.get_by_label("Worldwide except").check()
    rights.get_by_label("Territories").select_option(["CN"])
    rights.get_by_label("Available from").fill("2026-04-01")
    rights.get_by_role("button", name="Add rights").click()
    expect(page.locator("#rights-region .rights-row")).to_have_count(1)
    expect(page.locator("#rights-region .rights-row")).to_contain_text("Worldwide")
    row = RightsAvailability.objects.get(title=title)
    assert (row.media, row.worldwide_except, row.territories) == (["svod", "avod"], True, ["CN"])
    screenshot(page, "workspace-title")

    page.goto(f"/titles/{title.slug}/")
    expect(page.locator("img.poster-large")).to_have_attribute("src", f"/media/{title.poster.name}")
    assert page.evaluate("document.querySelector('img.poster-large').naturalWidth") > 0


def test_a_rep_of_another_company_gets_404_on_the_edit_url(page, demo_market):
    from exhibitors.models import Exhibitor

    theirs = Title.objects.filter(exhibitor__slug="tencent").first()
    other = Exhibitor.objects.get(slug="iqiyi")
    team_member(other, role="admin", email="someone@iqiyi.example")

    sign_in(page, "someone@iqiyi.example", PASSWORD)
    response = page.goto(f"/manage/titles/{theirs.slug}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name=theirs.english_title)).to_have_count(0)


def test_demo_buyer_opens_matches_shortlists_a_title_and_finds_it_on_the_shortlist(page, demo_market):
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.get_by_role("link", name="Matches", exact=True).click()
    expect(page.get_by_role("heading", name="Your matches")).to_be_visible()
    first = page.locator(".match-card").first
    expect(first.locator(".reasons")).to_contain_text("open in")
    name = first.locator(".match-text > a strong").inner_text()
    first.get_by_role("button", name="☆ Shortlist").click()
    expect(first.get_by_role("button", name="★ Shortlisted")).to_be_visible()
    screenshot(page, "matches")
    page.get_by_role("link", name="Shortlist", exact=True).click()
    expect(page.get_by_role("link", name=name)).to_be_visible()
