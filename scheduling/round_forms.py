from datetime import date, time

from django import forms
from django.utils.translation import gettext_lazy as _

from markets.models import Market
from meetings.forms import day_choices
from scheduling.models import Round


class RoundForm(forms.ModelForm):
    """A matchmaking round's settings; the days are the market's."""

    days = forms.TypedMultipleChoiceField(
        label=_("Days"), coerce=date.fromisoformat, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Round
        fields = [
            "name", "days", "day_starts", "day_ends", "slot_minutes", "per_person_per_day", "floor", "only_verified",
            "confirm_at_once", "seconds",
        ]  # fmt: skip
        widgets = {
            "day_starts": forms.TimeInput(attrs={"type": "time"}),
            "day_ends": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, market: Market, **kwargs):
        super().__init__(*args, **kwargs)
        self.market = market
        self.fields["days"].choices = day_choices(market)
        if not self.is_bound:
            self.initial.setdefault("days", [value for value, _label in day_choices(market)])
            self.initial.setdefault("day_starts", time(10))
            self.initial.setdefault("day_ends", time(18))
            self.initial.setdefault("slot_minutes", market.slot_minutes)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("day_starts"), data.get("day_ends")
        if starts and ends and ends <= starts:
            self.add_error("day_ends", _("The end must come after the start."))
        minutes = data.get("slot_minutes")
        if minutes and minutes % self.market.slot_minutes:
            self.add_error(
                "slot_minutes",
                _("Meetings last a whole number of the market's %(minutes)s-minute slots.")
                % {"minutes": self.market.slot_minutes},
            )
        return data
