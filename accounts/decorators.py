"""Who may open a page: decorators for views."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import staff_second_factor_missing


def second_factor_setup_redirect(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _("Staff pages hold buyers' personal data: set up an authenticator app first, then open them again."),
    )
    return HttpResponseRedirect(reverse("mfa_activate_totp"))


def staff_only(view):
    """Staff pages: the sign-in page for people not signed in, 404 (as for anything private) for everyone who
    is not staff, and the authenticator set-up for staff who still need one."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_staff:
            raise Http404
        if staff_second_factor_missing(request.user):
            return second_factor_setup_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped
