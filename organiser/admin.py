from django.contrib import admin

from organiser.models import Announcement, Export


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    """A record of who exported what; files are asked for and downloaded from the console."""

    list_display = ["__str__", "market", "status", "total_rows", "requested_by", "created_at", "finished_at"]
    list_filter = ["market", "kind", "file_format", "status"]
    search_fields = ["requested_by__email", "error"]
    list_select_related = ["market", "requested_by"]
    date_hierarchy = "created_at"
    # The file is private (no URL): the console's download view streams it to staff.
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Announcements are written, previewed and sent from the console; here they are on record."""

    list_display = [
        "subject", "market", "segment", "pavilion", "day", "status", "recipients_total", "created_by", "sent_at",
    ]  # fmt: skip
    list_filter = ["market", "segment", "status"]
    search_fields = ["subject", "body", "created_by__email"]
    list_select_related = ["market", "pavilion", "created_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
