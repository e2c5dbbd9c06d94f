from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV

from exhibitors import services
from exhibitors.models import Exhibitor, Invitation, Pavilion, Region, RightsAvailability, TeamMember, Title
from exhibitors.resources import BoothResource, ExhibitorResource, TitleResource

# Every change made here to titles, rights rows and exhibitors (and to the regions and pavilions whose names
# exhibitors' search documents carry) goes through exhibitors.services, which keeps search, facet counts and
# rights coverage current (services.catalogue_changed), single edits and "delete selected" alike.


class CompanyNamesMixin:
    """Regions and pavilions: their names and codes feed their exhibitors' search documents and facet keys."""

    def _exhibitor_ids(self, objects) -> list[int]:
        return list(Exhibitor.objects.filter(**{f"{self.exhibitors_via}__in": objects}).values_list("pk", flat=True))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.catalogue_changed(exhibitor_ids=self._exhibitor_ids([obj]))

    def delete_model(self, request, obj):
        exhibitor_ids = self._exhibitor_ids([obj])  # read first: deleting a pavilion leaves them without one
        super().delete_model(request, obj)
        services.catalogue_changed(exhibitor_ids=exhibitor_ids)

    def delete_queryset(self, request, queryset):
        exhibitor_ids = self._exhibitor_ids(queryset)
        super().delete_queryset(request, queryset)
        services.catalogue_changed(exhibitor_ids=exhibitor_ids)


@admin.register(Region)
class RegionAdmin(CompanyNamesMixin, admin.ModelAdmin):
    exhibitors_via = "region"
    list_display = ["name", "code", "name_zh_hant", "name_zh_hans", "is_asean"]
    list_filter = ["is_asean"]
    search_fields = ["name", "code", "name_zh_hant", "name_zh_hans"]


@admin.register(Pavilion)
class PavilionAdmin(CompanyNamesMixin, admin.ModelAdmin):
    exhibitors_via = "pavilion"
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
        services.catalogue_changed(exhibitor_ids=[form.instance.pk])  # names, region and pavilion feed search

    def delete_model(self, request, obj):
        services.exhibitors_delete(ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        services.exhibitors_delete(ids=list(queryset.values_list("pk", flat=True)))

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
        # After the inline rights rows too: facts, rights and the company feed search, filters and matching.
        services.catalogue_changed(title_ids=[form.instance.pk])

    def delete_model(self, request, obj):
        services.title_delete(title=obj)

    def delete_queryset(self, request, queryset):
        services.titles_delete(ids=list(queryset.values_list("pk", flat=True)))


@admin.register(RightsAvailability)
class RightsAvailabilityAdmin(admin.ModelAdmin):
    list_display = ["title", "media", "territories", "worldwide_except", "exclusive", "available_from"]
    list_filter = ["exclusive", "worldwide_except", "available_from"]
    search_fields = ["title__english_title", "title__original_title"]
    list_select_related = ["title"]
    autocomplete_fields = ["title"]

    def save_model(self, request, obj, form, change):
        services.rights_save(title=obj.title, rights=obj, data=form.cleaned_data)

    def delete_model(self, request, obj):
        services.rights_delete(rights=obj)

    def delete_queryset(self, request, queryset):
        services.rights_rows_delete(ids=list(queryset.values_list("pk", flat=True)))
