"""Caps on what one person's clicks send: requests, invitations, team invitations and moves, each an email to
someone. Withdrawing and asking again gains nothing; every refusal says until when."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exhibitors.models import Invitation
from markets import timekeeping
from meetings import services
from meetings.models import Meeting
from notifications.models import OutboundEmail
from tests.factories import ExhibitorFactory, team_member
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db


def ask(buyer, rep, exhibitor, market, hour, minute=0):
    return services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour, minute))


@pytest.fixture
def reps(market):
    """Five exhibitors, each with a rep open 10:00-12:00."""
    found = []
    for _ in range(5):
        company = ExhibitorFactory(market=market)
        rep = team_member(company)
        open_hours(rep, company)
        found.append((rep, company))
    return found


def test_a_buyer_sends_at_most_the_hourly_cap_and_withdrawing_does_not_reset_it(client, buyer, market, reps):
    market.request_cap_per_hour = 3
    market.save()
    first = ask(buyer, *reps[0], market, 10)
    ask(buyer, *reps[1], market, 10, 30)
    ask(buyer, *reps[2], market, 11)
    services.meeting_withdraw(meeting_id=first.pk, version=first.version, user=buyer)
    client.force_login(buyer)
    rep, company = reps[3]
    response = client.post(
        reverse("meetings:book", args=[company.slug]), {"rep": rep.pk, "start": at(market, 11, 30).isoformat()}
    )
    assert response.status_code == 400
    frees_at = (first.created_at + timedelta(hours=1)).astimezone(timekeeping.market_zone(market))
    assert (
        f"You have sent 3 meeting requests in the last hour, the most the market allows. "
        f"You can send more from {frees_at:%H:%M} (market time)."
    ) in response.content.decode().replace("&#x27;", "'")
    assert Meeting.objects.filter(buyer=buyer).count() == 3
    assert not OutboundEmail.objects.filter(recipients=[rep.email]).exists()


def test_the_daily_cap_counts_the_last_24_hours(buyer, market, reps):
    market.request_cap_per_day = 2
    market.save()
    old = ask(buyer, *reps[0], market, 10)
    ask(buyer, *reps[1], market, 10)
    with pytest.raises(ValidationError, match="2 meeting requests in the last 24 hours"):
        ask(buyer, *reps[2], market, 10)
    Meeting.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert ask(buyer, *reps[2], market, 10).pk


def test_open_requests_to_one_exhibitor_are_capped(buyer, rep, exhibitor, market):
    market.open_requests_per_exhibitor = 2
    market.save()
    first = ask(buyer, rep, exhibitor, market, 10)
    ask(buyer, rep, exhibitor, market, 10, 30)
    with pytest.raises(ValidationError, match="already have 2 requests waiting for an answer from Jade Pictures"):
        ask(buyer, rep, exhibitor, market, 11)
    services.meeting_withdraw(meeting_id=first.pk, version=first.version, user=buyer)
    assert ask(buyer, rep, exhibitor, market, 11).pk  # one fewer waiting: room again


def test_a_rep_sends_at_most_the_hourly_cap_of_invitations(rep, exhibitor, market):
    market.invitation_cap_per_hour = 2
    market.save()
    for minute in (0, 30):
        services.meeting_invite(rep=rep, exhibitor=exhibitor, buyer=verified_buyer(), start=at(market, 10, minute))
    with pytest.raises(ValidationError, match="2 meeting invitations in the last hour"):
        services.meeting_invite(rep=rep, exhibitor=exhibitor, buyer=verified_buyer(), start=at(market, 11))


def test_an_admin_sends_at_most_the_daily_cap_of_team_invitations(client, exhibitor, market):
    market.team_invitation_cap_per_day = 2
    market.save()
    client.force_login(team_member(exhibitor, role="admin"))
    for n in range(2):
        assert client.post(reverse("workspace:team"), {"email": f"c{n}@jade.example", "role": "rep"}).status_code == 302
    withdrawn = Invitation.objects.first()
    client.post(reverse("workspace:invitation_withdraw", args=[withdrawn.pk]))
    response = client.post(reverse("workspace:team"), {"email": "c9@jade.example", "role": "rep"})
    assert "You have sent 2 team invitations in the last 24 hours" in response.content.decode()
    assert Invitation.objects.count() == 2 and OutboundEmail.objects.count() == 2


def test_a_meeting_moves_at_most_five_times(buyer, rep, exhibitor, market):
    open_hours(rep, exhibitor, start=time(14, 0), end=time(18, 0))
    meeting = ask(buyer, rep, exhibitor, market, 10)
    meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    for hour in (14, 15, 16, 17, 11):
        meeting = services.meeting_reschedule(
            meeting_id=meeting.pk, version=meeting.version, user=buyer, start=at(market, hour), reason="Flight moved"
        )
    with pytest.raises(ValidationError, match="moved 5 times"):
        services.meeting_reschedule(
            meeting_id=meeting.pk, version=meeting.version, user=buyer, start=at(market, 10), reason="Again"
        )
