from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from accounts.models import Role
from accounts.selectors import address_held_by_another


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Only buyer and exhibitor can be chosen at sign-up: organisers are made by staff.
        role = form.cleaned_data.get("role")
        user.role = role if role in {Role.BUYER, Role.EXHIBITOR} else Role.BUYER
        user.full_name = form.cleaned_data.get("full_name", "")
        user.language = getattr(request, "LANGUAGE_CODE", "") or ""
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's mails greet with the site's name; by default that is the host name ("127.0.0.1:8000").
        site = get_current_site(allauth_context.request)
        named_site = SimpleNamespace(name=settings.SITE_NAME, domain=site.domain)
        super().send_mail(template_prefix, email, {"current_site": named_site, **context})

    def send_confirmation_mail(self, request, emailconfirmation, signup) -> None:
        # Someone adding an address that another account already holds: nothing is mailed to it (the page says
        # the same either way, so nobody learns whose address it is), or anyone could mail anyone from here.
        address = emailconfirmation.email_address
        if not signup and address_held_by_another(email=address.email, user_id=address.user_id):
            return
        super().send_confirmation_mail(request, emailconfirmation, signup)

    def get_email_verification_redirect_url(self, email_address):
        return reverse("pages:home")

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)
