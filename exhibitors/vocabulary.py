"""The trade's fixed vocabularies: title kinds, genres, languages, media rights. Codes are stored; labels shown."""

import functools

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TitleKind(models.TextChoices):
    FEATURE = "feature", _("Feature film")
    SERIES = "series", _("TV drama series")
    MICRO = "micro", _("Short-form (micro) drama")
    ANIMATION = "animation", _("Animation")
    DOCUMENTARY = "documentary", _("Documentary")
    VARIETY = "variety", _("Variety / reality")
    FORMAT = "format", _("Format")


class TitleStatus(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    PRODUCTION = "production", _("In production")
    DEVELOPMENT = "development", _("In development")


class Genre(models.TextChoices):
    DRAMA = "drama", _("Drama")
    ROMANCE = "romance", _("Romance")
    COMEDY = "comedy", _("Comedy")
    ACTION = "action", _("Action")
    THRILLER = "thriller", _("Thriller")
    CRIME = "crime", _("Crime")
    MYSTERY = "mystery", _("Mystery")
    HORROR = "horror", _("Horror")
    FANTASY = "fantasy", _("Fantasy")
    SCIFI = "scifi", _("Science fiction")
    COSTUME = "costume", _("Costume / period")
    WUXIA = "wuxia", _("Wuxia / martial arts")
    FAMILY = "family", _("Family")
    YOUTH = "youth", _("Youth")
    URBAN = "urban", _("Urban")
    WORKPLACE = "workplace", _("Workplace")
    MEDICAL = "medical", _("Medical")
    LEGAL = "legal", _("Legal")
    WAR = "war", _("War")
    MUSIC = "music", _("Music")
    SPORTS = "sports", _("Sports")
    FOOD = "food", _("Food")
    TRAVEL = "travel", _("Travel")
    NATURE = "nature", _("Nature and wildlife")
    KIDS = "kids", _("Kids")
    REALITY = "reality", _("Reality")
    BIOGRAPHY = "biography", _("Biography")
    HISTORY = "history", _("History")


class Language(models.TextChoices):
    EN = "en", _("English")
    ZH = "zh", _("Mandarin")
    YUE = "yue", _("Cantonese")
    JA = "ja", _("Japanese")
    KO = "ko", _("Korean")
    TH = "th", _("Thai")
    VI = "vi", _("Vietnamese")
    ID = "id", _("Indonesian")
    MS = "ms", _("Malay")
    FIL = "fil", _("Filipino")
    KM = "km", _("Khmer")
    MY = "my", _("Burmese")
    LO = "lo", _("Lao")
    HI = "hi", _("Hindi")
    TA = "ta", _("Tamil")
    TE = "te", _("Telugu")
    BN = "bn", _("Bengali")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    DE = "de", _("German")
    IT = "it", _("Italian")
    PT = "pt", _("Portuguese")
    AR = "ar", _("Arabic")
    TR = "tr", _("Turkish")
    FA = "fa", _("Persian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")
    NL = "nl", _("Dutch")
    MN = "mn", _("Mongolian")
    KK = "kk", _("Kazakh")


class Media(models.TextChoices):
    """The industry's standard list of media rights."""

    THEATRICAL = "theatrical", _("Theatrical")
    NON_THEATRICAL = "non_theatrical", _("Non-theatrical")
    FREE_TV = "free_tv", _("Free TV")
    PAY_TV = "pay_tv", _("Pay TV")
    PPV = "ppv", _("Pay-per-view")
    SVOD = "svod", _("SVOD")
    AVOD = "avod", _("AVOD / FAST")
    TVOD = "tvod", _("TVOD / EST")
    AIRLINE = "airline", _("Airline / ancillary")
    REMAKE = "remake", _("Remake")
    FORMAT = "format", _("Format")


# Territory groups sellers license by; choosing one in a rights form adds all its territories.
TERRITORY_GROUPS: dict[str, tuple[str, list[str]]] = {
    "asean": (_("ASEAN"), ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]),
    "greater_china": (_("Greater China"), ["CN", "HK", "MO", "TW"]),
    "japan_korea": (_("Japan and Korea"), ["JP", "KR"]),
    "south_asia": (_("South Asia"), ["IN", "PK", "BD", "LK", "NP", "BT", "MV"]),
    "mena": (
        _("Middle East and North Africa"),
        ["AE", "SA", "QA", "KW", "BH", "OM", "JO", "LB", "EG", "MA", "TN", "DZ", "IQ", "IL", "TR", "IR"],
    ),
    "europe": (
        _("Europe"),
        [
            "AT",
            "BE",
            "BG",
            "HR",
            "CY",
            "CZ",
            "DK",
            "EE",
            "FI",
            "FR",
            "DE",
            "GR",
            "HU",
            "IE",
            "IT",
            "LV",
            "LT",
            "LU",
            "MT",
            "NL",
            "PL",
            "PT",
            "RO",
            "SK",
            "SI",
            "ES",
            "SE",
            "GB",
            "NO",
            "CH",
            "IS",
        ],
    ),
    "north_america": (_("North America"), ["US", "CA"]),
    "latin_america": (
        _("Latin America"),
        ["MX", "BR", "AR", "CL", "CO", "PE", "VE", "EC", "BO", "PY", "UY", "CR", "PA", "GT", "HN", "SV", "NI", "DO"],
    ),
    "oceania": (_("Australia and New Zealand"), ["AU", "NZ"]),
}


@functools.lru_cache(maxsize=64)
def _names_in(vocabulary: type[models.TextChoices] | None, language: str | None) -> dict[str, str]:
    if vocabulary is None:
        from django_countries import countries

        return dict(countries)
    return {code: str(label) for code, label in vocabulary.choices}


def labels(codes, vocabulary: type[models.TextChoices] | None = None) -> list[str]:
    """Labels of codes in the active language; vocabulary None means country codes.

    Turning lazy labels into text one at a time is slow enough to show on pages that list many titles, so
    each vocabulary is translated once per language.
    """
    names = _names_in(vocabulary, get_language())
    return [names.get(code, code) for code in codes]
