import copy
import logging

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests import settings as project_settings
from tests.security.world import build_world


@pytest.fixture(scope="module")
def victim_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The victim world, built once per module inside a transaction that is rolled back at the module's end; each
    test runs in a savepoint of its own within it, so no test sees another's writes."""
    root = tmp_path_factory.mktemp("victim-files")
    storages = copy.deepcopy(settings.STORAGES)
    if "private" in storages:
        storages["private"].setdefault("OPTIONS", {})["location"] = str(root / "private")
    overrides = override_settings(
        MEDIA_ROOT=root / "media",
        PRIVATE_ROOT=root / "private",
        STORAGES=storages,
        # The outbox, as in every test (the conftest's function-scoped fixture has not run yet at module scope).
        MAILERS=copy.deepcopy(project_settings.MAILERS),
    )
    with django_db_blocker.unblock(), overrides, translation.override("en"), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def quiet_refusals():
    """Thousands of expected 404s and 405s would bury a failure's report; errors still log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def plain_templates(monkeypatch):
    """Templates rendered as in production: the test client's per-render bookkeeping (kept for assertions on
    response.context, which these tests do not make) would double the time of thousands of requests."""
    from django.template.base import Template
    from django.test.utils import _TestState

    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)
