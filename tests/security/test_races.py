"""Two clicks at the same moment, on real PostgreSQL, each on its own connection, released by a barrier: the
database keeps its promises and nobody gets a 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from exhibitors.models import Exhibitor, TeamMember, TeamRole, Title
from exhibitors.services import exhibitor_profile_update
from matchmaking.models import BuyerProfile
from meetings import services
from tests.factories import ExhibitorFactory, MarketFactory, UserFactory, team_member
from tests.test_meetings_concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_admins_removing_each_other_leave_the_company_an_admin():
    company = ExhibitorFactory(market=MarketFactory())
    first, second = team_member(company, role="admin"), team_member(company, role="admin")
    first_row, second_row = TeamMember.objects.get(user=first), TeamMember.objects.get(user=second)

    def remove(acting, member):
        return lambda: services.team_member_remove(
            exhibitor=company, member_id=member.pk, acting_user=acting, open_meetings="hand_over"
        )

    outcomes = race([remove(first, second_row), remove(second, first_row)])
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["PermissionDenied", "dict"]
    assert isinstance(next(o for o in outcomes if not isinstance(o, dict)), PermissionDenied)
    assert TeamMember.objects.filter(exhibitor=company, role=TeamRole.ADMIN).count() == 1


def test_saving_the_profile_keeps_a_switch_changed_meanwhile():
    company = ExhibitorFactory(market=MarketFactory(), auto_accept_meetings=False)
    page_copy = Exhibitor.objects.get(pk=company.pk)  # the form was drawn (and the logo re-encoded) from this
    Exhibitor.objects.filter(pk=company.pk).update(auto_accept_meetings=True)  # a colleague's switch, meanwhile
    exhibitor_profile_update(exhibitor=page_copy, data={"name": "Jade Pictures Ltd", "description": "Dramas."})
    company.refresh_from_db()
    assert (company.name, company.auto_accept_meetings) == ("Jade Pictures Ltd", True)


def _double_submit(user, url: str, data: dict):
    def submit():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client.post(url, data).status_code

    return race([submit, submit])


def test_a_double_submitted_new_title_is_one_title_and_no_error():
    company = ExhibitorFactory(market=MarketFactory())
    rep = team_member(company)
    statuses = _double_submit(
        rep,
        reverse("workspace:title_new"),
        {"kind": "feature", "english_title": "Twin Peaks of Lantau", "original_title": "大嶼雙峰",
         "original_language": "yue", "year": "2026", "status": "completed"},
    )  # fmt: skip
    assert statuses == [302, 302]
    assert Title.objects.filter(exhibitor=company).count() == 1


def test_a_double_submitted_buyer_profile_is_one_profile_and_no_error():
    buyer = UserFactory(role="buyer")
    statuses = _double_submit(
        buyer,
        reverse("matchmaking:buyer_profile"),
        {"company": "Siam Media", "buyer_type": "platform", "country": "TH", "media": ["svod"]},
    )
    assert statuses == [302, 302]
    assert BuyerProfile.objects.filter(user=buyer).count() == 1
