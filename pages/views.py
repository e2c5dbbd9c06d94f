import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from exhibitors.selectors import market_figures, pavilions_with_counts
from markets.selectors import market_for_request
from pages.health import stack_health
from pages.home import home_next_steps


def home(request: HttpRequest) -> HttpResponse:
    market = market_for_request(request)
    context = {"next_steps": home_next_steps(request.user), "figures": None, "pavilions": []}
    if market:
        context["figures"] = market_figures(market=market)
        context["pavilions"] = pavilions_with_counts(market=market)
    return render(request, "home.html", context)


@never_cache
@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    """The process answers: nothing more (no database, no Redis). A load balancer's liveness probe, and the
    bare Django view the benchmarks compare every page with."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """"You are signed in": the base layout, the session and the user, nothing else. The benchmarks time it as
    the floor under every signed-in page, the least a page of this app can cost."""
    return render(request, "pages/floor.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    parts = stack_health(max_age=settings.HEALTHZ_CACHE_SECONDS)
    failing = [name for name, part in parts.items() if not part.ok]
    body = {
        "status": "ok" if not failing else "fail",
        "failing": failing,
        "parts": {name: {"ok": part.ok, "detail": part.detail} for name, part in parts.items()},
    }
    return JsonResponse(body, status=200 if not failing else 503)


# What the service worker keeps for pages shown offline: the files every page loads.
OFFLINE_ASSETS = ["css/app.css", "js/app.js", "vendor/htmx/htmx-2.0.11.min.js", "img/favicon.svg"]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site's root so it may look after every page; see templates/service_worker.js."""
    context = {
        "asset_urls": json.dumps([static(path) for path in OFFLINE_ASSETS]),
        "agenda_url": reverse("meetings:agenda"),
    }
    response = render(request, "service_worker.js", context, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"  # a new version reaches browsers at their next visit
    return response


def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded posters and logos, where the app serves them itself (development). A path the filesystem cannot
    even look up (a 5,000-character name) is as missing as any other file."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as exc:
        raise Http404 from exc
