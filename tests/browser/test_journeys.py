import re

import pytest
from playwright.sync_api import expect

from demo.accounts import DEMO_PASSWORD
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_as_a_buyer_and_verify_from_the_demo_mailbox(page, demo_market):
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Full name").fill("Ana Souza")
    page.get_by_label("Email").fill("ana@globo.example")
    page.get_by_label("A buyer: I license content").check()
    page.get_by_label("Password", exact=True).fill("Sunset-over-Victoria-9")
    page.get_by_label("Password (again)").fill("Sunset-over-Victoria-9")
    screenshot(page, "signup-filled")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    page.goto("/mailbox/")
    page.get_by_role("link", name=re.compile("Please Confirm Your Email Address")).click()
    page.locator('a[href*="/accounts/confirm-email/"]').click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Welcome, Ana")).to_be_visible()
    expect(page.get_by_text("Find titles you can license")).to_be_visible()
    assert not page.console_errors, page.console_errors


def test_bad_sign_up_keeps_what_was_typed(page, demo_market):
    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill("Ana Souza")
    page.get_by_label("Email").fill("buyer@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("short")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_text("An account already uses this address")).to_be_visible()
    expect(page.get_by_text("Tell us whether you are a buyer or an exhibitor.")).to_be_visible()
    expect(page.get_by_text("This password is too short")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Ana Souza")
    expect(page.get_by_label("Email")).to_have_value("buyer@example.com")
    screenshot(page, "signup-errors")


@pytest.mark.parametrize(
    ("email", "greeting", "role_text"),
    [
        ("buyer@example.com", "Welcome, Ploy", "Find titles you can license"),
        ("rep@example.com", "Welcome, Li", "Your company: Tencent Video"),
        ("organiser@example.com", "Welcome, Market", "Run the market"),
    ],
)
def test_each_demo_role_signs_in(page, demo_market, email, greeting, role_text):
    sign_in(page, email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=greeting)).to_be_visible()
    expect(page.get_by_text(role_text)).to_be_visible()
    screenshot(page, f"home-{email.split('@')[0]}")
    if email.startswith("organiser"):
        page.get_by_role("link", name="Open admin").click()
        expect(page.get_by_role("link", name="Exhibitors").first).to_be_visible()
        page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#site-nav").get_by_role("link", name="Sign in")).to_be_visible()


def test_switch_language(page, demo_market):
    page.goto("/")
    expect(page.get_by_role("heading", name="Get started")).to_be_visible()
    page.get_by_label("Language").select_option("zh-hant")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    expect(page.get_by_role("heading", name=demo_market.name_zh_hant)).to_be_visible()
    expect(page.get_by_role("heading", name="開始使用")).to_be_visible()
    page.get_by_label("語言").select_option("zh-hans")
    expect(page.get_by_role("heading", name="开始使用")).to_be_visible()
    screenshot(page, "home-zh-hans")


def test_home_fits_a_phone(phone_page, demo_market):
    phone_page.goto("/")
    expect(phone_page.get_by_role("heading", name=demo_market.name)).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width}px"
    nav_sign_in = phone_page.locator("#site-nav").get_by_role("link", name="Sign in")
    expect(nav_sign_in).to_be_hidden()  # folded away on a phone
    phone_page.get_by_role("button", name="Menu").click()
    expect(nav_sign_in).to_be_visible()
    screenshot(phone_page, "home-phone")


def test_account_settings_update_in_place_with_htmx(page, demo_market):
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    page.get_by_role("link", name="Account", exact=True).click()
    page.evaluate("window.sameDocument = true")  # survives only if nothing reloads the page
    page.get_by_label("Home time zone").fill("Mars/Olympus")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("is not a time zone name")).to_be_visible()
    expect(page.get_by_label("Home time zone")).to_have_value("Mars/Olympus")
    page.get_by_label("Home time zone").fill("Asia/Bangkok")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True
    screenshot(page, "account-settings")
