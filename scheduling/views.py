"""The organisers' matchmaking rounds at /organiser/schedule/ (staff only; 404 to everyone else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from accounts.decorators import staff_only
from markets.decorators import market_required
from scheduling import selectors, services
from scheduling.models import RoundStatus
from scheduling.round_forms import RoundForm
from web.converters import parse_id

WORKING = (RoundStatus.SOLVING, RoundStatus.PUBLISHING)


@require_http_methods(["GET", "POST"])
@staff_only
@market_required
def rounds(request: HttpRequest) -> HttpResponse:
    market = request.market
    form = RoundForm(request.POST or None, market=market)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.round_create(market=market, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Round set up. Solve it to see the schedule it proposes."))
            return redirect("scheduling:round", pk=rnd.pk)
    context = {"market": market, "form": form, "rounds": selectors.rounds_of(market=market)}
    return render(request, "scheduling/rounds.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_only
@market_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A round: its settings, then its preview (beside the greedy baseline), then what publishing did."""
    market = request.market
    rnd = selectors.round_of(market=market, pk=pk)
    if rnd is None:
        raise Http404
    if request.method == "POST":
        action, version = request.POST.get("action"), parse_id(request.POST.get("version"))
        try:
            if version is None:
                raise ValidationError(_("The round has moved on since you saw it; here it is as it stands."))
            if action == "solve":
                services.round_solve_start(rnd=rnd, version=version)
                messages.success(request, _("The optimiser is working; the preview appears here when it is done."))
            elif action == "publish":
                services.round_publish_start(rnd=rnd, version=version)
                messages.success(request, _("Publishing: meetings are being written and everybody emailed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("scheduling:round", pk=rnd.pk)
    context = {
        "market": market,
        "round": rnd,
        "working": rnd.status in WORKING,
        "figures": rnd.figures,
        "rows": selectors.preview_rows(rnd.figures),
        "unmet": selectors.unmet_rows(rnd.figures),
        "proposals": selectors.proposals_of(rnd=rnd)
        if rnd.status in (RoundStatus.SOLVED, RoundStatus.PUBLISHED)
        else [],
    }
    if request.htmx and not context["working"]:
        return HttpResponseClientRefresh()  # done: the whole page changes (the preview, the proposals)
    template = "scheduling/round.html#status" if request.htmx else "scheduling/round.html"
    return render(request, template, context)
