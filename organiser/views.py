"""The organisers' console: staff only, and 404 (not 403) to everyone else, like every private page here.

Every page is the current market's: exports and announcements of another market are 404 here, as if they
did not exist, and what an organiser asks for is recorded with the market the page showed."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import staff_only
from markets.decorators import market_required
from markets.timekeeping import market_days
from organiser import announcements, exports, selectors, services
from organiser.forms import AnnouncementForm, ExportForm
from organiser.models import Announcement, ExportStatus
from web.days import day_from


@require_GET
@staff_only
@market_required
def console(request: HttpRequest) -> HttpResponse:
    market = request.market
    days = market_days(market)
    day = day_from(request.GET.get("day"), days)
    buyers, charts = selectors.console_charts(market=market, day=day)
    context = {
        "market": market,
        "days": days,
        "day": day,
        "figures": selectors.headline_figures(market=market, day=day, buyers=buyers),
        "heatmap": selectors.meetings_heatmap(market=market),
        "charts": charts,
    }
    return render(request, "organiser/console.html", context)


@require_http_methods(["GET", "POST"])
@staff_only
@market_required
def export_list(request: HttpRequest) -> HttpResponse:
    market = request.market
    # A link from the console may name what to export (?kind=meetings&day=...): it fills the form in.
    form = ExportForm(request.POST or None, initial=request.GET.dict(), market=market)
    if request.method == "POST" and form.is_valid():
        services.export_request(market=market, user=request.user, **form.export_arguments())
        messages.success(request, _("The export is being written; it appears below when ready."))
        return redirect("organiser:exports")
    recent = selectors.exports_of(market=market)[:20]
    return render(request, "organiser/exports.html", {"form": form, "exports": recent, "market": market})


@require_GET
@staff_only
@market_required
def export_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """One export's row; htmx polls it until the file is ready."""
    market = request.market
    export = get_object_or_404(selectors.exports_of(market=market), pk=pk)
    context = {"export": export, "market": market}
    return render(request, "organiser/exports.html#export-row", context)


@require_GET
@staff_only
@market_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file from private storage, to staff only; an expired export's file is gone (404)."""
    done = selectors.exports_of(market=request.market).exclude(file="").filter(status=ExportStatus.DONE)
    export = get_object_or_404(done, pk=pk)
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = exports.export_download_name(export=export)
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"  # buyers' names and emails: no copy in any cache
    return response


@require_http_methods(["GET", "POST"])
@staff_only
@market_required
def announcement_list(request: HttpRequest) -> HttpResponse:
    market = request.market
    form = AnnouncementForm(request.POST or None, market=market)
    if request.method == "POST" and form.is_valid():
        announcement = services.announcement_create(market=market, user=request.user, **form.announcement_arguments())
        return redirect("organiser:announcement", pk=announcement.pk)
    recent = selectors.announcements_of(market=market)[:20]
    status = 400 if request.method == "POST" else 200
    return render(request, "organiser/announcements.html", {"form": form, "announcements": recent}, status=status)


@require_http_methods(["GET", "POST"])
@staff_only
@market_required
def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview (with how many people it reaches), the send button, then the live progress."""
    market = request.market
    announcement = get_object_or_404(selectors.announcements_of(market=market), pk=pk)
    if request.method == "POST":
        try:
            services.announcement_send_start(announcement_id=pk, market=market)
        except Announcement.DoesNotExist as exc:  # deleted since the page above found it
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("organiser:announcement", pk=pk)
    recipients = announcements.segment_recipients(announcement=announcement)
    sample = recipients.first()
    context = {
        "announcement": announcement,
        "recipient_count": announcement.recipients_total or recipients.count(),
        "preview": announcements.announcement_message(announcement=announcement, recipient=sample) if sample else None,
        "progress": announcements.announcement_progress(announcement=announcement),
    }
    template = "organiser/announcement.html#progress" if request.htmx else "organiser/announcement.html"
    return render(request, template, context)
