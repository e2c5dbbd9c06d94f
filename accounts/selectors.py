"""Reads about people and their sign-in."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings

from accounts.models import User


def staff_second_factor_missing(user) -> bool:
    """Staff pages (admin, organisers' console) need an authenticator app when the settings say so (always in
    production): True for staff who have none yet."""
    if not (settings.STAFF_REQUIRE_SECOND_FACTOR and user.is_authenticated and user.is_staff):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def address_held_by_another(*, email: str, user_id: int) -> bool:
    """Whether another account signs in with, or has confirmed, this address."""
    return (
        User.objects.filter(email__iexact=email).exclude(pk=user_id).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exclude(user_id=user_id).exists()
    )
