"""CSV import and export of exhibitors, their booths and titles for organisers (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets
from import_export.results import Result, RowResult

from exhibitors.models import TITLE_FACTS, Exhibitor, Pavilion, Region, Title
from exhibitors.services import catalogue_changed
from markets.resources import MarketScopedResource, ReferenceWidget
from markets.selectors import market_current


def _changed_ids(result: Result, **kwargs) -> list[int] | None:
    """The rows a confirmed, clean import wrote (None when it wrote nothing: a preview, or a file with errors)."""
    if kwargs.get("dry_run") or result.has_errors():
        return None
    written = {RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE, RowResult.IMPORT_TYPE_DELETE}
    return [row.object_id for row in result.rows if row.import_type in written and row.object_id is not None]


class ListWidget(widgets.SimpleArrayWidget):
    """Several codes in one cell, separated by | (commas appear inside text)."""

    def __init__(self):
        super().__init__(separator="|")

    def clean(self, value, row=None, **kwargs):
        return [item.strip() for item in super().clean(value, row, **kwargs) if item.strip()]


class ExhibitorResource(MarketScopedResource):
    region = fields.Field(
        "region", "region", ReferenceWidget(Region, "code", what=gettext_lazy("country or region code"))
    )
    pavilion = fields.Field(
        "pavilion", "pavilion", ReferenceWidget(Pavilion, "slug", what=gettext_lazy("pavilion"), in_current_market=True)
    )

    class Meta:
        model = Exhibitor
        name = gettext_lazy("Exhibitors")
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "name_zh_hant",
            "name_zh_hans",
            "region",
            "pavilion",
            "company_type",
            "hall",
            "stand",
            "description",
            "website",
        ]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def prepare_instance(self, instance) -> None:
        instance.market = market_current()
        instance.slug = instance.slug or slugify(instance.name)[:200]

    def after_import(self, dataset, result, **kwargs):
        if (ids := _changed_ids(result, **kwargs)) is not None:
            catalogue_changed(exhibitor_ids=ids)  # names, region and pavilion feed search and filters


class BoothResource(MarketScopedResource):
    """Booth assignments: exhibitor slug, hall, stand. Updates exhibitors already at the market, creates none."""

    slug = fields.Field("slug", "slug")

    class Meta:
        model = Exhibitor
        name = gettext_lazy("Booths (exhibitor slug, hall, stand)")
        import_id_fields = ["slug"]
        fields = ["slug", "hall", "stand"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            raise ValidationError({"slug": _("No exhibitor “%(slug)s” at this market.") % {"slug": row.get("slug")}})
        super().import_instance(instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.pk is None:  # an unknown company: say only that, not every field a new one would need
            raise ValidationError(import_validation_errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def after_import(self, dataset, result, **kwargs):
        if (ids := _changed_ids(result, **kwargs)) is not None:
            catalogue_changed(exhibitor_ids=ids)


class TitleResource(MarketScopedResource):
    exhibitor = fields.Field(
        "exhibitor",
        "exhibitor",
        ReferenceWidget(Exhibitor, "slug", what=gettext_lazy("exhibitor"), in_current_market=True),
    )
    genres = fields.Field("genres", "genres", ListWidget())
    subtitle_languages = fields.Field("subtitle_languages", "subtitle_languages", ListWidget())
    dubbing_languages = fields.Field("dubbing_languages", "dubbing_languages", ListWidget())

    class Meta:
        model = Title
        import_id_fields = ["slug"]
        fields = ["slug", "exhibitor", *TITLE_FACTS]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def get_queryset(self):
        return Title.objects.filter(exhibitor__market=market_current())

    def prepare_instance(self, instance) -> None:
        instance.slug = instance.slug or slugify(f"{instance.english_title} {instance.year}")[:90]

    def after_import(self, dataset, result, **kwargs):
        if (ids := _changed_ids(result, **kwargs)) is not None:
            catalogue_changed(title_ids=ids)
