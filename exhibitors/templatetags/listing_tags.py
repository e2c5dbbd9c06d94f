"""Facet options are the bulk of a listing page (a hundred-odd checkboxes): built here in one pass,
which renders several times faster than the same markup through template loops."""

from django import template
from django.utils.html import format_html_join

from exhibitors.selectors import Facet

register = template.Library()


@register.simple_tag
def facet_options(facet: Facet) -> str:
    return format_html_join(
        "\n",
        '<label class="facet-option{}"><input type="checkbox" name="{}" value="{}"{}>'
        '<span class="facet-label">{}</span><span class="facet-count" id="count-{}-{}">{}</span></label>',
        (
            (
                "" if row["count"] or row["checked"] else " is-empty",
                facet.name,
                row["value"],
                " checked" if row["checked"] else "",
                row["label"],
                facet.name,
                row["value"],
                row["count"],
            )
            for row in facet.rows
        ),
    )


@register.simple_tag
def facet_counts_oob(facets: list[Facet]) -> str:
    """The counts alone, swapped in place by htmx, so checkboxes (and keyboard focus) stay put."""
    return format_html_join(
        "",
        '<span class="facet-count" id="count-{}-{}" hx-swap-oob="true">{}</span>',
        ((facet.name, row["value"], row["count"]) for facet in facets for row in facet.rows),
    )


@register.simple_tag
def select_options(choices, selected) -> str:
    """<option>s for a long <select> (the ~250 territories), in one pass."""
    selected = str(selected or "")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )
