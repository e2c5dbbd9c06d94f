"""Wishes: a buyer's list of exhibitors to meet and a team's list of buyers, the window, the caps, and who may
touch which wish."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import BuyerProfile, Interest
from matchmaking.services import interest_set
from scheduling import wishes
from scheduling.models import Priority, Wish, WishSide
from tests.factories import ExhibitorFactory, MarketFactory, TitleFactory, UserFactory, team_member
from tests.meetings_fixtures import verified_buyer

pytestmark = pytest.mark.django_db

BUYER_PAGE = reverse("scheduling:buyer_wishes")
TEAM_PAGE = reverse("scheduling:team_wishes")
HTMX = {"HX-Request": "true"}
# 10:00 UTC is 18:00 in Hong Kong, the market's zone: a message in UTC would say 10:00.
CLOSED_AT = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(response) -> str:
    return response.content.decode()


def flashed(client: Client, response) -> str:
    """The page a plain post redirects to, with its message."""
    assert response.status_code == 302 and response.url == response.request["PATH_INFO"], response
    return page(client.get(response.url))


@pytest.fixture
def profile(buyer) -> BuyerProfile:
    return BuyerProfile.objects.get(user=buyer)


@pytest.fixture
def buyer_client(buyer) -> Client:
    return client_for(buyer)


@pytest.fixture
def rep_client(rep) -> Client:
    return client_for(rep)


def buyer_wish(buyer, exhibitor, priority=Priority.WOULD) -> Wish:
    return Wish.objects.create(
        market=exhibitor.market, side=WishSide.BUYER, buyer=buyer, exhibitor=exhibitor, priority=priority, made_by=buyer
    )


def team_wish(exhibitor, buyer, priority=Priority.WOULD, made_by=None) -> Wish:
    return Wish.objects.create(
        market=exhibitor.market, side=WishSide.EXHIBITOR, buyer=buyer, exhibitor=exhibitor, priority=priority,
        made_by=made_by,
    )  # fmt: skip


def rows() -> list[tuple]:
    return list(Wish.objects.order_by("pk").values_list("pk", "side", "buyer_id", "exhibitor_id", "priority"))


# --- The buyer's side ------------------------------------------------------------------------------------------


def test_a_buyer_adds_reprioritises_and_removes_a_wish(buyer, buyer_client, exhibitor, market):
    interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=exhibitor)
    html = page(buyer_client.get(BUYER_PAGE))
    assert "Jade Pictures" in html and "On your shortlist" in html and 'name="exhibitor"' in html
    assert "counts more than" in html and "a wish both sides made counts most" in html

    response = buyer_client.post(BUYER_PAGE, {"action": "add", "exhibitor": exhibitor.pk, "priority": "must"})
    wish = Wish.objects.get()
    assert (wish.side, wish.buyer, wish.exhibitor, wish.priority, wish.made_by, wish.market) == (
        WishSide.BUYER, buyer, exhibitor, "must", buyer, market,
    )  # fmt: skip
    html = flashed(buyer_client, response)
    assert "Jade Pictures is on your list: Must meet." in html
    assert "Hall 1A" in html and 'name="exhibitor"' not in html  # listed with its hall, no longer a candidate

    response = buyer_client.post(BUYER_PAGE, {"action": "priority", "wish": wish.pk, "priority": "would"})
    assert "Jade Pictures is on your list: Would like to meet." in flashed(buyer_client, response)
    assert Wish.objects.get().priority == "would"

    response = buyer_client.post(BUYER_PAGE, {"action": "remove", "wish": wish.pk})
    assert "Jade Pictures is off your list." in flashed(buyer_client, response)
    assert not Wish.objects.exists()


def test_adding_twice_keeps_one_wish_with_the_last_priority(buyer, market, exhibitor):
    wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=exhibitor.pk, priority="would")
    wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=exhibitor.pk, priority="must")
    assert rows() == [(Wish.objects.get().pk, "buyer", buyer.pk, exhibitor.pk, "must")]


def test_a_buyers_candidates_are_the_shortlist_and_the_recommendations(buyer, buyer_client, market, exhibitor):
    via_title = ExhibitorFactory(market=market, name="Title Shortlisted Films")
    interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, title=TitleFactory(exhibitor=via_title))
    recommended = ExhibitorFactory(market=market, name="Recommended Studio")
    TitleFactory(exhibitor=recommended)
    ExhibitorFactory(market=market, name="Unrelated Company")
    elsewhere = ExhibitorFactory(market=MarketFactory(slug="other", is_current=False), name="Elsewhere Films")
    interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=elsewhere)
    buyer_wish(buyer, exhibitor)  # wished already: not a candidate

    found = {c.exhibitor.name: c.reason for c in wishes.wish_candidates_for_buyer(buyer=buyer, market=market)}
    assert found == {"Title Shortlisted Films": "On your shortlist", "Recommended Studio": "Recommended for you"}

    BuyerProfile.objects.filter(user=buyer).delete()  # no profile, no recommendations: the shortlist alone
    found = [c.exhibitor.name for c in wishes.wish_candidates_for_buyer(buyer=buyer, market=market)]
    assert found == ["Title Shortlisted Films"]


def test_a_buyer_may_not_wish_for_an_exhibitor_of_another_market(buyer, buyer_client, market):
    elsewhere = ExhibitorFactory(market=MarketFactory(slug="other", is_current=False), name="Elsewhere Films")
    with pytest.raises(ValidationError) as refused:
        wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=elsewhere.pk, priority="must")
    assert refused.value.code == "unknown"
    response = buyer_client.post(BUYER_PAGE, {"action": "add", "exhibitor": elsewhere.pk, "priority": "must"})
    assert "This exhibitor is not at this market." in flashed(buyer_client, response)
    assert not Wish.objects.exists()


def test_only_buyers_make_buyers_wishes(rep, market, exhibitor):
    with pytest.raises(ValidationError) as refused:
        wishes.buyer_wish_add(buyer=rep, market=market, exhibitor_id=exhibitor.pk, priority="must")
    assert refused.value.code == "not_buyer"
    assert not Wish.objects.exists()


@pytest.mark.parametrize("who", ["rep", "organiser", "exhibitor without a team"])
def test_the_buyers_page_is_404_to_everyone_else(who, rep, market):
    user = {
        "rep": rep,
        "organiser": UserFactory(role="organiser", is_staff=True),
        "exhibitor without a team": UserFactory(role="exhibitor"),
    }[who]
    client = client_for(user)
    assert client.get(BUYER_PAGE).status_code == 404
    assert client.post(BUYER_PAGE, {"action": "add", "exhibitor": "1", "priority": "must"}).status_code == 404
    assert not Wish.objects.exists()


def test_the_pages_send_the_anonymous_to_sign_in(market):
    for url in (BUYER_PAGE, TEAM_PAGE):
        response = Client().get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_another_buyers_wish_is_404_and_unchanged(buyer, exhibitor, market):
    victim_wish = buyer_wish(buyer, exhibitor, Priority.MUST)
    before = rows()
    mallory = client_for(verified_buyer(email="mallory@attacker.example"))
    for data in (
        {"action": "priority", "wish": victim_wish.pk, "priority": "would"},
        {"action": "remove", "wish": victim_wish.pk},
    ):
        for headers in ({}, HTMX):
            assert mallory.post(BUYER_PAGE, data, headers=headers).status_code == 404
    assert rows() == before
    assert "Jade Pictures" not in page(mallory.get(BUYER_PAGE))


def test_a_buyer_cannot_touch_a_teams_wish_for_them(buyer, buyer_client, exhibitor, rep):
    """The team's wish names the buyer too, but it is the team's: not the buyer's to change or remove."""
    theirs = team_wish(exhibitor, buyer, Priority.MUST, made_by=rep)
    before = rows()
    assert buyer_client.post(BUYER_PAGE, {"action": "remove", "wish": theirs.pk}).status_code == 404
    data = {"action": "priority", "wish": theirs.pk, "priority": "would"}
    assert buyer_client.post(BUYER_PAGE, data).status_code == 404
    assert rows() == before


