"""A buyer's day plan: the shortlist scheduled into one day (walking between halls, few gaps), then sent."""

from datetime import time

import pytest
from django.urls import reverse

from markets.models import Hall
from matchmaking.models import Interest
from meetings import services as meeting_services
from meetings.models import Meeting, Status
from scheduling.day_plan import day_plan_for
from scheduling.models import HallWalk
from tests.factories import ExhibitorFactory, team_member
from tests.meetings_fixtures import DAY_ONE, at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(market):
    """Three companies with a rep each, open 10:00-11:30: two in hall 1E, one in 3G (10 minutes' walk)."""
    east, west = Hall.objects.create(market=market, code="1E"), Hall.objects.create(market=market, code="3G")
    HallWalk.objects.create(market=market, from_hall=east, to_hall=west, minutes=10)
    made = {}
    for slug, hall in (("jade", "1E"), ("lotus", "1E"), ("huace", "3G")):
        company = ExhibitorFactory(market=market, name=slug.title(), slug=slug, hall=hall, stand=slug.upper())
        rep = team_member(company, email=f"rep@{slug}.example")
        open_hours(rep, company, start=time(10), end=time(11, 30))
        made[slug] = (company, rep)
    return made


def shortlist(buyer, *companies) -> None:
    for company in companies:
        Interest.objects.create(user=buyer, kind=Interest.Kind.SHORTLIST, exhibitor=company)


def test_the_plan_fits_every_shortlisted_company_with_time_to_walk_between_halls(market, companies, buyer):
    shortlist(buyer, companies["jade"][0], companies["huace"][0])
    plan = day_plan_for(buyer=buyer, market=market, day=DAY_ONE)
    assert [m.exhibitor.slug for m in plan.meetings] in (["jade", "huace"], ["huace", "jade"])
    first, then = plan.meetings
    assert (then.start - first.end).total_seconds() >= 10 * 60  # not back to back across the halls
    assert then.walk_minutes == 10 and not plan.unplanned


def test_two_companies_in_one_hall_come_back_to_back_and_a_busy_time_is_left_free(market, companies, buyer):
    shortlist(buyer, companies["jade"][0], companies["lotus"][0])
    meeting_services.busy_time_add(user=buyer, market=market, day=DAY_ONE, start=time(10), end=time(10, 30))
    plan = day_plan_for(buyer=buyer, market=market, day=DAY_ONE)
    first, then = plan.meetings
    assert first.start >= at(market, 10, 30)  # the busy half hour is kept free
    assert first.end == then.start and then.walk_minutes == 0  # no idle gap, no walk


def test_sending_the_plan_requests_every_ticked_slot_and_reports_one_taken_meanwhile(client, market, companies, buyer):
    shortlist(buyer, companies["jade"][0], companies["huace"][0])
    plan = day_plan_for(buyer=buyer, market=market, day=DAY_ONE)
    jade = next(m for m in plan.meetings if m.exhibitor.slug == "jade")
    meeting_services.meeting_request(buyer=verified_buyer(), rep=jade.rep, exhibitor=jade.exhibitor, start=jade.start)
    companies["jade"][0].auto_accept_meetings = True
    companies["jade"][0].save(update_fields=["auto_accept_meetings"])
    # Someone else books the jade slot between drawing and sending: accept their request first.
    taken = Meeting.objects.get(rep=jade.rep, status=Status.PENDING)
    meeting_services.meeting_accept(meeting_id=taken.pk, version=taken.version, user=jade.rep)

    client.force_login(buyer)
    values = [f"{m.exhibitor.slug}|{m.rep.pk}|{m.start.isoformat()}" for m in plan.meetings]
    response = client.post(reverse("scheduling:day_plan"), {"meeting": values, "day": DAY_ONE.isoformat()}, follow=True)
    page = response.content.decode()
    assert "Jade: The rep already has a meeting at this time." in page
    assert list(Meeting.objects.filter(buyer=buyer).values_list("exhibitor__slug", flat=True)) == ["huace"]
    # Drawn again, the plan leaves out the company just asked, and keeps the time of that request free.
    again = day_plan_for(buyer=buyer, market=market, day=DAY_ONE)
    asked = Meeting.objects.get(buyer=buyer)
    assert "huace" not in {m.exhibitor.slug for m in again.meetings}
    assert all(m.end <= asked.during.lower or m.start >= asked.during.upper for m in again.meetings)


def test_the_plan_page_is_for_buyers_and_tampered_values_change_nothing(client, market, companies, buyer):
    client.force_login(companies["jade"][1])
    assert client.get(reverse("scheduling:day_plan")).status_code == 404
    client.force_login(buyer)
    shortlist(buyer, companies["jade"][0])
    page = client.get(reverse("scheduling:day_plan"), {"day": DAY_ONE.isoformat()}).content.decode()
    assert "Send the ticked requests" in page and "Jade" in page
    tampered = ["jade|999999|2030-03-17T10:00:00+08:00", "nosuch|1|x", "jade|\x00|bad", "a|b"]
    response = client.post(reverse("scheduling:day_plan"), {"meeting": tampered, "day": "never"})
    assert response.status_code == 302
    assert not Meeting.objects.exists()
