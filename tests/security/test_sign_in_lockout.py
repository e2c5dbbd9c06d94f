"""Every way to sign in goes through allauth: its rate limits lock an account after repeated wrong passwords, and
its second factor stands between a password and the admin. The counters live in the Redis cache (cleared before
each test by the root conftest)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client
from django.urls import reverse

from organiser.permissions import organiser_group_sync
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTEMPTS = 50
TOO_MANY = "Too many failed login attempts"
ELSEWHERE = "203.0.113.9"  # another address: the account is locked, not just the address that guessed


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def allauth_sign_in(client: Client, email: str, password: str, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def admin_sign_in(client: Client, email: str, password: str, **extra):
    # Django's admin form names the field "username" (the user model's USERNAME_FIELD is the email).
    return client.post(reverse("admin:login"), {"username": email, "password": password}, **extra)


@pytest.fixture
def organiser():
    user = UserFactory(role="organiser", is_staff=True, email="ops@filmart.example")
    user.groups.add(organiser_group_sync())
    return user


def test_fifty_wrong_passwords_lock_the_account(client):
    buyer = UserFactory(email="ploy@siam.example")
    for _ in range(ATTEMPTS):
        allauth_sign_in(client, buyer.email, "not-the-password")
        assert not signed_in(client)

    response = allauth_sign_in(client, buyer.email, PASSWORD, REMOTE_ADDR=ELSEWHERE)
    assert not signed_in(client)
    assert TOO_MANY in response.content.decode()


def test_a_locked_organiser_signs_in_neither_at_the_site_nor_at_the_admin(client, organiser):
    for _ in range(ATTEMPTS):
        allauth_sign_in(client, organiser.email, "not-the-password")

    assert TOO_MANY in allauth_sign_in(client, organiser.email, PASSWORD, REMOTE_ADDR=ELSEWHERE).content.decode()
    assert not signed_in(client)
    admin_sign_in(client, organiser.email, PASSWORD, REMOTE_ADDR=ELSEWHERE)
    assert not signed_in(client)
    assert client.get(reverse("admin:index")).status_code != 200


def test_fifty_wrong_passwords_at_the_admin_sign_in_get_around_no_lockout(client, organiser):
    """The admin's own sign-in form would check passwords without allauth's counters. After fifty wrong
    passwords posted to it, the right one does not sign in there, and no answer there tells a right password
    from a wrong one: it is no place to guess. (Posts it never checks need not count towards allauth's lockout;
    the lockout itself is the test above.)"""
    answers = set()
    for _ in range(ATTEMPTS):
        response = admin_sign_in(client, organiser.email, "not-the-password")
        assert not signed_in(client)
        answers.add((response.status_code, response.get("Location", "")))

    right = admin_sign_in(client, organiser.email, PASSWORD, REMOTE_ADDR=ELSEWHERE)
    assert not signed_in(client), "the admin's own form signed the organiser in, past allauth"
    assert (right.status_code, right.get("Location", "")) in answers, "the admin form tells right from wrong"


def test_the_admin_sign_in_form_hands_over_to_allauth(client, organiser):
    """Nobody signs in at /admin/login/: the anonymous are sent to allauth's page, with the admin to come back to."""
    for response in [client.get(reverse("admin:login")), admin_sign_in(client, organiser.email, PASSWORD)]:
        assert not signed_in(client)
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    # Any admin page: to allauth's page, perhaps by way of the admin's sign-in URL, with the page to come back to.
    response = client.get(reverse("admin:meetings_meeting_changelist"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login") + "?next=/admin/meetings/meeting/"


def test_a_password_alone_does_not_open_the_admin_of_a_staff_member_with_a_second_factor(client, organiser, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # a code made just before a 30-second boundary still counts
    secret = generate_totp_secret()
    TOTP.activate(organiser, secret)

    response = allauth_sign_in(client, organiser.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get(reverse("admin:index")).status_code != 200

    other = Client()
    admin_sign_in(other, organiser.email, PASSWORD)
    assert not signed_in(other)
    assert other.get(reverse("admin:index")).status_code != 200

    # With the code from the authenticator app the same sign-in completes and the admin opens.
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 200
