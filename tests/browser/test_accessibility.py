"""Every main page, as each kind of user sees it: axe-core finds no serious or critical WCAG 2.2 AA problem,
the page fits a 390 px phone without scrolling sideways, and screenshots at 390 and 1280 px are kept in
test-artifacts/screenshots/ for people to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from exhibitors.models import Title
from filmart.demo_accounts import DEMO_PASSWORD
from meetings.models import Meeting, Status
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
WIDTHS = (1280, 390)


def pages_of(role: str, market) -> dict[str, str]:
    """Name -> address of the pages each kind of user works with."""
    if role == "visitor":
        return {
            "home": "/",
            "password-reset": "/accounts/password/reset/",
            "sign-in": "/accounts/login/",
            "sign-up": "/accounts/signup/",
        }
    if role == "buyer":
        meeting = Meeting.objects.filter(buyer__email="buyer@example.com", status=Status.ACCEPTED).first()
        title = Title.objects.filter(original_language="zh").order_by("pk").first()
        return {
            "buyer-home": "/",
            "directory": "/exhibitors/?q=drama",
            "catalogue": "/titles/?genre=drama",
            "exhibitor": "/exhibitors/tencent/",
            "title": f"/titles/{title.slug}/",
            "slot-picker": "/meetings/book/tencent/",
            "agenda": "/meetings/",
            "timetable": f"/meetings/?view=timetable&day={market.starts_on.isoformat()}",
            "requests": "/meetings/requests/",
            "meeting": f"/meetings/{meeting.pk}/",
            "matches": "/matches/",
            "shortlist": "/shortlist/",
            "settings": "/account/settings/",
        }
    if role == "rep":
        return {
            "manage": "/manage/",
            "rep-agenda": "/meetings/",
            "team-calendar": "/meetings/team/",
            "open-hours": "/meetings/hours/",
        }
    return {
        "console": "/organiser/",
        "exports": "/organiser/exports/",
        "announcements": "/organiser/announcements/",
    }


def serious_problems(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[n['target'] for n in violation['nodes']]}"
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "role, email",
    [
        ("visitor", None),
        ("buyer", "buyer@example.com"),
        ("rep", "rep@example.com"),
        ("organiser", "organiser@example.com"),
    ],
)
def test_main_pages_are_accessible_and_fit_a_phone(browser, live_server, demo_market, role, email):
    context = browser.new_context(base_url=live_server.url, viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if email:
        sign_in(page, email, DEMO_PASSWORD)
        page.wait_for_url("**/")
    problems, too_wide = {}, {}
    for name, address in pages_of(role, demo_market).items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
            response = page.goto(address)
            assert response.ok and response.url.endswith(address), f"{address}: {response.status} {response.url}"
            if width == WIDTHS[0] and (found := serious_problems(page)):
                problems[address] = found
            if width == 390 and (scroll := page.evaluate("document.documentElement.scrollWidth")) > 390:
                too_wide[address] = scroll
            screenshot(page, f"{name}-{width}")
    context.close()
    assert not problems, problems
    assert not too_wide, f"pages that scroll sideways at 390 px: {too_wide}"
