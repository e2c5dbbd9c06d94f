import re

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import Role, User
from notifications.models import OutboundEmail
from notifications.services import outbox_sweep
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Ana Souza",
    "email": "ana@globo.example",
    "role": "buyer",
    "password1": "Sunset-over-Victoria-9",
    "password2": "Sunset-over-Victoria-9",
}


def confirmation_link(body: str) -> str:
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body)
    assert match, body
    return match.group(0)


def test_buyer_signs_up_and_verifies_the_address_from_the_email(client, smtp_sink):
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)
    user = User.objects.get(email="ana@globo.example")
    assert (user.role, user.full_name) == (Role.BUYER, "Ana Souza")
    assert not EmailAddress.objects.get(user=user).verified
    assert "We have sent an email" in response.content.decode() or "Verify Your Email" in response.content.decode()

    row = OutboundEmail.objects.get(recipients=["ana@globo.example"])
    assert outbox_sweep() == 1
    [received] = smtp_sink.messages
    assert received["To"] == "ana@globo.example"
    assert received["Subject"] == row.subject
    body = received.get_body(("plain",)).get_content()
    assert "Hello from FILMART!" in body
    link = confirmation_link(body)

    path = link.split("testserver", 1)[1]
    assert "Confirm" in client.get(path).content.decode()
    response = client.post(path, follow=True)
    assert EmailAddress.objects.get(user=user).verified
    assert response.wsgi_request.user == user  # signed in on confirmation


def test_exhibitor_role_is_stored(client):
    client.post(reverse("account_signup"), {**SIGNUP, "role": "exhibitor"})
    assert User.objects.get(email=SIGNUP["email"]).role == Role.EXHIBITOR


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": ""}, "Tell us whether you are a buyer or an exhibitor."),
        ({"role": "organiser"}, "Select a valid choice"),
        ({"password1": "12345678", "password2": "12345678"}, "This password is too short"),
        ({"password1": "password1234", "password2": "password1234"}, "This password is too common"),
        ({"password2": "something-else-entirely"}, "You must type the same password each time"),
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"full_name": ""}, "This field is required"),
    ],
)
def test_bad_signup_input_explains_and_keeps_what_was_typed(client, change, message):
    response = client.post(reverse("account_signup"), {**SIGNUP, **change})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.replace("&#x27;", "'")
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    for field in ("full_name", "email"):
        if field not in change:
            assert f'value="{SIGNUP[field]}"' in html


def test_taken_email_is_refused_with_a_clear_message(client):
    UserFactory(email="taken@example.org")
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": "Taken@Example.org"})
    html = response.content.decode()
    assert "An account already uses this address" in html
    errors = html.split('class="field-errors"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/accounts/login/"' in errors and 'href="/accounts/password/reset/"' in errors
    assert 'value="Ana Souza"' in html
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_unverified_address_cannot_sign_in(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)
    assert not response.wsgi_request.user.is_authenticated
    assert reverse("account_email_verification_sent") in [url for url, _status in response.redirect_chain]


def test_password_reset_does_not_reveal_which_addresses_have_accounts(client, smtp_sink):
    user = UserFactory()
    known = client.post(reverse("account_reset_password"), {"email": user.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    outbox_sweep()
    by_recipient = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp_sink.messages}
    assert "/accounts/password/reset/key/" in by_recipient[user.email]
    assert "/accounts/password/reset/key/" not in by_recipient.get("nobody@example.org", "")


def test_failed_sign_ins_are_rate_limited_in_the_shared_cache(client):
    user = UserFactory()
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_email_is_unique_whatever_its_case():
    UserFactory(email="same@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create(email="SAME@example.org")


def test_an_organiser_is_always_staff():
    with pytest.raises(IntegrityError):
        User.objects.create(email="o@example.org", role=Role.ORGANISER, is_staff=False)


def test_language_choice_is_remembered_on_the_account(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:language"), {"language": "zh-hant", "next": "/"})
    user.refresh_from_db()
    assert user.language == "zh-hant"
    client.cookies.clear()  # a new browser: the account still knows
    client.force_login(user)
    response = client.get(reverse("accounts:settings"))
    assert response.headers["Content-Language"] == "zh-hant"


def test_account_settings_reject_an_unknown_time_zone_and_keep_the_input(client):
    user = UserFactory(full_name="Old Name")
    client.force_login(user)
    response = client.post(
        reverse("accounts:settings"), {"full_name": "New Name", "language": "", "time_zone": "Mars/Olympus"}
    )
    html = response.content.decode()
    assert "is not a time zone name" in html
    assert 'value="New Name"' in html
    user.refresh_from_db()
    assert user.full_name == "Old Name"
    client.post(reverse("accounts:settings"), {"full_name": "New Name", "language": "en", "time_zone": "Europe/Paris"})
    user.refresh_from_db()
    assert (user.full_name, user.time_zone) == ("New Name", "Europe/Paris")


def test_two_factor_totp_is_offered_and_enforced(client):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    user = UserFactory()
    client.force_login(user)
    assert "Authenticator App" in client.get(reverse("mfa_index")).content.decode()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.logout()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)
    assert not response.wsgi_request.user.is_authenticated
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code" in response.content.decode()
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_authenticate"), {"code": code}, follow=True)
    assert response.wsgi_request.user == user


def test_account_settings_over_htmx_swap_only_the_form(client):
    user = UserFactory(full_name="Old Name")
    client.force_login(user)
    url = reverse("accounts:settings")
    response = client.post(url, {"full_name": "", "language": "", "time_zone": ""}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<form method="post"') and "<html" not in html
    assert "This field is required" in html

    response = client.post(
        url,
        {"full_name": "Ploy S.", "language": "", "time_zone": "Asia/Bangkok"},
        headers={"HX-Request": "true"},
    )
    assert "Your settings are saved." in response.content.decode()
    assert "HX-Refresh" not in response.headers
    user.refresh_from_db()
    assert (user.full_name, user.time_zone) == ("Ploy S.", "Asia/Bangkok")

    response = client.post(
        url, {"full_name": "Ploy S.", "language": "zh-hans", "time_zone": ""}, headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Refresh"] == "true"