# --- The team's side --------------------------------------------------------------------------------------------


def test_a_team_adds_reprioritises_and_removes_a_wish(buyer, profile, rep, rep_client, exhibitor):
    teammate = team_member(exhibitor, email="kit@jade.example", full_name="Kit Lam")
    interest_set(user=teammate, kind=Interest.Kind.SHORTLIST, buyer=profile)  # shortlisted by the team
    html = page(rep_client.get(TEAM_PAGE))
    assert "Ploy Media" in html and "Shortlisted by your team" in html and f'name="buyer" value="{profile.pk}"' in html

    response = rep_client.post(TEAM_PAGE, {"action": "add", "buyer": profile.pk, "priority": "would"})
    wish = Wish.objects.get()
    assert (wish.side, wish.buyer, wish.exhibitor, wish.priority, wish.made_by) == (
        WishSide.EXHIBITOR, buyer, exhibitor, "would", rep,
    )  # fmt: skip
    html = flashed(rep_client, response)
    assert "Ploy Media is on your list: Would like to meet." in html and "added by Mei Chan" in html
    assert f'name="buyer" value="{profile.pk}"' not in html

    # Anyone on the team keeps the company's list.
    kit = client_for(teammate)
    kit.post(TEAM_PAGE, {"action": "priority", "wish": wish.pk, "priority": "must"})
    assert Wish.objects.get().priority == "must"
    response = kit.post(TEAM_PAGE, {"action": "remove", "wish": wish.pk})
    assert "Ploy Media is off your list." in flashed(kit, response)
    assert not Wish.objects.exists()


