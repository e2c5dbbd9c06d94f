from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from exhibitors.selectors import market_figures, pavilions_with_counts
from filmart.health import stack_health
from filmart.home import home_next_steps
from filmart.selectors import market_for_request


def home(request: HttpRequest) -> HttpResponse:
    market = market_for_request(request)
    context = {"next_steps": home_next_steps(request.user), "figures": None, "pavilions": []}
    if market:
        context["figures"] = market_figures(market=market)
        context["pavilions"] = pavilions_with_counts(market=market)
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    parts = stack_health()
    failing = [name for name, part in parts.items() if not part.ok]
    body = {
        "status": "ok" if not failing else "fail",
        "failing": failing,
        "parts": {name: {"ok": part.ok, "detail": part.detail} for name, part in parts.items()},
    }
    return JsonResponse(body, status=200 if not failing else 503)
