from django.contrib import admin

from meetings.models import Availability, Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """To watch, not to edit: a meeting changes only through its services, so every change stays a
    compare-and-swap and reaches both people."""

    list_display = ["__str__", "exhibitor", "status", "awaiting", "during", "place", "updated_at"]
    list_filter = ["status", "initiated_by", "place", "market"]
    search_fields = ["buyer__email", "buyer__full_name", "rep__email", "rep__full_name", "exhibitor__name"]
    list_select_related = ["buyer", "rep", "exhibitor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ["rep", "exhibitor", "during", "place", "place_detail"]
    list_filter = ["place", "market"]
    search_fields = ["rep__email", "rep__full_name", "exhibitor__name"]
    list_select_related = ["rep", "exhibitor"]
    raw_id_fields = ["rep", "exhibitor"]
