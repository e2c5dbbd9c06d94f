"""The directory and the catalogue, for signed-in users. Thin: parse, ask a selector, render."""

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from exhibitors import selectors
from exhibitors.filters import CatalogueFilterForm, DirectoryFilterForm
from exhibitors.models import Exhibitor, Title
from exhibitors.posters import poster_svg
from markets.decorators import market_required


def _listing_template(request: HttpRequest, page: str) -> str:
    # htmx asks for the results region only; a plain request (or a history restore) gets the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        return f"{page}#results"
    return page


@login_required
@market_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    market = request.market
    form = DirectoryFilterForm(request.GET, market=market)
    params = form.cleaned_or_empty()
    result = selectors.exhibitor_directory(
        market=market,
        text=params["q"],
        filters=params["filters"],
        facets=form.facets(params["filters"]),
        page_number=params["page"],
    )
    return render(request, _listing_template(request, "exhibitors/directory.html"), {"form": form, "result": result})


@login_required
@market_required
@require_GET
def exhibitor_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        exhibitor = selectors.exhibitor_detail(market=request.market, slug=slug)
    except Exhibitor.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "exhibitors/exhibitor_detail.html", {"exhibitor": exhibitor})


@login_required
@market_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    market = request.market
    form = CatalogueFilterForm(request.GET, market=market)
    params = form.cleaned_or_empty()
    result = selectors.title_catalogue(
        market=market,
        text=params["q"],
        filters=params["filters"],
        territory=params["territory"],
        facets=form.facets(params["filters"]),
        page_number=params["page"],
    )
    return render(request, _listing_template(request, "exhibitors/catalogue.html"), {"form": form, "result": result})


@login_required
@market_required
@require_GET
def title_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        title = selectors.title_detail(market=request.market, slug=slug)
    except Title.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "exhibitors/title_detail.html", {"title": title})


@login_required
@market_required
@require_GET
@cache_control(private=True, max_age=3600)
def title_poster_art(request: HttpRequest, slug: str) -> HttpResponse:
    """Poster art drawn from the title itself, for titles without an uploaded poster; the current market's only,
    like the title's page."""
    titles = Title.objects.filter(exhibitor__market=request.market, slug=slug)
    title = titles.only("slug", "english_title", "original_title", "kind", "year").first()
    if title is None:
        raise Http404
    svg = poster_svg(title)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["ETag"] = '"' + hashlib.sha256(svg.encode()).hexdigest()[:16] + '"'
    return response
