from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV

from markets.models import Hall, Market, MeetingTable
from markets.resources import HallResource, MeetingTableResource


class HallInline(admin.TabularInline):
    model = Hall
    extra = 0


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    """The market's set-up: its days and hours, and the rules meetings follow."""

    list_display = ["name", "edition", "starts_on", "ends_on", "venue", "time_zone", "slot_minutes", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["name", "name_zh_hant", "name_zh_hans", "venue"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    fieldsets = [
        (None, {"fields": ["name", "name_zh_hant", "name_zh_hans", "slug", "edition", "is_current"]}),
        (_("Venue and days"), {"fields": ["venue", "city", "starts_on", "ends_on", "time_zone"]}),
        (
            _("Meetings"),
            {
                "fields": [
                    ("meeting_day_start", "meeting_day_end"),
                    "slot_minutes",
                    "daily_meeting_cap",
                    "request_expiry_hours",
                    "unverified_buyers_may_request",
                    "wishes_close_at",
                ]
            },
        ),
        (_("Emails"), {"fields": ["reminder_minutes", "daily_agenda_at"]}),
        (
            _("Caps per person"),
            {
                "description": _(
                    "Each of these sends someone an email; the caps keep one person from flooding others."
                ),
                "fields": [
                    ("request_cap_per_hour", "request_cap_per_day"),
                    "open_requests_per_exhibitor",
                    ("invitation_cap_per_hour", "invitation_cap_per_day"),
                    "team_invitation_cap_per_day",
                ],
            },
        ),
        (_("Private files"), {"fields": ["export_retention_days"]}),
        (_("Record"), {"fields": ["created_at"]}),
    ]
    inlines = [HallInline]


@admin.register(Hall)
class HallAdmin(ImportExportModelAdmin):
    """Halls of the floor plan; a CSV (code, name, name_zh_hant, name_zh_hans) imports them, previewed first."""

    resource_classes = [HallResource]
    import_formats = [CSV]
    export_formats = [CSV]
    list_display = ["code", "name", "market", "table_count"]
    list_filter = ["market"]
    search_fields = ["code", "name", "name_zh_hant", "name_zh_hans"]
    list_select_related = ["market"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(table_total=Count("meeting_tables"))

    @admin.display(description=_("meeting tables"), ordering="table_total")
    def table_count(self, obj: Hall) -> int:
        return obj.table_total


@admin.register(MeetingTable)
class MeetingTableAdmin(ImportExportModelAdmin):
    """Tables and rooms for meetings; a CSV (code, name, hall, seats, is_active) imports them, previewed first."""

    resource_classes = [MeetingTableResource]
    import_formats = [CSV]
    export_formats = [CSV]
    list_display = ["code", "name", "hall", "seats", "is_active", "market"]
    list_filter = ["market", "hall", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["hall", "market"]
