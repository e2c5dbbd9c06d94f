"""Poster art generated from a title's own facts: no downloads, any script (the reader's fonts draw it)."""

import hashlib
import textwrap

from django.utils.html import escape

from exhibitors.models import Title

PALETTES = [
    ("#2b1230", "#b3123f"),
    ("#0f2a44", "#1d7a8c"),
    ("#1f2d16", "#6b8f2a"),
    ("#3a1d0b", "#c0672a"),
    ("#1b1b3a", "#5b4bc4"),
    ("#32101a", "#d2386c"),
    ("#0d2b27", "#2a9d8f"),
    ("#2e2a12", "#c9a227"),
]


def poster_svg(title: Title) -> str:
    digest = int(hashlib.sha256(title.slug.encode()).hexdigest(), 16)
    dark, light = PALETTES[digest % len(PALETTES)]
    angle = digest % 360
    lines = textwrap.wrap(title.english_title, width=16)[:4]
    english = "".join(
        f'<tspan x="30" dy="{0 if i == 0 else 34}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    original = title.original_title[:16] if title.original_title != title.english_title else ""
    # Chinese characters are about as wide as the font is high: shrink long titles to fit the 240 px line.
    original_size = max(14, min(30, 240 // max(1, len(original))))
    original = escape(original)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 450" role="img" '
        f'aria-label="{escape(title.english_title)}">'
        f'<defs><linearGradient id="g" gradientTransform="rotate({angle} .5 .5)">'
        f'<stop offset="0" stop-color="{dark}"/><stop offset="1" stop-color="{light}"/></linearGradient></defs>'
        '<rect width="300" height="450" fill="url(#g)"/>'
        f'<circle cx="{60 + digest % 180}" cy="{90 + digest % 120}" r="{70 + digest % 60}" fill="#fff" '
        'fill-opacity=".08"/>'
        f'<text x="30" y="300" fill="#fff" font-family="sans-serif" font-size="28" font-weight="700">{english}</text>'
        f'<text x="30" y="80" fill="#fff" fill-opacity=".85" font-family="sans-serif" font-size="{original_size}">'
        f"{original}</text>"
        f'<text x="30" y="425" fill="#fff" fill-opacity=".7" font-family="sans-serif" font-size="11" '
        f'letter-spacing="1">{escape(title.get_kind_display().upper())} · {title.year}</text>'
        "</svg>"
    )