def test_a_teams_candidates_are_its_matches_and_its_shortlist(buyer, profile, rep, exhibitor, market):
    # A buyer whose needs fit the catalogue: a match.
    TitleFactory(exhibitor=exhibitor, kind="series")
    fits = verified_buyer(email="fit@example.org")
    BuyerProfile.objects.filter(user=fits).update(company="Fitting Co", kinds=["series"])
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=profile)
    verified_buyer(email="stranger@example.org")  # fits nothing, kept by nobody
    found = {c.profile.company: c.reason for c in wishes.wish_candidates_for_exhibitor(exhibitor=exhibitor)}
    assert found == {"Fitting Co": "Matches your catalogue", "Ploy Media": "Shortlisted by your team"}
    team_wish(exhibitor, fits)
    assert [c.profile.company for c in wishes.wish_candidates_for_exhibitor(exhibitor=exhibitor)] == ["Ploy Media"]


def test_a_rep_may_not_wish_for_a_buyer_the_team_cannot_see(rep, rep_client, exhibitor):
    stranger = BuyerProfile.objects.get(user=verified_buyer(email="stranger@example.org"))
    response = rep_client.post(TEAM_PAGE, {"action": "add", "buyer": stranger.pk, "priority": "must"})
    assert "This buyer is not among your matches or your team&#x27;s shortlist." in flashed(rep_client, response)
    with pytest.raises(ValidationError) as refused:
        wishes.team_wish_add(member=rep, exhibitor=exhibitor, buyer_id=stranger.pk, priority="must")
    assert refused.value.code == "unknown"
    assert not Wish.objects.exists()


def test_only_the_team_makes_its_wishes(buyer, profile, rep, exhibitor, market):
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=profile)
    other_rep = team_member(ExhibitorFactory(market=market), email="oscar@attacker.example")
    with pytest.raises(ValidationError) as refused:
        wishes.team_wish_add(member=other_rep, exhibitor=exhibitor, buyer_id=profile.pk, priority="must")
    assert refused.value.code == "not_member"
    assert not Wish.objects.exists()


def test_another_teams_wish_is_404_and_unchanged(buyer, exhibitor, rep, market):
    ours = team_wish(exhibitor, buyer, Priority.MUST, made_by=rep)
    buyers_own = buyer_wish(buyer, exhibitor, Priority.MUST)  # names our company, but it is the buyer's wish
    before = rows()
    other = client_for(team_member(ExhibitorFactory(market=market), email="oscar@attacker.example"))
    ourselves = client_for(rep)
    attempts = [(other, ours), (other, buyers_own), (ourselves, buyers_own)]
    for client, wish in attempts:
        for data in (
            {"action": "priority", "wish": wish.pk, "priority": "would"},
            {"action": "remove", "wish": wish.pk},
        ):
            for headers in ({}, HTMX):
                assert client.post(TEAM_PAGE, data, headers=headers).status_code == 404, (wish.side, data)
    assert rows() == before


