"""Times as people read them: in market time, with the reader's own zone beside when it differs."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from markets.timekeeping import market_zone
from meetings.calendar import place_text

register = template.Library()


def _own_zone(context) -> ZoneInfo | None:
    # An email's reader, else the person making the request.
    user = context.get("recipient") or getattr(context.get("request"), "user", None)
    name = getattr(user, "time_zone", "") if user is not None else ""
    return ZoneInfo(name) if name else None


def _span(start, end, zone) -> str:
    return f"{formats.time_format(start.astimezone(zone), 'H:i')}–{formats.time_format(end.astimezone(zone), 'H:i')}"


def _own_time(context, start, end, zone) -> str:
    """'(04:00–04:30 your time, Europe/Berlin, Tue 17 Mar)', or '' when the reader lives on market time."""
    own = _own_zone(context)
    if own is None or own.key == zone.key:
        return ""
    own_start, market_start = start.astimezone(own), start.astimezone(zone)
    if own_start.utcoffset() == market_start.utcoffset():
        return ""
    day = ""
    if own_start.date() != market_start.date():
        day = ", " + formats.date_format(own_start, "SHORT_DAY_FORMAT")
    return _("(%(times)s your time, %(zone)s%(day)s)") % {"times": _span(start, end, own), "zone": own.key, "day": day}


@register.simple_tag(takes_context=True)
def time_range(context, start, end, market, plain=False, labelled=False):
    """'10:00–10:30' in market time, then the reader's own time beside it when that differs. Each instant is
    converted on its own, so both sides of a daylight-saving change come out right. `labelled` names the
    market's zone (emails, read away from the market's pages)."""
    zone = market_zone(market)
    own = _own_time(context, start, end, zone)
    if plain:
        label = _("(market time, %(tz)s)") % {"tz": zone.key} if labelled else ""
        return " ".join(part for part in (_span(start, end, zone), label, own) if part)
    shown = format_html('<time datetime="{}">{}</time>', start.isoformat(), _span(start, end, zone))
    return format_html('{} <span class="own-time">{}</span>', shown, own) if own else shown


def _slot_state(slot, *, for_other: bool) -> str:
    """Why a slot cannot be asked for, in words (for a rep inviting a buyer, `for_other`: seen for the buyer)."""
    if slot.free:
        return _("free")
    if slot.state in ("taken", "past"):
        return _("taken") if slot.state == "taken" else _("past")
    if slot.state == "mine":
        return _("already meeting you") if for_other else _("your meeting")
    if for_other:
        return _("not free for the buyer")
    if slot.state == "asked":
        return _("you asked")
    return _("you meet someone") if slot.state == "yours" else _("you are busy")


@register.simple_tag(takes_context=True)
def slot_button(context, slot, market, disabled=False, for_other=False):
    """A free slot as the button that asks for it; any other as its time and why not. Drawn here rather than by
    an included template: a slot picker shows a day's worth of them, and an include per slot was most of the
    page's time."""
    times = time_range(context, slot.start, slot.end, market)
    if slot.free and not disabled:
        return format_html(
            '<button type="submit" name="start" value="{}" class="slot slot-free">{}</button>',
            slot.start.isoformat(),
            times,
        )
    return format_html(
        '<span class="slot slot-{}">{} <span class="slot-state">{}</span></span>',
        slot.state,
        times,
        _slot_state(slot, for_other=for_other),
    )


@register.filter
def market_day(moment, market) -> str:
    return formats.date_format(moment.astimezone(market_zone(market)), "DAY_FORMAT")


@register.filter
def place_of(meeting) -> str:
    return place_text(meeting)


@register.simple_tag
def qr_code(url: str, label: str) -> str:
    """The address as a QR code (inline SVG, drawn here): the rep scans it to open the meeting and check it in."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=4, title=label, svgclass="qr-code", lineclass=None)
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the only text in it, the title, is escaped by segno


@register.simple_tag
def market_clock(market) -> str:
    """The market's wall-clock time now, e.g. 10:42: when a page was made, for the copy kept offline."""
    return formats.time_format(timezone.now().astimezone(market_zone(market)), "H:i")


@register.filter
def free_count(slots) -> int:
    return sum(1 for slot in slots if getattr(slot, "free", True))
