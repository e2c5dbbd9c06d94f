from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from markets.models import Market, MeetingTable
from markets.timekeeping import market_days
from meetings.models import MESSAGE_MAX_LENGTH, Place
from web.validators import validate_single_line


def day_choices(market: Market) -> list[tuple[str, str]]:
    return [(day.isoformat(), formats.date_format(day, "DAY_FORMAT")) for day in market_days(market)]


class _DayAndHours(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=date.fromisoformat)
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time", "step": 300}))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time", "step": 300}))

    def __init__(self, *args, market: Market, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices(market)
        self.fields["start"].initial = market.meeting_day_start
        self.fields["end"].initial = market.meeting_day_end

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data


class OpenHoursForm(_DayAndHours):
    place = forms.ChoiceField(label=_("Where"), choices=Place.choices, initial=Place.BOOTH)
    table = forms.ModelChoiceField(
        label=_("Meeting table"),
        queryset=MeetingTable.objects.none(),
        required=False,
        widget=forms.Select(attrs={"data-shown-when": "place=table"}),
        empty_label=_("Choose a table"),
        help_text=_("The organisers' tables; one rep holds a table at a time."),
    )
    place_detail = forms.CharField(
        label=_("Table, room or link"),
        required=False,
        max_length=300,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"data-shown-when": "place=table,online"}),
        help_text=_("For a table or room, its name; for online meetings, the link."),
    )

    def __init__(self, *args, market: Market, **kwargs):
        super().__init__(*args, market=market, **kwargs)
        tables = MeetingTable.objects.filter(market=market, is_active=True).select_related("hall")
        if tables.exists():
            # Tables are set up: a rep picks one (so no two reps hold it at once) and names rooms no more.
            self.fields["table"].queryset = tables
            self.fields["place_detail"].label = _("Link for online meetings")
            self.fields["place_detail"].help_text = ""
            self.fields["place_detail"].widget.attrs["data-shown-when"] = "place=online"
        else:
            del self.fields["table"]

    def clean(self):
        data = super().clean()
        detail = (data.get("place_detail") or "").strip()
        place = data.get("place")
        if place == Place.TABLE and "table" in self.fields:
            if not data.get("table"):
                self.add_error("table", _("Choose the table you will meet at."))
        elif place in (Place.TABLE, Place.ONLINE) and not detail:
            self.add_error("place_detail", _("Name the table or room, or give the link for online meetings."))
        if place == Place.ONLINE and detail and not detail.startswith(("https://", "http://")):
            self.add_error("place_detail", _("Give the full link, starting with https://."))
        return data


class BusyTimeForm(_DayAndHours):
    note = forms.CharField(
        label=_("Note (only you see it)"), required=False, max_length=120, validators=[validate_single_line]
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would like to discuss: titles, territories, media."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberRemovalForm(forms.Form):
    """What becomes of the open meetings of a team member who is removed."""

    open_meetings = forms.ChoiceField(
        label=_("Their open meetings and requests"),
        choices=[
            ("hand_over", _("Hand them to me: I will meet the buyers instead, at the same times")),
            ("cancel", _("Cancel them, telling the buyers why")),
        ],
        initial="hand_over",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason the buyers read"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed when you cancel. Meetings that cannot be handed to you are cancelled too, with this reason."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("open_meetings") == "cancel" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why their meetings are cancelled: the buyers will read it."))
        return data
