"""The organisers' console: staff only, and 404 (not 403) to everyone else, like every private page here."""

from datetime import date
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from filmart.selectors import market_for_request
from meetings.timekeeping import market_days
from organiser import selectors


def staff_only(view):
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@staff_only
def console(request: HttpRequest) -> HttpResponse:
    market = market_for_request(request)
    if market is None:
        raise Http404
    days = market_days(market)
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    day = day if day in days else None
    context = {
        "market": market,
        "days": days,
        "day": day,
        "figures": selectors.headline_figures(market=market, day=day),
        "heatmap": selectors.meetings_heatmap(market=market),
        "charts": [
            ("regions", selectors.accepted_by_region(market=market, day=day)),
            ("pavilions", selectors.accepted_by_pavilion(market=market, day=day)),
            ("exhibitors", selectors.most_requested_exhibitors(market=market, day=day)),
            ("titles", selectors.most_requested_titles(market=market, day=day)),
            ("countries", selectors.buyer_countries(market=market)),
        ],
    }
    return render(request, "organiser/console.html", context)
