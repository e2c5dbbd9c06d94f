"""Booking, answering and keeping meetings. Thin: parse, call a service or selector, render.

Anything a person may not see is 404, the same as what does not exist, through every URL here.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import slug_unicode_re
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from exhibitors import services as exhibitor_services
from exhibitors.models import Exhibitor, TeamMember, TeamRole
from exhibitors.selectors import membership_of
from markets import timekeeping
from markets.decorators import market_required
from markets.models import Market
from matchmaking.models import BuyerProfile
from meetings import arranging, calendar, selectors, services
from meetings.forms import BusyTimeForm, MessageForm, OpenHoursForm, ReasonForm
from meetings.models import Availability, CalendarFeed, Meeting, Side, Status
from web.converters import parse_id
from web.days import day_from


def _membership(request: HttpRequest, market: Market) -> TeamMember | None:
    return membership_of(user=request.user, market=market)


def _first_usefulday_from(days: list[date], market: Market) -> date | None:
    today = timezone.now().astimezone(timekeeping.market_zone(market)).date()
    return next((day for day in days if day >= today), days[0] if days else None)


def _version(request: HttpRequest) -> int:
    version = parse_id(request.POST.get("version"))
    return -1 if version is None else version  # -1 matches no row: answered as a stale page


def _start(request: HttpRequest):
    return services.SlotChoice.parse(request.POST.get("start", "")).start


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Agenda ------------------------------------------------------------------------------------------------


@login_required
@market_required
@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    market = request.market
    days = timekeeping.market_days(market)
    day = day_from(request.GET.get("day"), days)
    view = "timetable" if request.GET.get("view") == "timetable" and day else "list"
    meetings = selectors.agenda_for(user=request.user, market=market, day=day)
    waiting = selectors.meeting_counts(user=request.user, market=market)["waiting"]
    context = {
        "market": market,
        "days": days,
        "day": day,
        "view": view,
        "meetings": meetings,
        "by_day": _group_byday_from(meetings, market),
        "rows": _timetable_rows(market, day, {None: meetings}) if view == "timetable" else [],
        "waiting": waiting,
        "membership": _membership(request, market),
    }
    return render(request, "meetings/agenda.html", context)


def _group_byday_from(meetings: list[Meeting], market: Market) -> list[tuple[date, list[Meeting]]]:
    zone = timekeeping.market_zone(market)
    grouped: dict[date, list[Meeting]] = {}
    for meeting in meetings:
        grouped.setdefault(meeting.start.astimezone(zone).date(), []).append(meeting)
    return list(grouped.items())


def _timetable_rows(market: Market, day: date, columns: dict) -> list[dict]:
    """One row per slot of the market's meeting hours; in each column the meeting starting in that slot."""
    length = timedelta(minutes=market.slot_minutes)
    start = timekeeping.market_moment(market, day, market.meeting_day_start)
    end = timekeeping.market_moment(market, day, market.meeting_day_end)
    rows = []
    while start + length <= end:
        cells = []
        for meetings in columns.values():
            cells.append(next((m for m in meetings if start <= m.start < start + length), None))
        rows.append({"start": start, "end": start + length, "cells": cells})
        start += length
    return rows


@login_required
@market_required
@require_GET
def team_agenda(request: HttpRequest) -> HttpResponse:
    market = request.market
    membership = _membership(request, market)
    if membership is None:
        raise Http404
    days = timekeeping.market_days(market)
    day = day_from(request.GET.get("day"), days) or _first_usefulday_from(days, market)
    meetings = selectors.team_agenda_for(exhibitor=membership.exhibitor, day=day)
    team = list(
        User.objects.filter(memberships__exhibitor=membership.exhibitor).order_by("full_name", "email").distinct()
    )
    columns = {member.pk: [m for m in meetings if m.rep_id == member.pk] for member in team}
    context = {
        "market": market,
        "exhibitor": membership.exhibitor,
        "days": days,
        "day": day,
        "team": team,
        "rows": _timetable_rows(market, day, columns),
        "meeting_count": len(meetings),
    }
    return render(request, "meetings/team_agenda.html", context)


@login_required
@market_required
@require_GET
def meeting_requests(request: HttpRequest) -> HttpResponse:
    market = request.market
    return render(
        request,
        "meetings/requests.html",
        {"market": market, **selectors.requests_for(user=request.user, market=market)},
    )


