"""The organisers' admin site: its sign-in is allauth's (rate limits, lockout, second factor), never Django's
own form, and in production staff need a second factor before any admin page opens."""

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.decorators import second_factor_setup_redirect
from accounts.selectors import staff_second_factor_missing
from web.converters import parse_id


class StaffAdminSite(admin.AdminSite):
    site_header = gettext_lazy("FILMART organiser admin")
    site_title = gettext_lazy("FILMART admin")
    index_title = gettext_lazy("Run the market")

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def inner(request: HttpRequest, *args, **kwargs):
            # Signed-in people who are not staff find nothing here, as with anything that is not theirs.
            if request.user.is_authenticated and not (request.user.is_active and request.user.is_staff):
                raise Http404
            if _selection_is_not_ids(request):
                messages.error(request, _("Tick the items to act on in the list, then choose the action."))
                return HttpResponseRedirect(request.get_full_path())
            return guarded(request, *args, **kwargs)

        return inner

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not staff_second_factor_missing(request.user)

    def password_change(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # allauth's page, with its rate limit, rather than the admin's own form.
        return HttpResponseRedirect(reverse("account_change_password"))

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Django's admin sign-in form would skip allauth: anyone not signed in is sent to allauth's page
        instead, whatever they post here; signed-in people who are not staff find nothing (404)."""
        destination = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(destination, allowed_hosts={request.get_host()}):
            destination = ""
        destination = destination or reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(destination, reverse("account_login"))
        if not (user.is_active and user.is_staff):
            raise Http404
        if staff_second_factor_missing(user):
            return second_factor_setup_redirect(request)
        return HttpResponseRedirect(destination)


def _selection_is_not_ids(request: HttpRequest) -> bool:
    """An admin action posted with a selection that names no rows (every model here has integer ids): Django's
    admin would fail on it with a server error."""
    if request.method != "POST" or "action" not in request.POST:
        return False
    return any(parse_id(value) is None for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
