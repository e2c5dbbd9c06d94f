from django import template

from web.i18n import localized_value, title_names

register = template.Library()


@register.filter
def localized(obj: object, field: str) -> str:
    """{{ market|localized:"name" }}: the name in the reader's script, falling back to English."""
    return localized_value(obj, field)


@register.filter
def other_script(obj: object, field: str) -> str:
    """The name in the other script, shown beside the reader's one ("" when it adds nothing)."""
    shown = localized_value(obj, field)
    candidates = [getattr(obj, field, ""), getattr(obj, f"{field}_zh_hant", ""), getattr(obj, f"{field}_zh_hans", "")]
    for candidate in candidates:
        if candidate and candidate != shown:
            return candidate
    return ""


@register.filter
def choice_labels(obj: object, field: str) -> list[str]:
    """Labels of the codes held in an array field with choices, e.g. {{ title|choice_labels:"genres" }}."""
    choices = dict(obj._meta.get_field(field).base_field.choices)
    return [str(choices.get(code, code)) for code in getattr(obj, field)]


@register.filter
def country_names(codes: list[str]) -> list[str]:
    from django_countries import countries

    return [countries.name(code) or code for code in codes]


@register.filter
def in_set(value, container) -> bool:
    """{{ title.pk|in_set:shortlisted.titles }}"""
    return value in (container or ())


@register.filter
def title_name(title) -> str:
    """A title's name for this reader: the Chinese original in their script, else the English title."""
    return title_names(title)[0]


@register.filter
def title_other_name(title) -> str:
    """The title's other name, shown beside the reader's one ("" when it adds nothing)."""
    return title_names(title)[1]
