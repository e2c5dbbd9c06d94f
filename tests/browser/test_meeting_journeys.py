import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from demo.accounts import DEMO_PASSWORD
from meetings.models import Availability, Meeting, Status
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_requests_a_slot_the_rep_accepts_both_see_it_and_the_buyer_gets_the_ics(
    browser, live_server, demo_market
):
    buyer = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = buyer.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.goto("/exhibitors/tencent/")
    page.get_by_role("link", name="Request a meeting").click()
    expect(page.get_by_role("heading", name="Request a meeting with Tencent Video")).to_be_visible()

    # Another day through htmx: only the slots change, the message typed so far stays.
    page.get_by_label("Message").fill("Costume dramas for Thailand, SVOD")
    page.locator("input[name=day]").nth(1).check()
    expect(page.locator("input[name=day]").nth(1)).to_be_checked()
    day = page.locator("input[name=day]").nth(1).get_attribute("value")
    expect(page).to_have_url(re.compile(rf"/meetings/book/tencent/\?.*day={day}"))  # shareable, back button works
    expect(page.get_by_label("Message")).to_have_value("Costume dramas for Thailand, SVOD")
    free = page.locator("#slots button.slot-free").count()
    expect(page.locator("#slots-status")).to_have_text(re.compile(rf"^{free} free slots? on \w+day "))
    slot = page.locator("#slots button.slot-free").first
    slot_text = slot.inner_text()
    screenshot(page, "meeting-slot-picker")
    slot.click()
    expect(page.get_by_text("Request sent.", exact=False)).to_be_visible()
    meeting = Meeting.objects.get(buyer__email="buyer@example.com", message="Costume dramas for Thailand, SVOD")
    assert meeting.status == Status.PENDING
    assert meeting.start.astimezone(ZoneInfo(demo_market.time_zone)).date().isoformat() == day

    rep = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    rep_page = rep.new_page()
    rep_page.set_default_timeout(15_000)
    sign_in(rep_page, "rep@example.com", DEMO_PASSWORD)
    rep_page.goto("/meetings/requests/")
    rep_page.locator(f"a[href='/meetings/{meeting.pk}/']").click()
    expect(rep_page.get_by_text("Costume dramas for Thailand, SVOD")).to_be_visible()
    rep_page.get_by_role("button", name="Accept").click()
    expect(rep_page.get_by_text("Accepted: the meeting is in both agendas.")).to_be_visible()
    rep_page.goto(f"/meetings/?day={day}")
    expect(rep_page.locator(".meeting-card", has_text="Siam Stream").first).to_be_visible()
    screenshot(rep_page, "meeting-rep-agenda-phone")
    assert rep_page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"/meetings/?day={day}")
    card = page.locator(".meeting-card", has_text=slot_text.split("(")[0].strip()).filter(has_text="Tencent Video")
    expect(card).to_be_visible()
    card.get_by_role("link", name="Tencent Video").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["method"]) == "REQUEST" and str(event["uid"]) == meeting.ical_uid
    assert event.decoded("dtstart") == Meeting.objects.get(pk=meeting.pk).start
    buyer.close()
    rep.close()


def test_a_rep_publishes_an_hour_at_a_lounge_table_the_form_asks_only_what_fits(phone_page, demo_market):
    sign_in(phone_page, "rep@example.com", DEMO_PASSWORD)
    phone_page.goto("/meetings/hours/")
    table, link = phone_page.get_by_label("Meeting table"), phone_page.get_by_label("Link for online meetings")
    expect(table).to_be_hidden()  # at the booth: nothing more to say
    expect(link).to_be_hidden()
    phone_page.get_by_label("Where").select_option(label="Meeting table or room")
    expect(table).to_be_visible()
    expect(link).to_be_hidden()
    phone_page.get_by_label("From").fill("13:00")
    phone_page.get_by_label("To").fill("14:00")
    table.select_option(label="Business Lounge table 60")
    screenshot(phone_page, "meeting-hours-table-phone")
    phone_page.get_by_role("button", name="Add").click()
    expect(phone_page.get_by_text("Saved.")).to_be_visible()
    expect(
        phone_page.locator(".manage-row", has_text="13:00–14:00").filter(has_text="Business Lounge table 60")
    ).to_be_visible()
    window = Availability.objects.select_related("table").get(rep__email="rep@example.com", table__isnull=False)
    assert (window.table.code, window.during.upper - window.during.lower) == ("BL-60", timedelta(hours=1))


def test_the_agenda_opens_offline_once_loaded_and_is_forgotten_at_sign_out(page, demo_market):
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.goto("/meetings/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now the service worker looks after the page
    meeting = Meeting.objects.filter(buyer__email="buyer@example.com", status=Status.ACCEPTED).first()
    page.goto(f"/meetings/{meeting.pk}/")
    page.goto("/meetings/")
    cards = page.locator(".meeting-card").count()
    assert cards > 0

    page.context.set_offline(True)  # the hall's Wi-Fi is gone
    page.goto("/meetings/")
    expect(page.get_by_role("heading", name="Your agenda")).to_be_visible()
    expect(page.locator(".meeting-card")).to_have_count(cards)
    expect(page.get_by_text("You are offline: this is the copy kept on this device")).to_be_visible()
    screenshot(page, "agenda-offline")
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.get_by_text(meeting.exhibitor.name).first).to_be_visible()
    page.goto(f"/meetings/?day={demo_market.starts_on.isoformat()}")  # never opened: the agenda instead
    expect(page.get_by_role("heading", name="Your agenda")).to_be_visible()

    page.context.set_offline(False)
    page.goto("/meetings/")
    expect(page.get_by_text("You are offline")).to_be_hidden()
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#site-nav").get_by_role("link", name="Sign in")).to_be_visible()
    assert page.evaluate("caches.has('filmart-pages')") is False  # the next person sees nothing of it


def focused_is(page, locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def test_the_slot_picker_and_the_filters_work_from_the_keyboard_alone(page, demo_market):
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.goto("/meetings/book/tencent/")
    days = page.locator("input[name=day]")
    days.first.focus()
    page.keyboard.press("ArrowRight")  # the next day, as in any radio group
    expect(days.nth(1)).to_be_checked()
    expect(page.locator("#slots-status")).to_contain_text(" on ")
    expect(days.nth(1)).to_be_focused()  # the slots were swapped in, and the focus stayed on the day

    first_free = page.locator("#slots button.slot-free").first
    for _press in range(30):
        page.keyboard.press("Tab")
        if focused_is(page, first_free):
            break
    else:
        pytest.fail("Tab never reached the first free slot")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Request sent.", exact=False)).to_be_visible()

    page.goto("/titles/")
    svod = page.locator(".facet").filter(has_text="Rights available").get_by_label("SVOD")
    svod.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"media=svod"))
    expect(svod).to_be_checked()
    expect(svod).to_be_focused()  # the results changed around it; the keyboard user is still where they were
