"""Wishes pages: a buyer's at /matches/wishes/, an exhibitor team's at /manage/wishes/. Thin: parse the button's
small form, call scheduling.wishes, render.

An htmx request gets the list region back (`#wishes`), with the outcome in it; a plain form post is answered with
a redirect to the page and the outcome as a message (Post/Redirect/Get), so everything works without JavaScript.
Someone else's wish, as a wish that does not exist, is a 404.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exhibitors.selectors import membership_of
from markets.decorators import market_required
from scheduling import wishes
from scheduling.forms import WishActionForm
from scheduling.models import Wish
from web.i18n import localized_value

Outcome = tuple[int, str]  # a message level and its text


def _outcome(
    request: HttpRequest, *, target: str, act: Callable[[str, dict], Wish], name: Callable[[Wish], str]
) -> Outcome:
    """Run the button's action: (message level, text). `act(action, data)` calls the service."""
    form = WishActionForm(request.POST, target=target)
    if not form.is_valid():
        return messages.ERROR, " ".join(message for errors in form.errors.values() for message in errors)
    data = form.cleaned_data
    try:
        wish = act(data["action"], data)
    except Wish.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as error:
        return messages.ERROR, " ".join(error.messages)
    if data["action"] == WishActionForm.REMOVE:
        return messages.SUCCESS, _("%(name)s is off your list.") % {"name": name(wish)}
    return messages.SUCCESS, _("%(name)s is on your list: %(priority)s.") % {
        "name": name(wish),
        "priority": wish.get_priority_display(),
    }


def _answer(request: HttpRequest, *, page: str, template: str, context: dict, outcome: Outcome | None) -> HttpResponse:
    if outcome is not None and not request.htmx:
        messages.add_message(request, *outcome)
        return redirect(page)
    if outcome is not None:
        level, text = outcome
        context["notice"] = {"text": text, "error": level == messages.ERROR}
    return render(request, f"{template}#wishes" if request.htmx else template, context)


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def buyer_wishes(request: HttpRequest) -> HttpResponse:
    buyer, market = request.user, request.market
    if not buyer.is_buyer:
        raise Http404
    outcome = None
    if request.method == "POST":

        def act(action: str, data: dict) -> Wish:
            if action == WishActionForm.ADD:
                return wishes.buyer_wish_add(
                    buyer=buyer, market=market, exhibitor_id=data["exhibitor"], priority=data["priority"]
                )
            if action == WishActionForm.PRIORITY:
                return wishes.buyer_wish_priority_set(
                    buyer=buyer, market=market, wish_id=data["wish"], priority=data["priority"]
                )
            return wishes.buyer_wish_remove(buyer=buyer, market=market, wish_id=data["wish"])

        outcome = _outcome(request, target="exhibitor", act=act, name=lambda w: localized_value(w.exhibitor, "name"))
    window = wishes.wish_window(market=market)
    context = {
        "market": market,
        "window": window,
        "cap": wishes.WISH_CAP,
        "wishes": wishes.wishes_for_buyer(buyer=buyer, market=market),
        "candidates": wishes.wish_candidates_for_buyer(buyer=buyer, market=market) if window.open else [],
    }
    return _answer(
        request, page="scheduling:buyer_wishes", template="scheduling/buyer_wishes.html", context=context,
        outcome=outcome,
    )  # fmt: skip


def _company(wish: Wish) -> str:
    profile = getattr(wish.buyer, "buyer_profile", None)
    return profile.company if profile is not None else wish.buyer.full_name or _("A buyer")


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def team_wishes(request: HttpRequest) -> HttpResponse:
    membership = membership_of(user=request.user, market=request.market)
    if membership is None:
        raise Http404
    member, exhibitor = request.user, membership.exhibitor
    outcome = None
    if request.method == "POST":

        def act(action: str, data: dict) -> Wish:
            if action == WishActionForm.ADD:
                return wishes.team_wish_add(
                    member=member, exhibitor=exhibitor, buyer_id=data["buyer"], priority=data["priority"]
                )
            if action == WishActionForm.PRIORITY:
                return wishes.team_wish_priority_set(
                    member=member, exhibitor=exhibitor, wish_id=data["wish"], priority=data["priority"]
                )
            return wishes.team_wish_remove(member=member, exhibitor=exhibitor, wish_id=data["wish"])

        outcome = _outcome(request, target="buyer", act=act, name=_company)
    window = wishes.wish_window(market=request.market)
    context = {
        "market": request.market,
        "exhibitor": exhibitor,
        "window": window,
        "cap": wishes.WISH_CAP,
        "wishes": wishes.wishes_for_exhibitor(exhibitor=exhibitor),
        "candidates": wishes.wish_candidates_for_exhibitor(exhibitor=exhibitor) if window.open else [],
    }
    return _answer(
        request, page="scheduling:team_wishes", template="scheduling/team_wishes.html", context=context,
        outcome=outcome,
    )  # fmt: skip