@pytest.mark.parametrize("who", ["buyer", "exhibitor without a team", "organiser", "member elsewhere"])
def test_the_teams_page_is_404_to_non_members(who, buyer, market):
    elsewhere = ExhibitorFactory(market=MarketFactory(slug="other", is_current=False))
    user = {
        "buyer": buyer,
        "exhibitor without a team": UserFactory(role="exhibitor"),
        "organiser": UserFactory(role="organiser", is_staff=True),
        "member elsewhere": team_member(elsewhere),  # on a team, at another market
    }[who]
    client = client_for(user)
    assert client.get(TEAM_PAGE).status_code == 404
    assert client.post(TEAM_PAGE, {"action": "add", "buyer": "1", "priority": "must"}).status_code == 404
    assert not Wish.objects.exists()


# --- The window --------------------------------------------------------------------------------------------------


def test_the_page_says_when_wishes_close_in_market_time(buyer_client, market):
    market.wishes_close_at = datetime(2099, 3, 6, 10, 0, tzinfo=UTC)  # a Friday: 18:00 in Hong Kong
    market.save()
    html = page(buyer_client.get(BUYER_PAGE))
    assert "Wishes close on Friday 6 March at 18:00 (market time)." in html


def test_closed_wishes_are_refused_and_nothing_is_written(
    buyer, buyer_client, profile, rep, rep_client, market, exhibitor
):
    other = ExhibitorFactory(market=market, name="Other Films")
    interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=other)
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=profile)
    mine = buyer_wish(buyer, exhibitor, Priority.MUST)
    ours = team_wish(exhibitor, buyer, Priority.MUST, made_by=rep)
    market.wishes_close_at = CLOSED_AT
    market.save()
    before = rows()

    closed = "Wishes closed on Friday 1 March at 18:00 (market time)"
    for client, url, target, wish in [
        (buyer_client, BUYER_PAGE, {"exhibitor": other.pk}, mine),
        (rep_client, TEAM_PAGE, {"buyer": profile.pk}, ours),
    ]:
        for data in (
            {"action": "add", "priority": "would", **target},
            {"action": "priority", "wish": wish.pk, "priority": "would"},
            {"action": "remove", "wish": wish.pk},
        ):
            assert closed in flashed(client, client.post(url, data)), data
            assert closed in page(client.post(url, data, headers=HTMX)), data
        html = page(client.get(url))
        assert "Wishes are closed: they closed on Friday 1 March at 18:00 (market time)." in html
        assert 'name="action"' not in html  # read-only: the list without a button
        assert "Must meet" in html  # the wishes are still shown
    assert rows() == before

    with pytest.raises(ValidationError) as refused:
        wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=other.pk, priority="must")
    assert refused.value.code == "closed"
    with pytest.raises(ValidationError) as refused:
        wishes.team_wish_remove(member=rep, exhibitor=exhibitor, wish_id=ours.pk)
    assert refused.value.code == "closed"
    assert rows() == before


def test_wishes_close_at_the_deadline_itself(buyer, market, exhibitor):
    deadline = timezone.now() + timedelta(days=1)
    market.wishes_close_at = deadline
    market.save()
    wish = wishes.buyer_wish_add(
        buyer=buyer, market=market, exhibitor_id=exhibitor.pk, priority="must", now=deadline - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        wishes.buyer_wish_priority_set(buyer=buyer, market=market, wish_id=wish.pk, priority="would", now=deadline)
    assert Wish.objects.get().priority == "must"


# --- The caps -----------------------------------------------------------------------------------------------------


def test_a_buyer_keeps_at_most_the_cap(buyer, buyer_client, market, exhibitor):
    for n in range(wishes.WISH_CAP - 1):
        buyer_wish(buyer, ExhibitorFactory(market=market, name=f"Wished {n}"))
    last = wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=exhibitor.pk, priority="would")
    one_more = ExhibitorFactory(market=market, name="One Too Many")
    response = buyer_client.post(BUYER_PAGE, {"action": "add", "exhibitor": one_more.pk, "priority": "must"})
    html = flashed(buyer_client, response)
    assert "You already wish to meet 30 exhibitors, the most the market takes. Remove one first." in html
    assert Wish.objects.filter(buyer=buyer).count() == wishes.WISH_CAP
    assert not Wish.objects.filter(exhibitor=one_more).exists()
    # At the cap, a wish already on the list still changes, and removing one makes room.
    wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=exhibitor.pk, priority="must")
    assert Wish.objects.get(pk=last.pk).priority == "must"
    wishes.buyer_wish_remove(buyer=buyer, market=market, wish_id=last.pk)
    wishes.buyer_wish_add(buyer=buyer, market=market, exhibitor_id=one_more.pk, priority="must")
    assert Wish.objects.filter(buyer=buyer).count() == wishes.WISH_CAP


