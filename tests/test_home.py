import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from exhibitors.models import Exhibitor, Pavilion, Region
from markets.models import Market
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_visitor_sees_the_market_and_how_to_join(client, demo_market):
    html = client.get("/").content.decode()
    assert demo_market.name in html
    assert "Hong Kong Convention and Exhibition Centre" in html
    assert re.search(r"<dt>Exhibitors</dt><dd>760</dd>", html)
    assert re.search(r"<dt>Countries and regions</dt><dd>34</dd>", html)
    assert reverse("account_signup") in html
    assert "Cambodia" in html and "New this year" in html


@pytest.mark.parametrize(
    ("email", "expected", "absent"),
    [
        ("buyer@example.com", "Find titles you can license", "Open admin"),
        ("rep@example.com", "Your company: Tencent Video", "Open admin"),
        ("organiser@example.com", "Open admin", "Your company"),
    ],
)
def test_each_role_is_sent_to_its_next_step(client, demo_market, email, expected, absent):
    from accounts.models import User

    client.force_login(User.objects.get(email=email))
    html = client.get("/").content.decode()
    assert expected in html
    assert absent not in html


def test_an_exhibitor_without_a_company_is_told_how_to_join(client, demo_market):
    client.force_login(UserFactory(role=Role.EXHIBITOR))
    assert "Ask your company admin to invite you" in client.get("/").content.decode()


def test_home_in_chinese_shows_the_chinese_market_name(client, demo_market):
    html = client.get("/", headers={"accept-language": "zh-hant"}).content.decode()
    assert demo_market.name_zh_hant in html
    assert '<html lang="zh-hant">' in html


def test_pages_carry_csrf_for_htmx_and_no_inline_script(client, demo_market):
    html = client.get("/").content.decode()
    assert re.search(r'hx-headers=\'\{"X-CSRFToken": "[^"]+"\}\'', html)
    assert "/static/vendor/htmx/htmx-2.0.11.min.js" in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag  # the CSP allows no inline script
    assert "<style" not in html and "style=" not in html  # nor inline style


def test_htmx_is_vendored_not_fetched_from_a_cdn():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    path = finders.find("vendor/htmx/htmx-2.0.11.min.js")
    assert path and "htmx" in Path(path).read_text()[:5000]


def _market_with_pavilions(count: int) -> Market:
    market = Market.objects.create(
        name="Test Market",
        slug="test",
        venue="Hall",
        city="Hong Kong",
        starts_on="2030-03-17",
        ends_on="2030-03-20",
        is_current=True,
    )
    region = Region.objects.create(code="HK", name="Hong Kong")
    for n in range(count):
        pavilion = Pavilion.objects.create(market=market, name=f"Pavilion {n}", slug=f"p{n}", region=region)
        Exhibitor.objects.create(
            market=market,
            name=f"Company {n}",
            slug=f"c{n}",
            region=region,
            pavilion=pavilion,
            company_type="studio",
            hall="1A",
            stand=f"A{n}",
        )
    return market


@pytest.mark.parametrize("pavilions", [1, 25])
def test_home_query_count_does_not_grow_with_the_market(client, pavilions):
    _market_with_pavilions(pavilions)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert f"Pavilion {pavilions - 1}" in html
    assert len(queries) == 4, [q["sql"] for q in queries]


def test_demo_mode_shows_the_demo_logins_and_mailbox(client, settings):
    settings.DEMO_MODE = True
    assert "rep@example.com" in client.get(reverse("account_login")).content.decode()
    assert client.get(reverse("notifications:mailbox")).status_code == 200


def test_outside_demo_mode_there_is_no_mailbox_and_no_published_login(client, settings):
    settings.DEMO_MODE = False
    assert "rep@example.com" not in client.get(reverse("account_login")).content.decode()
    assert client.get(reverse("notifications:mailbox")).status_code == 404
    assert client.get("/mailbox/1/").status_code == 404
