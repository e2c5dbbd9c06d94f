import pytest

from exhibitors.services import catalogue_changed
from matchmaking.models import BuyerProfile, Interest
from matchmaking.selectors import titles_for_buyer
from matchmaking.services import interest_set
from tests.factories import ExhibitorFactory, MarketFactory, RightsFactory, TitleFactory, UserFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return MarketFactory()


@pytest.fixture
def buyer(market):
    user = UserFactory(email="ploy@siam.example")
    return BuyerProfile.objects.create(
        user=user,
        company="Siam Stream",
        buyer_type="platform",
        country="TH",
        territories=["TH", "LA"],
        media=["svod", "avod"],
        kinds=["series"],
        genres=["romance", "costume"],
        languages=["th"],
        looking_for="Costume romance dramas with Thai subtitles",
    )


def twin_titles(market):
    """Two titles alike in every way but their rights."""
    exhibitor = ExhibitorFactory(market=market, name="Jade Pictures")
    alike = {"kind": "series", "genres": ["romance"], "subtitle_languages": ["th"], "original_language": "zh"}
    open_here = TitleFactory(exhibitor=exhibitor, english_title="Open Here", slug="open-here", **alike)
    RightsFactory(title=open_here, media=["svod"], territories=["TH"])
    closed_here = TitleFactory(exhibitor=exhibitor, english_title="Closed Here", slug="closed-here", **alike)
    RightsFactory(title=closed_here, media=["svod"], territories=["TH", "LA"], worldwide_except=True)
    catalogue_changed()
    return open_here, closed_here


def slugs(recommendations) -> list[str]:
    return [r.title.slug for r in recommendations]


def test_a_title_closed_in_the_buyers_territory_never_outranks_an_open_one(buyer, market):
    open_here, closed_here = twin_titles(market)
    ranked = slugs(titles_for_buyer(profile=buyer, market=market))
    assert ranked.index("open-here") < ranked.index("closed-here")


def test_more_open_rights_rank_higher(buyer, market):
    exhibitor = ExhibitorFactory(market=market)
    some = TitleFactory(exhibitor=exhibitor, slug="some", genres=[])
    RightsFactory(title=some, media=["svod"], territories=["TH"])
    all_of_it = TitleFactory(exhibitor=exhibitor, slug="all", genres=[])
    RightsFactory(title=all_of_it, media=["svod", "avod"], territories=["CN"], worldwide_except=True)
    catalogue_changed()
    ranked = titles_for_buyer(profile=buyer, market=market)
    assert slugs(ranked)[:2] == ["all", "some"]
    assert ranked[0].score > ranked[1].score


def test_not_interested_removes_a_title_or_a_whole_exhibitor(buyer, market):
    open_here, closed_here = twin_titles(market)
    interest_set(user=buyer.user, kind=Interest.Kind.NOT_INTERESTED, title=open_here)
    assert "open-here" not in slugs(titles_for_buyer(profile=buyer, market=market))
    interest_set(user=buyer.user, kind=Interest.Kind.NOT_INTERESTED, exhibitor=closed_here.exhibitor)
    assert slugs(titles_for_buyer(profile=buyer, market=market)) == []
    interest_set(user=buyer.user, kind=None, exhibitor=closed_here.exhibitor)
    assert slugs(titles_for_buyer(profile=buyer, market=market)) == ["closed-here"]


def test_mutual_interest_ranks_first(buyer, market):
    open_here, _closed = twin_titles(market)
    weak_exhibitor = ExhibitorFactory(market=market, name="Far Away Films")
    weak = TitleFactory(exhibitor=weak_exhibitor, slug="weak", kind="feature", genres=["war"], episodes=None)
    catalogue_changed()
    assert slugs(titles_for_buyer(profile=buyer, market=market))[-1] == "weak"

    rep = team_member(weak_exhibitor, role="rep")
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=buyer)
    interest_set(user=buyer.user, kind=Interest.Kind.SHORTLIST, title=weak)
    ranked = titles_for_buyer(profile=buyer, market=market)
    assert ranked[0].title == weak and ranked[0].mutual
    assert "You and the exhibitor shortlisted each other" in ranked[0].reasons
    assert not any(r.mutual for r in ranked[1:])


def test_reasons_say_what_is_true(buyer, market):
    open_here, closed_here = twin_titles(market)
    open_here.synopsis = "A costume drama of the Tang court."
    open_here.save()
    catalogue_changed()
    by_slug = {r.title.slug: r for r in titles_for_buyer(profile=buyer, market=market)}
    assert by_slug["open-here"].reasons[:4] == [
        "SVOD open in Thailand",
        "A kind you acquire",
        "Romance",
        "Thai subtitles",
    ]
    assert "Matches what you are looking for" in by_slug["open-here"].reasons  # "costume" in its synopsis
    assert "Matches what you are looking for" not in by_slug["closed-here"].reasons
    assert by_slug["closed-here"].reasons[0] == "Rights not listed as open in your territories yet"


