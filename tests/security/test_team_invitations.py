"""A team invitation turns its reader into a member of the company: the link only shows what joining means (a
mail scanner or a preview that opens it changes nothing), the button joins, and the link works once, for a week."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exhibitors.models import Invitation, TeamMember
from notifications.models import OutboundEmail
from tests.factories import ExhibitorFactory, MarketFactory, UserFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation_link(client):
    company = ExhibitorFactory(market=MarketFactory(), name="Pearl River Pictures")
    client.force_login(team_member(company, role="admin"))
    client.post(reverse("workspace:team"), {"email": "ploy@siam.example", "role": "rep"})
    client.logout()
    body = OutboundEmail.objects.get(recipients=["ploy@siam.example"]).body_text
    return re.search(r"http://testserver(/manage/join/\S+/)", body).group(1)


def test_opening_the_link_changes_nothing_and_the_button_joins(client, invitation_link):
    buyer = UserFactory(email="ploy@siam.example", role="buyer")
    client.force_login(buyer)
    page = client.get(invitation_link).content.decode()
    assert "Join the Pearl River Pictures team?" in page
    assert "you will no longer request meetings as a buyer" in page
    buyer.refresh_from_db()
    assert buyer.role == "buyer" and not TeamMember.objects.filter(user=buyer).exists()

    assert client.post(invitation_link).url == reverse("workspace:home")
    buyer.refresh_from_db()
    assert buyer.role == "exhibitor" and TeamMember.objects.filter(user=buyer).exists()


def test_the_link_works_once(client, invitation_link):
    client.force_login(UserFactory(email="ploy@siam.example"))
    client.post(invitation_link)
    TeamMember.objects.all().filter(user__email="ploy@siam.example").delete()  # removed from the team later
    again = client.post(invitation_link)
    assert again.status_code == 404 and "already been used" in again.content.decode()
    assert not TeamMember.objects.filter(user__email="ploy@siam.example").exists()


def test_the_link_expires_after_a_week_and_a_new_one_can_be_sent(client, invitation_link):
    invitation = Invitation.objects.get()
    assert timedelta(days=6) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    person = UserFactory(email="ploy@siam.example")
    client.force_login(person)
    for response in (client.get(invitation_link), client.post(invitation_link)):
        assert response.status_code == 404 and "This invitation expired" in response.content.decode()
    assert not TeamMember.objects.filter(user=person).exists()

    client.force_login(invitation.invited_by)
    assert client.post(reverse("workspace:team"), {"email": "ploy@siam.example", "role": "rep"}).status_code == 302
    assert Invitation.objects.filter(withdrawn_at__isnull=True, accepted_at__isnull=True).count() == 1


def test_someone_else_with_the_link_cannot_join(client, invitation_link):
    stranger = UserFactory(email="mallory@example.org")
    client.force_login(stranger)
    for response in (client.get(invitation_link), client.post(invitation_link)):
        assert response.status_code == 404 and "for another email address" in response.content.decode()
    assert not TeamMember.objects.filter(user=stranger).exists()
