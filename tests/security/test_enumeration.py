"""Nobody reads buyers' companies by walking ids: only exhibitor teams keep buyers on a shortlist, and only the
buyers their matches show them; the invitation page answers the same."""

import pytest
from django.urls import reverse

from matchmaking.models import BuyerProfile, Interest
from tests.factories import RightsFactory, TitleFactory, team_member
from tests.meetings_fixtures import verified_buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def matching_buyer(exhibitor):
    """A buyer whose profile fits the exhibitor's catalogue (SVOD in Thailand), so the team's matches show them."""
    RightsFactory(title=TitleFactory(exhibitor=exhibitor), media=["svod"], territories=["TH"])
    buyer = verified_buyer(email="match@siam.example")
    BuyerProfile.objects.filter(user=buyer).update(media=["svod"], company="Siam Match Media")
    return BuyerProfile.objects.get(user=buyer)


@pytest.fixture
def stranger_buyer(market):
    """A buyer nobody's matches would show the team: another continent, other media, bottom of any list."""
    buyer = verified_buyer(email="hidden@far.example")
    BuyerProfile.objects.filter(user=buyer).update(company="Hidden Holdings", territories=["BR"], media=["remake"])
    profile = BuyerProfile.objects.get(user=buyer)
    for n in range(25):  # enough better matches to push them off the team's list
        better = verified_buyer(email=f"b{n}@siam.example")
        BuyerProfile.objects.filter(user=better).update(media=["svod"])
    return profile


def test_buyers_cannot_shortlist_buyers(client, buyer, matching_buyer):
    client.force_login(buyer)
    response = client.post(reverse("matchmaking:interest"), {"buyer": matching_buyer.pk, "action": "shortlist"})
    assert response.status_code == 404
    assert not Interest.objects.filter(user=buyer).exists()
    assert "Siam Match Media" not in client.get(reverse("matchmaking:shortlist")).content.decode()


def test_a_team_shortlists_the_buyers_its_matches_show_and_no_others(client, exhibitor, matching_buyer, stranger_buyer):
    rep = team_member(exhibitor)
    client.force_login(rep)
    assert (
        client.post(reverse("matchmaking:interest"), {"buyer": matching_buyer.pk, "action": "shortlist"}).status_code
        == 302
    )
    assert (
        client.post(reverse("matchmaking:interest"), {"buyer": stranger_buyer.pk, "action": "shortlist"}).status_code
        == 404
    )
    assert list(Interest.objects.filter(user=rep).values_list("buyer_id", flat=True)) == [matching_buyer.pk]
    shortlist = client.get(reverse("matchmaking:shortlist")).content.decode()
    assert "Siam Match Media" in shortlist and "Hidden Holdings" not in shortlist
    # Taken off the shortlist again, the buyer is still theirs to see (a teammate's mark keeps them visible).
    assert (
        client.post(reverse("matchmaking:interest"), {"buyer": matching_buyer.pk, "action": "dismiss"}).status_code
        == 302
    )
    assert (
        client.post(reverse("matchmaking:interest"), {"buyer": matching_buyer.pk, "action": "forget"}).status_code
        == 302
    )


def test_the_invitation_page_shows_only_buyers_the_team_can_see(client, exhibitor, matching_buyer, stranger_buyer):
    client.force_login(team_member(exhibitor))
    assert client.get(reverse("meetings:invite", args=[matching_buyer.pk])).status_code == 200
    response = client.get(reverse("meetings:invite", args=[stranger_buyer.pk]))
    assert response.status_code == 404 and "Hidden Holdings" not in response.content.decode()
