import unicodedata
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def time_zone_names() -> list[str]:
    """IANA zone names a person would pick (Area/City), sorted."""
    return sorted(name for name in zoneinfo.available_timezones() if "/" in name and not name.startswith("Etc/"))


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone name such as Asia/Hong_Kong."), params={"value": value})


# Characters that end a line for some reader (Python's str.splitlines, mail headers, spreadsheets) or change the
# direction text is shown in (a name that displays as "gpj.exe"): never part of a name.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_LINE_BREAKING_CATEGORIES = {"Cc", "Zl", "Zp", "Cs"}


def _is_control(character: str) -> bool:
    return unicodedata.category(character) in _LINE_BREAKING_CATEGORIES or character in _BIDI_CONTROLS


def validate_single_line(value: str) -> None:
    """Names, titles and subjects reach email headers, calendar files and spreadsheets: one line of text."""
    if any(_is_control(character) for character in value):
        raise ValidationError(
            _("Use one line of plain text: line breaks, tabs and other control characters are not allowed here."),
            code="control_characters",
        )


def single_line(value: str) -> str:
    """The text with every control or line-separating character made a space: for headers built from data that
    was stored before it was checked, or that came from elsewhere."""
    return " ".join("".join(" " if _is_control(character) else character for character in value).split())
