from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exhibitors.filters import territory_choices
from exhibitors.vocabulary import TERRITORY_GROUPS, Genre, Language, Media, TitleKind
from matchmaking.models import BuyerProfile


class BuyerProfileForm(forms.ModelForm):
    territory_groups = forms.MultipleChoiceField(
        label=_("Whole groups"),
        choices=[(key, label) for key, (label, _codes) in TERRITORY_GROUPS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    territories = forms.MultipleChoiceField(
        label=_("Territories you acquire for"),
        choices=[],
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
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
        choices = territory_choices(get_language())
        self.fields["territories"].choices = choices
        self.fields["country"].choices = [("", "—"), *choices]

    def clean(self):
        cleaned = super().clean()
        for group in cleaned.pop("territory_groups", []):
            cleaned["territories"] = sorted({*cleaned.get("territories", []), *TERRITORY_GROUPS[group][1]})
        if not cleaned.get("territories") and cleaned.get("country"):
            cleaned["territories"] = [cleaned["country"]]  # by default, a buyer acquires for home
        return cleaned
