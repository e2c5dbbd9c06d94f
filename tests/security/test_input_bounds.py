"""Odd input gets a clear answer, never a 500: every parse has a bound, every text a length."""

import pytest
from django.urls import reverse

from exhibitors.models import Title
from meetings import services
from meetings.models import MESSAGE_MAX_LENGTH, Meeting, Status
from tests.factories import ExhibitorFactory, MarketFactory, TitleFactory, team_member
from tests.meetings_fixtures import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_500s_as_responses(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("value", ["²", "٣", "-1", "9" * 19, "1" * 5000, "", "1e3", " 1"])
def test_shortlist_ids_that_are_not_ids_are_a_404(client_500s_as_responses, buyer, value):
    title = TitleFactory(exhibitor=ExhibitorFactory(market=MarketFactory()))
    client_500s_as_responses.force_login(buyer)
    for name in ("title", "exhibitor", "buyer"):
        response = client_500s_as_responses.post(reverse("matchmaking:interest"), {name: value, "action": "shortlist"})
        assert response.status_code == 404, (name, value)
    assert (
        client_500s_as_responses.post(
            reverse("matchmaking:interest"), {"title": title.pk, "action": "shortlist"}
        ).status_code
        == 302
    )


@pytest.mark.parametrize("path", ["/meetings/{}/", "/meetings/{}/invite.ics", "/organiser/exports/{}/", "/mailbox/{}/"])
def test_ids_too_long_for_the_database_are_not_found(client_500s_as_responses, buyer, path):
    client_500s_as_responses.force_login(buyer)
    for digits in (19, 5000):
        assert client_500s_as_responses.get(path.format("9" * digits)).status_code == 404


def test_a_version_of_4000_digits_is_a_stale_page_not_a_database_error(
    client_500s_as_responses, buyer, rep, exhibitor, market
):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    client_500s_as_responses.force_login(rep)
    response = client_500s_as_responses.post(
        reverse("meetings:act", args=[meeting.pk, "accept"]), {"version": "9" * 4000}, follow=True
    )
    assert response.status_code == 200 and "changed since you saw it" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == Status.PENDING


def test_reasons_have_a_bound_and_nothing_changes_past_it(client_500s_as_responses, buyer, rep, exhibitor, market):
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, 10))
    meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    client_500s_as_responses.force_login(buyer)
    response = client_500s_as_responses.post(
        reverse("meetings:act", args=[meeting.pk, "cancel"]),
        {"version": meeting.version, "reason": "x" * (MESSAGE_MAX_LENGTH + 1)},
        follow=True,
    )
    assert f"Keep it to {MESSAGE_MAX_LENGTH} characters at most" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == Status.ACCEPTED


def test_a_synopsis_past_what_search_can_index_is_refused_at_the_form(client_500s_as_responses):
    company = ExhibitorFactory(market=MarketFactory())
    client_500s_as_responses.force_login(team_member(company))
    response = client_500s_as_responses.post(
        reverse("workspace:title_new"),
        {
            "kind": "feature", "english_title": "Long Story", "original_title": "Long Story", "original_language": "en",
            "year": "2026", "status": "completed", "synopsis": "word " * 300_000,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert not Title.objects.exists()