def test_exhibitors_see_the_buyers_whose_needs_fit_their_catalogue(buyer, market):
    open_here, _closed = twin_titles(market)
    exhibitor = open_here.exhibitor
    elsewhere = BuyerProfile.objects.create(
        user=UserFactory(),
        company="Nordlicht",
        buyer_type="distributor",
        country="DE",
        territories=["DE"],
        media=["theatrical"],
        kinds=["feature"],
        genres=["war"],
        languages=["de"],
    )
    from matchmaking.selectors import buyers_for_exhibitor

    ranked = buyers_for_exhibitor(exhibitor=exhibitor)
    assert [m.buyer for m in ranked] == [buyer]  # Nordlicht's needs fit nothing here: not shown to this team
    assert ranked[0].reasons[0] == "Your rights are open where they buy: SVOD open in Thailand"

    rep = team_member(exhibitor, role="rep")
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=elsewhere)
    interest_set(user=elsewhere.user, kind=Interest.Kind.SHORTLIST, exhibitor=exhibitor)
    ranked = buyers_for_exhibitor(exhibitor=exhibitor)
    assert ranked[0].buyer == elsewhere and ranked[0].mutual
    interest_set(user=rep, kind=Interest.Kind.NOT_INTERESTED, buyer=buyer)
    assert buyer not in [m.buyer for m in buyers_for_exhibitor(exhibitor=exhibitor)]


def test_buyer_profile_form_explains_and_saves(client, market):
    user = UserFactory()
    client.force_login(user)
    assert "Tell us what you acquire" in client.get("/matches/").content.decode()
    response = client.post(
        "/account/buyer-profile/", {"company": "Siam Stream", "buyer_type": "platform", "country": "TH", "media": []}
    )
    assert "Choose at least one medium" in response.content.decode()
    assert 'value="Siam Stream"' in response.content.decode()
    response = client.post(
        "/account/buyer-profile/",
        {
            "company": "Siam Stream",
            "buyer_type": "platform",
            "country": "TH",
            "territory_groups": ["asean"],
            "media": ["svod"],
            "kinds": ["micro"],
            "genres": ["romance"],
            "languages": ["th"],
            "looking_for": "Micro dramas",
        },
    )
    assert response.status_code == 302 and response.url == "/matches/"
    profile = BuyerProfile.objects.get(user=user)
    assert "KH" in profile.territories and profile.verification == "pending"


def test_shortlist_with_one_click_over_htmx_and_without(client, buyer, market):
    open_here, _closed = twin_titles(market)
    client.force_login(buyer.user)
    html = client.get("/matches/").content.decode()
    assert "Open Here" in html and "SVOD open in Thailand" in html
    response = client.post(
        "/shortlist/change/", {"title": open_here.pk, "action": "shortlist"}, headers={"HX-Request": "true"}
    )
    assert "★" in response.content.decode() and "<html" not in response.content.decode()
    assert Interest.objects.get(user=buyer.user, title=open_here).kind == "shortlist"
    assert "Open Here" in client.get("/shortlist/").content.decode()

    response = client.post(
        "/shortlist/change/",
        {"exhibitor": open_here.exhibitor.pk, "action": "shortlist", "next": "https://evil.example/"},
    )
    assert response.url == "/shortlist/"  # never off-site
    response = client.post("/shortlist/change/", {"title": open_here.pk, "action": "forget", "next": "/matches/"})
    assert response.url == "/matches/"
    assert not Interest.objects.filter(user=buyer.user, title=open_here).exists()
    for bad in [
        {"title": "x", "action": "shortlist"},
        {"title": 999999, "action": "shortlist"},
        {"title": open_here.pk, "action": "adore"},
        {"action": "shortlist"},
    ]:
        assert client.post("/shortlist/change/", bad).status_code == 404


def test_an_exhibitor_team_sees_buyers_on_matches(client, buyer, market):
    open_here, _closed = twin_titles(market)
    client.force_login(team_member(open_here.exhibitor))
    html = client.get("/matches/").content.decode()
    assert "Buyers for you" in html and "Siam Stream" in html and "Your rights are open where they buy" in html


def test_organisers_verify_and_reject_buyers_in_admin(client, buyer):
    other = BuyerProfile.objects.create(user=UserFactory(), company="Doubtful Media", buyer_type="other", country="XX")
    client.force_login(UserFactory(role="organiser", is_staff=True, is_superuser=True))
    url = "/admin/matchmaking/buyerprofile/"
    client.post(url, {"action": "verify", "_selected_action": [buyer.pk]})
    buyer.refresh_from_db()
    assert buyer.verification == "verified" and buyer.verified_at
    page = client.post(url, {"action": "reject", "_selected_action": [other.pk]})
    assert "Reason shown to the buyer" in page.content.decode()
    client.post(
        url,
        {"action": "reject", "_selected_action": [other.pk], "apply": "1", "reason": "We could not find the company."},
    )
    other.refresh_from_db()
    assert (other.verification, other.rejection_reason) == ("rejected", "We could not find the company.")
    client.force_login(other.user)
    assert "We could not find the company." in client.get("/account/buyer-profile/").content.decode()


