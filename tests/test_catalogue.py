import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exhibitors.selectors import titles_available
from exhibitors.services import catalogue_changed
from tests.factories import (
    ExhibitorFactory,
    MarketFactory,
    RegionFactory,
    RightsFactory,
    TitleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return MarketFactory()


@pytest.fixture
def buyer_client(client):
    client.force_login(UserFactory())
    return client


@pytest.fixture
def tencent(market):
    exhibitor = ExhibitorFactory(
        market=market,
        name="Tencent Video",
        name_zh_hant="騰訊視頻",
        name_zh_hans="腾讯视频",
        slug="tencent",
        region=RegionFactory(code="CN"),
        company_type="platform",
    )
    ExhibitorFactory(market=market, name="Tencentenary Films", slug="tencentenary")  # a name sharing the prefix
    ExhibitorFactory(market=market, name="Golden Harbour Pictures", slug="golden-harbour")
    catalogue_changed()
    return exhibitor


def names_in(response) -> list[str]:
    return [exhibitor.name for exhibitor in response.context["result"].page.object_list]


@pytest.mark.parametrize("query", ["Tencent", "tencent video", "騰訊", "腾讯", "騰訊視頻", "Tencnet", "tencent vdeo"])
def test_directory_finds_tencent_in_any_script_and_despite_typos(buyer_client, tencent, query):
    response = buyer_client.get(reverse("exhibitors:directory"), {"q": query})
    found = names_in(response)
    assert found and found[0] == "Tencent Video", (query, found)
    assert "Golden Harbour Pictures" not in found


def test_directory_filters_and_counts_facets(buyer_client, tencent, market):
    response = buyer_client.get(reverse("exhibitors:directory"), {"region": "CN"})
    assert names_in(response) == ["Tencent Video"]
    region_facet = next(f for f in response.context["result"].facets if f.name == "region")
    # A facet's counts ignore its own choice, so the other regions stay reachable.
    assert region_facet.counts == {"CN": 1, "HK": 2}
    type_facet = next(f for f in response.context["result"].facets if f.name == "type")
    assert type_facet.counts == {"platform": 1}


def test_bad_filter_values_are_reported_not_fatal(buyer_client, tencent):
    response = buyer_client.get(
        reverse("exhibitors:directory"), {"region": ["CN", "XX"], "page": "zebra", "type": "nope"}
    )
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert len(names_in(response)) == 3


def test_directory_and_catalogue_need_a_signed_in_user(client, tencent):
    for url in [
        reverse("exhibitors:directory"),
        reverse("exhibitors:catalogue"),
        reverse("exhibitors:exhibitor", args=["tencent"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.fixture
def avails(tencent):
    """Four titles whose rights answer 'SVOD in Thailand' differently."""
    listed = TitleFactory(exhibitor=tencent, english_title="Blossoms Shanghai", original_title="繁花", slug="blossoms")
    RightsFactory(title=listed, media=["svod", "avod"], territories=["TH", "VN"])
    worldwide = TitleFactory(
        exhibitor=tencent, english_title="The Long Season", original_title="漫长的季节", slug="long"
    )
    RightsFactory(title=worldwide, media=["svod"], territories=["CN"], worldwide_except=True)
    excluded = TitleFactory(exhibitor=tencent, english_title="Three-Body", original_title="三体", slug="three-body")
    RightsFactory(title=excluded, media=["svod"], territories=["TH", "CN"], worldwide_except=True)
    wrong_media = TitleFactory(
        exhibitor=tencent, english_title="Lost You Forever", original_title="长相思", slug="lost"
    )
    RightsFactory(title=wrong_media, media=["free_tv"], territories=["TH"])
    catalogue_changed()
    return {"listed": listed, "worldwide": worldwide, "excluded": excluded, "wrong_media": wrong_media}


def test_which_titles_can_i_license_for_svod_in_thailand(market, avails):
    found = set(titles_available(market=market, media=["svod"], territory="TH").values_list("slug", flat=True))
    assert found == {"blossoms", "long"}
    assert set(titles_available(market=market, media=["free_tv"], territory="TH").values_list("slug", flat=True)) == {
        "lost"
    }
    assert set(titles_available(market=market, media=["svod"], territory="CN").values_list("slug", flat=True)) == set()


def test_catalogue_filters_by_media_and_territory_with_counts(buyer_client, avails):
    response = buyer_client.get(reverse("exhibitors:catalogue"), {"media": "svod", "territory": "TH"})
    slugs = {title.slug for title in response.context["result"].page.object_list}
    assert slugs == {"blossoms", "long"}
    media_facet = next(f for f in response.context["result"].facets if f.name == "media")
    assert media_facet.counts == {"svod": 2, "avod": 1, "free_tv": 1}


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("繁花", "blossoms"),
        ("漫長的季節", "long"),
        ("long seas", "long"),
        ("three body", "three-body"),
        ("Tencent", None),
    ],
)
def test_catalogue_search(buyer_client, avails, query, first):
    response = buyer_client.get(reverse("exhibitors:catalogue"), {"q": query})
    slugs = [title.slug for title in response.context["result"].page.object_list]
    if first:
        assert slugs[0] == first, slugs
    else:  # a company name finds its catalogue
        assert set(slugs) == {"blossoms", "long", "three-body", "lost"}


def test_title_page_shows_facts_and_rights(buyer_client, avails):
    html = buyer_client.get(reverse("exhibitors:title", args=["long"])).content.decode()
    assert "The Long Season" in html and "漫长的季节" in html
    assert "Worldwide" in html and "except" in html and "China" in html
    assert "SVOD" in html
    assert buyer_client.get(reverse("exhibitors:title", args=["no-such-title"])).status_code == 404


def test_poster_art_is_an_svg_drawn_from_the_title(buyer_client, avails):
    response = buyer_client.get(reverse("exhibitors:title_poster_art", args=["blossoms"]))
    assert response["Content-Type"].startswith("image/svg+xml")
    body = response.content.decode()
    assert "Blossoms Shanghai" in body and "繁花" in body


def _grow(tencent, count: int) -> None:
    for n in range(count):
        title = TitleFactory(exhibitor=tencent, english_title=f"Growth {n}")
        RightsFactory(title=title)
    for n in range(count):
        ExhibitorFactory(market=tencent.market, name=f"Growth Co {n}", region=RegionFactory(code="TH"))
    catalogue_changed()


@pytest.mark.parametrize("extra", [0, 30])
@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        # session, user, market, then for the directory: filter choices (2), a count per facet (3), the total,
        # the catalogue's generation, the page's ids, its rows; for the catalogue: region choices, every count
        # and the total in one statement, the page. (Counts and the directory's page are worked out here: the
        # cache starts empty in each test, and no worker counted the usual questions ahead, so those first
        # look for such counts: one query more.)
        ("exhibitors:directory", {}, 13),
        ("exhibitors:directory", {"q": "tencent", "region": "CN"}, 12),
        ("exhibitors:catalogue", {}, 7),
        ("exhibitors:catalogue", {"q": "season", "media": "svod", "territory": "TH", "genre": "drama"}, 6),
    ],
)
def test_listing_query_counts_do_not_grow(buyer_client, avails, tencent, extra, url, params, expected):
    _grow(tencent, extra)
    with CaptureQueriesContext(connection) as queries:
        response = buyer_client.get(reverse(url), params)
    assert response.status_code == 200
    assert len(queries) == expected, "\n".join(q["sql"][:150] for q in queries)


