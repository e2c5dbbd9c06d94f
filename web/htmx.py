"""Answers that work for htmx and for a plain form post alike."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def hx_redirect(request: HttpRequest, url: str) -> HttpResponse:
    """Go to `url`: htmx follows HX-Redirect (a 302 would be swapped into the page), a plain post a 302."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