def test_overlapping_rights_rows_count_each_open_territory_once(buyer, market):
    # Buyer: TH and LA, SVOD and AVOD = 4 pairs. Rows overlap on SVOD in TH; LA is excepted by every
    # "worldwide except" row but listed by another, so it is open too.
    exhibitor = ExhibitorFactory(market=market)
    overlapping = TitleFactory(
        exhibitor=exhibitor, slug="overlapping", kind="feature", genres=[], subtitle_languages=[]
    )
    RightsFactory(title=overlapping, media=["svod"], territories=["TH"])
    RightsFactory(title=overlapping, media=["svod"], territories=["LA", "VN"], worldwide_except=True)
    RightsFactory(title=overlapping, media=["svod", "avod"], territories=["LA", "KH"], worldwide_except=True)
    RightsFactory(title=overlapping, media=["svod"], territories=["LA"])
    catalogue_changed()
    (match,) = titles_for_buyer(profile=buyer, market=market)
    # svod:TH, svod:LA open; avod only worldwide except LA -> avod:TH open; avod:LA closed: 3 of 4 pairs.
    assert match.score == pytest.approx(60 * 3 / 4)
    assert match.reasons[0] == "AVOD / FAST, SVOD open in Laos, Thailand"


def test_rights_changes_reach_the_ranking_at_once(buyer, market):
    from exhibitors.services import rights_delete, rights_save

    exhibitor = ExhibitorFactory(market=market)
    title = TitleFactory(exhibitor=exhibitor, slug="changing", kind="feature", genres=[], subtitle_languages=[])
    catalogue_changed()
    assert titles_for_buyer(profile=buyer, market=market)[0].score == 0
    rights = rights_save(
        title=title,
        data={
            "media": ["svod"],
            "territories": ["TH", "LA"],
            "worldwide_except": False,
            "available_from": "2026-01-01",
        },
    )
    assert titles_for_buyer(profile=buyer, market=market)[0].score == 30
    rights_delete(rights=rights)
    assert titles_for_buyer(profile=buyer, market=market)[0].score == 0


def test_words_most_titles_share_do_not_count_as_relevance(buyer, market, monkeypatch):
    from exhibitors import selectors as catalogue

    monkeypatch.setattr(catalogue, "COMMON_WORD_MIN_TITLES", 1)
    exhibitor = ExhibitorFactory(market=market)
    for index in range(3):
        TitleFactory(exhibitor=exhibitor, slug=f"drama-{index}", synopsis="A drama of the palace.", genres=[])
    TitleFactory(exhibitor=exhibitor, slug="costume", synopsis="A costume drama of the palace.", genres=[])
    catalogue_changed()
    assert {"drama", "palace"} <= catalogue.catalogue_common_words(market)
    assert "costume" not in catalogue.catalogue_common_words(market)
    buyer.looking_for = "palace drama, costume"
    ranked = titles_for_buyer(profile=buyer, market=market)
    relevant = {r.title.slug for r in ranked if "Matches what you are looking for" in r.reasons}
    assert relevant == {"costume"}


def test_a_ranking_is_worked_out_once_per_catalogue_generation_and_question(buyer, market):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from exhibitors.models import Title

    twin_titles(market)

    def ranking_statements(queries) -> int:
        return sum("ORDER BY mutual DESC, score DESC" in query["sql"] for query in queries)

    first = slugs(titles_for_buyer(profile=buyer, market=market))
    with CaptureQueriesContext(connection) as queries:
        again = slugs(titles_for_buyer(profile=buyer, market=market))
    assert again == first and ranking_statements(queries) == 0  # read back, not ranked again

    # The buyer's own opinions are part of the question: hiding a title ranks again, without it.
    hidden = Title.objects.get(slug=first[0])
    interest_set(user=buyer.user, kind=Interest.Kind.NOT_INTERESTED, title=hidden)
    with CaptureQueriesContext(connection) as queries:
        without = slugs(titles_for_buyer(profile=buyer, market=market))
    assert ranking_statements(queries) == 1 and hidden.slug not in without

    # So is the catalogue's generation, moved on in the change's own transaction: a new title is there at once.
    TitleFactory(exhibitor=hidden.exhibitor, slug="newcomer", kind="series", genres=[], subtitle_languages=[])
    catalogue_changed()
    assert "newcomer" in slugs(titles_for_buyer(profile=buyer, market=market))
