"""The usual catalogue and directory questions (nothing chosen, or one filter) are counted ahead by a worker
whenever the catalogue changes: the first reader of such a question runs no count, and a change voids the
counts in its own transaction, so nobody reads counts older than the catalogue."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exhibitors import services
from exhibitors.models import CatalogueCounts, CatalogueGeneration, Title
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
COUNTING = "WITH base AS MATERIALIZED"  # the catalogue's counting statement


def read(client, path: str, params: dict) -> tuple[str, list[str]]:
    cache.clear()  # no read-through cache: only what was counted ahead can spare the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    page = re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", response.content.decode())
    return page, [query["sql"] for query in queries]


@pytest.fixture
def counted(demo_market):
    for market_id in services.catalogue_counts_missing():
        services.catalogue_counts_precompute(market_id=market_id)
    assert services.catalogue_counts_missing() == []
    return demo_market


def test_the_first_reader_of_a_usual_question_runs_no_count_and_sees_the_live_figures(client, counted):
    client.force_login(UserFactory())
    catalogue = reverse("exhibitors:catalogue")
    for params in ({}, {"genre": "drama"}, {"media": "svod"}, {"territory": "TH"}):
        first, queries = read(client, catalogue, params)
        assert not [sql for sql in queries if COUNTING in sql], params
        # The same page counted live (a question nobody counted ahead: the counts are computed for it).
        CatalogueCounts.objects.all().delete()
        live, queries = read(client, catalogue, params)
        assert [sql for sql in queries if COUNTING in sql], params
        assert first == live, params
        services.catalogue_counts_precompute(market_id=counted.pk)

    directory = reverse("exhibitors:directory")
    first, _queries = read(client, directory, {"type": "distributor"})
    CatalogueCounts.objects.all().delete()
    assert read(client, directory, {"type": "distributor"})[0] == first


def test_a_change_voids_the_counts_in_its_own_transaction_and_a_worker_counts_them_again(client, counted):
    client.force_login(UserFactory())
    title = Title.objects.filter(genres__contains=["drama"]).first()
    before = Title.objects.filter(genres__contains=["drama"]).count()

    services.title_delete(title=title)

    assert not CatalogueCounts.objects.exists()  # nothing stale is left to read
    assert services.catalogue_counts_missing() == [counted.pk]
    page, _queries = read(client, reverse("exhibitors:catalogue"), {"genre": "drama"})
    assert f"{before - 1} titles" in page or f"{before - 1:,} titles" in page
    assert services.catalogue_counts_precompute(market_id=counted.pk) > 0
    assert services.catalogue_counts_missing() == []


def test_counts_of_a_catalogue_that_changed_while_they_were_counted_are_not_stored(counted, monkeypatch):
    from exhibitors import selectors

    usual = selectors.usual_count_questions

    def a_change_meanwhile(*, market):
        questions = usual(market=market)
        CatalogueGeneration.objects.filter(pk=1).update(generation=F("generation") + 1)  # another change committed
        return questions

    monkeypatch.setattr(services, "usual_count_questions", a_change_meanwhile)
    CatalogueCounts.objects.all().delete()
    assert services.catalogue_counts_precompute(market_id=counted.pk) == 0
    assert not CatalogueCounts.objects.exists()
