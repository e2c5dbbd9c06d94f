import csv
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from demo.accounts import DEMO_PASSWORD
from exhibitors.models import Pavilion
from markets.timekeeping import day_range
from matchmaking.models import BuyerProfile, Verification
from meetings import services
from meetings.models import Meeting, Status
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    # Exports go to private storage: the worker process writes them there, the live server streams them.
    private = {"BACKEND": "web.storage.PrivateStorage", "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}
    monkeypatch.setenv("PRIVATE_ROOT", str(tmp_path / "private"))


def new_page(browser, live_server, **viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def test_the_organiser_verifies_exports_and_announces_and_a_rep_checks_in(
    browser, live_server, demo_market, celery_worker, smtp_sink, monkeypatch
):
    page = new_page(browser, live_server)
    sign_in(page, "organiser@example.com", DEMO_PASSWORD)

    # Verify a waiting buyer from the admin queue.
    waiting = BuyerProfile.objects.filter(verification=Verification.PENDING).order_by("company").first()
    page.goto(f"/admin/matchmaking/buyerprofile/?verification__exact=pending&q={waiting.user.email}")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("verify")
    page.locator("button[name=index]").click()
    expect(page.get_by_text("1 buyer verified.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.verification == Verification.VERIFIED

    # Export the meetings of the first day, from the console, and download the file.
    day = demo_market.starts_on
    page.goto(f"/organiser/?day={day.isoformat()}")
    page.get_by_role("link", name="Export").click()
    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Write the file").click()
    download_link = page.get_by_role("link", name="Download")
    expect(download_link).to_be_visible()  # the page polled until the worker finished
    with page.expect_download() as download:
        download_link.first.click()
    rows = list(csv.reader(Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()))
    expected = Meeting.objects.filter(market=demo_market, during__overlap=day_range(demo_market, day)).count()
    assert len(rows) == 1 + expected and rows[0][0] == "Meeting"

    # Announce to one pavilion's teams and watch it go out.
    pavilion = (
        Pavilion.objects.filter(market=demo_market)
        .annotate(people=Count("exhibitors__team"))
        .filter(people__gt=0)
        .order_by("people", "name")
        .first()
    )
    page.goto("/organiser/announcements/")
    page.get_by_label("To").select_option("pavilion")
    page.get_by_label("Pavilion").select_option(str(pavilion.pk))
    page.get_by_label("Subject").fill("Booth build-up")
    page.get_by_label("Message").fill("Your hall opens at 8 for build-up.")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Send to").click()
    expect(page.get_by_role("heading", name="Sent")).to_be_visible(timeout=60_000)
    screenshot(page, "organiser-announcement-sent")
    received = [m for m in smtp_sink.messages if m["Subject"] == "Booth build-up"]
    assert len(received) == pavilion.people and len({m["To"] for m in received}) == pavilion.people

    # A rep checks a meeting in at the booth.
    monkeypatch.setattr(services, "CHECK_IN_EARLY", timedelta(days=3650))
    rep_page = new_page(browser, live_server, width=390, height=844)
    sign_in(rep_page, "rep@example.com", DEMO_PASSWORD)
    meeting = Meeting.objects.filter(rep__email="rep@example.com", status=Status.ACCEPTED).order_by("during").first()
    rep_page.goto(f"/meetings/{meeting.pk}/")
    rep_page.get_by_role("button", name="Check in: we met").click()
    expect(rep_page.get_by_text("Checked in: the meeting happened.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.attendance == "met" and meeting.checked_in_at is not None
