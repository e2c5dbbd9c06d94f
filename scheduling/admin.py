from django.contrib import admin

from scheduling.models import HallWalk, Round, Wish


@admin.register(HallWalk)
class HallWalkAdmin(admin.ModelAdmin):
    """The walking-time matrix: one row per pair of halls, either way."""

    list_display = ["from_hall", "to_hall", "minutes", "market"]
    list_editable = ["minutes"]
    list_filter = ["market"]
    autocomplete_fields = ["from_hall", "to_hall"]


@admin.register(Wish)
class WishAdmin(admin.ModelAdmin):
    list_display = ["buyer", "exhibitor", "side", "priority", "created_at"]
    list_filter = ["market", "side", "priority"]
    search_fields = ["buyer__email", "buyer__full_name", "exhibitor__name"]
    raw_id_fields = ["buyer", "exhibitor", "made_by"]
    readonly_fields = ["created_at"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are set up, solved and published on the organisers' page (/organiser/schedule/); here to read."""

    list_display = ["name", "market", "status", "created_at", "published_at"]
    list_filter = ["market", "status"]
    readonly_fields = ["status", "version", "figures", "error", "created_by", "created_at", "solved_at", "published_at"]