@pytest.mark.parametrize(("url", "params"), [("exhibitors:directory", {"q": "tencent"})])
def test_a_second_reader_of_a_page_runs_no_search_and_gets_the_same_page(buyer_client, avails, url, params):
    def searching(queries) -> list[str]:
        return [q["sql"] for q in queries if "tsquery" in q["sql"]]

    with CaptureQueriesContext(connection) as queries:
        first = buyer_client.get(reverse(url), params)
    assert searching(queries)
    with CaptureQueriesContext(connection) as queries:
        again = buyer_client.get(reverse(url), params)
    assert [row.pk for row in again.context["result"].page.object_list] == [
        row.pk for row in first.context["result"].page.object_list
    ] != []
    assert not searching(queries)


@pytest.mark.parametrize("extra", [0, 30])
def test_exhibitor_page_query_count_does_not_grow(buyer_client, avails, tencent, extra):
    _grow(tencent, extra)
    with CaptureQueriesContext(connection) as queries:
        html = buyer_client.get(reverse("exhibitors:exhibitor", args=["tencent"])).content.decode()
    assert "Blossoms Shanghai" in html and "騰訊視頻" in html
    assert len(queries) == 8, "\n".join(q["sql"][:150] for q in queries)  # 8: with the ☆ shortlist state


def test_media_filter_without_a_territory_and_its_counts(buyer_client, avails):
    response = buyer_client.get(reverse("exhibitors:catalogue"), {"media": "free_tv"})
    assert [title.slug for title in response.context["result"].page.object_list] == ["lost"]
    media_facet = next(f for f in response.context["result"].facets if f.name == "media")
    assert media_facet.counts == {"svod": 3, "avod": 1, "free_tv": 1}
    kind_facet = next(f for f in response.context["result"].facets if f.name == "kind")
    assert kind_facet.counts == {"series": 1}


def test_rights_changes_reach_the_catalogue_filters(client, avails):
    from exhibitors.services import rights_delete

    client.force_login(UserFactory())
    rights_delete(rights=avails["wrong_media"].rights.get())
    response = client.get(reverse("exhibitors:catalogue"), {"media": "free_tv"})
    assert response.context["result"].total == 0


def test_cached_counts_follow_catalogue_changes(buyer_client, avails, django_capture_on_commit_callbacks):
    from exhibitors.services import rights_save

    def free_tv_total() -> int:
        return buyer_client.get(reverse("exhibitors:catalogue"), {"media": "free_tv"}).context["result"].total

    assert free_tv_total() == 1
    with django_capture_on_commit_callbacks(execute=True):
        rights_save(
            title=avails["listed"], data={"media": ["free_tv"], "territories": ["MY"], "available_from": "2026-01-01"}
        )
    assert free_tv_total() == 2  # the cached answer was dropped when the catalogue changed


def test_search_still_answers_when_the_cache_is_down(buyer_client, avails, monkeypatch):
    import redis

    class DeadCache:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise redis.ConnectionError("Connection refused")

            return fail

    monkeypatch.setattr("exhibitors.selectors.cache", DeadCache())
    response = buyer_client.get(reverse("exhibitors:catalogue"), {"media": "svod", "territory": "TH"})
    assert {title.slug for title in response.context["result"].page.object_list} == {"blossoms", "long"}
    assert response.context["result"].total == 2


@pytest.mark.parametrize(
    "params",
    [
        {"page": "999"},
        {"page": "-3"},
        {"territory": "ZZ"},
        {"q": "x" * 500},
        {"q": "!!! ???"},
        {"q": "%_騰"},
        {"q": "love & (hate | :*"},
        {"media": "telepathy"},
        {"kind": ["series", "opera"]},
        {"q": "\x00"},
    ],
)
def test_odd_catalogue_parameters_answer_calmly(buyer_client, avails, params):
    for url in [reverse("exhibitors:catalogue"), reverse("exhibitors:directory")]:
        response = buyer_client.get(url, params)
        assert response.status_code == 200, (url, params)
        assert response.context["result"].page.number >= 1