# --- Booking -------------------------------------------------------------------------------------------


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, slug: str) -> HttpResponse:
    """The slot picker: choose a rep and a day, see their slots, ask for one in a click."""
    market = request.market
    exhibitor = get_object_or_404(Exhibitor.objects.select_related("market"), market=market, slug=slug)
    reps = selectors.reps_of(exhibitor)
    rep = next((r for r in reps if str(r.pk) == (request.POST or request.GET).get("rep")), reps[0] if reps else None)
    form = MessageForm(request.POST or None)
    titles = exhibitor.titles.order_by("english_title").only(
        "id", "slug", "english_title", "original_title", "exhibitor_id"
    )
    # Slugs only: anything else names no title (and must not reach the database as a NUL would).
    chosen = {slug for slug in (request.POST or request.GET).getlist("title") if slug_unicode_re.fullmatch(slug)}
    if request.method == "POST" and rep is not None and form.is_valid():
        try:
            meeting = services.meeting_request(
                buyer=request.user,
                rep=rep,
                exhibitor=exhibitor,
                start=_start(request),
                message=form.cleaned_data["message"],
                titles=list(titles.filter(slug__in=chosen)) if chosen else [],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            if meeting.status == Status.ACCEPTED:
                messages.success(request, _("Booked: the exhibitor accepts requests automatically."))
            else:
                messages.success(request, _("Request sent. The answer will appear here and in your requests."))
            return redirect("meetings:detail", pk=meeting.pk)
    days = selectors.days_with_hours(exhibitor=exhibitor, rep=rep) if rep else []
    day = day_from((request.POST or request.GET).get("day"), days) or _first_usefulday_from(days, market)
    context = {
        "market": market,
        "exhibitor": exhibitor,
        "reps": reps,
        "rep": rep,
        "days": days,
        "day": day,
        "slots": selectors.slots_for_rep(rep=rep, exhibitor=exhibitor, day=day, viewer=request.user) if day else [],
        "form": form,
        "titles": list(titles),
        "chosen": chosen,
        "refusal": services.buyer_may_request(buyer=request.user, market=market),
    }
    template = "meetings/book.html#slots" if request.htmx and request.method == "GET" else "meetings/book.html"
    return render(request, template, context, status=400 if request.method == "POST" else 200)


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """A rep offers a matching buyer one of their own slots."""
    market = request.market
    membership = _membership(request, market)
    if membership is None or not selectors.buyer_invitable(exhibitor=membership.exhibitor, buyer_id=buyer_id):
        raise Http404
    profile = get_object_or_404(BuyerProfile.objects.select_related("user"), pk=buyer_id)
    exhibitor = membership.exhibitor
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_invite(
                rep=request.user,
                exhibitor=exhibitor,
                buyer=profile.user,
                start=_start(request),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Invitation sent. The answer will appear here and in your requests."))
            return redirect("meetings:detail", pk=meeting.pk)
    days = selectors.days_with_hours(exhibitor=exhibitor, rep=request.user)
    day = day_from((request.POST or request.GET).get("day"), days) or _first_usefulday_from(days, market)
    context = {
        "market": market,
        "exhibitor": exhibitor,
        "profile": profile,
        "days": days,
        "day": day,
        "slots": selectors.slots_for_rep(rep=request.user, exhibitor=exhibitor, day=day, viewer=profile.user)
        if day
        else [],
        "form": form,
    }
    template = "meetings/invite.html#slots" if request.htmx and request.method == "GET" else "meetings/invite.html"
    return render(request, template, context, status=400 if request.method == "POST" else 200)


# --- One meeting -------------------------------------------------------------------------------------------


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    side = services.side_of(user=request.user, meeting=meeting)
    market = meeting.market
    days = timekeeping.market_days(market)
    day = day_from(request.GET.get("day"), days) or meeting.start.astimezone(timekeeping.market_zone(market)).date()
    moving = meeting.status == Status.ACCEPTED or (meeting.status == Status.PENDING and meeting.awaiting == Side.REP)
    slots = []
    if side and moving:
        slots = [
            s
            for s in selectors.slots_for_rep(
                rep=meeting.rep, exhibitor=meeting.exhibitor, day=day, viewer=meeting.buyer
            )
            if s.free
        ]
    suggestions = []
    if meeting.status == Status.DECLINED and meeting.closed_because and side == Side.BUYER:
        suggestions = selectors.next_free_slots(
            rep=meeting.rep, exhibitor=meeting.exhibitor, after=timezone.now(), viewer=request.user
        )
    context = {
        "meeting": meeting,
        "market": market,
        "side": side,
        # Opened from an email about an earlier state of the meeting: say so before anyone acts on it.
        "overtaken": request.GET.get("v", str(meeting.version)) != str(meeting.version),
        "my_turn": meeting.status == Status.PENDING and meeting.awaiting == side,
        "days": days,
        "day": day,
        "slots": slots,
        "suggestions": suggestions,
        "reason_form": ReasonForm(),
        "can_record_attendance": meeting.status == Status.ACCEPTED
        and meeting.start - services.CHECK_IN_EARLY <= timezone.now(),
        "check_in_url": request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk])),
        "to_confirm": meeting.status == Status.ACCEPTED
        and meeting.arranged
        and side is not None
        and not (meeting.buyer_confirmed if side == Side.BUYER else meeting.rep_confirmed),
    }
    template = "meetings/detail.html#move-slots" if request.htmx else "meetings/detail.html"
    return render(request, template, context)


