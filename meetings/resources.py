"""Organisers' CSV import of meeting tables (django-import-export), previewed before anything is written."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from filmart.models import Hall
from filmart.resources import MarketScopedResource, ReferenceWidget
from meetings.models import MeetingTable


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
