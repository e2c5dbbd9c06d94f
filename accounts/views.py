from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.forms import AccountSettingsForm
from accounts.services import user_language_set, user_settings_update
from web.validators import time_zone_names


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie), remembered on the account too when signed in."""
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """Name, language and home time zone; htmx swaps just the form, a plain post redirects."""
    user = request.user
    form = AccountSettingsForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "language": user.language,
            "time_zone": user.time_zone,
            "email_reminders": user.email_reminders,
            "email_daily_agenda": user.email_daily_agenda,
        },
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        user_settings_update(user=user, **form.cleaned_data)
        if not request.htmx:
            messages.success(request, _("Your settings are saved."))
            return _remember_language(redirect("accounts:settings"), user.language)
        saved = True
    template = "accounts/settings.html#settings-form" if request.htmx else "accounts/settings.html"
    context = {"form": form, "saved": saved, "time_zone_names": time_zone_names()}
    response = render(request, template, context)
    if saved and user.language and user.language != request.LANGUAGE_CODE:
        response.headers["HX-Refresh"] = "true"  # the whole page should now speak the chosen language
    return _remember_language(response, user.language) if saved else response


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    if language:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response
