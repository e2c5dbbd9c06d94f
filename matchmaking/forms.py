from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exhibitors.filters import territory_choices
from exhibitors.forms import TerritoryPickerMixin
from exhibitors.vocabulary import Genre, Language, Media, TitleKind
from matchmaking.models import BuyerProfile


class BuyerProfileForm(TerritoryPickerMixin, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=[])
    media = forms.MultipleChoiceField(
        label=_("Media rights you seek"),
        choices=Media.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one medium: recommendations are about rights.")},
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of titles"), choices=TitleKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres"), choices=Genre.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages your audience needs"),
        choices=Language.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = BuyerProfile
        fields = [
            "company",
            "buyer_type",
            "country",
            "territory_groups",
            "territories",
            "media",
            "kinds",
            "genres",
            "languages",
            "looking_for",
        ]
        widgets = {"looking_for": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territories"].label = _("Territories you acquire for")
        self.fields["country"].choices = [("", "—"), *territory_choices(get_language())]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("territories") and cleaned.get("country"):
            cleaned["territories"] = [cleaned["country"]]  # by default, a buyer acquires for home
        return cleaned
