"""Names that exist in more than one script: pick the one that fits the reader's language."""

from django.utils.translation import get_language

SCRIPT_SUFFIXES = {"zh-hant": "zh_hant", "zh-hans": "zh_hans"}


def localized_value(obj: object, field: str, language: str | None = None) -> str:
    suffix = SCRIPT_SUFFIXES.get((language or get_language() or "").lower())
    if suffix:
        value = getattr(obj, f"{field}_{suffix}", "") or ""
        if value:
            return value
    return getattr(obj, field)
