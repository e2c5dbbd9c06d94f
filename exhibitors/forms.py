from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exhibitors.filters import territory_choices
from exhibitors.models import TITLE_FACTS, Exhibitor, RightsAvailability, TeamRole, Title
from exhibitors.vocabulary import TERRITORY_GROUPS, Genre, Language, Media
from web.images import ACCEPT, image_process


class ImageUploadMixin:
    """Validates an optional image field and keeps the re-encoded result in cleaned_data."""

    image_field = ""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get(self.image_field)
        if upload:
            try:
                cleaned[self.image_field] = image_process(upload=upload)
            except forms.ValidationError as error:
                self.add_error(self.image_field, error)
        return cleaned


class ExhibitorProfileForm(ImageUploadMixin, forms.ModelForm):
    image_field = "logo"
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("JPEG, PNG or WebP, up to 8 MB."),
    )

    class Meta:
        model = Exhibitor
        fields = ["name", "name_zh_hant", "name_zh_hans", "company_type", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class TitleForm(ImageUploadMixin, forms.ModelForm):
    image_field = "poster"
    genres = forms.MultipleChoiceField(
        label=_("Genres"), choices=Genre.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    subtitle_languages = forms.MultipleChoiceField(
        label=_("Subtitles"),
        choices=Language.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    dubbing_languages = forms.MultipleChoiceField(
        label=_("Dubbing"),
        choices=Language.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    poster = forms.FileField(
        label=_("Poster"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("JPEG, PNG or WebP, up to 8 MB and 40 megapixels. We re-encode it and make a thumbnail."),
    )

    class Meta:
        model = Title
        fields = TITLE_FACTS
        widgets = {"synopsis": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in {"series", "micro", "animation", "variety"} and not cleaned.get("episodes"):
            self.add_error("episodes", _("Give the number of episodes of a series."))
        return cleaned


class TerritoryPickerMixin(forms.Form):
    """Territories by country, in the reader's language, plus whole groups (ASEAN, Europe ...) that add theirs."""

    territory_groups = forms.MultipleChoiceField(
        label=_("Whole groups"),
        choices=[(key, label) for key, (label, _codes) in TERRITORY_GROUPS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    territories = forms.MultipleChoiceField(
        label=_("Territories"),
        choices=[],
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territories"].choices = territory_choices(get_language())

    def clean(self):
        cleaned = super().clean()
        for group in cleaned.pop("territory_groups", []):
            cleaned["territories"] = sorted({*cleaned.get("territories", []), *TERRITORY_GROUPS[group][1]})
        return cleaned


class RightsForm(TerritoryPickerMixin, forms.ModelForm):
    media = forms.MultipleChoiceField(
        label=_("Media"),
        choices=Media.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one medium.")},
    )

    class Meta:
        model = RightsAvailability
        fields = ["media", "worldwide_except", "territory_groups", "territories", "exclusive", "available_from"]
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("worldwide_except") and not cleaned.get("territories"):
            self.add_error("territories", _("Choose at least one territory, or tick “worldwide except”."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email address"))
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.REP)
