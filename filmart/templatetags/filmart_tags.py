from django import template

from filmart.i18n import localized_value

register = template.Library()


@register.filter
def localized(obj: object, field: str) -> str:
    """{{ market|localized:"name" }}: the name in the reader's script, falling back to English."""
    return localized_value(obj, field)
