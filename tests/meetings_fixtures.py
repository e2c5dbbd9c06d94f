"""Shared set-up for the meeting tests: a market in 2030, an exhibitor with a rep who has open hours, and
verified buyers."""

from datetime import date, time

import pytest

from markets import timekeeping
from matchmaking.models import BuyerProfile, Verification
from meetings import services
from tests.factories import ExhibitorFactory, MarketFactory, UserFactory, team_member

DAY_ONE = date(2030, 3, 17)


def verified_buyer(**user_fields):
    user = UserFactory(role="buyer", **user_fields)
    BuyerProfile.objects.create(
        user=user,
        company=f"{user.full_name} Media",
        buyer_type="platform",
        country="TH",
        territories=["TH"],
        verification=Verification.VERIFIED,
    )
    return user


def open_hours(rep, exhibitor, *, day=DAY_ONE, start=time(10, 0), end=time(12, 0), place="booth", detail=""):
    return services.availability_add(
        rep=rep, exhibitor=exhibitor, day=day, start=start, end=end, place=place, place_detail=detail
    )


def at(market, hour: int, minute: int = 0, day=DAY_ONE):
    return timekeeping.market_moment(market, day, time(hour, minute))


@pytest.fixture
def market(db):
    return MarketFactory()


@pytest.fixture
def exhibitor(market):
    return ExhibitorFactory(market=market, name="Jade Pictures", slug="jade-pictures")


@pytest.fixture
def rep(exhibitor):
    user = team_member(exhibitor, email="rep@jade.example", full_name="Mei Chan")
    open_hours(user, exhibitor)
    return user


@pytest.fixture
def buyer(db):
    return verified_buyer(email="ploy@siam.example", full_name="Ploy")


def written(rows) -> list:
    """Outbox rows with their messages written, as the worker writes them just before it sends them: a change
    stores only the facts of its emails."""
    from notifications.services import outbound_emails_write_out

    return outbound_emails_write_out(list(rows))
