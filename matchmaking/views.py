"""Recommendations, shortlist and the buyer profile. Thin: parse, ask a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from exhibitors.selectors import membership_of
from markets.decorators import market_required
from matchmaking import selectors, services
from matchmaking.forms import BuyerProfileForm
from matchmaking.models import BuyerProfile, Interest
from web.converters import parse_id


@login_required
@market_required
def matches(request: HttpRequest) -> HttpResponse:
    market = request.market
    membership = membership_of(user=request.user, market=market)
    if membership:
        context = {
            "exhibitor": membership.exhibitor,
            "matches": selectors.buyers_for_exhibitor(exhibitor=membership.exhibitor),
            "shortlisted": selectors.shortlisted_buyer_ids(user=request.user),
        }
        return render(request, "matchmaking/buyers.html", context)
    profile = BuyerProfile.objects.filter(user=request.user).first()
    if profile is None:
        return render(request, "matchmaking/no_profile.html")
    recommendations = selectors.titles_for_buyer(profile=profile, market=market)
    return render(
        request,
        "matchmaking/titles.html",
        {
            "profile": profile,
            "recommendations": recommendations,
            "shortlisted": selectors.shortlisted_ids(user=request.user),
        },
    )


@login_required
@market_required
def shortlist(request: HttpRequest) -> HttpResponse:
    entries = selectors.shortlist_for_user(user=request.user, market=request.market)
    return render(request, "matchmaking/shortlist.html", {"entries": entries})


ACTIONS = {"shortlist": Interest.Kind.SHORTLIST, "dismiss": Interest.Kind.NOT_INTERESTED, "forget": None}


@login_required
@market_required
@require_POST
def interest(request: HttpRequest) -> HttpResponse:
    """Shortlist, "not interested" or forget a title, an exhibitor or (for exhibitor teams) a buyer."""
    action = request.POST.get("action", "")
    ids = {name: parse_id(request.POST.get(name)) for name in ("title", "exhibitor", "buyer") if name in request.POST}
    if action not in ACTIONS or len(ids) != 1 or None in ids.values():
        raise Http404
    name, pk = next(iter(ids.items()))
    target = selectors.interest_target(user=request.user, market=request.market, kind=name, pk=pk)
    if target is None:
        raise Http404
    services.interest_set(user=request.user, kind=ACTIONS[action], **{name: target})
    if request.htmx:
        return render(
            request,
            "matchmaking/partials/interest_button.html",
            {
                "kind": name,
                "thing": target,
                "on": action == "shortlist",
                "dismissed": action == "dismiss",
            },
        )
    destination = request.POST.get("next", "")
    # A path on this site only: redirect() would take a bare word for a URL name (and fail on one it lacks).
    if not destination.startswith("/") or not url_has_allowed_host_and_scheme(
        destination, allowed_hosts={request.get_host()}
    ):
        destination = reverse("matchmaking:shortlist")
    return HttpResponseRedirect(destination)


@login_required
@require_http_methods(["GET", "POST"])
def buyer_profile(request: HttpRequest) -> HttpResponse:
    profile = BuyerProfile.objects.filter(user=request.user).first()
    form = BuyerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "territory_groups"}
        saved = services.buyer_profile_save(user=request.user, data=data)
        messages.success(request, _("Your buyer profile is saved. Your recommendations now follow it."))
        if saved.back_to_verification:
            messages.warning(
                request,
                _(
                    "You changed your company's name, type or country, so the organisers will verify your "
                    "company again. Until they have, you cannot request meetings."
                ),
            )
        return redirect("matchmaking:matches")
    return render(request, "matchmaking/profile.html", {"form": form, "profile": profile})
