from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from notifications.models import OutboundEmail


def _demo_only() -> None:
    if not settings.DEMO_MODE:
        raise Http404


def mailbox(request: HttpRequest) -> HttpResponse:
    """The demo's mailbox: every message the app sent, so sign-up works without a real inbox."""
    _demo_only()
    emails = OutboundEmail.objects.only("pk", "subject", "recipients", "status", "created_at")[:100]
    return render(request, "notifications/mailbox.html", {"emails": emails})


def mailbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    _demo_only()
    email = get_object_or_404(OutboundEmail, pk=pk)
    return render(request, "notifications/mailbox_message.html", {"email": email})
