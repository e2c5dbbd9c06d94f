"""Names that exist in more than one script: pick the one that fits the reader's language."""

import re
from functools import cache, lru_cache

from django.utils.translation import get_language

SCRIPT_SUFFIXES = {"zh-hant": "zh_hant", "zh-hans": "zh_hans"}


def localized_value(obj: object, field: str, language: str | None = None) -> str:
    suffix = SCRIPT_SUFFIXES.get((language or get_language() or "").lower())
    if suffix:
        value = getattr(obj, f"{field}_{suffix}", "") or ""
        if value:
            return value
    return getattr(obj, field)


# OpenCC configurations that write Chinese in each reader's script (Hong Kong forms for Traditional).
OPENCC_FOR = {"zh-hant": "s2hk", "zh-hans": "t2s"}
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def opencc_converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=20_000)
def chinese_in_script(text: str, language: str) -> str:
    """Chinese text written in the script of `language` (zh-hant or zh-hans); other text as it is."""
    config = OPENCC_FOR.get(language)
    return opencc_converter(config).convert(text) if config and HAN.search(text) else text


def title_names(title, language: str | None = None) -> tuple[str, str]:
    """(shown, beside) for a title: a Chinese reader sees a Chinese original title first, in their own
    script, with the English title beside it; everyone else sees the English title, the original beside."""
    language = (language or get_language() or "").lower()
    original, english = title.original_title, title.english_title
    if language in OPENCC_FOR and HAN.search(original):
        shown = chinese_in_script(original, language)
        return shown, english if english != shown else ""
    return english, original if original != english else ""
