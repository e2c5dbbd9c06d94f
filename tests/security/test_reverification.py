"""A verified buyer who renames their company goes back to the organisers' queue, and is told; a verification
that lands while the buyer edits other parts of their profile is not undone."""

import pytest
from django.urls import reverse

from matchmaking.models import BuyerProfile, Verification
from matchmaking.services import buyer_profile_save, buyers_verify
from meetings import services
from tests.factories import MarketFactory
from tests.meetings_fixtures import verified_buyer

pytestmark = pytest.mark.django_db

PROFILE = {"company": "Siam Media", "buyer_type": "platform", "country": "TH", "media": ["svod"]}


@pytest.mark.parametrize(
    ("field", "value"), [("company", "Siam Media Group"), ("buyer_type", "broadcaster"), ("country", "VN")]
)
def test_changing_what_was_verified_sends_the_buyer_back_to_the_queue(client, field, value):
    buyer = verified_buyer()
    BuyerProfile.objects.filter(user=buyer).update(company="Siam Media")
    client.force_login(buyer)
    response = client.post(reverse("matchmaking:buyer_profile"), {**PROFILE, field: value}, follow=True)
    assert "the organisers will verify your company again" in response.content.decode()
    profile = BuyerProfile.objects.get(user=buyer)
    assert (profile.verification, profile.verified_at, getattr(profile, field)) == (Verification.PENDING, None, value)
    assert "verify your company before you can request meetings" in services.buyer_may_request(
        buyer=buyer, market=MarketFactory()
    )


def test_other_changes_keep_the_verification(client):
    buyer = verified_buyer()
    BuyerProfile.objects.filter(user=buyer).update(company="Siam Media")
    client.force_login(buyer)
    response = client.post(reverse("matchmaking:buyer_profile"), {**PROFILE, "genres": ["drama"]}, follow=True)
    assert "verify your company again" not in response.content.decode()
    assert BuyerProfile.objects.get(user=buyer).verification == Verification.VERIFIED


def test_a_rejected_buyer_who_fixes_the_company_is_looked_at_again():
    buyer = verified_buyer()
    BuyerProfile.objects.filter(user=buyer).update(
        company="Siam", verification=Verification.REJECTED, rejection_reason="Which company?"
    )
    saved = buyer_profile_save(user=buyer, data={**PROFILE, "company": "Siam Media Co., Ltd."})
    assert saved.back_to_verification and saved.profile.rejection_reason == ""
    assert BuyerProfile.objects.get(user=buyer).verification == Verification.PENDING


def test_a_verification_landing_during_an_edit_is_not_written_back(monkeypatch):
    buyer = verified_buyer()
    profile = BuyerProfile.objects.get(user=buyer)
    BuyerProfile.objects.filter(pk=profile.pk).update(company="Siam Media", verification=Verification.PENDING)

    # The organiser verifies between the moment the buyer's save reads the row and the moment it writes it.
    original_clean = BuyerProfile.full_clean

    def verified_meanwhile(self, *args, **kwargs):
        BuyerProfile.objects.filter(pk=self.pk).update(verification=Verification.VERIFIED)
        return original_clean(self, *args, **kwargs)

    monkeypatch.setattr(BuyerProfile, "full_clean", verified_meanwhile)
    buyer_profile_save(user=buyer, data={**PROFILE, "genres": ["comedy"]})
    profile.refresh_from_db()
    assert (profile.verification, profile.genres) == (Verification.VERIFIED, ["comedy"])
    assert buyers_verify(ids=[profile.pk]) == 1