def test_a_team_keeps_at_most_the_cap(profile, rep, rep_client, exhibitor):
    for n in range(wishes.WISH_CAP):
        team_wish(exhibitor, verified_buyer(email=f"wished{n}@example.org"))
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=profile)
    response = rep_client.post(TEAM_PAGE, {"action": "add", "buyer": profile.pk, "priority": "must"})
    html = flashed(rep_client, response)
    assert "Your company already wishes to meet 30 buyers, the most the market takes. Remove one first." in html
    assert Wish.objects.filter(exhibitor=exhibitor).count() == wishes.WISH_CAP
    assert not Wish.objects.filter(buyer=profile.user).exists()


# --- htmx and bad input ---------------------------------------------------------------------------------------------


def test_htmx_gets_the_list_region_back(buyer, buyer_client, exhibitor):
    interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=exhibitor)
    response = buyer_client.post(
        BUYER_PAGE, {"action": "add", "exhibitor": exhibitor.pk, "priority": "must"}, headers=HTMX
    )
    html = page(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="wishes">') and "<html" not in html and "site-header" not in html
    assert "Jade Pictures is on your list: Must meet." in html and 'role="status"' in html
    assert Wish.objects.get().priority == "must"


def test_the_team_page_answers_htmx_with_its_list_region(buyer, profile, rep, rep_client):
    interest_set(user=rep, kind=Interest.Kind.SHORTLIST, buyer=profile)
    html = page(rep_client.post(TEAM_PAGE, {"action": "add", "buyer": profile.pk, "priority": "must"}, headers=HTMX))
    assert html.lstrip().startswith('<div id="wishes">') and "<html" not in html
    assert "Ploy Media is on your list: Must meet." in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "explode"},
        {"action": "add", "priority": "must"},
        {"action": "add", "exhibitor": "9" * 19, "priority": "must"},
        {"action": "add", "exhibitor": "²", "priority": "must"},
        {"action": "add", "exhibitor": "\x00", "priority": "must"},
        {"action": "add", "priority": "urgent", "exhibitor": "1"},
        {"action": "priority", "wish": "x" * 5000, "priority": "must"},
        {"action": "remove"},
    ],
    ids=["empty", "unknown action", "no target", "huge id", "superscript", "nul", "bad priority", "long", "no wish"],
)
def test_bad_posts_are_refused_with_a_message(data, buyer_client, exhibitor):
    response = buyer_client.post(BUYER_PAGE, data)
    assert response.status_code == 302
    html = page(buyer_client.get(BUYER_PAGE))
    assert "message-error" in html
    assert not Wish.objects.exists()


# --- Queries --------------------------------------------------------------------------------------------------------


QUERIES_BUYER_PAGE = 10  # session, user, market; wishes; shortlist, profile, opinions, titles; wished, exhibitors
QUERIES_TEAM_PAGE = 9  # session, user, market, membership; wishes; kept, matches, their profiles; wished


@pytest.mark.parametrize("count", [1, 8])
def test_the_buyers_page_reads_the_same_number_of_queries_for_one_wish_or_many(
    count, buyer, buyer_client, market, django_assert_num_queries
):
    for n in range(count):
        wished = ExhibitorFactory(market=market, name=f"Wished {n}")
        buyer_wish(buyer, wished)
        interest_set(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=ExhibitorFactory(market=market))
        TitleFactory(exhibitor=wished)
    buyer_client.get(BUYER_PAGE)  # the session and the catalogue's cached ranking, read once
    with django_assert_num_queries(QUERIES_BUYER_PAGE):
        assert buyer_client.get(BUYER_PAGE).status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_the_teams_page_reads_the_same_number_of_queries_for_one_wish_or_many(
    count, rep, rep_client, exhibitor, django_assert_num_queries
):
    for n in range(count):
        team_wish(exhibitor, verified_buyer(email=f"wished{n}@example.org"), made_by=rep)
        interest_set(
            user=rep, kind=Interest.Kind.SHORTLIST, buyer=verified_buyer(email=f"kept{n}@example.org").buyer_profile
        )
    rep_client.get(TEAM_PAGE)
    with django_assert_num_queries(QUERIES_TEAM_PAGE):
        assert rep_client.get(TEAM_PAGE).status_code == 200
