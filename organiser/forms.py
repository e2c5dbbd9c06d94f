from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Pavilion
from exhibitors.vocabulary import TitleKind
from markets.models import Market
from matchmaking.models import Verification
from meetings.forms import day_choices
from meetings.models import Status
from organiser.models import Announcement, ExportFormat, ExportKind, Segment


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=ExportKind.choices)
    file_format = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices, initial=ExportFormat.XLSX)
    day = forms.ChoiceField(label=_("Meetings of one day"), required=False)
    status = forms.ChoiceField(label=_("Meetings in one state"), required=False)
    verification = forms.ChoiceField(label=_("Buyers"), required=False)
    title_kind = forms.ChoiceField(label=_("Titles of one kind"), required=False)

    def __init__(self, *args, market: Market, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["day"].choices = every + day_choices(market)
        self.fields["status"].choices = every + list(Status.choices)
        self.fields["verification"].choices = every + list(Verification.choices)
        self.fields["title_kind"].choices = every + list(TitleKind.choices)

    def export_arguments(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        filters = {
            ExportKind.MEETINGS: {"day": data["day"], "status": data["status"]},
            ExportKind.BUYERS: {"verification": data["verification"]},
            ExportKind.TITLES: {"kind": data["title_kind"]},
        }.get(kind, {})
        return {"kind": kind, "file_format": data["file_format"], "filters": {k: v for k, v in filters.items() if v}}


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["segment", "pavilion", "day", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, market: Market, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pavilion"].queryset = Pavilion.objects.filter(market=market).order_by("name")
        self.fields["day"] = forms.TypedChoiceField(
            label=_("Day"), required=False, choices=[("", "—")] + day_choices(market), coerce=date.fromisoformat,
            empty_value=None,
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("segment") == Segment.PAVILION and not data.get("pavilion"):
            self.add_error("pavilion", _("Choose the pavilion."))
        if data.get("segment") == Segment.DAY and not data.get("day"):
            self.add_error("day", _("Choose the day."))
        return data

    def announcement_arguments(self) -> dict:
        data = self.cleaned_data
        segment = data["segment"]
        return {
            "segment": segment,
            "subject": data["subject"],
            "body": data["body"],
            # Only the group that needs it keeps a pavilion or a day.
            "pavilion": data.get("pavilion") if segment == Segment.PAVILION else None,
            "day": data.get("day") if segment == Segment.DAY else None,
        }
