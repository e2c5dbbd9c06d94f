"""The directory's and the catalogue's filter parameters: parsed from the query string, never trusted."""

from functools import cache

from django import forms
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from exhibitors.models import CompanyType, Pavilion, Region
from exhibitors.selectors import Facet
from exhibitors.vocabulary import Genre, Language, Media, TitleKind
from markets.models import Market
from web.i18n import localized_value


@cache
def territory_choices(language: str) -> list[tuple[str, str]]:
    """Every country, named and sorted in the reader's language: the same list for everyone, so built once."""
    with override(language):
        return [(code, str(name)) for code, name in countries]


class ListingFilterForm(forms.Form):
    """Search text and multi-valued filters. Unknown values are reported, then ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    page = forms.IntegerField(required=False, min_value=1)

    facet_labels: dict[str, str] = {}

    def __init__(self, data, *, choices: dict[str, list[tuple[str, str]]]):
        super().__init__(data)
        self.facet_choices = choices
        for name, options in choices.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=self.facet_labels[name], choices=options, required=False
            )

    def cleaned_or_empty(self) -> dict:
        """What was valid: a bad value in one filter does not cost the others."""
        self.is_valid()
        return {
            "q": self.cleaned_data.get("q", ""),
            "page": self.cleaned_data.get("page") or 1,
            "filters": {name: self.cleaned_data.get(name, []) for name in self.facet_choices},
        }

    def facets(self, selected: dict[str, list[str]]) -> list[Facet]:
        return [
            Facet(name=name, label=self.facet_labels[name], options=options, selected=selected[name])
            for name, options in self.facet_choices.items()
        ]


class DirectoryFilterForm(ListingFilterForm):
    facet_labels = {"region": _("Country or region"), "pavilion": _("Pavilion"), "type": _("Company type")}

    def __init__(self, data, *, market: Market):
        regions = [
            (r.code, localized_value(r, "name")) for r in Region.objects.filter(exhibitors__market=market).distinct()
        ]
        pavilions = [(p.slug, localized_value(p, "name")) for p in Pavilion.objects.filter(market=market)]
        super().__init__(
            data,
            choices={
                "region": sorted(regions, key=lambda item: item[1]),
                "pavilion": sorted(pavilions, key=lambda item: item[1]),
                "type": list(CompanyType.choices),
            },
        )


class CatalogueFilterForm(ListingFilterForm):
    facet_labels = {
        "kind": _("Kind"),
        "genre": _("Genre"),
        "language": _("Language"),
        "media": _("Rights available"),
        "region": _("Exhibitor's country or region"),
    }
    territory = forms.ChoiceField(label=_("Territory"), required=False)

    def __init__(self, data, *, market: Market):
        regions = [
            (r.code, localized_value(r, "name")) for r in Region.objects.filter(exhibitors__market=market).distinct()
        ]
        super().__init__(
            data,
            choices={
                "kind": list(TitleKind.choices),
                "media": list(Media.choices),
                "genre": list(Genre.choices),
                "language": list(Language.choices),
                "region": sorted(regions, key=lambda item: item[1]),
            },
        )
        self.fields["territory"].choices = [("", _("Any territory")), *territory_choices(get_language())]

    def cleaned_or_empty(self) -> dict:
        cleaned = super().cleaned_or_empty()
        cleaned["territory"] = self.cleaned_data.get("territory") or None
        return cleaned
