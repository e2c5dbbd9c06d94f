"""CSV/Excel import and export of exhibitors and titles for organisers (django-import-export).

Rows are validated like a form (model full_clean), previewed with each bad row's reason, and nothing is
written until the organiser confirms a file without errors.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from exhibitors.models import TITLE_FACTS, Exhibitor, Pavilion, Region, Title
from exhibitors.services import exhibitors_reindex, titles_reindex
from filmart.selectors import market_current


class ReferenceWidget(widgets.ForeignKeyWidget):
    """A foreign key by code or slug, with a message that says which value was not found."""

    def __init__(self, model, field, *, what: str, in_current_market: bool = False):
        super().__init__(model, field)
        self.what = what
        self.in_current_market = in_current_market

    def get_queryset(self, value, row, *args, **kwargs):
        queryset = self.model.objects.all()
        if self.in_current_market:
            queryset = queryset.filter(market=market_current())
        return queryset

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as exc:
            raise ValueError(_("No %(what)s “%(value)s”.") % {"what": self.what, "value": value}) from exc


class ListWidget(widgets.SimpleArrayWidget):
    """Several codes in one cell, separated by | (commas appear inside text)."""

    def __init__(self):
        super().__init__(separator="|")

    def clean(self, value, row=None, **kwargs):
        return [item.strip() for item in super().clean(value, row, **kwargs) if item.strip()]


class MarketScopedResource(resources.ModelResource):
    """Imports into the current market, reindexes search once after a real (not dry-run) import."""

    def before_import(self, dataset, **kwargs):
        if market_current() is None:
            raise ValidationError(_("Set a current market before importing."))

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        self.prepare_instance(instance)  # each resource fills in what the file does not carry


class ExhibitorResource(MarketScopedResource):
    region = fields.Field("region", "region", ReferenceWidget(Region, "code", what=_("country or region code")))
    pavilion = fields.Field(
        "pavilion", "pavilion", ReferenceWidget(Pavilion, "slug", what=_("pavilion"), in_current_market=True)
    )

    class Meta:
        model = Exhibitor
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

    def get_queryset(self):
        return Exhibitor.objects.filter(market=market_current())

    def prepare_instance(self, instance) -> None:
        instance.market = market_current()
        instance.slug = instance.slug or slugify(instance.name)[:200]

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and not result.has_errors():
            exhibitors_reindex()


class TitleResource(MarketScopedResource):
    exhibitor = fields.Field(
        "exhibitor", "exhibitor", ReferenceWidget(Exhibitor, "slug", what=_("exhibitor"), in_current_market=True)
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
        if not kwargs.get("dry_run") and not result.has_errors():
            titles_reindex()
