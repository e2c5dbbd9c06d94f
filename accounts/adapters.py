from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from accounts.models import Role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Only buyer and exhibitor can be chosen at sign-up: organisers are made by staff.
        role = form.cleaned_data.get("role")
        user.role = role if role in {Role.BUYER, Role.EXHIBITOR} else Role.BUYER
        user.full_name = form.cleaned_data.get("full_name", "")
        user.language = getattr(request, "LANGUAGE_CODE", "") or ""
        return super().save_user(request, user, form, commit=commit)

    def get_email_verification_redirect_url(self, email_address):
        return reverse("home")

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)
