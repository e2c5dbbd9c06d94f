"""The current market, for views: one decorator instead of a lookup and a 404 in every view."""

from functools import wraps

from django.http import Http404, HttpRequest

from markets.selectors import market_for_request


def market_required(view):
    """The view works on the current market, as `request.market`; without one there is nothing to show (404)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        market = market_for_request(request)
        if market is None:
            raise Http404
        request.market = market
        return view(request, *args, **kwargs)

    return wrapped
