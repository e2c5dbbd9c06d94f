import pytest
from django.urls import reverse

from notifications.models import OutboundEmail
from organiser import services
from organiser.models import Announcement, AnnouncementStatus
from tests.factories import ExhibitorFactory, PavilionFactory, UserFactory, team_member
from tests.meetings_fixtures import verified_buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return UserFactory(role="organiser", is_staff=True)


def test_an_announcement_to_one_pavilion_reaches_each_of_its_teams_once(
    client, organiser, market, django_capture_on_commit_callbacks
):
    pavilion = PavilionFactory(market=market, name="Thailand Pavilion")
    inside = [ExhibitorFactory(market=market, pavilion=pavilion) for _ in range(2)]
    members = [team_member(inside[0]), team_member(inside[0]), team_member(inside[1])]
    team_member(ExhibitorFactory(market=market))  # another pavilion's team: not a recipient
    verified_buyer()  # nor a buyer
    client.force_login(organiser)
    response = client.post(
        reverse("organiser:announcements"),
        {"segment": "pavilion", "pavilion": pavilion.pk, "subject": "Booth build-up", "body": "Hall 3 opens at 8."},
    )
    announcement = Announcement.objects.get()
    assert announcement.market == market  # the market the console showed
    assert response.url == reverse("organiser:announcement", args=[announcement.pk])
    preview = client.get(response.url).content.decode()
    assert "3 recipients" in preview and "Hall 3 opens at 8." in preview and "Send to 3 people" in preview

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(response.url)
    assert len(callbacks) == 1
    announcement.refresh_from_db()
    assert (announcement.status, announcement.recipients_total) == (AnnouncementStatus.SENDING, 3)
    assert services.announcement_write(pk=announcement.pk) == 3
    assert services.announcement_write(pk=announcement.pk) == 0  # a task run twice adds nothing
    rows = OutboundEmail.objects.filter(topic=f"announcement:{announcement.pk}")
    assert sorted(r.recipients[0] for r in rows) == sorted(m.email for m in members)
    assert "Hall 3 opens at 8." in rows[0].body_text
    client.post(response.url)  # a second click sends nothing more
    assert rows.count() == 3
    progress = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "0 of 3 delivered (3 written to the outbox)" in progress and 'hx-trigger="every 1s"' in progress


def test_a_group_needs_its_pavilion_or_day_and_an_empty_group_sends_nothing(client, organiser, market):
    client.force_login(organiser)
    response = client.post(reverse("organiser:announcements"), {"segment": "pavilion", "subject": "S", "body": "B"})
    assert response.status_code == 400 and "Choose the pavilion." in response.content.decode()
    empty = Announcement.objects.create(market=market, segment="exhibitors", subject="S", body="B")
    page = client.post(reverse("organiser:announcement", args=[empty.pk]), follow=True).content.decode()
    assert "Nobody is in this group yet" in page
    assert Announcement.objects.get(pk=empty.pk).status == AnnouncementStatus.DRAFT


def test_announcements_are_404_to_everyone_but_staff(client, market):
    draft = Announcement.objects.create(market=market, segment="buyers", subject="S", body="B")
    for person in [verified_buyer(), team_member(ExhibitorFactory(market=market))]:
        client.force_login(person)
        for url in [reverse("organiser:announcements"), reverse("organiser:announcement", args=[draft.pk])]:
            assert client.get(url).status_code == 404
            assert client.post(url).status_code == 404
    assert Announcement.objects.get(pk=draft.pk).status == AnnouncementStatus.DRAFT
