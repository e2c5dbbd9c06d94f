"""Every page each kind of user can reach by following links, found by a crawl from their home page: axe-core
finds no serious or critical WCAG 2.2 AA problem at 1280 px, the page fits a 390 px phone without scrolling
sideways, and screenshots at both widths are kept in test-artifacts/screenshots/ for people to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from demo.accounts import DEMO_PASSWORD
from tests.browser.conftest import screenshot, sign_in
from tests.browser.crawl import Crawl, file_name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Kinds of page per role: enough to keep the run short, more than any role reaches today.
PAGE_LIMIT = 60

# Pages each crawl must reach (URL pattern names): if a link to one of them goes missing the crawl would
# silently check less, so the test says so instead.
MUST_REACH = {
    "visitor": {"pages:home", "account_login", "account_signup", "account_reset_password"},
    "buyer": {
        "exhibitors:directory",
        "exhibitors:exhibitor",
        "exhibitors:catalogue",
        "exhibitors:title",
        "meetings:book",
        "meetings:agenda",
        "meetings:detail",
        "meetings:requests",
        "matchmaking:matches",
        "matchmaking:shortlist",
        "accounts:settings",
        "scheduling:buyer_wishes",
        "scheduling:day_plan",
    },
    "rep": {
        "workspace:home",
        "workspace:profile",
        "workspace:team",
        "workspace:title",
        "workspace:rights_edit",
        "meetings:team_agenda",
        "meetings:hours",
        "meetings:invite",
        "scheduling:team_wishes",
    },
    "organiser": {
        "organiser:console",
        "organiser:exports",
        "organiser:announcements",
        "admin:index",
        "scheduling:rounds",
        "scheduling:round",
    },
}


def serious_problems(axe: Axe, page) -> list[str]:
    result = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[n['target'] for n in violation['nodes']]}"
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "role, email, start",
    [
        ("visitor", None, ["/"]),
        ("buyer", "buyer@example.com", ["/"]),
        ("rep", "rep@example.com", ["/"]),
        ("organiser", "organiser@example.com", ["/", "/organiser/"]),
    ],
)
def test_every_page_reached_is_accessible_and_fits_a_phone(browser, live_server, demo_market, role, email, start):
    context = browser.new_context(base_url=live_server.url, viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    if email:
        sign_in(page, email, DEMO_PASSWORD)
        page.wait_for_url("**/")
    axe = Axe()
    crawl = Crawl(origin=live_server.url, start=start, limit=PAGE_LIMIT)
    problems, too_wide, broken = {}, {}, {}
    for address in crawl:
        page.set_viewport_size(WIDE)
        response = page.goto(address)
        if not response.ok:
            broken[address] = response.status
            continue
        # A redirect (to sign in, to reauthenticate) may land on a kind of page already checked.
        if (kind := crawl.arrive(page.url)) is None:
            continue
        crawl.offer_links(page, found_on=address)
        if found := serious_problems(axe, page):
            problems[address] = found
        screenshot(page, f"{file_name(role, kind)}-1280")
        page.set_viewport_size(PHONE)
        if (scroll := page.evaluate("document.documentElement.scrollWidth")) > PHONE["width"]:
            too_wide[address] = scroll
        screenshot(page, f"{file_name(role, kind)}-390")
    context.close()

    reached = {address: name for address, name in crawl.reached.values()}
    missing = MUST_REACH[role] - set(reached.values())
    failures = {
        "serious or critical axe problems": problems,
        "pages that scroll sideways at 390 px (scrollWidth)": too_wide,
        "links that lead to an error": broken,
        "malformed links (page, link)": crawl.malformed,
        "pages the crawl did not reach": sorted(missing),
    }
    if any(failures.values()):
        pytest.fail(
            "\n".join(
                [f"{role}: {len(reached)} kinds of page reached: {sorted(reached)}"]
                + [f"{what}: {found}" for what, found in failures.items() if found]
            ),
            pytrace=False,
        )
