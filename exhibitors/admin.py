from django.contrib import admin

from exhibitors.models import Exhibitor, Pavilion, Region, TeamMember


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "name_zh_hant", "name_zh_hans", "is_asean"]
    list_filter = ["is_asean"]
    search_fields = ["name", "code", "name_zh_hant", "name_zh_hans"]


@admin.register(Pavilion)
class PavilionAdmin(admin.ModelAdmin):
    list_display = ["name", "market", "region", "hall", "is_debut"]
    list_filter = ["market", "is_debut", "hall"]
    search_fields = ["name", "name_zh_hant", "name_zh_hans"]
    list_select_related = ["market", "region"]
    prepopulated_fields = {"slug": ["name"]}


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Exhibitor)
class ExhibitorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh_hant", "region", "pavilion", "hall", "stand", "company_type"]
    list_filter = ["market", "company_type", "region__is_asean", "region", "pavilion"]
    search_fields = ["name", "name_zh_hant", "name_zh_hans", "stand"]
    list_select_related = ["region", "pavilion"]
    autocomplete_fields = ["region", "pavilion"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    inlines = [TeamMemberInline]


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "exhibitor", "role", "job_title"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "exhibitor__name"]
    list_select_related = ["user", "exhibitor"]
    autocomplete_fields = ["user", "exhibitor"]
