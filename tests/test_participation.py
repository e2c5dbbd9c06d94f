"""Which buyers take part in a market: PostgreSQL keeps a count per (buyer, market) of the meetings that make
them take part (meetings.models.Participation), in the transaction of every change to meetings, and the rule
reads it in two shapes (one buyer at a time, and the whole market at once). Both must say what the meetings
themselves say, whatever changed them."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, F, Q

from markets.models import Market
from matchmaking.models import BuyerProfile
from matchmaking.selectors import BuyerTakesPart
from meetings.models import Meeting, Participation, Side, Status
from meetings.selectors import buyers_of_market
from tests.factories import ExhibitorFactory, MarketFactory, team_member
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db

TAKES_PART = Q(initiated_by=Side.BUYER) | Q(status__in=[Status.ACCEPTED, Status.CANCELLED])


def counts_from_meetings() -> dict[tuple[int, int], int]:
    rows = Meeting.objects.filter(TAKES_PART).values("buyer_id", "market_id").annotate(n=Count("pk")).order_by()
    return {(row["buyer_id"], row["market_id"]): row["n"] for row in rows}


def counts_kept() -> dict[tuple[int, int], int]:
    return {(p.buyer_id, p.market_id): p.meetings for p in Participation.objects.exclude(meetings=0)}


def taking_part_by_the_rule(market: Market) -> set[int]:
    """The rule of buyers_of_market, worked out from the meetings in Python."""
    here = set(Meeting.objects.filter(TAKES_PART, market=market).values_list("buyer_id", flat=True))
    anywhere = set(Meeting.objects.filter(TAKES_PART).values_list("buyer_id", flat=True))
    everyone = set(BuyerProfile.objects.values_list("user_id", flat=True))
    return here | ((everyone - anywhere) if market.is_current else set())


def assert_both_shapes_follow_the_rule(*markets: Market) -> None:
    assert counts_kept() == counts_from_meetings()
    for market in markets:
        expected = taking_part_by_the_rule(market)
        as_a_set = set(buyers_of_market(market=market).values_list("user_id", flat=True))
        one_by_one = set(
            BuyerProfile.objects.filter(BuyerTakesPart(F("user_id"), market)).values_list("user_id", flat=True)
        )
        assert as_a_set == expected, market
        assert one_by_one == expected, market


@pytest.fixture
def markets():
    last_year = MarketFactory(slug="filmart-last-year", is_current=False)
    this_year = MarketFactory(slug="filmart-this-year", is_current=True)
    return last_year, this_year


def meeting(market, buyer, *, hour, status=Status.PENDING, initiated_by=Side.BUYER) -> Meeting:
    exhibitor = ExhibitorFactory(market=market)
    rep = team_member(exhibitor)
    window = open_hours(rep, exhibitor)
    start = at(market, hour)
    return Meeting.objects.create(
        market=market, exhibitor=exhibitor, rep=rep, buyer=buyer, availability=window, place="booth", status=status,
        initiated_by=initiated_by, during=DateTimeTZRange(start, start + timedelta(minutes=30), "[)"),
    )  # fmt: skip


def test_every_kind_of_change_keeps_the_counts_and_both_shapes_of_the_rule(markets):
    last_year, this_year = markets
    asked, invited, agreed, newcomer, returning = (verified_buyer() for _ in range(5))
    assert_both_shapes_follow_the_rule(last_year, this_year)  # nobody has met: everyone is at this year's

    asking = meeting(last_year, asked, hour=10)  # asked last year: last year's buyer only
    invitation = meeting(last_year, invited, hour=10, initiated_by=Side.REP)  # not taken up: counts nowhere
    meeting(last_year, agreed, hour=11, status=Status.ACCEPTED, initiated_by=Side.REP)
    meeting(last_year, returning, hour=11, status=Status.ACCEPTED)
    comeback = meeting(this_year, returning, hour=11)
    assert_both_shapes_follow_the_rule(last_year, this_year)
    assert newcomer.pk in set(buyers_of_market(market=this_year).values_list("user_id", flat=True))
    assert invited.pk in set(buyers_of_market(market=this_year).values_list("user_id", flat=True))

    # Taking up the invitation, then cancelling it: the buyer agreed, so stays last year's.
    Meeting.objects.filter(pk=invitation.pk).update(status=Status.ACCEPTED)
    Meeting.objects.filter(pk=invitation.pk).update(status=Status.CANCELLED)
    assert_both_shapes_follow_the_rule(last_year, this_year)
    assert invited.pk not in set(buyers_of_market(market=this_year).values_list("user_id", flat=True))

    # A bulk update over many buyers at once (the sweep that expires requests), a request handed to another
    # buyer's row, and deletions (an admin's, a removed buyer's cascade).
    Meeting.objects.filter(status=Status.PENDING).update(status=Status.EXPIRED)
    Meeting.objects.filter(pk=comeback.pk).update(buyer=newcomer)
    assert_both_shapes_follow_the_rule(last_year, this_year)
    assert newcomer.pk in set(buyers_of_market(market=this_year).values_list("user_id", flat=True))
    asking.delete()
    agreed.delete()  # the user, and with them their meetings
    assert_both_shapes_follow_the_rule(last_year, this_year)
    assert asked.pk in set(buyers_of_market(market=this_year).values_list("user_id", flat=True))


def test_a_change_rolled_back_leaves_the_counts_as_they_were(markets):
    last_year, this_year = markets
    buyer = verified_buyer()
    with pytest.raises(RuntimeError), transaction.atomic():
        meeting(this_year, buyer, hour=10)
        raise RuntimeError("the booking fails after its insert")
    assert counts_kept() == {}
    assert_both_shapes_follow_the_rule(last_year, this_year)


def test_the_market_wide_shape_reads_the_counts_once_not_a_call_per_buyer(markets):
    _last_year, this_year = markets
    for _ in range(3):
        verified_buyer()
    sql, params = buyers_of_market(market=this_year).values("country").annotate(n=Count("pk")).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The plan reads the counts as sets, calling no function per buyer.
    assert "buyer_takes_part" not in plan, plan
    assert "meetings_participation" in plan and "meetings_meeting" not in plan, plan
