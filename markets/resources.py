"""What every organisers' CSV import shares (django-import-export), and the halls import.

Rows are validated like a form (model full_clean), previewed with each bad row's reason, and nothing is
written until the organiser confirms a file without errors.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from markets.models import Hall, MeetingTable
from markets.selectors import market_current
from web.spreadsheets import spreadsheet_cell


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


class MarketScopedResource(resources.ModelResource):
    """Imports into the current market: rows are matched among its records, and new ones join it. Exports
    write every cell through `spreadsheet_cell`: text typed by an exhibitor never runs as a formula."""

    def get_queryset(self):
        return self._meta.model.objects.filter(market=market_current())

    def export_field(self, field, instance, **kwargs):
        # Every exported cell passes here, dehydrate_<field> methods' included; headers do not.
        return spreadsheet_cell(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs):
        if market_current() is None:
            raise ValidationError(_("Set a current market before importing."))

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        self.prepare_instance(instance)  # each resource fills in what the file does not carry

    def prepare_instance(self, instance) -> None:
        instance.market = market_current()


class HallResource(MarketScopedResource):
    code = fields.Field("code", "code")

    class Meta:
        model = Hall
        import_id_fields = ["code"]
        fields = ["code", "name", "name_zh_hant", "name_zh_hans"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True


class MeetingTableResource(MarketScopedResource):
    code = fields.Field("code", "code")
    hall = fields.Field("hall", "hall", ReferenceWidget(Hall, "code", what=_("hall"), in_current_market=True))

    class Meta:
        model = MeetingTable
        import_id_fields = ["code"]
        fields = ["code", "name", "hall", "seats", "is_active"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