def _perform(action: str, request: HttpRequest, pk: int) -> Meeting:
    common = {"meeting_id": pk, "version": _version(request), "user": request.user}
    reason = request.POST.get("reason", "")
    if action == "accept":
        return services.meeting_accept(**common)
    if action == "confirm":
        return arranging.arranged_meeting_confirm(**common)
    if action == "decline":
        return services.meeting_decline(**common, reason=reason)
    if action == "withdraw":
        return services.meeting_withdraw(**common)
    if action == "cancel":
        return services.meeting_cancel(**common, reason=reason)
    if action in ("met", "no_show"):
        return services.meeting_attendance_record(**common, attendance=action)
    if action == "propose":
        return services.meeting_propose(**common, start=_start(request), reason=reason)
    return services.meeting_reschedule(**common, start=_start(request), reason=reason)


DONE = {
    "accept": gettext_lazy("Accepted: the meeting is in both agendas."),
    "confirm": gettext_lazy("Confirmed: thank you."),
    "decline": gettext_lazy("Declined."),
    "withdraw": gettext_lazy("Withdrawn."),
    "cancel": gettext_lazy("Cancelled."),
    "propose": gettext_lazy("Proposed: the buyer now answers."),
    "reschedule": gettext_lazy("Moved. Both agendas show the new time."),
    "met": gettext_lazy("Checked in: the meeting happened."),
    "no_show": gettext_lazy("Recorded: the meeting did not happen."),
}


@login_required
@require_POST
def meeting_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in DONE:
        raise Http404
    selectors.meeting_for(user=request.user, pk=pk)  # 404 before anything else for outsiders
    try:
        _perform(action, request, pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, str(DONE[action]))
    return redirect("meetings:detail", pk=pk)


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    if meeting.status not in (Status.ACCEPTED, Status.CANCELLED):
        raise Http404
    body = calendar.meeting_ics(meeting, url=request.build_absolute_uri(reverse("meetings:detail", args=[pk])))
    method = calendar.ics_method(meeting)
    response = HttpResponse(body, content_type=f"text/calendar; charset=utf-8; method={method}")
    response["Content-Disposition"] = f'attachment; filename="meeting-{pk}.ics"'
    return response


# --- Open hours, busy times, calendar feed -------------------------------------------------------------


@login_required
@market_required
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest) -> HttpResponse:
    """Reps publish open hours; buyers block busy times. One page, what fits the person."""
    market = request.market
    membership = _membership(request, market)
    form_class = OpenHoursForm if membership else BusyTimeForm
    form = form_class(request.POST or None, market=market)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if membership:
                services.availability_add(
                    rep=request.user, exhibitor=membership.exhibitor, day=data["day"], start=data["start"],
                    end=data["end"], place=data["place"], place_detail=data["place_detail"], table=data.get("table"),
                )  # fmt: skip
            else:
                services.busy_time_add(
                    user=request.user, market=market, day=data["day"], start=data["start"], end=data["end"],
                    note=data["note"],
                )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("meetings:hours")
    if membership:
        entries = Availability.objects.filter(rep=request.user, exhibitor=membership.exhibitor).order_by("during")
    else:
        entries = selectors.busy_times_for(user=request.user, market=market)
    context = {
        "market": market,
        "membership": membership,
        "is_admin": membership is not None and membership.role == TeamRole.ADMIN,
        "form": form,
        "entries": list(entries),
    }
    return render(request, "meetings/hours.html", context, status=400 if request.method == "POST" else 200)


@login_required
@market_required
@require_POST
def hours_remove(request: HttpRequest, pk: int) -> HttpResponse:
    market = request.market
    membership = _membership(request, market)
    exhibitor = membership and membership.exhibitor
    if not selectors.hours_entry_exists(user=request.user, market=market, exhibitor=exhibitor, pk=pk):
        raise Http404  # someone else's hours or busy time: as if it did not exist
    try:
        if membership:
            services.availability_remove(availability_id=pk, rep=request.user)
        else:
            services.busy_time_remove(busy_time_id=pk, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Removed."))
    return redirect("meetings:hours")


@login_required
@market_required
@require_POST
def auto_accept(request: HttpRequest) -> HttpResponse:
    market = request.market
    membership = _membership(request, market)
    if membership is None or membership.role != TeamRole.ADMIN:
        raise Http404
    exhibitor_services.exhibitor_auto_accept_set(exhibitor=membership.exhibitor, on=request.POST.get("on") == "1")
    messages.success(request, _("Saved."))
    return redirect("meetings:hours")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_reset(user=request.user)
        messages.success(request, _("A new calendar address is ready; the old one no longer works."))
        return redirect("meetings:calendar_settings")
    feed = services.calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(request, "meetings/calendar.html", {"feed_url": url, "webcal_url": webcal})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    body = calendar.feed_ics(selectors.feed_meetings(user=feed.user), name=_("FILMART meetings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
