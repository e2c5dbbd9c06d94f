import pytest

from exhibitors.services import exhibitors_reindex
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
    exhibitors_reindex()
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
    exhibitors_reindex()
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
    exhibitors_reindex()
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
    exhibitors_reindex()
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
