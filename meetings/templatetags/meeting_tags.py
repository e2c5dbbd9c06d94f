"""Times as people read them: in market time, with the reader's own zone beside when it differs."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _

from meetings.calendar import place_text
from meetings.services import market_zone

register = template.Library()


def _own_zone(context) -> ZoneInfo | None:
    user = getattr(context.get("request"), "user", None)
    name = getattr(user, "time_zone", "") if user is not None else ""
    return ZoneInfo(name) if name else None


def _span(start, end, zone) -> str:
    return f"{formats.time_format(start.astimezone(zone), 'H:i')}–{formats.time_format(end.astimezone(zone), 'H:i')}"


@register.simple_tag(takes_context=True)
def time_range(context, start, end, market):
    """'10:00–10:30' in market time, then '(04:00–04:30 in Europe/Berlin, Tue 17 Mar)' when that differs."""
    zone = market_zone(market)
    shown = format_html('<time datetime="{}">{}</time>', start.isoformat(), _span(start, end, zone))
    own = _own_zone(context)
    if own is None or own.key == zone.key:
        return shown
    own_start, market_start = start.astimezone(own), start.astimezone(zone)
    if own_start.utcoffset() == market_start.utcoffset():
        return shown
    day = ""
    if own_start.date() != market_start.date():
        day = ", " + formats.date_format(own_start, "D j M")
    return format_html(
        '{} <span class="own-time">{}</span>',
        shown,
        _("(%(times)s your time, %(zone)s%(day)s)") % {"times": _span(start, end, own), "zone": own.key, "day": day},
    )


@register.filter
def market_day(moment, market) -> str:
    return formats.date_format(moment.astimezone(market_zone(market)), "l j F")


@register.filter
def place_of(meeting) -> str:
    return place_text(meeting)
