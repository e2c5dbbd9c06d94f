"""Charts drawn on the server as SVG, with their numbers written on them (no script, no CDN)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

ROW = 28  # px per bar
LABEL = 190  # px for the labels
WIDTH = 480


@register.simple_tag
def bar_chart(bars, title: str) -> SafeString:
    """Horizontal bars, longest first, each labelled with its name and count."""
    if not bars:
        return format_html("")
    top = max(bar.value for bar in bars) or 1
    room = WIDTH - LABEL - 60
    rows = format_html_join(
        "",
        '<g transform="translate(0 {})"><text x="{}" y="18" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="4" width="{}" height="20" rx="3" class="chart-bar"></rect>'
        '<text x="{}" y="18" class="chart-value">{}</text></g>',
        (
            (
                index * ROW,
                LABEL - 8,
                bar.label if len(bar.label) <= 26 else bar.label[:25] + "…",
                LABEL,
                max(2, round(room * bar.value / top)),
                LABEL + max(2, round(room * bar.value / top)) + 6,
                bar.value,
            )
            for index, bar in enumerate(bars)
        ),
    )
    height = ROW * len(bars) + 4
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" preserveAspectRatio="xMinYMin meet">'
        "<title>{}</title>{}</svg>",
        WIDTH,
        height,
        title,
        title,
        rows,
    )


@register.filter
def heat(count: int, peak: int) -> int:
    """A cell's shade, 0 to 5, by its share of the busiest hour (classes, as the CSP allows no inline style)."""
    return round(5 * count / peak) if peak else 0
