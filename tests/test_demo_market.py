from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from accounts.models import Role, User
from exhibitors.models import Exhibitor, Pavilion, Region, TeamMember
from filmart.demo import demo_market_dates, demo_market_load
from filmart.demo_accounts import DEMO_PASSWORD
from filmart.models import Market

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "markets": list(Market.objects.values_list("pk", "slug", "is_current")),
        "regions": Region.objects.count(),
        "pavilions": list(Pavilion.objects.order_by("pk").values_list("pk", "slug", "hall")),
        "exhibitors": list(Exhibitor.objects.order_by("pk").values_list("pk", "slug", "hall", "stand", "pavilion_id")),
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "role")),
        "team": list(TeamMember.objects.values_list("exhibitor__slug", "user__email", "role")),
    }


def test_demo_market_is_filmart_as_in_the_news(demo_market):
    market = demo_market
    assert market.is_current and market.time_zone == "Asia/Hong_Kong" and market.slot_minutes == 30
    assert (market.starts_on.month, market.starts_on.day, market.day_count) == (3, 17, 4)
    assert market.starts_on > date.today()
    exhibitors = Exhibitor.objects.filter(market=market)
    assert exhibitors.count() == 760
    assert exhibitors.values("region").distinct().count() == Region.objects.count() == 34
    assert exhibitors.filter(region__is_asean=True).count() >= 100
    assert exhibitors.filter(pavilion__slug="guangdong").count() == 58
    assert 28 <= Pavilion.objects.filter(market=market).count() <= 32
    debuts = set(Pavilion.objects.filter(market=market, is_debut=True).values_list("slug", flat=True))
    assert debuts == {"cambodia", "france", "india"}
    for slug, chinese in [("tencent", "騰訊"), ("iqiyi", "愛奇藝"), ("zhejiang-huace", "華策")]:
        assert chinese in exhibitors.get(slug=slug).name_zh_hant
    assert "Flourished Peony" in exhibitors.get(slug="zhejiang-huace").description


def test_demo_logins(demo_market):
    buyer = authenticate(email="buyer@example.com", password=DEMO_PASSWORD)
    rep = authenticate(email="rep@example.com", password=DEMO_PASSWORD)
    organiser = authenticate(email="organiser@example.com", password=DEMO_PASSWORD)
    assert buyer.role == Role.BUYER and not buyer.is_staff
    assert rep.role == Role.EXHIBITOR
    assert TeamMember.objects.get(user=rep).exhibitor.slug == "tencent"
    assert organiser.is_staff and organiser.role == Role.ORGANISER
    assert organiser.has_perm("exhibitors.change_exhibitor") and not organiser.is_superuser


def test_loading_again_changes_nothing(demo_market):
    before = snapshot()
    call_command("load_demo_market", verbosity=0)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("today", "expected_start"),
    [
        (date(2026, 11, 25), date(2027, 3, 17)),
        (date(2027, 1, 5), date(2027, 3, 17)),
        (date(2027, 3, 17), date(2028, 3, 17)),
    ],
)
def test_demo_dates_are_always_ahead(today, expected_start):
    assert demo_market_dates(today)[0] == expected_start


def test_demo_loader_refuses_nothing_when_an_older_market_is_current(db):
    old = Market.objects.create(
        name="FILMART 2020",
        slug="filmart-2020",
        venue="HKCEC",
        city="Hong Kong",
        starts_on=date(2020, 3, 17),
        ends_on=date(2020, 3, 20),
        is_current=True,
    )
    market = demo_market_load()
    old.refresh_from_db()
    assert market.is_current and not old.is_current


def test_market_admin_explains_bad_dates_and_hours(client, demo_market):
    from accounts.models import User

    client.force_login(User.objects.get(email="organiser@example.com"))
    response = client.post(
        f"/admin/filmart/market/{demo_market.pk}/change/",
        {
            "name": demo_market.name,
            "slug": demo_market.slug,
            "venue": "HKCEC",
            "city": "Hong Kong",
            "starts_on": "2030-03-20",
            "ends_on": "2030-03-17",
            "time_zone": "Asia/Hong_Kong",
            "meeting_day_start": "18:00",
            "meeting_day_end": "10:00",
            "slot_minutes": "30",
            "is_current": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in html
    assert "Meetings must end after they start." in html
    demo_market.refresh_from_db()
    assert demo_market.venue == "Hong Kong Convention and Exhibition Centre"
