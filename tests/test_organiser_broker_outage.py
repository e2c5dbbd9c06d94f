"""Exports and announcements asked for while Redis is down: the page answers at once, and the organiser
sweep (beat, every minute) hands them to a worker once the broker is back."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organiser.models import Announcement, AnnouncementStatus, Export, ExportStatus
from organiser.tasks import organiser_sweep
from tests.factories import UserFactory
from tests.meetings_fixtures import verified_buyer
from web.queue import broker_pause_end

pytestmark = pytest.mark.django_db(transaction=True)


def published(broker) -> list[str]:
    return [json.loads(raw)["headers"]["task"] for raw in broker.client().lrange("celery", 0, -1)]


def test_work_asked_for_while_redis_is_down_starts_when_it_is_back(client, broker, market):
    organiser = UserFactory(role="organiser", is_staff=True)
    verified_buyer()
    client.force_login(organiser)
    broker.stop()

    began = time.perf_counter()
    client.post(reverse("organiser:exports"), {"kind": "buyers", "file_format": "csv"})
    page = client.post(
        reverse("organiser:announcements"), {"segment": "buyers", "subject": "Welcome", "body": "Doors open at 10."}
    )
    client.post(page.url)
    assert time.perf_counter() - began < 5  # no page waited on the broker
    assert Announcement.objects.get().status == AnnouncementStatus.SENDING
    export = Export.objects.get()
    assert export.status == ExportStatus.QUEUED

    broker.start()
    broker_pause_end()  # beat's sweep runs a minute later, long after this process's pause after the failures
    organiser_sweep()  # the export is too fresh to need restarting; the announcement has nothing written yet
    assert published(broker) == ["organiser.tasks.announcement_write"]
    broker.client().delete("celery")

    Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    organiser_sweep()
    assert sorted(published(broker)) == ["organiser.tasks.announcement_write", "organiser.tasks.export_build"]
