"""The app in each of its three languages: first the browser's, then the one the buyer picks (stored on the
account), on the home, directory, title, request and agenda pages, and in an email a real worker delivers,
which follows its recipient's language, not the sender's."""

import time

import pytest
from playwright.sync_api import expect

from accounts.models import User
from demo.accounts import DEMO_PASSWORD
from exhibitors.models import Title
from meetings import services
from meetings.models import Meeting, Status
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each page says in each language, written out here so a missing translation cannot pass unnoticed.
LANGUAGES = {
    "en": {
        "browser": "en-GB",
        "label": "English",
        "get_started": "Get started",
        "directory": "Exhibitors",
        "rights": "Rights available",
        "request_heading": "Request a meeting with Tencent Video",
        "request_sent": "Request sent. The answer will appear here and in your requests.",
        "agenda": "Your agenda",
        "email_subject": "Meeting confirmed with Tencent Video (Li Wei)",
        "title": "Blossoms Shanghai",
    },
    "zh-hant": {
        "browser": "zh-HK",
        "label": "繁體中文",
        "get_started": "開始使用",
        "directory": "參展商",
        "rights": "可授權版權",
        "request_heading": "向 騰訊視頻 請求會議",
        "request_sent": "請求已送出。回覆會在這裡及你的請求列表中顯示。",
        "agenda": "你的日程",
        "email_subject": "已確認與 騰訊視頻 (Li Wei) 的會議",
        "title": "繁花",
    },
    "zh-hans": {
        "browser": "zh-CN",
        "label": "简体中文",
        "get_started": "开始使用",
        "directory": "参展商",
        "rights": "可授权版权",
        "request_heading": "向 腾讯视频 请求会议",
        "request_sent": "请求已发送。回复会在这里及你的请求列表中显示。",
        "agenda": "你的日程",
        "email_subject": "已确认与 腾讯视频 (Li Wei) 的会议",
        "title": "繁花",
    },
}


def wait_for_mail(smtp_sink, subject: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(message["Subject"] == subject for message in smtp_sink.messages):
            return
        time.sleep(0.2)
    raise AssertionError(f"no email {subject!r}; got {[m['Subject'] for m in smtp_sink.messages]}")


def fits_a_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways: {width}px"


def test_each_language_on_the_main_pages_and_in_a_received_email(
    browser, live_server, demo_market, celery_worker, smtp_sink
):
    blossoms = Title.objects.get(english_title="Blossoms Shanghai")
    rep = User.objects.get(email="rep@example.com")
    for language, text in LANGUAGES.items():
        context = browser.new_context(
            base_url=live_server.url, locale=text["browser"], viewport={"width": 390, "height": 844}, is_mobile=True
        )
        page = context.new_page()
        page.set_default_timeout(15_000)

        page.goto("/")  # signed out: the browser's language
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", name=text["get_started"])).to_be_visible()

        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill("buyer@example.com")
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("input[name=password]").press("Enter")
        expect(page.locator("#language-select")).to_be_visible()
        page.locator("#language-select").select_option(language)  # chosen: kept on the account
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert User.objects.get(email="buyer@example.com").language == language

        page.goto("/exhibitors/")
        expect(page.get_by_role("heading", level=1)).to_have_text(text["directory"])
        fits_a_phone(page)
        page.goto(f"/titles/{blossoms.slug}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(text["title"])
        expect(page.get_by_role("heading", name=text["rights"])).to_be_visible()
        fits_a_phone(page)
        page.goto("/meetings/book/tencent/")
        expect(page.get_by_role("heading", level=1)).to_have_text(text["request_heading"])
        fits_a_phone(page)
        page.locator("#slots button.slot-free").first.click()
        expect(page.get_by_text(text["request_sent"])).to_be_visible()
        screenshot(page, f"request-sent-{language}")
        page.goto("/meetings/")
        expect(page.get_by_role("heading", level=1)).to_have_text(text["agenda"])
        fits_a_phone(page)
        context.close()

        meeting = Meeting.objects.filter(buyer__email="buyer@example.com", status=Status.PENDING).latest("created_at")
        services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
        wait_for_mail(smtp_sink, text["email_subject"])  # the buyer's language, whoever accepted

    # The rep never chose a language: each request reached them in English, whatever the buyer read.
    to_rep = [m["Subject"] for m in smtp_sink.messages if m["To"] == "rep@example.com"]
    assert sum(subject.startswith("Meeting request from ") for subject in to_rep) == len(LANGUAGES)
