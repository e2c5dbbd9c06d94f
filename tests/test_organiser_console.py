import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matchmaking.models import BuyerProfile, Verification
from meetings import services
from organiser import selectors
from tests.factories import ExhibitorFactory, PavilionFactory, RegionFactory, TitleFactory, UserFactory, team_member
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db


def book(buyer, rep, exhibitor, market, hour, minute=0, *, accept=True, titles=()):
    meeting = services.meeting_request(
        buyer=buyer, rep=rep, exhibitor=exhibitor, start=at(market, hour, minute), titles=list(titles)
    )
    if accept:
        meeting = services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    return meeting


@pytest.fixture
def small_market(market):
    """Two exhibitors in two regions; 3 accepted meetings, 1 declined, 1 open, on day one."""
    korea = RegionFactory(code="KR", name="Korea")
    pavilion = PavilionFactory(market=market, name="Korea Pavilion", region=korea)
    jade = ExhibitorFactory(market=market, name="Jade Pictures")
    seoul = ExhibitorFactory(market=market, name="Seoul Films", region=korea, pavilion=pavilion)
    jade_rep, seoul_rep = team_member(jade), team_member(seoul)
    open_hours(jade_rep, jade)
    open_hours(seoul_rep, seoul)
    drama = TitleFactory(exhibitor=seoul, english_title="Han River Nights")
    buyers = [verified_buyer() for _ in range(3)]
    book(buyers[0], jade_rep, jade, market, 10)
    book(buyers[1], seoul_rep, seoul, market, 10, titles=[drama])
    book(buyers[0], seoul_rep, seoul, market, 11, titles=[drama])
    declined = book(buyers[2], seoul_rep, seoul, market, 11, 30, accept=False)
    services.meeting_decline(meeting_id=declined.pk, version=declined.version, user=seoul_rep, reason="Full")
    book(buyers[2], jade_rep, jade, market, 11, accept=False)
    BuyerProfile.objects.create(user=UserFactory(role="buyer"), company="New Co", buyer_type="platform", country="FR")
    return market


def pairs(bars) -> list[tuple[str, int]]:
    return [(bar.label, bar.value) for bar in bars]


def test_figures_match_a_hand_count(small_market):
    figures = selectors.headline_figures(market=small_market)
    names = ["exhibitors", "buyers", "verified", "waiting", "requests", "accepted", "pending"]
    assert {name: figures[name] for name in names} == {
        "exhibitors": 2, "buyers": 4, "verified": 3, "waiting": 1, "requests": 5, "accepted": 3, "pending": 1,
    }  # fmt: skip
    assert figures["acceptance_rate"] == 75  # 3 accepted of 4 answered
    assert [(b.label, b.value) for b in selectors.accepted_by_region(market=small_market)] == [
        ("Korea", 2),
        ("Hong Kong", 1),
    ]
    assert [(b.label, b.value) for b in selectors.accepted_by_pavilion(market=small_market)] == [("Korea Pavilion", 2)]
    assert [(b.label, b.value) for b in selectors.most_requested_exhibitors(market=small_market)] == [
        ("Seoul Films", 3),
        ("Jade Pictures", 2),
    ]
    assert pairs(selectors.most_requested_titles(market=small_market)) == [("Han River Nights", 2)]
    assert pairs(selectors.buyer_countries(market=small_market)) == [("Thailand", 3), ("France", 1)]
    heatmap = selectors.meetings_heatmap(market=small_market)
    first_day = heatmap["rows"][0]
    assert dict(zip(heatmap["hours"], first_day["cells"], strict=True))[10] == 2
    assert dict(zip(heatmap["hours"], first_day["cells"], strict=True))[11] == 1
    assert first_day["total"] == 3 and heatmap["peak"] == 2
    assert (
        selectors.headline_figures(market=small_market, day=at(small_market, 10).date().replace(day=18))["requests"]
        == 0
    )


def test_the_console_is_404_to_everyone_but_staff(client, small_market):
    url = reverse("organiser:console")
    assert client.get(url).status_code == 302  # to sign in
    for person in [verified_buyer(), team_member(ExhibitorFactory(market=small_market))]:
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(UserFactory(role="organiser", is_staff=True))
    html = client.get(url).content.decode()
    assert "Organiser console" in html and "Han River Nights" in html and "<svg" in html
    assert 'aria-current="date"' not in html
    day_page = client.get(url, {"day": "2030-03-18"}).content.decode()
    assert re.search(
        r'<tr class="heatmap-chosen" aria-current="date"><th scope="row"><a href="\?day=2030-03-18">', day_page
    )


@pytest.mark.parametrize("extra_meetings", [0, 1])
def test_the_console_query_count_does_not_grow_with_the_data(client, small_market, extra_meetings):
    if extra_meetings:
        exhibitor = ExhibitorFactory(market=small_market, region=RegionFactory(code="JP", name="Japan"))
        rep = team_member(exhibitor)
        open_hours(rep, exhibitor)
        for hour in (10, 11):
            book(verified_buyer(), rep, exhibitor, small_market, hour)
    client.force_login(UserFactory(role="organiser", is_staff=True))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("organiser:console")).status_code == 200
    assert len(queries) == 11, [q["sql"][:80] for q in queries]


def test_verification_counts_follow_the_queue(small_market):
    BuyerProfile.objects.filter(verification=Verification.PENDING).update(verification=Verification.VERIFIED)
    assert selectors.headline_figures(market=small_market)["waiting"] == 0


def test_the_charts_are_worked_out_once_a_few_seconds_and_the_headline_counters_on_every_view(client, small_market):
    from django.core.cache import cache

    from exhibitors.models import Exhibitor

    client.force_login(UserFactory(role="organiser", is_staff=True))
    url = reverse("organiser:console")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    jade = Exhibitor.objects.get(market=small_market, name="Jade Pictures")
    rep = jade.team.get().user
    book(verified_buyer(), rep, jade, small_market, 10, 30)  # a new meeting while the charts are fresh

    with CaptureQueriesContext(connection) as again:
        page = client.get(url)
    tallies = [query["sql"] for query in again if "tally t" in query["sql"] and "slottally" not in query["sql"]]
    assert tallies == [] and len(again) < len(first)  # the charts and buyer figures from the cache
    assert page.context["figures"]["accepted"] == 4  # the headline counts the new meeting at once

    # Once the charts' CHARTS_SECONDS have passed (their cache entry gone), they count it too.
    cache.clear()
    charts = dict(client.get(url).context["charts"])
    assert ("Hong Kong", 2) in pairs(charts["regions"])
