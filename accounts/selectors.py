"""Reads about people and their sign-in."""

from allauth.mfa.models import Authenticator
from django.conf import settings


def staff_second_factor_missing(user) -> bool:
    """Staff pages (admin, organisers' console) need an authenticator app when the settings say so (always in
    production): True for staff who have none yet."""
    if not (settings.STAFF_REQUIRE_SECOND_FACTOR and user.is_authenticated and user.is_staff):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
