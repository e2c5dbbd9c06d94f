from datetime import date

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from markets.selectors import market_current
from markets.timekeeping import market_days, market_zone
from meetings.models import Availability, BusyTime, Meeting, Status
from meetings.selectors import day_range
from meetings.services import meetings_cancel_by_organisers


class MarketDayFilter(admin.SimpleListFilter):
    """Meetings of one day of the current market, as the market's clock counts days."""

    title = _("market day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        market = market_current()
        days = market_days(market) if market else []
        return [(day.isoformat(), formats.date_format(day, "SHORT_DAY_FORMAT")) for day in days]

    def queryset(self, request, queryset):
        market = market_current()
        if not self.value() or market is None:
            return queryset
        try:
            day = date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(during__overlap=day_range(market, day))


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason both sides will read"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """To watch, not to edit: a meeting changes only through its services, so every change stays a
    compare-and-swap and reaches both people. Organisers may cancel meetings, with a reason both sides read."""

    list_display = ["when", "exhibitor", "rep", "buyer", "status", "awaiting", "place_shown", "attendance"]
    list_filter = ["status", MarketDayFilter, "attendance", "initiated_by", "place", "closed_because", "market"]
    search_fields = [
        "buyer__email", "buyer__full_name", "buyer__buyer_profile__company", "rep__email", "rep__full_name",
        "exhibitor__name", "exhibitor__name_zh_hant", "exhibitor__name_zh_hans",
    ]  # fmt: skip
    list_select_related = ["buyer", "rep", "exhibitor", "market"]
    date_hierarchy = "created_at"
    actions = ["cancel_with_notice"]

    @admin.display(description=_("when (market time)"), ordering="during")
    def when(self, obj: Meeting) -> str:
        zone = market_zone(obj.market)
        start, end = obj.during.lower.astimezone(zone), obj.during.upper.astimezone(zone)
        return f"{formats.date_format(start, 'SHORT_DAY_FORMAT')} {start:%H:%M}–{end:%H:%M}"

    @admin.display(description=_("where"), ordering="place")
    def place_shown(self, obj: Meeting) -> str:
        return ": ".join(part for part in (obj.get_place_display(), obj.place_detail) if part)

    @admin.action(description=_("Cancel the selected meetings, telling both sides why"), permissions=["cancel"])
    def cancel_with_notice(self, request, queryset):
        accepted = queryset.filter(status=Status.ACCEPTED)
        form = CancelForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                count = meetings_cancel_by_organisers(
                    meeting_ids=list(accepted.values_list("pk", flat=True)), reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext(
                    "%(count)d meeting cancelled; both sides are told by email.",
                    "%(count)d meetings cancelled; both sides are told by email.",
                    count,
                )
                % {"count": count},
                messages.WARNING,
            )
            return None
        return TemplateResponse(
            request,
            "admin/meetings/cancel.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "meetings": accepted.select_related("buyer", "rep", "exhibitor", "market"),
                "skipped": queryset.exclude(status=Status.ACCEPTED).count(),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
                "title": _("Cancel meetings"),
            },
        )

    def has_cancel_permission(self, request) -> bool:
        return request.user.has_perm("meetings.change_meeting")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ["rep", "exhibitor", "during", "place", "place_detail", "table"]
    list_filter = ["place", "market"]
    search_fields = ["rep__email", "rep__full_name", "exhibitor__name", "table__code"]
    list_select_related = ["rep", "exhibitor", "table"]
    raw_id_fields = ["rep", "exhibitor", "table"]


@admin.register(BusyTime)
class BusyTimeAdmin(admin.ModelAdmin):
    list_display = ["user", "during", "note"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
