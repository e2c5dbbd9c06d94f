from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV

from exhibitors.models import Exhibitor, Invitation, Pavilion, Region, RightsAvailability, TeamMember, Title
from exhibitors.resources import BoothResource, ExhibitorResource, TitleResource
from exhibitors.services import exhibitors_reindex, titles_reindex


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
class ExhibitorAdmin(ImportExportModelAdmin):
    resource_classes = [ExhibitorResource, BoothResource]
    import_formats = [CSV]
    export_formats = [CSV]
    list_display = ["name", "name_zh_hant", "region", "pavilion", "hall", "stand", "company_type", "title_count"]
    list_filter = ["market", "company_type", "region__is_asean", "region", "pavilion"]
    search_fields = ["name", "name_zh_hant", "name_zh_hans", "stand", "slug"]
    list_select_related = ["region", "pavilion"]
    autocomplete_fields = ["region", "pavilion"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    exclude = ["logo_thumbnail"]
    inlines = [TeamMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(title_total=Count("titles"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        exhibitors_reindex(ids=[form.instance.pk])  # names and pavilion feed search and filters

    @admin.display(description=_("titles"), ordering="title_total")
    def title_count(self, obj: Exhibitor) -> int:
        return obj.title_total


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "exhibitor", "role", "job_title"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "exhibitor__name"]
    list_select_related = ["user", "exhibitor"]
    autocomplete_fields = ["user", "exhibitor"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "exhibitor", "role", "created_at", "accepted_at"]
    list_filter = ["role", "accepted_at"]
    search_fields = ["email", "exhibitor__name"]
    list_select_related = ["exhibitor"]
    readonly_fields = ["created_at", "accepted_at", "invited_by"]
    exclude = ["token"]  # the join key is for the person invited alone


class RightsInline(admin.TabularInline):
    model = RightsAvailability
    extra = 0


@admin.register(Title)
class TitleAdmin(ImportExportModelAdmin):
    resource_classes = [TitleResource]
    import_formats = [CSV]
    export_formats = [CSV]
    list_display = ["english_title", "original_title", "exhibitor", "kind", "year", "status", "original_language"]
    list_filter = ["kind", "status", "original_language", "year", "exhibitor__region"]
    search_fields = ["english_title", "original_title", "slug", "exhibitor__name"]
    list_select_related = ["exhibitor"]
    autocomplete_fields = ["exhibitor"]
    readonly_fields = ["created_at", "updated_at"]
    exclude = ["poster_thumbnail"]
    inlines = [RightsInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        titles_reindex(ids=[form.instance.pk])  # facts and rights feed search and filters


@admin.register(RightsAvailability)
class RightsAvailabilityAdmin(admin.ModelAdmin):
    list_display = ["title", "media", "territories", "worldwide_except", "exclusive", "available_from"]
    list_filter = ["exclusive", "worldwide_except", "available_from"]
    search_fields = ["title__english_title", "title__original_title"]
    list_select_related = ["title"]
    autocomplete_fields = ["title"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        titles_reindex(ids=[obj.title_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        titles_reindex(ids=[obj.title_id])
