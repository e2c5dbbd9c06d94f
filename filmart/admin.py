from django.contrib import admin

from filmart.models import Market


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "edition",
        "starts_on",
        "ends_on",
        "venue",
        "time_zone",
        "slot_minutes",
        "is_current",
    ]
    list_filter = ["is_current"]
    search_fields = ["name", "name_zh_hant", "name_zh_hans", "venue"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
