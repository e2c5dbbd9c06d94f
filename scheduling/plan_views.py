"""A buyer's day plan at /meetings/plan/: the shortlist scheduled into one day, reviewed, sent in one click."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from markets import timekeeping
from markets.decorators import market_required
from scheduling import day_plan
from web.days import day_from

MOST_SENT = 20


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    if not request.user.is_buyer:
        raise Http404
    market = request.market
    if request.method == "POST":
        chosen = [value.split("|", 2) for value in request.POST.getlist("meeting")[:MOST_SENT] if value.count("|") == 2]
        sent = day_plan.day_plan_send(buyer=request.user, market=market, chosen=chosen)
        if sent.booked:
            text = ngettext("%(count)s meeting booked.", "%(count)s meetings booked.", sent.booked)
            messages.success(request, text % {"count": sent.booked})
        if sent.requested:
            text = ngettext("%(count)s request sent.", "%(count)s requests sent.", sent.requested)
            messages.success(request, text % {"count": sent.requested})
        for company, why in sent.refused:
            messages.error(request, f"{company}: {why}")
        if not chosen:
            messages.error(request, _("Tick at least one meeting to send."))
        day = day_from(request.POST.get("day"), timekeeping.market_days(market))
        return redirect(f"{request.path}?day={day.isoformat()}" if day else request.path)
    days = timekeeping.market_days(market)
    today = timezone.now().astimezone(timekeeping.market_zone(market)).date()
    day = day_from(request.GET.get("day"), days) or next((d for d in days if d >= today), days[0])
    context = {
        "market": market,
        "days": days,
        "day": day,
        "plan": day_plan.day_plan_for(buyer=request.user, market=market, day=day),
    }
    return render(request, "scheduling/day_plan.html", context)
