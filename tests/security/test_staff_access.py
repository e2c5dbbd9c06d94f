"""Staff powers: the admin signs in only through allauth, staff need a second factor where the settings say so
(always in production), the Organisers group holds least privilege, and demo switches stay out of production."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.models import User
from notifications.models import OutboundEmail
from organiser.permissions import ORGANISER_GROUP, organiser_group_sync
from tests.factories import PASSWORD, UserFactory
from tests.mail_processes import database_url
from tests.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    user = UserFactory(email="ops@filmart.example", role="organiser", is_staff=True)
    user.groups.add(organiser_group_sync())
    return user


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_admin_sign_in_is_allauths_whatever_is_posted_to_it(client, organiser):
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    response = client.get(response.url)
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/admin/"

    # Django's own form would sign in with the right password; here nothing is signed in by posting to it.
    response = client.post("/admin/login/", {"username": organiser.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302

    assert sign_in(client, organiser.email).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/?next=/admin/matchmaking/").url == "/admin/matchmaking/"


def test_the_admin_is_404_to_people_who_are_not_staff(client):
    client.force_login(UserFactory())
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    assert client.get("/admin/accounts/user/").status_code == 404


def test_staff_with_an_authenticator_cannot_get_in_with_the_password_alone(client, organiser):
    TOTP.activate(organiser, generate_totp_secret())
    response = sign_in(client, organiser.email)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_pages_need_a_second_factor_where_required(client, organiser, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    client.force_login(organiser)
    for address in ("/admin/", "/admin/matchmaking/buyerprofile/", "/organiser/"):
        response = client.get(address, follow=True)
        chain = [url for url, _status in response.redirect_chain]
        assert reverse("mfa_activate_totp") in chain, (address, chain)  # allauth may ask for the password again
        assert "set up an authenticator app first" in response.content.decode()
    TOTP.activate(organiser, generate_totp_secret())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/matchmaking/buyerprofile/").status_code == 200


def test_production_requires_staff_second_factor_and_refuses_demo_mode():
    database = {"DATABASE_URL": "postgres://u@127.0.0.1/x"}
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.STAFF_REQUIRE_SECOND_FACTOR)",
                        env={**PRODUCTION_ENV, **database})  # fmt: skip
    assert result.stdout.split()[-1] == "True", result.stderr
    result = run_manage("check", env={**PRODUCTION_ENV, **database, "DEMO_MODE": "1"})
    assert result.returncode != 0 and "DEMO_MODE is refused in production" in result.stderr


def test_production_refuses_to_load_the_demo_market():
    result = run_manage("load_demo_market", env={**PRODUCTION_ENV, "DATABASE_URL": database_url()})
    assert result.returncode != 0 and "refused in production" in result.stderr
    assert not User.objects.filter(email="organiser@example.com").exists()


def test_the_mailbox_is_for_demo_mode_only(client, settings):
    OutboundEmail.objects.create(from_email="a@b.c", recipients=["x@y.z"], subject="Reset", raw_message=b"")
    assert client.get(reverse("notifications:mailbox")).status_code == 200  # development, as the README says
    settings.DEMO_MODE = False
    assert client.get(reverse("notifications:mailbox")).status_code == 404


def test_organisers_hold_least_privilege(client, organiser):
    granted = set(
        Permission.objects.filter(group__name=ORGANISER_GROUP).values_list("content_type__app_label", "codename")
    )
    assert ("matchmaking", "change_buyerprofile") in granted and ("meetings", "change_meeting") in granted
    assert not {(app, code) for app, code in granted if app in {"auth", "mfa", "sessions", "contenttypes"}}
    assert ("accounts", "add_user") not in granted and ("accounts", "delete_user") not in granted

    buyer = UserFactory(email="ploy@siam.example", full_name="Ploy")
    colleague = UserFactory(email="boss@filmart.example", role="organiser", is_staff=True)
    TOTP.activate(colleague, generate_totp_secret())
    client.force_login(organiser)

    page = client.get(reverse("admin:accounts_user_change", args=[buyer.pk])).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    assert 'name="email"' not in page and 'name="is_staff"' not in page and 'name="full_name"' in page
    client.post(
        reverse("admin:accounts_user_change", args=[buyer.pk]),
        {"full_name": "Ploy S.", "language": "", "time_zone": "", "is_active": "on", "is_superuser": "on",
         "is_staff": "on", "email": "ops@filmart.example", "role": "organiser", "groups": [organiser.groups.get().pk]},
    )  # fmt: skip
    buyer.refresh_from_db()
    assert (buyer.full_name, buyer.email, buyer.is_staff, buyer.is_superuser) == (
        "Ploy S.",
        "ploy@siam.example",
        False,
        False,
    )
    assert not buyer.groups.exists()

    assert client.get(reverse("admin:auth_user_password_change", args=[buyer.pk])).status_code == 403
    client.post(reverse("admin:accounts_user_change", args=[colleague.pk]), {"full_name": "X", "is_active": ""})
    colleague.refresh_from_db()
    assert (colleague.full_name, colleague.is_active) != ("X", False)  # staff accounts are the superusers' to change
    assert client.get(reverse("admin:mfa_authenticator_changelist")).status_code == 403
    authenticator = Authenticator.objects.get(user=colleague)
    client.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_organisers_read_mail_with_its_links_masked(client, organiser):
    key = "4-cz3v8a-9f1e0c2a7d5b3e6f8a1c4d7e"
    body = f"Reset your password: https://meet.filmart.example/accounts/password/reset/key/{key}/\\nThanks"
    email = OutboundEmail.objects.create(
        from_email="a@b.c", recipients=["ploy@siam.example"], subject="Password reset", body_text=body,
        body_html=f'<a href="https://meet.filmart.example/accounts/password/reset/key/{key}/">Reset</a>',
        raw_message=b"",
    )  # fmt: skip
    client.force_login(organiser)
    page = client.get(reverse("admin:notifications_outboundemail_change", args=[email.pk])).content.decode()
    assert "https://meet.filmart.example/…" in page and "Password reset" in page
    assert key not in page and key[:8] not in page
    found = client.get(reverse("admin:notifications_outboundemail_changelist"), {"q": key[:6]}).content.decode()
    assert "0 results" in found or "Password reset" not in found.split("result_list")[-1]
