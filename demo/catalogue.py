"""Catalogue titles and rights availability ("avails") for the Hong Kong FILMART 2025 demo market.

NOTABLE_TITLES places real, well-known titles at their exhibitors; generate_titles() adds generated
catalogue items for every exhibitor of demo_data.generate_exhibitors(), each with its avails.

Pure Python, no Django imports: the demo loader turns these into model rows.
Everything is deterministic: generate_titles() uses its own random.Random(2025).
"""

import random
import re
import unicodedata
from datetime import date, timedelta

# --- Vocabulary -------------------------------------------------------------------------------------

KINDS: list[str] = ["feature", "series", "micro", "animation", "documentary", "variety", "format"]

GENRES: list[str] = [
    "drama", "romance", "comedy", "action", "thriller", "crime", "mystery", "horror", "fantasy", "scifi",
    "costume", "wuxia", "family", "youth", "urban", "workplace", "medical", "legal", "war", "music",
    "sports", "food", "travel", "nature", "kids", "reality", "biography", "history",
]  # fmt: skip

# ISO 639 codes: zh is Mandarin, yue Cantonese.
LANGUAGES: list[str] = [
    "en", "zh", "yue", "ja", "ko", "th", "vi", "id", "ms", "fil", "km", "my", "lo", "hi", "ta", "te", "bn",
    "fr", "es", "de", "it", "pt", "ar", "tr", "fa", "ru", "pl", "nl", "mn", "kk",
]  # fmt: skip

STATUSES: list[str] = ["completed", "production", "development"]

MEDIA: list[str] = [
    "theatrical", "non_theatrical", "free_tv", "pay_tv", "ppv", "svod", "avod", "tvod", "airline", "remake",
    "format",
]  # fmt: skip

# Territories (ISO 3166-1 alpha-2) used in avails: the 34 exhibitor regions plus other big markets.
_SEA = ["TH", "VN", "MY", "SG", "ID", "PH", "KH", "MM", "LA", "BN"]
_GREATER_CHINA = ["CN", "HK", "MO", "TW"]
_REST_OF_WORLD = [
    "JP", "KR", "MN", "KZ", "IN", "US", "CA", "GB", "FR", "DE", "IT", "ES", "NL", "PL", "TR", "IR", "AE",
    "SA", "AU", "NZ", "BR", "MX",
]  # fmt: skip
TERRITORIES: list[str] = sorted(set(_SEA + _GREATER_CHINA + _REST_OF_WORLD))
# Markets that buy the most, used for hand-picked territory lists (Iran and Mongolia stay out).
_BUYING = _SEA + _GREATER_CHINA + [
    "JP", "KR", "IN", "US", "CA", "GB", "FR", "DE", "IT", "ES", "NL", "PL", "TR", "AE", "SA", "AU", "NZ",
    "BR", "MX",
]  # fmt: skip

# --- Notable titles ---------------------------------------------------------------------------------


def _known(
    exhibitor: str,
    kind: str,
    original: str,
    english: str,
    genres: list[str],
    episodes: int | None,
    minutes: int,
    language: str,
    year: int,
    synopsis: str,
) -> dict:
    return {
        "exhibitor": exhibitor,
        "kind": kind,
        "original_title": original,
        "english_title": english,
        "genres": genres,
        "episodes": episodes,
        "episode_minutes": minutes,
        "original_language": language,
        "year": year,
        "synopsis": synopsis,
    }


# Real titles at their real (or plausible) exhibitor; Chinese titles in Simplified for mainland
# companies and Traditional for Hong Kong ones. Episode counts are the broadcast ones where known.
NOTABLE_TITLES: list[dict] = [
    # Tencent Video
    _known(
        "tencent", "series", "繁花", "Blossoms Shanghai", ["drama", "romance"], 30, 45, "zh", 2023,
        "In 1990s Shanghai, a young man from a modest background reinvents himself as the businessman "
        "Mr. Bao amid the city's economic boom; directed by Wong Kar-wai.",
    ),
    _known(
        "tencent", "series", "漫长的季节", "The Long Season",
        ["crime", "mystery", "drama"], 12, 50, "zh", 2023,
        "In a small town in northeastern China, a taxi driver and his old friends are drawn back into an "
        "unsolved case from two decades earlier.",
    ),
    _known(
        "tencent", "series", "长相思", "Lost You Forever",
        ["fantasy", "romance", "costume"], 39, 45, "zh", 2023,
        "In a world drawn from ancient Chinese myth, a princess who has lived for years in hiding becomes "
        "entangled with three men from rival clans.",
    ),
    _known(
        "tencent", "series", "三体", "Three-Body", ["scifi", "mystery"], 30, 45, "zh", 2023,
        "Adapted from Liu Cixin's novel, a nanomaterials researcher and a police detective investigate a "
        "string of scientists' deaths linked to an alien civilisation.",
    ),
    _known(
        "tencent", "series", "梦华录", "A Dream of Splendor",
        ["costume", "romance", "drama"], 40, 45, "zh", 2022,
        "In the Northern Song dynasty, a tea house owner and two friends set out to build a restaurant "
        "business in the capital.",
    ),
    _known(
        "tencent", "series", "星汉灿烂", "Love Like the Galaxy", ["costume", "romance"], 56, 45, "zh", 2022,
        "A young woman raised apart from her parents and a formidable general fall in love amid court "
        "intrigue in ancient China.",
    ),
    _known(
        "tencent", "series", "开端", "Reset", ["scifi", "thriller", "mystery"], 15, 40, "zh", 2022,
        "Two strangers caught in a time loop relive a bus explosion again and again until they find a way "
        "to stop it.",
    ),
    _known(
        "tencent", "series", "庆余年", "Joy of Life", ["costume", "action", "comedy"], 46, 45, "zh", 2019,
        "Adapted from Mao Ni's novel, a young man of mysterious birth leaves his seaside town for the "
        "capital and is drawn into court politics.",
    ),
    _known(
        "tencent", "series", "雪中悍刀行", "Sword Snow Stride",
        ["wuxia", "costume", "action"], 38, 45, "zh", 2021,
        "The heir of a powerful northern prince sets out through the martial world to shape his own "
        "destiny.",
    ),
    _known(
        "tencent", "series", "与凤行", "The Legend of Shen Li",
        ["fantasy", "romance", "costume"], 39, 45, "zh",
        2024,
        "A warrior lord of the spirit realm flees an arranged marriage and falls for a mysterious scholar "
        "who is more than he seems.",
    ),
    _known(
        "tencent", "series", "承欢记", "Best Choice Ever", ["family", "romance", "urban"], 37, 45, "zh", 2024,
        "Adapted from the novel by Hong Kong writer Nee Yeh-su (Yi Shu), a young woman from an ordinary "
        "Shanghai family looks for a balance between her parents' expectations and her own choices.",
    ),
    # iQIYI
    _known(
        "iqiyi", "series", "狂飙", "The Knockout", ["crime", "thriller", "drama"], 39, 45, "zh", 2023,
        "Over two decades, a police officer pursues a fishmonger who rises to lead a powerful criminal "
        "organisation.",
    ),
    _known(
        "iqiyi", "series", "苍兰诀", "Love Between Fairy and Devil",
        ["fantasy", "romance", "costume"], 36, 45,
        "zh", 2022,
        "A lowly orchid fairy and the feared lord of the Moon Tribe become bound together in a way that "
        "changes both of their fates.",
    ),
    _known(
        "iqiyi", "series", "宁安如梦", "Story of Kunning Palace", ["costume", "romance"], 38, 45, "zh", 2023,
        "Given a second chance at her youth, a former empress tries to avoid the choices that led to her "
        "downfall at court.",
    ),
    _known(
        "iqiyi", "series", "唐朝诡事录", "Strange Tales of Tang Dynasty",
        ["mystery", "costume", "crime"], 36, 45,
        "zh", 2022,
        "In the Tang dynasty, a sharp-witted official and his companions investigate a series of strange "
        "cases that seem to involve the supernatural.",
    ),
    _known(
        "iqiyi", "series", "大梦归离", "Fangs of Fortune",
        ["fantasy", "costume", "action"], 36, 45, "zh", 2024,
        "Inspired by the Classic of Mountains and Seas, a powerful demon joins a band of demon hunters who "
        "each carry their own secrets.",
    ),
    _known(
        "iqiyi", "series", "隐秘的角落", "The Bad Kids", ["crime", "thriller", "youth"], 12, 50, "zh", 2020,
        "Three children accidentally film a murder on a mountain and decide to blackmail the killer.",
    ),
    _known(
        "iqiyi", "series", "沉默的真相", "The Long Night", ["crime", "mystery", "legal"], 12, 50, "zh", 2020,
        "A detective looks into the death of a prosecutor and uncovers the cover-up the prosecutor spent "
        "years trying to expose.",
    ),
    _known(
        "iqiyi", "series", "莲花楼", "Mysterious Lotus Casebook",
        ["wuxia", "mystery", "costume"], 40, 45, "zh",
        2023,
        "A once-legendary swordsman living as a wandering doctor solves mysteries with two companions "
        "while hiding his past.",
    ),
    _known(
        "iqiyi", "series", "一念关山", "A Journey to Love",
        ["wuxia", "romance", "costume"], 40, 45, "zh", 2023,
        "A former spy joins a prince's mission to bring a captured emperor home and finds love and purpose "
        "along the way.",
    ),
    _known(
        "iqiyi", "series", "云之羽", "My Journey to You", ["costume", "wuxia", "romance"], 24, 45, "zh", 2023,
        "An assassin posing as a prospective bride infiltrates a secluded martial clan and becomes "
        "entangled with its reluctant new leader.",
    ),
    _known(
        "iqiyi", "series", "赘婿", "My Heroic Husband", ["costume", "comedy"], 36, 45, "zh", 2021,
        "A man from the present day wakes up as a humble son-in-law in a merchant family and uses modern "
        "ideas to save its business.",
    ),
    # Youku
    _known(
        "youku", "series", "长月烬明", "Till the End of the Moon",
        ["fantasy", "romance", "costume"], 40, 45, "zh",
        2023,
        "A young immortal travels back in time to stop a future devil god before he awakens, only to find "
        "herself bound to him.",
    ),
    _known(
        "youku", "series", "山河令", "Word of Honor", ["wuxia", "costume", "action"], 36, 45, "zh", 2021,
        "A former spymaster living in disguise and a mysterious wanderer form an unlikely bond as rival "
        "factions hunt for a legendary treasure.",
    ),
    _known(
        "youku", "series", "墨雨云间", "The Double", ["costume", "romance", "drama"], 40, 45, "zh", 2024,
        "Betrayed and left for dead, a woman takes on another identity to seek justice against those who "
        "wronged her.",
    ),
    # Mango TV
    _known(
        "mango-tv", "variety", "乘风破浪的姐姐", "Sisters Who Make Waves",
        ["music", "reality"], 12, 120, "zh",
        2020,
        "Established actresses and singers over thirty compete in live stage rounds for a place in a new "
        "girl group.",
    ),
    _known(
        "mango-tv", "variety", "披荆斩棘的哥哥", "Call Me by Fire", ["music", "reality"], 12, 120, "zh", 2021,
        "Male singers and actors from across the industry team up and compete in stage performances.",
    ),
    # Zhejiang Huace Film & TV (Huace Croton)
    _known(
        "zhejiang-huace", "series", "亲爱的，热爱的", "Go Go Squid!",
        ["romance", "youth"], 41, 45, "zh", 2019,
        "A cheerful computer science student falls for the captain of a competitive cybersecurity team and "
        "helps him chase his dream.",
    ),
    _known(
        "zhejiang-huace", "series", "长歌行", "The Long Ballad",
        ["costume", "drama", "romance"], 49, 45, "zh", 2021,
        "After a palace coup, a Tang dynasty princess disguises herself to seek revenge and finds her own "
        "place in the world.",
    ),
    _known(
        "zhejiang-huace", "series", "去有风的地方", "Meet Yourself",
        ["romance", "drama", "family"], 40, 45, "zh",
        2023,
        "After a personal loss, a hotel worker from the city takes time out in a village in Yunnan and "
        "finds a new direction.",
    ),
    # Bilibili
    _known(
        "bilibili", "animation", "凡人修仙传", "A Record of a Mortal's Journey to Immortality",
        ["fantasy", "action"], 20, 20, "zh", 2020,
        "A village boy of modest talent enters the world of immortal cultivators and survives by caution "
        "and cunning.",
    ),
    # TVB
    _known(
        "tvb", "series", "新聞女王", "The Queen of News", ["workplace", "drama"], 26, 45, "yue", 2023,
        "Rival anchors and editors compete for power and ratings inside a Hong Kong television newsroom.",
    ),
    _known(
        "tvb", "series", "法證先鋒V", "Forensic Heroes V", ["crime", "mystery"], 30, 45, "yue", 2022,
        "Forensic scientists and police investigators work together on a series of complex cases in "
        "Hong Kong.",
    ),
    _known(
        "tvb", "series", "使徒行者3", "Line Walker: Bull Fight", ["crime", "action"], 30, 45, "yue", 2020,
        "Undercover agents infiltrate criminal syndicates as the line between loyalty and betrayal blurs.",
    ),
    # CJ ENM and Studio Dragon
    _known(
        "cj-enm", "feature", "기생충", "Parasite", ["thriller", "drama", "comedy"], None, 132, "ko", 2019,
        "A poor family schemes its way into working for a wealthy household, with unexpected consequences; "
        "directed by Bong Joon Ho.",
    ),
    _known(
        "cj-enm", "feature", "헤어질 결심", "Decision to Leave",
        ["mystery", "romance", "thriller"], None, 138,
        "ko", 2022,
        "A detective investigating a man's fall from a mountain becomes drawn to the dead man's wife; "
        "directed by Park Chan-wook.",
    ),
    _known(
        "studio-dragon", "series", "사랑의 불시착", "Crash Landing on You",
        ["romance", "comedy"], 16, 80, "ko",
        2019,
        "A South Korean heiress is swept into North Korea by a paragliding accident and hidden by an army "
        "officer.",
    ),
    _known(
        "studio-dragon", "series", "눈물의 여왕", "Queen of Tears",
        ["romance", "drama", "comedy"], 16, 80, "ko",
        2024,
        "The heiress of a department store empire and her husband, a lawyer from a country village, face a "
        "crisis in their marriage.",
    ),
    # Thailand
    _known(
        "gmm-grammy", "series", "เพราะเราคู่กัน", "2gether: The Series", ["romance", "youth", "comedy"], 13, 50,
        "th", 2020,
        "To shake off an unwanted admirer, a university student pretends to date a popular guitarist from "
        "the music club.",
    ),
    _known(
        "gmm-grammy", "series", "F4 Thailand: หัวใจรักสี่ดวงดาว", "F4 Thailand: Boys Over Flowers",
        ["romance", "youth", "drama"], 16, 60, "th", 2021,
        "A scholarship student at an elite university stands up to the four wealthy heirs who rule the "
        "campus.",
    ),
    _known(
        "gdh-559", "feature", "หลานม่า", "How to Make Millions Before Grandma Dies",
        ["family", "drama", "comedy"],
        None, 125, "th", 2024,
        "A young man moves in to care for his terminally ill grandmother in the hope of inheriting her "
        "fortune.",
    ),
    # Japan and India
    _known(
        "toei-animation", "animation", "ONE PIECE FILM RED", "One Piece Film Red",
        ["action", "fantasy", "music"],
        None, 115, "ja", 2022,
        "The Straw Hat Pirates attend a concert by the world's most beloved singer, whose past is tied to "
        "Luffy's own.",
    ),
    _known(
        "toei-animation", "animation", "THE FIRST SLAM DUNK", "The First Slam Dunk",
        ["sports", "youth"], None, 124,
        "ja", 2022,
        "Based on Takehiko Inoue's manga, Shohoku High School's basketball team takes on the reigning "
        "champions at the national tournament.",
    ),
    _known(
        "yash-raj-films", "feature", "पठान", "Pathaan", ["action", "thriller"], None, 146, "hi", 2023,
        "An exiled Indian agent returns to stop a mercenary group planning an attack on the country.",
    ),
]  # fmt: skip

# --- Languages by region ----------------------------------------------------------------------------

# Original languages a company from each region makes titles in, with weights.
REGION_LANGUAGES: dict[str, list[tuple[str, int]]] = {
    "CN": [("zh", 1)],
    "HK": [("yue", 7), ("zh", 3)],
    "TW": [("zh", 1)],
    "MO": [("yue", 6), ("zh", 4)],
    "JP": [("ja", 1)],
    "KR": [("ko", 1)],
    "IN": [("hi", 5), ("ta", 3), ("te", 2)],
    "FR": [("fr", 1)],
    "US": [("en", 1)],
    "GB": [("en", 1)],
    "DE": [("de", 1)],
    "IT": [("it", 1)],
    "ES": [("es", 1)],
    "NL": [("nl", 1)],
    "PL": [("pl", 1)],
    "TR": [("tr", 1)],
    "IR": [("fa", 1)],
    "AE": [("ar", 3), ("en", 1)],
    "AU": [("en", 1)],
    "NZ": [("en", 1)],
    "CA": [("en", 4), ("fr", 1)],
    "BR": [("pt", 1)],
    "MN": [("mn", 1)],
    "KZ": [("kk", 3), ("ru", 2)],
    "TH": [("th", 1)],
    "MY": [("ms", 5), ("zh", 2), ("en", 1)],
    "SG": [("en", 5), ("zh", 3), ("ms", 1)],
    "ID": [("id", 1)],
    "PH": [("fil", 4), ("en", 1)],
    "VN": [("vi", 1)],
    "KH": [("km", 1)],
    "MM": [("my", 1)],
    "LA": [("lo", 1)],
    "BN": [("ms", 1)],
}
_CHINESE_LANGUAGES = {"zh", "yue"}
# Chinese-language titles are written in Traditional characters in these regions, Simplified elsewhere.
_TRADITIONAL_REGIONS = {"HK", "TW", "MO"}

# --- Chinese title parts: (English, Traditional, Simplified) ----------------------------------------

_ZH_MODS: list[tuple[str, str, str]] = [
    ("Jade", "玉", "玉"), ("Golden", "金", "金"), ("Silver", "銀", "银"), ("Crimson", "紅", "红"),
    ("Azure", "青", "青"), ("White", "白", "白"), ("Spring", "春", "春"), ("Autumn", "秋", "秋"),
    ("Winter", "冬", "冬"), ("Midnight", "午夜", "午夜"), ("Misty", "霧", "雾"), ("Rainy", "雨", "雨"),
    ("Moonlit", "月", "月"), ("Starry", "星", "星"), ("Hidden", "隱", "隐"), ("Southern", "南", "南"),
    ("Northern", "北", "北"), ("Eastern", "東", "东"), ("Western", "西", "西"), ("Snowy", "雪", "雪"),
    ("Cloud", "雲", "云"), ("Phoenix", "鳳", "凤"), ("Dragon", "龍", "龙"), ("Lotus", "蓮", "莲"),
    ("Peach Blossom", "桃花", "桃花"), ("Plum", "梅", "梅"), ("Willow", "柳", "柳"), ("Bamboo", "竹", "竹"),
    ("Iron", "鐵", "铁"), ("Ancient", "古", "古"), ("Long", "長", "长"), ("Floating", "浮", "浮"),
    ("Frozen", "冰", "冰"), ("Blue", "藍", "蓝"), ("Lonely", "孤", "孤"), ("Night", "夜", "夜"),
]  # fmt: skip
_ZH_NOUNS: list[tuple[str, str, str]] = [
    ("Harbour", "港", "港"), ("City", "城", "城"), ("Palace", "宮", "宫"), ("River", "河", "河"),
    ("Mountain", "山", "山"), ("Sword", "劍", "剑"), ("Blade", "刀", "刀"), ("Lantern", "燈", "灯"),
    ("Pavilion", "閣", "阁"), ("Tower", "樓", "楼"), ("Garden", "園", "园"), ("Bridge", "橋", "桥"),
    ("Gate", "門", "门"), ("Street", "街", "街"), ("Tide", "潮", "潮"), ("Dream", "夢", "梦"),
    ("Song", "歌", "歌"), ("Island", "島", "岛"), ("Lake", "湖", "湖"), ("Sea", "海", "海"),
    ("Valley", "谷", "谷"), ("Road", "路", "路"), ("Mirror", "鏡", "镜"), ("Hairpin", "簪", "簪"),
    ("Fan", "扇", "扇"), ("Courtyard", "院", "院"), ("Alley", "巷", "巷"), ("Ferry", "渡", "渡"),
    ("Shore", "岸", "岸"), ("Wind", "風", "风"), ("Flame", "焰", "焰"), ("Bell", "鐘", "钟"),
    ("Moon", "月", "月"),
]  # fmt: skip

# (English template, Traditional, Simplified, genres it suits or None for any); {x} is mod + noun.
_ZH_PATTERNS: list[tuple[str, str, str, frozenset[str] | None]] = [
    ("The {x}", "{x}", "{x}", None),
    (
        "Chronicles of the {x}",
        "{x}記",
        "{x}记",
        frozenset({"costume", "wuxia", "fantasy", "history", "drama"}),
    ),
    ("Legend of the {x}", "{x}傳", "{x}传", frozenset({"costume", "wuxia", "fantasy", "action"})),
    ("Once Upon a Time in the {x}", "{x}往事", "{x}往事", frozenset({"drama", "family", "crime", "history"})),
    ("Love in the {x}", "{x}之戀", "{x}之恋", frozenset({"romance", "youth", "urban"})),
    ("Storm over the {x}", "{x}風雲", "{x}风云", frozenset({"action", "crime", "war", "wuxia", "thriller"})),
    ("The {x} Mystery", "{x}謎案", "{x}谜案", frozenset({"mystery", "crime", "thriller"})),
    ("Romance of the {x}", "{x}奇緣", "{x}奇缘", frozenset({"romance", "fantasy", "costume"})),
    ("Night Tales of the {x}", "{x}夜話", "{x}夜话", frozenset({"horror", "mystery", "fantasy"})),
    ("The Families of the {x}", "{x}人家", "{x}人家", frozenset({"family", "drama"})),
    ("The Young Ones of the {x}", "{x}少年", "{x}少年", frozenset({"youth", "sports", "comedy"})),
    ("Return to the {x}", "{x}歸來", "{x}归来", frozenset({"drama", "action", "urban"})),
    ("Guardians of the {x}", "{x}守護者", "{x}守护者", frozenset({"action", "scifi", "fantasy", "kids"})),
    (
        "The {x} Diaries",
        "{x}日記",
        "{x}日记",
        frozenset({"comedy", "romance", "youth", "urban", "workplace"}),
    ),
    ("Lights of the {x}", "{x}燈火", "{x}灯火", frozenset({"drama", "urban", "workplace", "family"})),
    ("The {x} Files", "{x}檔案", "{x}档案", frozenset({"crime", "mystery", "thriller", "legal", "medical"})),
    ("Doctors of the {x}", "{x}醫者", "{x}医者", frozenset({"medical"})),
    ("Flavours of the {x}", "{x}味道", "{x}味道", frozenset({"food"})),
    ("The {x} Kitchen", "{x}廚房", "{x}厨房", frozenset({"food"})),
    ("Wonders of the {x}", "{x}奇觀", "{x}奇观", frozenset({"nature", "travel"})),
    ("Journey to the {x}", "{x}之旅", "{x}之旅", frozenset({"travel", "reality", "biography"})),
    ("Adventures in the {x}", "{x}歷險記", "{x}历险记", frozenset({"kids"})),
]
# Variety shows and formats.
_ZH_SHOW_PATTERNS: list[tuple[str, str, str, frozenset[str]]] = [
    ("The {x} Challenge", "{x}挑戰", "{x}挑战", frozenset({"reality", "sports", "comedy", "family"})),
    (
        "Welcome to the {x}",
        "歡迎來到{x}",
        "欢迎来到{x}",
        frozenset({"reality", "travel", "comedy", "family"}),
    ),
    ("The {x} Stage", "{x}舞台", "{x}舞台", frozenset({"music"})),
    ("Journey to the {x}", "{x}之旅", "{x}之旅", frozenset({"travel", "reality"})),
    ("The {x} Kitchen", "{x}廚房", "{x}厨房", frozenset({"food"})),
    ("The {x} Show", "{x}秀", "{x}秀", frozenset({"comedy", "family", "reality", "music"})),
    ("A Night at the {x}", "{x}之夜", "{x}之夜", frozenset({"music", "comedy"})),
    ("Champions of the {x}", "{x}爭霸賽", "{x}争霸赛", frozenset({"sports", "music", "food"})),
]

# Vertical micro-drama tropes: roles (English, Traditional, Simplified, male, genres it suits) and title
# templates (English, Traditional, Simplified, needs a male role); {r} is the role.
_MODERN = frozenset({"urban", "romance", "family", "comedy", "drama", "thriller"})
_PERIOD = frozenset({"costume", "romance", "fantasy", "drama"})
_MICRO_ROLES: list[tuple[str, str, str, bool, frozenset[str]]] = [
    ("CEO", "總裁", "总裁", True, _MODERN),
    ("Heiress", "千金", "千金", False, _MODERN),
    ("Big Boss", "大佬", "大佬", True, _MODERN),
    ("Richest Man", "首富", "首富", True, _MODERN),
    ("Head Chef", "大廚", "大厨", True, frozenset({"urban", "comedy", "family", "romance"})),
    ("Miracle Doctor", "神醫", "神医", True, frozenset({"urban", "fantasy", "family", "drama"})),
    ("War God", "戰神", "战神", True, frozenset({"fantasy", "urban", "family"})),
    ("Dragon King", "龍王", "龙王", True, frozenset({"fantasy", "urban"})),
    ("Young Marshal", "少帥", "少帅", True, _PERIOD),
    ("Crown Prince", "太子", "太子", True, _PERIOD),
    ("Princess Consort", "王妃", "王妃", False, _PERIOD),
    ("Empress", "皇后", "皇后", False, _PERIOD),
]
_MICRO_PATTERNS: list[tuple[str, str, str, bool]] = [
    ("Reborn: The {r} Returns", "重生之{r}歸來", "重生之{r}归来", False),
    ("The {r}'s Secret Identity", "{r}的隱藏身份", "{r}的隐藏身份", False),
    ("The {r} Strikes Back", "{r}的逆襲", "{r}的逆袭", False),
    ("Flash Marriage to the {r}", "閃婚{r}", "闪婚{r}", True),
    ("The {r}'s Stand-in Bride", "{r}的替身新娘", "{r}的替身新娘", True),
    ("My Contract Marriage with the {r}", "我與{r}的契約婚姻", "我与{r}的契约婚姻", True),
    ("The {r} Regrets Too Late", "{r}追悔莫及", "{r}追悔莫及", True),
    ("The {r}'s Runaway Wife", "{r}的落跑嬌妻", "{r}的落跑娇妻", True),
    ("The {r}'s Surprise Twins", "{r}的龍鳳胎", "{r}的龙凤胎", True),
    ("Divorced, Then the {r} Fell for Me", "離婚後{r}愛上我", "离婚后{r}爱上我", True),
]


def _best_fit(rng: random.Random, items: list[tuple], genres: list[str]) -> tuple:
    """One of the items whose genre tags (last element) best fit the genres, the primary counting most."""

    def score(item: tuple) -> int:
        return 2 * (genres[0] in item[-1]) + len(item[-1] & set(genres))

    best = max(score(item) for item in items)
    return rng.choice([item for item in items if score(item) == best])


def _micro_trope(rng: random.Random, genres: list[str]) -> tuple[tuple, tuple]:
    """A role that suits the genres and a title template that suits the role."""
    role = _best_fit(rng, _MICRO_ROLES, genres)
    pattern = rng.choice([p for p in _MICRO_PATTERNS if role[3] or not p[3]])
    return role, pattern


# --- Local-language title parts: (local, English) ---------------------------------------------------
# Titles read "The {head} of {mod}", "The {head} of {place}" or "{name}'s {head}" in English; each
# language joins the local words with its own grammar ("mod", "place" and "name" templates).

_LOCAL: dict[str, dict] = {
    "ja": {
        "heads": [
            ("秘密", "Secret"), ("約束", "Promise"), ("歌", "Song"), ("幽霊", "Ghost"), ("女王", "Queen"),
            ("子どもたち", "Children"), ("心", "Heart"), ("沈黙", "Silence"), ("光", "Light"),
            ("娘", "Daughter"), ("声", "Voice"), ("番人", "Keeper"), ("伝説", "Legend"),
        ],
        "mods": [
            ("海", "the Sea"), ("夜", "the Night"), ("港", "the Harbour"), ("街", "the City"),
            ("月", "the Moon"), ("冬", "Winter"), ("雨", "the Rain"), ("星", "the Stars"),
            ("川", "the River"), ("山", "the Mountains"), ("夏", "Summer"), ("風", "the Wind"),
            ("島", "the Island"), ("森", "the Forest"),
        ],
        "places": [
            ("東京", "Tokyo"), ("大阪", "Osaka"), ("京都", "Kyoto"), ("横浜", "Yokohama"), ("神戸", "Kobe"),
            ("札幌", "Sapporo"), ("那覇", "Naha"), ("函館", "Hakodate"), ("福岡", "Fukuoka"),
            ("金沢", "Kanazawa"),
        ],
        "names": [
            ("ユキ", "Yuki"), ("ハルカ", "Haruka"), ("ケンジ", "Kenji"), ("サクラ", "Sakura"),
            ("タクミ", "Takumi"), ("ミオ", "Mio"), ("ソウタ", "Sota"), ("アオイ", "Aoi"),
        ],
        "mod": "{mod}の{head}", "place": "{place}の{head}", "name": "{name}の{head}",
    },
    "ko": {
        "heads": [
            ("비밀", "Secret"), ("약속", "Promise"), ("노래", "Song"), ("유령", "Ghost"), ("여왕", "Queen"),
            ("아이들", "Children"), ("마음", "Heart"), ("침묵", "Silence"), ("빛", "Light"),
            ("딸", "Daughter"), ("목소리", "Voice"), ("파수꾼", "Keeper"), ("전설", "Legend"),
            ("정원", "Garden"),
        ],
        "mods": [
            ("바다", "the Sea"), ("밤", "the Night"), ("항구", "the Harbour"), ("도시", "the City"),
            ("달", "the Moon"), ("겨울", "Winter"), ("비", "the Rain"), ("별", "the Stars"),
            ("강", "the River"), ("산", "the Mountains"), ("여름", "Summer"), ("바람", "the Wind"),
            ("섬", "the Island"), ("숲", "the Forest"),
        ],
        "places": [
            ("서울", "Seoul"), ("부산", "Busan"), ("인천", "Incheon"), ("제주", "Jeju"), ("대구", "Daegu"),
            ("광주", "Gwangju"), ("전주", "Jeonju"), ("강릉", "Gangneung"), ("목포", "Mokpo"),
            ("경주", "Gyeongju"),
        ],
        "names": [
            ("지우", "Ji-woo"), ("서연", "Seo-yeon"), ("민준", "Min-jun"), ("하은", "Ha-eun"),
            ("도윤", "Do-yun"), ("수아", "Su-a"), ("준호", "Jun-ho"), ("은비", "Eun-bi"),
        ],
        "mod": "{mod}의 {head}", "place": "{place}의 {head}", "name": "{name}의 {head}",
    },
    "th": {
        "heads": [
            ("ความลับ", "Secret"), ("คำสัญญา", "Promise"), ("บทเพลง", "Song"), ("วิญญาณ", "Spirit"),
            ("ราชินี", "Queen"), ("หัวใจ", "Heart"), ("ความเงียบ", "Silence"), ("แสง", "Light"),
            ("ลูกสาว", "Daughter"), ("เสียง", "Voice"), ("ผู้พิทักษ์", "Guardian"), ("ตำนาน", "Legend"),
        ],
        "mods": [
            ("ทะเล", "the Sea"), ("รัตติกาล", "the Night"), ("ท่าเรือ", "the Harbour"), ("มหานคร", "the City"),
            ("ดวงจันทร์", "the Moon"), ("ฤดูหนาว", "Winter"), ("สายฝน", "the Rain"), ("ดวงดาว", "the Stars"),
            ("สายน้ำ", "the River"), ("ขุนเขา", "the Mountains"), ("ฤดูร้อน", "Summer"), ("สายลม", "the Wind"),
            ("ผืนป่า", "the Forest"),
        ],
        "places": [
            ("กรุงเทพฯ", "Bangkok"), ("เชียงใหม่", "Chiang Mai"), ("ภูเก็ต", "Phuket"), ("พัทยา", "Pattaya"),
            ("ขอนแก่น", "Khon Kaen"), ("อยุธยา", "Ayutthaya"), ("หัวหิน", "Hua Hin"), ("เชียงราย", "Chiang Rai"),
        ],
        "names": [
            ("มะลิ", "Mali"), ("สมชาย", "Somchai"), ("ปราง", "Prang"), ("ธนา", "Thana"), ("ดาว", "Dao"),
            ("กานต์", "Karn"), ("พลอย", "Ploy"), ("ภูมิ", "Phum"),
        ],
        "mod": "{head}แห่ง{mod}", "place": "{head}แห่ง{place}", "name": "{head}ของ{name}",
    },
    "vi": {
        "heads": [
            ("Bí mật", "Secret"), ("Lời hứa", "Promise"), ("Bài ca", "Song"), ("Hồn ma", "Ghost"),
            ("Nữ hoàng", "Queen"), ("Những đứa trẻ", "Children"), ("Trái tim", "Heart"),
            ("Ánh sáng", "Light"), ("Con gái", "Daughter"), ("Tiếng gọi", "Call"), ("Ký ức", "Memory"),
            ("Huyền thoại", "Legend"),
        ],
        "mods": [
            ("biển", "the Sea"), ("đêm", "the Night"), ("bến cảng", "the Harbour"), ("thành phố", "the City"),
            ("mặt trăng", "the Moon"), ("mùa đông", "Winter"), ("cơn mưa", "the Rain"),
            ("những vì sao", "the Stars"), ("dòng sông", "the River"), ("núi rừng", "the Mountains"),
            ("mùa hè", "Summer"), ("gió", "the Wind"), ("hòn đảo", "the Island"), ("khu rừng", "the Forest"),
        ],
        "places": [
            ("Sài Gòn", "Saigon"), ("Hà Nội", "Hanoi"), ("Huế", "Hue"), ("Đà Nẵng", "Da Nang"),
            ("Hội An", "Hoi An"), ("Hải Phòng", "Haiphong"), ("Đà Lạt", "Da Lat"), ("Cần Thơ", "Can Tho"),
        ],
        "names": [
            ("Lan", "Lan"), ("Minh", "Minh"), ("Mai", "Mai"), ("Tuấn", "Tuan"), ("Hoa", "Hoa"),
            ("Nam", "Nam"), ("Linh", "Linh"), ("Huy", "Huy"),
        ],
        "mod": "{head} của {mod}", "place": "{head} {place}", "name": "{head} của {name}",
    },
    "id": {
        "heads": [
            ("Rahasia", "Secret"), ("Janji", "Promise"), ("Lagu", "Song"), ("Hantu", "Ghost"),
            ("Ratu", "Queen"), ("Anak-Anak", "Children"), ("Hati", "Heart"), ("Cahaya", "Light"),
            ("Putri", "Daughter"), ("Suara", "Voice"), ("Penjaga", "Keeper"), ("Legenda", "Legend"),
        ],
        "mods": [
            ("Laut", "the Sea"), ("Malam", "the Night"), ("Pelabuhan", "the Harbour"), ("Kota", "the City"),
            ("Bulan", "the Moon"), ("Hujan", "the Rain"), ("Bintang", "the Stars"), ("Sungai", "the River"),
            ("Gunung", "the Mountain"), ("Angin", "the Wind"), ("Pulau", "the Island"),
            ("Hutan", "the Forest"), ("Senja", "Twilight"),
        ],
        "places": [
            ("Jakarta", "Jakarta"), ("Bandung", "Bandung"), ("Surabaya", "Surabaya"),
            ("Yogyakarta", "Yogyakarta"), ("Bali", "Bali"), ("Medan", "Medan"), ("Makassar", "Makassar"),
            ("Semarang", "Semarang"),
        ],
        "names": [
            ("Sari", "Sari"), ("Dewi", "Dewi"), ("Budi", "Budi"), ("Rina", "Rina"), ("Agus", "Agus"),
            ("Ayu", "Ayu"), ("Bima", "Bima"), ("Wulan", "Wulan"),
        ],
        "mod": "{head} {mod}", "place": "{head} {place}", "name": "{head} {name}",
    },
    "ms": {
        "heads": [
            ("Rahsia", "Secret"), ("Janji", "Promise"), ("Lagu", "Song"), ("Hantu", "Ghost"),
            ("Ratu", "Queen"), ("Anak-Anak", "Children"), ("Hati", "Heart"), ("Cahaya", "Light"),
            ("Puteri", "Daughter"), ("Suara", "Voice"), ("Penjaga", "Keeper"), ("Legenda", "Legend"),
        ],
        "mods": [
            ("Laut", "the Sea"), ("Malam", "the Night"), ("Pelabuhan", "the Harbour"), ("Bandar", "the City"),
            ("Bulan", "the Moon"), ("Hujan", "the Rain"), ("Bintang", "the Stars"), ("Sungai", "the River"),
            ("Gunung", "the Mountain"), ("Angin", "the Wind"), ("Pulau", "the Island"),
            ("Hutan", "the Forest"), ("Senja", "Twilight"),
        ],
        "places": [
            ("Kuala Lumpur", "Kuala Lumpur"), ("Melaka", "Malacca"), ("Pulau Pinang", "Penang"),
            ("Ipoh", "Ipoh"), ("Johor Bahru", "Johor Bahru"), ("Kuching", "Kuching"),
            ("Kota Kinabalu", "Kota Kinabalu"), ("Langkawi", "Langkawi"),
            ("Bandar Seri Begawan", "Bandar Seri Begawan"), ("Temburong", "Temburong"),
        ],
        "names": [
            ("Aisyah", "Aisyah"), ("Hafiz", "Hafiz"), ("Nurul", "Nurul"), ("Amir", "Amir"), ("Siti", "Siti"),
            ("Farid", "Farid"), ("Zara", "Zara"), ("Iskandar", "Iskandar"),
        ],
        "mod": "{head} {mod}", "place": "{head} {place}", "name": "{head} {name}",
    },
    "fil": {
        "heads": [
            ("Lihim", "Secret"), ("Pangako", "Promise"), ("Awit", "Song"), ("Multo", "Ghost"),
            ("Reyna", "Queen"), ("Mga Anak", "Children"), ("Puso", "Heart"), ("Liwanag", "Light"),
            ("Tinig", "Voice"), ("Bantay", "Keeper"), ("Alamat", "Legend"), ("Katahimikan", "Silence"),
        ],
        "mods": [
            ("Dagat", "the Sea"), ("Gabi", "the Night"), ("Daungan", "the Harbour"), ("Lungsod", "the City"),
            ("Buwan", "the Moon"), ("Ulan", "the Rain"), ("Bituin", "the Stars"), ("Ilog", "the River"),
            ("Bundok", "the Mountain"), ("Hangin", "the Wind"), ("Isla", "the Island"),
            ("Gubat", "the Forest"), ("Tag-araw", "Summer"),
        ],
        "places": [
            ("Maynila", "Manila"), ("Cebu", "Cebu"), ("Davao", "Davao"), ("Baguio", "Baguio"),
            ("Iloilo", "Iloilo"), ("Vigan", "Vigan"), ("Palawan", "Palawan"), ("Bacolod", "Bacolod"),
        ],
        "names": [
            ("Maria", "Maria"), ("Jose", "Jose"), ("Rosa", "Rosa"), ("Andres", "Andres"), ("Liza", "Liza"),
            ("Carlo", "Carlo"), ("Tala", "Tala"), ("Marco", "Marco"),
        ],
        "mod": "{head} ng {mod}", "place": "{head} ng {place}", "name": "{head} ni {name}",
    },
    # Hindi heads carry their postposition (का / की by gender).
    "hi": {
        "heads": [
            ("का रहस्य", "Secret"), ("का वादा", "Promise"), ("का गीत", "Song"), ("का भूत", "Ghost"),
            ("की रानी", "Queen"), ("का दिल", "Heart"), ("की ख़ामोशी", "Silence"), ("की रोशनी", "Light"),
            ("की बेटी", "Daughter"), ("की आवाज़", "Voice"), ("का रखवाला", "Keeper"), ("की कहानी", "Story"),
        ],
        "mods": [
            ("समुंदर", "the Sea"), ("रात", "the Night"), ("बंदरगाह", "the Harbour"), ("शहर", "the City"),
            ("चाँद", "the Moon"), ("बारिश", "the Rain"), ("सितारों", "the Stars"), ("नदी", "the River"),
            ("पहाड़ों", "the Mountains"), ("सावन", "the Monsoon"), ("हवा", "the Wind"), ("जंगल", "the Forest"),
            ("द्वीप", "the Island"),
        ],
        "places": [
            ("मुंबई", "Mumbai"), ("दिल्ली", "Delhi"), ("जयपुर", "Jaipur"), ("वाराणसी", "Varanasi"),
            ("कोलकाता", "Kolkata"), ("लखनऊ", "Lucknow"), ("गोवा", "Goa"), ("शिमला", "Shimla"),
        ],
        "names": [
            ("राधा", "Radha"), ("अर्जुन", "Arjun"), ("मीरा", "Meera"), ("कबीर", "Kabir"), ("प्रिया", "Priya"),
            ("रोहन", "Rohan"), ("अनन्या", "Ananya"), ("विक्रम", "Vikram"),
        ],
        "mod": "{mod} {head}", "place": "{place} {head}", "name": "{name} {head}",
    },
    "fr": {
        "heads": [
            ("Le Secret", "Secret"), ("La Promesse", "Promise"), ("La Chanson", "Song"),
            ("Le Fantôme", "Ghost"), ("La Reine", "Queen"), ("Les Enfants", "Children"), ("Le Cœur", "Heart"),
            ("Le Silence", "Silence"), ("La Lumière", "Light"), ("La Fille", "Daughter"),
            ("La Voix", "Voice"), ("Le Gardien", "Keeper"), ("La Légende", "Legend"),
        ],
        "mods": [
            ("de la mer", "the Sea"), ("de la nuit", "the Night"), ("du port", "the Harbour"),
            ("de la ville", "the City"), ("de la lune", "the Moon"), ("de l'hiver", "Winter"),
            ("de la pluie", "the Rain"), ("des étoiles", "the Stars"), ("du fleuve", "the River"),
            ("des montagnes", "the Mountains"), ("de l'été", "Summer"), ("du vent", "the Wind"),
            ("de l'île", "the Island"), ("de la forêt", "the Forest"),
        ],
        "places": [
            ("Paris", "Paris"), ("Marseille", "Marseille"), ("Lyon", "Lyon"), ("Nantes", "Nantes"),
            ("Bordeaux", "Bordeaux"), ("Lille", "Lille"), ("Toulouse", "Toulouse"), ("Nice", "Nice"),
            ("Brest", "Brest"), ("Montréal", "Montreal"), ("Québec", "Quebec City"),
        ],
        "names": [
            ("Julie", "Julie"), ("Camille", "Camille"), ("Louis", "Louis"), ("Margaux", "Margaux"),
            ("Théo", "Théo"), ("Chloé", "Chloé"), ("Hugo", "Hugo"), ("Léa", "Léa"),
        ],
        "mod": "{head} {mod}", "place": "{head} de {place}", "name": "{head} de {name}",
    },
    "es": {
        "heads": [
            ("El secreto", "Secret"), ("La promesa", "Promise"), ("La canción", "Song"),
            ("El fantasma", "Ghost"), ("La reina", "Queen"), ("Los niños", "Children"),
            ("El corazón", "Heart"), ("El silencio", "Silence"), ("La luz", "Light"), ("La hija", "Daughter"),
            ("La voz", "Voice"), ("El guardián", "Keeper"), ("La leyenda", "Legend"),
        ],
        "mods": [
            ("del mar", "the Sea"), ("de la noche", "the Night"), ("del puerto", "the Harbour"),
            ("de la ciudad", "the City"), ("de la luna", "the Moon"), ("del invierno", "Winter"),
            ("de la lluvia", "the Rain"), ("de las estrellas", "the Stars"), ("del río", "the River"),
            ("de las montañas", "the Mountains"), ("del verano", "Summer"), ("del viento", "the Wind"),
            ("de la isla", "the Island"), ("del bosque", "the Forest"),
        ],
        "places": [
            ("Madrid", "Madrid"), ("Sevilla", "Seville"), ("Valencia", "Valencia"), ("Bilbao", "Bilbao"),
            ("Cádiz", "Cádiz"), ("Granada", "Granada"), ("Málaga", "Málaga"), ("Barcelona", "Barcelona"),
        ],
        "names": [
            ("Lucía", "Lucía"), ("Mateo", "Mateo"), ("Carmen", "Carmen"), ("Javier", "Javier"),
            ("Elena", "Elena"), ("Pablo", "Pablo"), ("Marta", "Marta"), ("Diego", "Diego"),
        ],
        "mod": "{head} {mod}", "place": "{head} de {place}", "name": "{head} de {name}",
    },
    "it": {
        "heads": [
            ("Il segreto", "Secret"), ("La promessa", "Promise"), ("La canzone", "Song"),
            ("Il fantasma", "Ghost"), ("La regina", "Queen"), ("I bambini", "Children"),
            ("Il cuore", "Heart"), ("Il silenzio", "Silence"), ("La luce", "Light"),
            ("La figlia", "Daughter"), ("La voce", "Voice"), ("Il guardiano", "Keeper"),
            ("La leggenda", "Legend"),
        ],
        "mods": [
            ("del mare", "the Sea"), ("della notte", "the Night"), ("del porto", "the Harbour"),
            ("della città", "the City"), ("della luna", "the Moon"), ("dell'inverno", "Winter"),
            ("della pioggia", "the Rain"), ("delle stelle", "the Stars"), ("del fiume", "the River"),
            ("delle montagne", "the Mountains"), ("dell'estate", "Summer"), ("del vento", "the Wind"),
            ("dell'isola", "the Island"), ("del bosco", "the Forest"),
        ],
        "places": [
            ("Roma", "Rome"), ("Napoli", "Naples"), ("Venezia", "Venice"), ("Milano", "Milan"),
            ("Palermo", "Palermo"), ("Torino", "Turin"), ("Firenze", "Florence"), ("Bologna", "Bologna"),
        ],
        "names": [
            ("Giulia", "Giulia"), ("Marco", "Marco"), ("Sofia", "Sofia"), ("Luca", "Luca"),
            ("Chiara", "Chiara"), ("Matteo", "Matteo"), ("Elena", "Elena"), ("Paolo", "Paolo"),
        ],
        "mod": "{head} {mod}", "place": "{head} di {place}", "name": "{head} di {name}",
    },
    "pt": {
        "heads": [
            ("O segredo", "Secret"), ("A promessa", "Promise"), ("A canção", "Song"), ("O fantasma", "Ghost"),
            ("A rainha", "Queen"), ("As crianças", "Children"), ("O coração", "Heart"),
            ("O silêncio", "Silence"), ("A luz", "Light"), ("A filha", "Daughter"), ("A voz", "Voice"),
            ("O guardião", "Keeper"), ("A lenda", "Legend"),
        ],
        "mods": [
            ("do mar", "the Sea"), ("da noite", "the Night"), ("do porto", "the Harbour"),
            ("da cidade", "the City"), ("da lua", "the Moon"), ("do inverno", "Winter"),
            ("da chuva", "the Rain"), ("das estrelas", "the Stars"), ("do rio", "the River"),
            ("das montanhas", "the Mountains"), ("do verão", "Summer"), ("do vento", "the Wind"),
            ("da ilha", "the Island"), ("da floresta", "the Forest"),
        ],
        "places": [
            ("São Paulo", "São Paulo"), ("Salvador", "Salvador"), ("Recife", "Recife"), ("Manaus", "Manaus"),
            ("Belém", "Belém"), ("Curitiba", "Curitiba"), ("Fortaleza", "Fortaleza"), ("Olinda", "Olinda"),
        ],
        "names": [
            ("Ana", "Ana"), ("João", "João"), ("Beatriz", "Beatriz"), ("Pedro", "Pedro"), ("Luíza", "Luíza"),
            ("Rafael", "Rafael"), ("Clara", "Clara"), ("Tiago", "Tiago"),
        ],
        "mod": "{head} {mod}", "place": "{head} de {place}", "name": "{head} de {name}",
    },
    # German modifiers are genitives; no names (German puts the name first: "Annas Geheimnis").
    "de": {
        "heads": [
            ("Das Geheimnis", "Secret"), ("Das Versprechen", "Promise"), ("Das Lied", "Song"),
            ("Der Geist", "Ghost"), ("Die Königin", "Queen"), ("Die Kinder", "Children"),
            ("Das Herz", "Heart"), ("Die Stille", "Silence"), ("Das Licht", "Light"),
            ("Die Tochter", "Daughter"), ("Die Stimme", "Voice"), ("Der Wächter", "Keeper"),
            ("Die Legende", "Legend"),
        ],
        "mods": [
            ("des Meeres", "the Sea"), ("der Nacht", "the Night"), ("des Hafens", "the Harbour"),
            ("der Stadt", "the City"), ("des Mondes", "the Moon"), ("des Winters", "Winter"),
            ("des Regens", "the Rain"), ("der Sterne", "the Stars"), ("des Flusses", "the River"),
            ("der Berge", "the Mountains"), ("des Sommers", "Summer"), ("des Windes", "the Wind"),
            ("der Insel", "the Island"), ("des Waldes", "the Forest"),
        ],
        "places": [
            ("Hamburg", "Hamburg"), ("Berlin", "Berlin"), ("München", "Munich"), ("Köln", "Cologne"),
            ("Leipzig", "Leipzig"), ("Dresden", "Dresden"), ("Bremen", "Bremen"), ("Lübeck", "Lübeck"),
        ],
        "names": [],
        "mod": "{head} {mod}", "place": "{head} von {place}", "name": "",
    },
    "nl": {
        "heads": [
            ("Het geheim", "Secret"), ("De belofte", "Promise"), ("Het lied", "Song"), ("De geest", "Ghost"),
            ("De koningin", "Queen"), ("De kinderen", "Children"), ("Het hart", "Heart"),
            ("De stilte", "Silence"), ("Het licht", "Light"), ("De dochter", "Daughter"),
            ("De stem", "Voice"), ("De wachter", "Keeper"), ("De legende", "Legend"),
        ],
        "mods": [
            ("van de zee", "the Sea"), ("van de nacht", "the Night"), ("van de haven", "the Harbour"),
            ("van de stad", "the City"), ("van de maan", "the Moon"), ("van de winter", "Winter"),
            ("van de regen", "the Rain"), ("van de sterren", "the Stars"), ("van de rivier", "the River"),
            ("van de bergen", "the Mountains"), ("van de zomer", "Summer"), ("van de wind", "the Wind"),
            ("van het eiland", "the Island"), ("van het bos", "the Forest"),
        ],
        "places": [
            ("Amsterdam", "Amsterdam"), ("Rotterdam", "Rotterdam"), ("Utrecht", "Utrecht"),
            ("Den Haag", "The Hague"), ("Delft", "Delft"), ("Leiden", "Leiden"), ("Groningen", "Groningen"),
            ("Maastricht", "Maastricht"),
        ],
        "names": [
            ("Anna", "Anna"), ("Daan", "Daan"), ("Sanne", "Sanne"), ("Lotte", "Lotte"), ("Bram", "Bram"),
            ("Noor", "Noor"), ("Sem", "Sem"), ("Fleur", "Fleur"),
        ],
        "mod": "{head} {mod}", "place": "{head} van {place}", "name": "{head} van {name}",
    },
    # Polish modifiers, places and names are genitives.
    "pl": {
        "heads": [
            ("Tajemnica", "Secret"), ("Obietnica", "Promise"), ("Pieśń", "Song"), ("Duch", "Ghost"),
            ("Królowa", "Queen"), ("Dzieci", "Children"), ("Serce", "Heart"), ("Cisza", "Silence"),
            ("Światło", "Light"), ("Córka", "Daughter"), ("Głos", "Voice"), ("Strażnik", "Keeper"),
            ("Legenda", "Legend"),
        ],
        "mods": [
            ("morza", "the Sea"), ("nocy", "the Night"), ("portu", "the Harbour"), ("miasta", "the City"),
            ("księżyca", "the Moon"), ("zimy", "Winter"), ("deszczu", "the Rain"), ("gwiazd", "the Stars"),
            ("rzeki", "the River"), ("gór", "the Mountains"), ("wiatru", "the Wind"), ("wyspy", "the Island"),
            ("lasu", "the Forest"),
        ],
        "places": [
            ("Krakowa", "Kraków"), ("Gdańska", "Gdańsk"), ("Warszawy", "Warsaw"), ("Wrocławia", "Wrocław"),
            ("Łodzi", "Łódź"), ("Poznania", "Poznań"), ("Lublina", "Lublin"), ("Torunia", "Toruń"),
        ],
        "names": [
            ("Anny", "Anna"), ("Zosi", "Zosia"), ("Marka", "Marek"), ("Kasi", "Kasia"), ("Tomka", "Tomek"),
            ("Ewy", "Ewa"),
        ],
        "mod": "{head} {mod}", "place": "{head} {place}", "name": "{head} {name}",
    },
    # Turkish: genitive modifier + possessed head ("Denizin Sırrı").
    "tr": {
        "heads": [
            ("Sırrı", "Secret"), ("Sözü", "Promise"), ("Şarkısı", "Song"), ("Hayaleti", "Ghost"),
            ("Kraliçesi", "Queen"), ("Çocukları", "Children"), ("Kalbi", "Heart"), ("Sessizliği", "Silence"),
            ("Işığı", "Light"), ("Kızı", "Daughter"), ("Sesi", "Voice"), ("Bekçisi", "Keeper"),
            ("Efsanesi", "Legend"),
        ],
        "mods": [
            ("Denizin", "the Sea"), ("Gecenin", "the Night"), ("Limanın", "the Harbour"),
            ("Şehrin", "the City"), ("Ayın", "the Moon"), ("Yağmurun", "the Rain"),
            ("Yıldızların", "the Stars"), ("Nehrin", "the River"), ("Dağların", "the Mountains"),
            ("Rüzgârın", "the Wind"), ("Adanın", "the Island"), ("Ormanın", "the Forest"),
        ],
        "places": [
            ("İstanbul'un", "Istanbul"), ("İzmir'in", "Izmir"), ("Ankara'nın", "Ankara"),
            ("Bursa'nın", "Bursa"), ("Antalya'nın", "Antalya"), ("Trabzon'un", "Trabzon"),
            ("Mardin'in", "Mardin"), ("Kapadokya'nın", "Cappadocia"),
        ],
        "names": [
            ("Elif'in", "Elif"), ("Zeynep'in", "Zeynep"), ("Emre'nin", "Emre"), ("Defne'nin", "Defne"),
            ("Can'ın", "Can"), ("Ali'nin", "Ali"), ("Ayşe'nin", "Ayşe"), ("Kerem'in", "Kerem"),
        ],
        "mod": "{mod} {head}", "place": "{place} {head}", "name": "{name} {head}",
    },
    "fa": {
        "heads": [
            ("راز", "Secret"), ("آواز", "Song"), ("روح", "Spirit"), ("قلب", "Heart"), ("سکوت", "Silence"),
            ("نور", "Light"), ("دختر", "Daughter"), ("صدای", "Voice"), ("نگهبان", "Keeper"),
            ("بازگشت", "Return"), ("افسانهٔ", "Legend"),
        ],
        "mods": [
            ("دریا", "the Sea"), ("شب", "the Night"), ("بندر", "the Harbour"), ("شهر", "the City"),
            ("ماه", "the Moon"), ("زمستان", "Winter"), ("باران", "the Rain"), ("ستاره‌ها", "the Stars"),
            ("رود", "the River"), ("کوه‌ها", "the Mountains"), ("تابستان", "Summer"), ("باد", "the Wind"),
            ("جزیره", "the Island"), ("جنگل", "the Forest"),
        ],
        "places": [
            ("تهران", "Tehran"), ("اصفهان", "Isfahan"), ("شیراز", "Shiraz"), ("تبریز", "Tabriz"),
            ("یزد", "Yazd"), ("کاشان", "Kashan"), ("مشهد", "Mashhad"), ("رشت", "Rasht"),
        ],
        "names": [
            ("مریم", "Maryam"), ("علی", "Ali"), ("سارا", "Sara"), ("رضا", "Reza"), ("نگار", "Negar"),
            ("امید", "Omid"),
        ],
        "mod": "{head} {mod}", "place": "{head} {place}", "name": "{head} {name}",
    },
    "ar": {
        "heads": [
            ("سر", "Secret"), ("وعد", "Promise"), ("أغنية", "Song"), ("شبح", "Ghost"), ("ملكة", "Queen"),
            ("أطفال", "Children"), ("قلب", "Heart"), ("صمت", "Silence"), ("نور", "Light"),
            ("ابنة", "Daughter"), ("صوت", "Voice"), ("حارس", "Keeper"), ("أسطورة", "Legend"),
        ],
        "mods": [
            ("البحر", "the Sea"), ("الليل", "the Night"), ("الميناء", "the Harbour"), ("المدينة", "the City"),
            ("القمر", "the Moon"), ("الشتاء", "Winter"), ("المطر", "the Rain"), ("النجوم", "the Stars"),
            ("النهر", "the River"), ("الجبال", "the Mountains"), ("الصيف", "Summer"), ("الريح", "the Wind"),
            ("الجزيرة", "the Island"), ("الغابة", "the Forest"),
        ],
        "places": [
            ("دبي", "Dubai"), ("أبوظبي", "Abu Dhabi"), ("الشارقة", "Sharjah"), ("العين", "Al Ain"),
            ("عجمان", "Ajman"), ("الفجيرة", "Fujairah"),
        ],
        "names": [
            ("ليلى", "Layla"), ("عمر", "Omar"), ("نور", "Noor"), ("سلمى", "Salma"), ("يوسف", "Yousef"),
            ("مريم", "Mariam"),
        ],
        "mod": "{head} {mod}", "place": "{head} {place}", "name": "{head} {name}",
    },
    # Russian (Kazakhstan): genitive modifiers, places and names.
    "ru": {
        "heads": [
            ("Тайна", "Secret"), ("Обещание", "Promise"), ("Песня", "Song"), ("Призрак", "Ghost"),
            ("Королева", "Queen"), ("Дети", "Children"), ("Сердце", "Heart"), ("Тишина", "Silence"),
            ("Свет", "Light"), ("Дочь", "Daughter"), ("Голос", "Voice"), ("Хранитель", "Keeper"),
            ("Легенда", "Legend"),
        ],
        "mods": [
            ("моря", "the Sea"), ("ночи", "the Night"), ("гавани", "the Harbour"), ("города", "the City"),
            ("луны", "the Moon"), ("зимы", "Winter"), ("дождя", "the Rain"), ("звёзд", "the Stars"),
            ("реки", "the River"), ("гор", "the Mountains"), ("лета", "Summer"), ("ветра", "the Wind"),
            ("острова", "the Island"), ("леса", "the Forest"), ("степи", "the Steppe"),
        ],
        "places": [
            ("Алматы", "Almaty"), ("Астаны", "Astana"), ("Шымкента", "Shymkent"), ("Караганды", "Karaganda"),
            ("Актау", "Aktau"), ("Туркестана", "Turkistan"),
        ],
        "names": [
            ("Айгерим", "Aigerim"), ("Асель", "Assel"), ("Дины", "Dina"), ("Марата", "Marat"),
            ("Армана", "Arman"), ("Сауле", "Saule"),
        ],
        "mod": "{head} {mod}", "place": "{head} {place}", "name": "{head} {name}",
    },
}  # fmt: skip

# --- English title parts ----------------------------------------------------------------------------

_EN_ADJECTIVES = [
    "Silent", "Hidden", "Broken", "Golden", "Crimson", "Distant", "Burning", "Frozen", "Restless",
    "Forgotten",
    "Wild", "Midnight", "Lonely", "Last", "Quiet", "Secret", "Fallen", "Endless", "Silver", "Bitter",
    "Electric", "Rising", "Lost", "Dark", "Sweet", "Northern", "Southern", "Savage", "Gentle", "Perfect",
    "Invisible", "Borrowed", "Stolen", "Wandering", "Second", "Little", "Final", "Fading", "Painted", "Iron",
]  # fmt: skip
_EN_NOUNS = [
    "Harbour", "Kingdom", "Shore", "Season", "Witness", "Inheritance", "Promise", "Frontier", "Garden",
    "Empire",
    "Signal", "Orchard", "Tide", "Circuit", "Horizon", "Verdict", "Reunion", "Station", "Bridge", "Lantern",
    "Hour", "Alliance", "Voyage", "Ledger", "Archive", "Orbit", "Compass", "Carnival", "Valley", "Highway",
    "Lighthouse", "Wedding", "Detective", "Heir", "Outpost", "Kitchen", "Academy", "Island", "Shelter",
    "Code",
    "Game", "Mirror", "Crossing", "Covenant", "Passage", "Echo", "Summit", "Canyon",
]  # fmt: skip
_EN_HEADS = [
    "Secret", "Promise", "Song", "Ghost", "Queen", "Children", "Heart", "Silence", "Light", "Daughter",
    "Voice",
    "Keeper", "Legend",
]  # fmt: skip
_EN_MODS = [
    "the Sea", "the Night", "the Harbour", "the City", "the Moon", "Winter", "the Rain", "the Stars",
    "the River",
    "the Mountains", "Summer", "the Wind", "the Island", "the Forest",
]  # fmt: skip
_EN_NAMES = ["Maggie", "Sam", "Nora", "Eli", "Ruby", "Jack", "Ivy", "Leo", "Grace", "Owen"]
_EN_PLACE_TAILS = [
    "Nights", "Blues", "Confidential", "Diaries", "Rising", "Heat", "Calling", "Station", "Requiem",
    "Express",
    "Lights", "Stories",
]  # fmt: skip
_VARIETY_THINGS = [
    "Kitchen", "Dance", "Voice", "Road Trip", "Talent", "Quiz", "Family", "Camp", "Band", "Dating",
    "Survival",
    "Street Food", "Makeover", "Idol", "Comedy", "Farm", "Mystery", "Escape Room", "Wedding", "Treasure Hunt",
    "Island", "Supper Club", "Karaoke", "Game Night",
]  # fmt: skip
_VARIETY_PATTERNS = [
    "The {t} Challenge", "{t} Masters", "{t} Wars", "Ultimate {t}", "{t} Showdown", "{t} Academy",
    "Celebrity {t}", "{t} Live", "The Big {t} Night", "{t} Rivals", "Project {t}", "{t} Heroes", "{t}: {p}",
]  # fmt: skip

# English place names by region, for English-titled languages and synopses.
REGION_PLACES: dict[str, list[str]] = {
    "CN": ["Shanghai", "Beijing", "Chengdu", "Hangzhou", "Chongqing", "Xi'an", "Guangzhou", "Shenzhen",
           "Wuhan", "Harbin", "Suzhou", "Qingdao", "Changsha", "Xiamen"],
    "HK": ["Hong Kong", "Kowloon", "Mong Kok", "Sham Shui Po", "Tai O", "Yau Ma Tei", "Causeway Bay"],
    "TW": ["Taipei", "Tainan", "Kaohsiung", "Taichung", "Hualien", "Keelung", "Jiufen", "Hsinchu"],
    "MO": ["Macao", "Taipa", "Coloane"],
    "JP": ["Tokyo", "Osaka", "Kyoto", "Yokohama", "Sapporo", "Fukuoka", "Kobe", "Okinawa"],
    "KR": ["Seoul", "Busan", "Incheon", "Jeju", "Daegu", "Gangneung", "Jeonju", "Mokpo"],
    "IN": ["Mumbai", "Delhi", "Chennai", "Hyderabad", "Kolkata", "Jaipur", "Varanasi", "Goa", "Madurai",
           "Kochi", "Vizag", "Warangal"],
    "FR": ["Paris", "Marseille", "Lyon", "Bordeaux", "Nice", "Lille", "Nantes", "Brittany"],
    "US": ["New York", "Los Angeles", "Chicago", "New Orleans", "Texas", "Alaska", "Miami", "Seattle"],
    "GB": ["London", "Manchester", "Glasgow", "Liverpool", "Cornwall", "Belfast", "Cardiff", "Yorkshire"],
    "DE": ["Berlin", "Hamburg", "Munich", "Cologne", "Leipzig", "Dresden"],
    "IT": ["Rome", "Naples", "Venice", "Milan", "Sicily", "Turin", "Florence"],
    "ES": ["Madrid", "Barcelona", "Seville", "Valencia", "Bilbao", "Granada"],
    "NL": ["Amsterdam", "Rotterdam", "Utrecht", "The Hague", "Friesland"],
    "PL": ["Warsaw", "Kraków", "Gdańsk", "Wrocław", "Łódź"],
    "TR": ["Istanbul", "Izmir", "Ankara", "Cappadocia", "Trabzon", "Antalya"],
    "IR": ["Tehran", "Isfahan", "Shiraz", "Tabriz", "Yazd"],
    "AE": ["Dubai", "Abu Dhabi", "Sharjah", "Al Ain", "Fujairah"],
    "AU": ["Sydney", "Melbourne", "Perth", "Tasmania", "Queensland", "Darwin"],
    "NZ": ["Auckland", "Wellington", "Otago", "Rotorua"],
    "CA": ["Toronto", "Vancouver", "Montreal", "Halifax", "Winnipeg"],
    "BR": ["São Paulo", "Rio de Janeiro", "Salvador", "Manaus", "Recife"],
    "MN": ["Ulaanbaatar", "Kharkhorin", "Khövsgöl", "Darkhan", "Erdenet"],
    "KZ": ["Almaty", "Astana", "Shymkent", "Aktau", "Turkistan"],
    "TH": ["Bangkok", "Chiang Mai", "Phuket", "Pattaya", "Ayutthaya", "Chiang Rai", "Khon Kaen"],
    "MY": ["Kuala Lumpur", "Penang", "Malacca", "Ipoh", "Sabah", "Sarawak", "Langkawi"],
    "SG": ["Singapore", "Chinatown", "Tiong Bahru", "Katong", "Jurong", "Geylang", "Toa Payoh"],
    "ID": ["Jakarta", "Bali", "Yogyakarta", "Bandung", "Surabaya", "Sumatra", "Lombok"],
    "PH": ["Manila", "Cebu", "Davao", "Baguio", "Palawan", "Iloilo"],
    "VN": ["Hanoi", "Saigon", "Hue", "Da Nang", "Hoi An", "Da Lat", "Can Tho"],
    "KH": ["Phnom Penh", "Siem Reap", "Battambang", "Kampot", "Kep"],
    "MM": ["Yangon", "Mandalay", "Bagan", "Mawlamyine", "Taunggyi"],
    "LA": ["Vientiane", "Luang Prabang", "Vang Vieng", "Pakse", "Savannakhet"],
    "BN": ["Bandar Seri Begawan", "Kampong Ayer", "Temburong", "Tutong", "Seria"],
}  # fmt: skip

# Country or region names for travel and nature programmes.
_COUNTRY_NAMES: dict[str, str] = {
    "CN": "China", "HK": "Hong Kong", "TW": "Taiwan", "MO": "Macao", "JP": "Japan", "KR": "Korea",
    "IN": "India", "FR": "France", "US": "the United States", "GB": "Britain", "DE": "Germany", "IT": "Italy",
    "ES": "Spain", "NL": "the Netherlands", "PL": "Poland", "TR": "Türkiye", "IR": "Iran",
    "AE": "the Emirates", "AU": "Australia", "NZ": "New Zealand", "CA": "Canada", "BR": "Brazil",
    "MN": "Mongolia", "KZ": "Kazakhstan", "TH": "Thailand", "MY": "Malaysia", "SG": "Singapore",
    "ID": "Indonesia", "PH": "the Philippines", "VN": "Vietnam", "KH": "Cambodia", "MM": "Myanmar",
    "LA": "Laos", "BN": "Brunei",
}  # fmt: skip

# --- Kinds, genres and running times ----------------------------------------------------------------

_KIND_WEIGHTS: dict[str, dict[str, int]] = {
    "platform": {"series": 40, "micro": 14, "variety": 12, "feature": 12, "animation": 8, "documentary": 8,
                 "format": 6},
    "broadcaster": {"series": 38, "variety": 18, "documentary": 16, "format": 10, "animation": 7, "micro": 6,
                    "feature": 5},
    "studio": {"feature": 55, "series": 20, "animation": 10, "micro": 6, "documentary": 5, "variety": 2,
               "format": 2},
    "distributor": {"feature": 42, "series": 22, "documentary": 12, "animation": 10, "micro": 8, "variety": 4,
                    "format": 2},
    "production": {"series": 32, "feature": 22, "micro": 16, "documentary": 12, "animation": 7, "variety": 7,
                   "format": 4},
    "post": {"feature": 35, "animation": 30, "documentary": 20, "series": 15},
    "association": {"feature": 40, "documentary": 25, "series": 20, "animation": 15},
}  # fmt: skip
# Short-form (micro) drama is a mainland export first of all.
_MICRO_FACTOR: dict[str, float] = {
    "CN": 1.7, "US": 0.6, "HK": 0.5, "TW": 0.5, "MO": 0.4, "KR": 0.4, "TH": 0.4, "ID": 0.4, "PH": 0.4,
    "SG": 0.3, "MY": 0.3, "VN": 0.3,
}  # fmt: skip

_KIND_GENRES: dict[str, dict[str, int]] = {
    "feature": {"drama": 10, "comedy": 8, "action": 8, "thriller": 7, "romance": 6, "crime": 6, "horror": 5,
                "mystery": 4, "fantasy": 4, "family": 4, "scifi": 3, "youth": 3, "war": 2, "music": 2,
                "sports": 2, "biography": 2, "history": 2, "costume": 2, "wuxia": 2},
    "series": {"romance": 10, "drama": 8, "crime": 6, "costume": 6, "family": 6, "urban": 6, "comedy": 5,
               "mystery": 5, "thriller": 5, "fantasy": 5, "youth": 5, "workplace": 4, "wuxia": 3,
               "medical": 3,
               "legal": 3, "history": 2, "scifi": 2, "horror": 2, "war": 1, "sports": 1, "food": 1},
    "micro": {"romance": 30, "urban": 20, "family": 14, "fantasy": 12, "costume": 12, "comedy": 5,
              "thriller": 4, "drama": 3},
    "animation": {"kids": 10, "family": 8, "fantasy": 7, "comedy": 6, "action": 4, "scifi": 4, "wuxia": 2,
                  "youth": 2, "sports": 1},
    "documentary": {"nature": 8, "history": 7, "food": 6, "travel": 6, "biography": 5, "music": 3,
                    "sports": 3},
    "variety": {"reality": 10, "music": 7, "food": 6, "travel": 6, "comedy": 5, "sports": 3, "family": 3},
    "format": {"reality": 10, "music": 6, "food": 5, "comedy": 5, "family": 4, "sports": 3},
}  # fmt: skip
_VERTICAL_GENRES = frozenset({"romance", "urban", "family", "fantasy", "costume"})

# Genres that sit well beside a primary genre (secondary genres are drawn from these).
_COMPATIBLE: dict[str, set[str]] = {
    "drama": {"family", "romance", "crime", "history", "music", "sports", "war", "medical", "legal",
              "biography", "urban", "youth", "workplace", "costume"},
    "romance": {"comedy", "drama", "youth", "urban", "costume", "fantasy", "workplace", "family", "music"},
    "comedy": {"romance", "family", "youth", "action", "crime", "workplace", "kids", "food", "urban"},
    "action": {"thriller", "crime", "comedy", "wuxia", "scifi", "war", "fantasy"},
    "thriller": {"crime", "mystery", "action", "horror", "drama", "scifi"},
    "crime": {"thriller", "mystery", "action", "drama", "legal"},
    "mystery": {"crime", "thriller", "horror", "costume", "fantasy"},
    "horror": {"thriller", "mystery", "comedy"},
    "fantasy": {"romance", "costume", "action", "wuxia", "comedy", "kids", "family"},
    "scifi": {"thriller", "action", "mystery", "drama"},
    "costume": {"romance", "drama", "fantasy", "wuxia", "history", "mystery"},
    "wuxia": {"action", "costume", "fantasy", "romance"},
    "family": {"drama", "comedy", "romance", "kids", "food", "urban"},
    "youth": {"romance", "comedy", "sports", "music", "drama"},
    "urban": {"romance", "drama", "workplace", "comedy", "family"},
    "workplace": {"drama", "romance", "comedy", "medical", "legal", "urban"},
    "medical": {"drama", "workplace", "romance"},
    "legal": {"drama", "crime", "workplace"},
    "war": {"drama", "history", "action"},
    "music": {"drama", "romance", "youth", "biography", "reality"},
    "sports": {"drama", "youth", "comedy", "biography", "reality"},
    "food": {"travel", "family", "comedy", "reality", "history"},
    "travel": {"food", "nature", "reality", "history"},
    "nature": {"travel", "history"},
    "kids": {"family", "comedy", "fantasy"},
    "reality": {"music", "food", "travel", "comedy", "sports", "family"},
    "biography": {"history", "music", "sports", "drama"},
    "history": {"biography", "war", "drama", "costume", "nature"},
}  # fmt: skip

# Regional tastes multiply the genre weights (not for micro-dramas, which keep their vertical tropes).
_REGION_GENRE_BOOST: dict[str, dict[str, float]] = {
    "CN": {"costume": 3, "wuxia": 2, "fantasy": 2, "romance": 1.5, "urban": 1.5},
    "HK": {"crime": 2.5, "action": 2, "comedy": 1.5, "legal": 1.5, "medical": 1.5, "wuxia": 1.5},
    "TW": {"youth": 2, "romance": 1.5, "family": 1.5},
    "MO": {"crime": 1.5, "family": 1.5},
    "KR": {"romance": 2, "thriller": 2, "crime": 1.5, "medical": 1.5, "legal": 1.5},
    "JP": {"kids": 2, "mystery": 2, "food": 1.5, "youth": 1.5},
    "TH": {"horror": 3, "romance": 2, "comedy": 2},
    "ID": {"horror": 3, "family": 1.5},
    "PH": {"romance": 2, "family": 2, "horror": 1.5},
    "MY": {"comedy": 1.5, "family": 1.5, "horror": 1.5},
    "VN": {"family": 1.5, "comedy": 1.5},
    "KH": {"horror": 2, "history": 1.5},
    "IN": {"action": 2, "music": 2, "family": 1.5, "romance": 1.5},
    "TR": {"romance": 2, "family": 2, "drama": 1.5},
    "US": {"action": 1.5, "scifi": 1.5, "thriller": 1.5},
    "GB": {"crime": 2, "history": 1.5},
    "FR": {"drama": 1.5, "comedy": 1.5, "romance": 1.5},
    "IR": {"drama": 2, "family": 1.5},
    "MN": {"nature": 2, "history": 2},
    "KZ": {"history": 1.5, "nature": 1.5},
}

# Series episode counts and minutes per episode by region.
_SERIES_SHAPES: dict[str, tuple[list[int], tuple[int, int]]] = {
    "CN": ([24, 26, 30, 32, 36, 38, 40, 42, 46], (40, 47)),
    "HK": ([20, 22, 25, 28, 30], (42, 45)),
    "MO": ([10, 12, 20], (42, 45)),
    "TW": ([10, 12, 13, 15, 20], (50, 60)),
    "KR": ([12, 16], (60, 75)),
    "JP": ([9, 10, 11, 12], (45, 54)),
    "TH": ([8, 10, 12, 13, 16], (45, 60)),
    "TR": ([13, 26, 39], (120, 150)),
    "IN": ([6, 8, 9, 10], (30, 45)),
    "PH": ([40, 60, 80], (30, 40)),
    "ID": ([13, 20, 26], (45, 60)),
}
_DEFAULT_SERIES_SHAPE = ([6, 8, 10, 12, 13], (42, 55))

# Titles per exhibitor by company type (inclusive ranges).
_TITLE_COUNTS: dict[str, tuple[int, int]] = {
    "platform": (3, 8),
    "studio": (3, 8),
    "distributor": (3, 8),
    "broadcaster": (3, 7),
    "production": (2, 6),
    "post": (1, 2),
    "association": (1, 2),
}
_MAX_TOP_UP = 8

# --- Synopsis parts ---------------------------------------------------------------------------------

# (who, what) pairs; the verb agrees with its subject.
_STORIES: dict[str, list[tuple[str, str]]] = {
    "drama": [
        ("a widowed fisherman", "struggles to keep his family together after the local cannery closes"),
        ("three siblings", "return home to settle their late father's debts"),
        ("a retired teacher", "takes in the runaway granddaughter she has never met"),
        ("a factory worker", "fights to keep open the small workshop her father built"),
    ],
    "romance": [
        ("a wedding planner", "falls for the rival she has been hired to outwit"),
        ("two strangers", "keep meeting on the last ferry of the night"),
        ("a pastry chef", "rekindles a first love with the architect redesigning her street"),
        ("a translator", "falls for the film star she accompanies on a press tour"),
    ],
    "comedy": [
        ("a failed magician", "is mistaken for a tycoon's long-lost son"),
        ("two feuding neighbours", "are forced to run a struggling karaoke bar together"),
        ("a strict civil servant", "has to coach the office's hopeless dance team"),
        ("an out-of-work actor", "poses as a tour guide to pay the rent"),
    ],
    "action": [
        ("a former bodyguard", "must protect a witness across a city controlled by a syndicate"),
        ("an ex-soldier", "races against time to rescue his kidnapped daughter"),
        ("a stunt driver", "is drawn into a heist she never agreed to"),
    ],
    "thriller": [
        ("a night-shift nurse", "discovers that patients are disappearing from her ward"),
        ("a hacker", "finds a hidden message that puts her on a killer's list"),
        ("a journalist", "uncovers a conspiracy behind a string of accidents"),
    ],
    "crime": [
        ("a rookie detective", "reopens a cold case that implicates her own family"),
        ("an undercover officer", "rises too high inside the gang he was sent to bring down"),
        ("a veteran inspector", "hunts a serial arsonist in the weeks before his retirement"),
    ],
    "mystery": [
        ("an amateur sleuth", "investigates a death at a remote mountain inn"),
        ("a forensic artist", "reconstructs the faces of victims found in an abandoned mine"),
        ("a crime novelist", "finds that her unpublished plots are coming true"),
    ],
    "horror": [
        ("a young family", "moves into an old house whose previous owners vanished"),
        ("a group of students", "spend a night in a shuttered hospital on a dare"),
        ("a new caretaker", "hears voices from a school wing that has been closed for decades"),
    ],
    "fantasy": [
        ("a fox spirit", "must win a human heart before the next full moon"),
        ("an apprentice sorceress", "steals a forbidden book to save her village"),
        ("a fallen immortal", "lives out a mortal life to atone for an ancient war"),
    ],
    "scifi": [
        ("an engineer", "receives messages from her future self"),
        ("a crew of miners", "wake from cryosleep to find their ship off course"),
        ("a teenage coder", "builds an AI that begins to rewrite the city's rules"),
    ],
    "costume": [
        ("a palace maid", "rises through the imperial court by her wits alone"),
        ("an exiled princess", "returns in disguise to restore her family's honour"),
        ("a young official", "untangles a conspiracy at the heart of the court"),
    ],
    "wuxia": [
        ("a wandering swordsman", "is drawn into a feud between the great martial clans"),
        ("the last disciple of a fallen sect", "searches for the master who betrayed it"),
        ("a reluctant heir", "must master his family's sword technique to protect the martial world"),
    ],
    "family": [
        ("three generations of women", "run the family noodle shop through changing times"),
        ("a single father", "raises twins while running a night market stall"),
        ("an elderly couple", "set out on the road trip they promised each other fifty years ago"),
    ],
    "youth": [
        ("a group of high school friends", "prepare for the exam that will decide their futures"),
        ("a transfer student", "joins the school's struggling rowing team"),
        ("two best friends", "start a band in their final summer before university"),
    ],
    "urban": [
        ("a young lawyer", "balances big-city ambition with a complicated family"),
        ("four flatmates", "chase careers and love in a crowded apartment block"),
        ("a food delivery rider", "builds a business empire one order at a time"),
    ],
    "workplace": [
        ("a newly promoted manager", "has to rescue a failing hotel"),
        ("an intern", "exposes corruption at the advertising agency she idolised"),
        ("a team of game developers", "race to launch their first hit"),
    ],
    "medical": [
        ("a trauma surgeon", "returns to the hospital where her mentor was disgraced"),
        ("a rural doctor", "keeps a mountain clinic open against the odds"),
        ("two rival residents", "compete for a place on the transplant team"),
    ],
    "legal": [
        ("a public defender", "takes on the case that ended her father's career"),
        ("a junior barrister", "defends a client everyone believes is guilty"),
        ("a legal aid team", "takes on a powerful developer on behalf of its tenants"),
    ],
    "war": [
        ("a young radio operator", "keeps a resistance network alive behind enemy lines"),
        ("two brothers", "find themselves on opposite sides of a border conflict"),
        ("a field nurse", "leads wounded soldiers to safety through the mountains"),
    ],
    "music": [
        ("a street busker", "gets one chance to play with the orchestra that rejected him"),
        ("a retired opera singer", "trains a gifted but difficult student"),
        ("a wedding band", "gets an unexpected shot at a national contest"),
    ],
    "sports": [
        ("an underdog boxer", "trains for a title fight with a disgraced coach"),
        ("a girls' football team", "fights for a place in the national league"),
        ("a former swimming champion", "coaches teenagers from a fishing village"),
    ],
    "kids": [
        ("a curious robot", "explores the world beyond its junkyard home"),
        ("a young dragon", "learns to fly with help from her forest friends"),
        ("a band of animal friends", "solve everyday problems in their seaside town"),
    ],
    "history": [
        ("a court historian", "risks his life to record the truth of a dynasty's fall"),
        ("a merchant family", "rise and fall with the fortunes of a trading port"),
        ("a mapmaker", "charts an unknown coastline in an age of exploration"),
    ],
    "biography": [
        ("a pioneering actress", "breaks into a film industry run by men"),
        ("a self-taught inventor", "rises from a village workshop to international fame"),
    ],
    "food": [
        ("a disgraced chef", "reopens his grandmother's restaurant"),
        ("a food critic", "loses her sense of taste and must find another way to judge"),
    ],
    "travel": [
        ("two estranged sisters", "drive across the country to scatter their mother's ashes"),
    ],
}
# (who, what, genres it suits)
_MICRO_STORIES: list[tuple[str, str, frozenset[str]]] = [
    ("a humiliated bride", "discovers she is the secret heiress of a business empire",
     frozenset({"urban", "romance", "family", "drama"})),
    ("a delivery driver", "is revealed to be the long-lost son of a billionaire",
     frozenset({"urban", "family", "comedy"})),
    ("a divorced housewife", "returns as a celebrated designer and turns the tables on her ex-husband",
     frozenset({"urban", "family", "romance", "drama"})),
    ("a reborn empress", "relives her life to take revenge on the concubine who betrayed her",
     frozenset({"costume", "fantasy", "drama"})),
    ("a village doctor", "turns out to be the heir of a legendary medical clan",
     frozenset({"urban", "fantasy", "family"})),
    ("a hotel cleaner", "signs a contract marriage with the hotel's reclusive owner",
     frozenset({"romance", "urban", "comedy"})),
    ("a warrior queen from the past", "wakes up in the body of a modern office worker",
     frozenset({"fantasy", "comedy", "urban"})),
    ("a single mother", "discovers that her twins' father is the CEO of her new company",
     frozenset({"romance", "family", "urban"})),
    ("a young fox spirit", "must marry a mortal prince to break an ancient curse",
     frozenset({"fantasy", "costume", "romance"})),
    ("an overlooked son-in-law", "reveals his hidden fortune to the family that mocked him",
     frozenset({"urban", "family", "comedy"})),
    ("a palace maid", "catches the eye of the crown prince she once saved",
     frozenset({"costume", "romance"})),
    ("a kidnapped heiress", "escapes her captors and hunts down the relative who betrayed her",
     frozenset({"thriller", "urban", "drama"})),
]  # fmt: skip
_PERIOD_SETTINGS: dict[str, list[str]] = {
    "chinese": ["a fictional dynasty's imperial capital", "the Northern Song capital of Bianjing",
                "the Tang dynasty capital of Chang'an", "a border town in a fictional ancient kingdom",
                "a southern river town in the Ming dynasty"],
    "KR": ["the Joseon royal court", "a Joseon-era market town"],
    "JP": ["Edo-period Osaka", "a castle town in feudal Japan"],
    "other": ["the nineteenth century", "a nineteenth-century port city", "a kingdom of centuries past"],
}  # fmt: skip
_FANTASY_SETTINGS = [
    "a realm of immortals and demons",
    "a mythical kingdom above the clouds",
    "a world where spirits walk among humans",
]
_SCIFI_SETTINGS = ["a near-future {place}", "{place} in the year 2080", "a research station beyond Mars"]
_MODERN_SETTINGS = [
    "present-day {place}",
    "{place} in the 1990s",
    "1980s {place}",
    "the backstreets of {place}",
    "the neighbourhoods of {place}",
    "{place} today",
]
_DOC_TOPICS: dict[str, list[str]] = {
    "nature": ["the wildlife and landscapes of {country}", "the fragile wetlands around {place}",
               "life along the coast near {place}"],
    "history": ["the history of {place}'s old trading port", "a century of change in {place}",
                "the lost crafts of {place}"],
    "food": ["the street food and family kitchens of {place}",
             "the farmers, fishers and cooks who feed {place}"],
    "travel": ["a slow journey along the back roads of {country}",
               "the railway lines that link the towns around {place}"],
    "biography": ["the life and work of a celebrated {artist} from {place}"],
    "music": ["the musicians keeping the traditional music of {place} alive",
              "the rise of {place}'s indie music scene"],
    "sports": ["a season with an amateur football club in {place}",
               "the young athletes of {place} chasing a place on the national team"],
}  # fmt: skip
_ARTISTS = ["film director", "painter", "opera singer", "architect", "photographer", "poet"]
_SHOW_PEOPLE = [
    "celebrity guests", "six strangers", "young performers", "three families", "comedians and their friends",
    "retired athletes",
]  # fmt: skip
_FOOD_PEOPLE = ["amateur cooks", "celebrity chefs", "home cooks"]
_SHOW_ACTIVITIES: dict[str, list[str]] = {
    "reality": ["share a house for a summer of challenges", "run a guesthouse together",
                "swap lives for a week"],
    "music": ["compete in weekly live singing rounds", "form a band and play their first festival"],
    "food": ["cook their way across {place}", "run a pop-up restaurant in {place}"],
    "travel": ["set off on a road trip through {country}", "backpack across {country} on a tight budget"],
    "comedy": ["take on improvised challenges set by the studio audience"],
    "sports": ["train for a marathon through the streets of {place}"],
    "family": ["compete in a weekly family quiz", "spend a season running a farm"],
}  # fmt: skip
_VARIETY_TYPES = ["variety show", "reality series", "weekend entertainment show"]
# Format types by genre.
_FORMAT_TYPES: dict[str, list[str]] = {
    "reality": ["reality competition", "dating show", "social experiment"],
    "music": ["singing competition", "talent show"],
    "food": ["cooking competition"],
    "comedy": ["studio game show", "comedy panel show"],
    "family": ["family quiz show", "family game show"],
    "sports": ["sports challenge show"],
    "travel": ["travel competition"],
}

# Subtitle and dubbing languages buyers ask for most.
_SUBTITLE_POOL = ["zh", "th", "vi", "id", "ms", "ko", "ja", "es", "ar", "pt", "fr", "fil", "km", "my", "tr"]
_DUB_POOL = ["en", "th", "vi", "id", "es", "ar", "pt", "hi", "ko", "ja", "zh", "tr", "fr"]

# Avails start dates by production status: (first day, window in days).
_AVAIL_WINDOWS: dict[str, tuple[date, int]] = {
    "completed": (date(2026, 1, 1), 365),
    "production": (date(2026, 4, 1), 450),
    "development": (date(2027, 1, 1), 364),
}

# --- Helpers ----------------------------------------------------------------------------------------

# Letters that Unicode decomposition does not turn into ASCII.
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss", "æ": "ae"})


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII, lowercase, hyphen-separated slug cut at a hyphen to at most `max_length` characters."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "title"


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = [key for key, weight in weights.items() if weight > 0]
    return rng.choices(keys, [weights[key] for key in keys])[0]


def _ordered(codes: list[str], order: list[str]) -> list[str]:
    return sorted(set(codes), key=order.index)


def _sample(rng: random.Random, pool: list[str], low: int, high: int) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(low, high)))


def _place(rng: random.Random, region: str) -> str:
    return rng.choice(REGION_PLACES[region])


# --- Generation steps -------------------------------------------------------------------------------


def _kind(rng: random.Random, exhibitor: dict) -> str:
    weights: dict[str, float] = dict(_KIND_WEIGHTS[exhibitor["company_type"]])
    if "micro" in weights:
        weights["micro"] *= _MICRO_FACTOR.get(exhibitor["region"], 0.1)
    if "Anim" in exhibitor["name"]:
        weights["animation"] = weights.get("animation", 5) * 6
    return _weighted(rng, weights)


def _genres(rng: random.Random, kind: str, region: str, language: str) -> list[str]:
    weights: dict[str, float] = dict(_KIND_GENRES[kind])
    if kind != "micro":
        for genre, boost in _REGION_GENRE_BOOST.get(region, {}).items():
            if genre in weights:
                weights[genre] *= boost
        # Wuxia is a Chinese-language genre; costume drama mostly Chinese and Korean.
        if language not in _CHINESE_LANGUAGES:
            weights.pop("wuxia", None)
            if "costume" in weights and region not in {"KR", "JP", "TR"}:
                weights["costume"] *= 0.3
    chosen = [_weighted(rng, weights)]
    count = rng.choices([1, 2, 3], [3, 5, 2])[0]
    while len(chosen) < count:
        # Secondary genres must suit the primary one (and each other).
        options = {
            g: w
            for g, w in weights.items()
            if g not in chosen and all(g in _COMPATIBLE[c] or c in _COMPATIBLE[g] for c in chosen)
        }
        if not options:
            break
        chosen.append(_weighted(rng, options))
    return chosen


def _shape(rng: random.Random, kind: str, region: str, genres: list[str]) -> tuple[int | None, int]:
    """Return (episodes, minutes): running time of a feature, or per episode."""
    if kind == "feature":
        return None, rng.randint(130, 170) if region == "IN" else rng.randint(85, 140)
    if kind == "micro":
        return rng.randint(50, 120), rng.randint(1, 2)
    if kind == "series":
        counts, (low, high) = _SERIES_SHAPES.get(region, _DEFAULT_SERIES_SHAPE)
        return rng.choice(counts), rng.randint(low, high)
    if kind == "animation":
        if rng.random() < 0.3:
            return None, rng.randint(80, 110)
        minutes = [7, 11, 12] if "kids" in genres else [12, 22, 24]
        return rng.choice([12, 13, 24, 26, 52]), rng.choice(minutes)
    if kind == "documentary":
        if rng.random() < 0.4:
            return None, rng.randint(52, 95)
        return rng.choice([3, 4, 5, 6, 8, 10]), rng.choice([45, 50, 52])
    if kind == "variety":
        return rng.choice([8, 10, 12, 13]), rng.choice([45, 60, 75, 90])
    return rng.choice([6, 8, 10, 12]), rng.choice([30, 45, 60, 90])  # format


def _status_year(rng: random.Random, kind: str) -> tuple[str, int]:
    weights = [85, 15, 0] if kind == "micro" else [74, 16, 10]
    status = rng.choices(STATUSES, weights)[0]
    if status == "completed":
        return status, rng.choices(range(2019, 2026), [1, 1, 2, 3, 4, 5, 4])[0]
    if status == "production":
        return status, rng.choices([2026, 2027], [7, 3])[0]
    return status, rng.choices([2026, 2027], [2, 3])[0]


def _zh_title(rng: random.Random, kind: str, genres: list[str], traditional: bool) -> tuple[str, str]:
    if kind == "micro" and rng.random() < 0.6:
        role, pattern = _micro_trope(rng, genres)
        index = 1 if traditional else 2
        return pattern[index].format(r=role[index]), pattern[0].format(r=role[0])
    mod = rng.choice(_ZH_MODS)
    noun = rng.choice([n for n in _ZH_NOUNS if n[2] not in mod[2]])
    if kind in ("variety", "format"):
        pattern = rng.choice([p for p in _ZH_SHOW_PATTERNS if p[3] & set(genres)] or _ZH_SHOW_PATTERNS)
    else:
        matching = [p for p in _ZH_PATTERNS if p[3] is not None and p[3] & set(genres)]
        pattern = rng.choice(matching + [_ZH_PATTERNS[0]] * 2) if matching else _ZH_PATTERNS[0]
    en_tpl, hant_tpl, hans_tpl, _genres = pattern
    x_zh = (mod[1] + noun[1]) if traditional else (mod[2] + noun[2])
    return (hant_tpl if traditional else hans_tpl).format(x=x_zh), en_tpl.format(x=f"{mod[0]} {noun[0]}")


def _local_title(rng: random.Random, language: str, kind: str) -> tuple[str, str]:
    spec = _LOCAL[language]
    head, head_en = rng.choice(spec["heads"])
    # Documentaries are about places, not characters.
    options = ["mod", "mod", "place"] + (["name"] if spec["names"] and kind != "documentary" else [])
    choice = rng.choice(options)
    if choice == "mod":
        mod, mod_en = rng.choice(spec["mods"])
        return spec["mod"].format(head=head, mod=mod), f"The {head_en} of {mod_en}"
    if choice == "place":
        place, place_en = rng.choice(spec["places"])
        return spec["place"].format(head=head, place=place), f"The {head_en} of {place_en}"
    name, name_en = rng.choice(spec["names"])
    return spec["name"].format(head=head, name=name), f"{name_en}'s {head_en}"


def _english_title(rng: random.Random, kind: str, genres: list[str], region: str) -> str:
    if kind in ("variety", "format"):
        return rng.choice(_VARIETY_PATTERNS).format(t=rng.choice(_VARIETY_THINGS), p=_place(rng, region))
    if kind == "micro" and rng.random() < 0.6:
        role, pattern = _micro_trope(rng, genres)
        return pattern[0].format(r=role[0])
    pattern = rng.choices(["adjective", "head", "place", "name"], [4, 2, 2, 1])[0]
    if pattern == "adjective":
        return f"The {rng.choice(_EN_ADJECTIVES)} {rng.choice(_EN_NOUNS)}"
    if pattern == "head":
        return f"The {rng.choice(_EN_HEADS)} of {rng.choice(_EN_MODS)}"
    if pattern == "place":
        return f"{_place(rng, region)} {rng.choice(_EN_PLACE_TAILS)}"
    return f"{rng.choice(_EN_NAMES)}'s {rng.choice(_EN_HEADS)}"


def _titles(
    rng: random.Random, kind: str, genres: list[str], language: str, region: str, taken: set[str]
) -> tuple[str, str]:
    """Return unique (original_title, english_title); `taken` holds both, lowercased."""
    for _attempt in range(40):
        if language in _CHINESE_LANGUAGES:
            original, english = _zh_title(rng, kind, genres, region in _TRADITIONAL_REGIONS)
        elif language in _LOCAL and kind not in ("variety", "format"):
            original, english = _local_title(rng, language, kind)
        else:
            english = _english_title(rng, kind, genres, region)
            original = english
        if original.lower() not in taken and english.lower() not in taken:
            return original, english
    # Crowded word lists: number the title as a sequel.
    for number in range(2, 1000):
        if f"{original} {number}".lower() not in taken and f"{english} {number}".lower() not in taken:
            return f"{original} {number}", f"{english} {number}"
    raise ValueError("title pools are exhausted")


def _setting(rng: random.Random, genre: str, region: str, language: str) -> str:
    """Where a story of this (primary) genre takes place."""
    place = _place(rng, region)
    if genre in ("costume", "wuxia", "history"):
        key = "chinese" if language in _CHINESE_LANGUAGES else region if region in ("KR", "JP") else "other"
        return rng.choice(_PERIOD_SETTINGS[key])
    if genre == "fantasy":
        return rng.choice(_FANTASY_SETTINGS)
    if genre == "scifi":
        return rng.choice(_SCIFI_SETTINGS).format(place=place)
    if genre == "war":
        return f"wartime {place}"
    return rng.choice(_MODERN_SETTINGS).format(place=place)


def _story(rng: random.Random, genres: list[str]) -> tuple[str, str]:
    """A (who, what) pair for the first genre that has stories."""
    for genre in genres:
        if genre in _STORIES:
            return rng.choice(_STORIES[genre])
    return rng.choice(_STORIES["drama"])


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:]


def _synopsis(
    rng: random.Random, kind: str, genres: list[str], region: str, language: str, episodes: int | None
) -> str:
    place = _place(rng, region)
    if kind == "micro":
        who, what, _tags = _best_fit(rng, _MICRO_STORIES, genres)
        template = rng.choice(
            [
                "In this vertical short drama, {who} {what}.",
                "A fast-paced vertical series in which {who} {what}.",
                "Made for mobile viewing, this short-form drama follows {who} who {what}.",
            ]
        )
        return template.format(who=who, what=what)
    if kind == "documentary":
        genre = next((g for g in genres if g in _DOC_TOPICS), "nature")
        topic = rng.choice(_DOC_TOPICS[genre]).format(
            place=place, country=_COUNTRY_NAMES[region], artist=rng.choice(_ARTISTS)
        )
        form = "film" if episodes is None else "series"
        templates = (f"This documentary {form} explores {topic}.", f"A documentary {form} about {topic}.")
        return rng.choice(templates)
    if kind in ("variety", "format"):
        genre = next((g for g in genres if g in _SHOW_ACTIVITIES), "reality")
        who = rng.choice(_FOOD_PEOPLE if genre == "food" else _SHOW_PEOPLE)
        activity = rng.choice(_SHOW_ACTIVITIES[genre]).format(place=place, country=_COUNTRY_NAMES[region])
        show = rng.choice(_FORMAT_TYPES[genre] if kind == "format" else _VARIETY_TYPES)
        if kind == "format":
            return rng.choice(
                [
                    f"A {show} format in which {who} {activity}.",
                    f"Format rights to a {show} in which {who} {activity}.",
                ]
            )
        templates = (f"{_capitalise(who)} {activity} in this {show}.", f"In this {show}, {who} {activity}.")
        return rng.choice(templates)
    who, what = _story(rng, genres)
    setting = _setting(rng, genres[0], region, language)
    if kind == "animation":
        form = "feature" if episodes is None else "series"
        return rng.choice(
            [
                f"In this animated {form} set in {setting}, {who} {what}.",
                f"An animated {form} in which {who} {what}.",
            ]
        )
    noun = "feature" if kind == "feature" else "series"
    return rng.choice(
        [
            f"In {setting}, {who} {what}.",
            f"Set in {setting}, this {noun} follows {who} who {what}.",
            f"This {noun} follows {who} who {what} in {setting}.",
        ]
    )


def _languages(
    rng: random.Random, status: str, language: str, kind: str, company: str, exhibitor_slug: str
) -> tuple[list[str], list[str]]:
    """Return (subtitle_languages, dubbing_languages), never including the original language."""
    if status == "development":
        return [], []
    subtitles: list[str] = []
    if status == "completed" or rng.random() < 0.5:
        subtitles = [] if language == "en" else ["en"]
        if language == "yue":
            subtitles.append("zh")
        pool = [code for code in _SUBTITLE_POOL if code != language]
        if status == "completed":
            subtitles += _sample(rng, pool, 0, 6 if language in _CHINESE_LANGUAGES else 3)
    dubbing: list[str] = []
    # Huace's AI model dubs its dramas into many languages; micro-dramas are widely dubbed too.
    huace = exhibitor_slug == "zhejiang-huace"
    chance = 0.9 if huace else 0.5 if kind == "micro" or company == "platform" else 0.3
    if status == "completed" and rng.random() < chance:
        high = 6 if huace else 3
        dubbing = _sample(rng, [code for code in _DUB_POOL if code != language], 1, high)
    subtitles = _ordered([c for c in subtitles if c != language], LANGUAGES)
    return subtitles, _ordered(dubbing, LANGUAGES)


def _rights(rng: random.Random, kind: str, episodes: int | None, origin: str, status: str) -> list[dict]:
    """Avails for one title; the origin territory is never open."""
    if kind == "animation" and episodes is None:
        kind = "feature"  # animated features sell like live-action ones
    first_day, window = _AVAIL_WINDOWS[status]
    others = [code for code in _BUYING if code != origin]
    sea = [code for code in _SEA if code != origin]
    rows: list[dict] = []

    def add(media: list[str], territories: list[str], worldwide_except: bool, exclusive: bool) -> None:
        if worldwide_except:
            territories = [origin, *territories]
        rows.append(
            {
                "media": _ordered(media, MEDIA),
                "territories": _ordered(territories, TERRITORIES),
                "worldwide_except": worldwide_except,
                "exclusive": exclusive,
                "available_from": (first_day + timedelta(days=rng.randrange(window))).isoformat(),
            }
        )

    def sold() -> list[str]:
        # Territories already licensed elsewhere, excluded from a worldwide row.
        return rng.sample(others, rng.choices([0, 1, 2, 3], [5, 3, 2, 1])[0])

    chinese = origin in _GREATER_CHINA
    if kind == "micro":
        add(rng.choice([["avod"], ["svod"], ["avod", "svod"], ["avod", "svod"]]), sold(), True, False)
        if rng.random() < 0.25:
            remake_pool = [c for c in ["US", "GB", "JP", "KR", "TH", "ID", "PH", "VN", "BR", "MX", "TR", "ES"]
                           if c != origin]  # fmt: skip
            add(["remake"], _sample(rng, remake_pool, 2, 4), False, rng.random() < 0.5)
    elif kind in ("series", "animation") and chinese:
        # Chinese platform dramas: streaming worldwide outside the home market, TV in Southeast Asia.
        add(rng.choice([["svod", "avod"], ["svod"], ["avod"], ["svod", "avod"]]), sold(), True, False)
        if rng.random() < 0.7:
            tv = _sample(rng, ["free_tv", "pay_tv"], 1, 2)
            add(tv, _sample(rng, sea, 2, 5), False, rng.random() < 0.35)
        if kind == "series" and rng.random() < 0.2:
            add(["remake"], [], True, False)
        if rng.random() < 0.1:
            add(["airline"], [], True, False)
    elif kind in ("series", "animation"):
        media = _sample(rng, ["svod", "avod", "tvod"], 1, 2)
        if rng.random() < 0.6:
            add(media, sold(), True, False)
        else:
            add(media, _sample(rng, others, 3, 8), False, rng.random() < 0.3)
        if rng.random() < 0.6:
            tv_pool = sea + [c for c in ["HK", "TW", "JP", "KR", "AU", "GB", "FR", "DE", "US"] if c != origin]
            tv = _sample(rng, ["free_tv", "pay_tv"], 1, 2)
            add(tv, _sample(rng, tv_pool, 2, 6), False, rng.random() < 0.4)
        if kind == "series" and rng.random() < 0.2:
            add(["remake"], [], True, False)
    elif kind == "feature":
        add(["theatrical", *_sample(rng, ["pay_tv", "tvod"], 1, 2)], _sample(rng, others, 3, 7), False,
            rng.random() < 0.6)  # fmt: skip
        if rng.random() < 0.6:
            add(rng.choice([["svod"], ["svod", "avod"]]), sold(), True, False)
        if rng.random() < 0.25:
            add(["airline", "non_theatrical"], [], True, False)
        if rng.random() < 0.1:
            add(["remake"], _sample(rng, others, 1, 3), False, True)
    elif kind == "documentary":
        media = _sample(rng, ["non_theatrical", "free_tv", "svod"], 1, 3)
        if rng.random() < 0.5:
            add(media, sold(), True, False)
        else:
            add(media, _sample(rng, others, 3, 8), False, False)
        if rng.random() < 0.4:
            add(_sample(rng, ["pay_tv", "avod"], 1, 2), _sample(rng, others, 2, 6), False, rng.random() < 0.3)
    elif kind == "variety":
        pool = sea + [code for code in ("HK", "TW") if code != origin]
        media = _sample(rng, ["svod", "avod", "free_tv"], 1, 2)
        add(media, _sample(rng, pool, 2, 6), False, rng.random() < 0.3)
        if rng.random() < 0.5:
            add(["format"], sold(), True, False)
    else:  # format: licensed territory by territory, each licence exclusive
        add(["format"], sold(), True, True)
        if rng.random() < 0.4:
            add(_sample(rng, ["svod", "free_tv"], 1, 2), _sample(rng, others, 2, 5), False, False)
    return rows


def _title_counts(rng: random.Random, exhibitors: list[dict], total: int, notable: int) -> list[int]:
    counts = [rng.randint(*_TITLE_COUNTS[e["company_type"]]) for e in exhibitors]
    # Top up to `total` with extra titles for the companies that sell the most.
    growable = [i for i, e in enumerate(exhibitors) if e["company_type"] not in ("post", "association")]
    cap = _MAX_TOP_UP
    while growable and sum(counts) + notable < total:
        candidates = [i for i in growable if counts[i] < cap]
        if not candidates:
            cap += 1
            continue
        counts[rng.choice(candidates)] += 1
    return counts


def generate_titles(exhibitors: list[dict], total: int = 3200) -> list[dict]:
    """Return at least `total` title dicts: NOTABLE_TITLES first (for exhibitors present), then generated.

    Every exhibitor gets at least one title; see the module's __main__ block for the guaranteed shape.
    """
    rng = random.Random(2025)
    by_slug = {e["slug"]: e for e in exhibitors}
    titles: list[dict] = []
    taken: set[str] = set()
    slugs: set[str] = set()

    def finish(title: dict, exhibitor: dict, status: str) -> None:
        slug = base = slugify(title["english_title"])
        number = 2
        while slug in slugs:
            suffix = f"-{number}"
            slug = base[: 80 - len(suffix)].rstrip("-") + suffix
            number += 1
        slugs.add(slug)
        taken.update({title["original_title"].lower(), title["english_title"].lower()})
        language, company = title["original_language"], exhibitor["company_type"]
        subtitles, dubbing = _languages(rng, status, language, title["kind"], company, exhibitor["slug"])
        trailer_chance = {"completed": 0.75, "production": 0.35, "development": 0.0}[status]
        titles.append(
            {
                "exhibitor": exhibitor["slug"],
                "slug": slug,
                "kind": title["kind"],
                "original_title": title["original_title"],
                "english_title": title["english_title"],
                "genres": list(title["genres"]),
                "episodes": title["episodes"],
                "episode_minutes": title["episode_minutes"],
                "original_language": title["original_language"],
                "subtitle_languages": subtitles,
                "dubbing_languages": dubbing,
                "year": title["year"],
                "status": status,
                "synopsis": title["synopsis"],
                "trailer_url": f"https://video.example/{slug}" if rng.random() < trailer_chance else "",
                "rights": _rights(rng, title["kind"], title["episodes"], exhibitor["region"], status),
            }
        )

    notables = [spec for spec in NOTABLE_TITLES if spec["exhibitor"] in by_slug]
    for spec in notables:
        finish(dict(spec), by_slug[spec["exhibitor"]], "completed")

    counts = _title_counts(rng, exhibitors, total, len(notables))
    for exhibitor, count in zip(exhibitors, counts, strict=True):
        region = exhibitor["region"]
        languages = REGION_LANGUAGES[region]
        for _index in range(count):
            kind = _kind(rng, exhibitor)
            language = rng.choices([code for code, _w in languages], [w for _c, w in languages])[0]
            genres = _genres(rng, kind, region, language)
            episodes, minutes = _shape(rng, kind, region, genres)
            status, year = _status_year(rng, kind)
            original, english = _titles(rng, kind, genres, language, region, taken)
            title = {
                "kind": kind,
                "original_title": original,
                "english_title": english,
                "genres": genres,
                "episodes": episodes,
                "episode_minutes": minutes,
                "original_language": language,
                "year": year,
                "synopsis": _synopsis(rng, kind, genres, region, language, episodes),
            }
            finish(title, exhibitor, status)
    return titles


if __name__ == "__main__":
    import sys
    import time
    from collections import Counter
    from pathlib import Path

    # Run as a script: make the project root importable for the exhibitor generator.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    from demo.data import NOTABLE_EXHIBITORS, REGIONS, generate_exhibitors

    exhibitors = generate_exhibitors()
    by_slug = {e["slug"]: e for e in exhibitors}
    started = time.perf_counter()
    titles = generate_titles(exhibitors)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, elapsed
    assert titles == generate_titles(exhibitors), "generation must be deterministic"

    # Vocabulary and notable titles
    region_codes = {code for code, *_rest in REGIONS}
    assert set(REGION_LANGUAGES) == region_codes and set(REGION_PLACES) == region_codes
    assert set(_COUNTRY_NAMES) == region_codes and set(_COMPATIBLE) == set(GENRES)
    assert region_codes <= set(TERRITORIES) and set(_BUYING) <= set(TERRITORIES)
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in TERRITORIES)
    assert all(code in LANGUAGES for options in REGION_LANGUAGES.values() for code, _w in options)
    assert set(_LOCAL) <= set(LANGUAGES)
    genre_tables = [
        *_KIND_GENRES.values(),
        *_REGION_GENRE_BOOST.values(),
        _STORIES,
        _DOC_TOPICS,
        _FORMAT_TYPES,
    ]
    assert all(story[2] <= _VERTICAL_GENRES | {"comedy", "drama", "thriller"} for story in _MICRO_STORIES)
    assert set(_KIND_GENRES["format"]) <= set(_FORMAT_TYPES) and set(_KIND_GENRES["micro"]) <= {
        genre for role in _MICRO_ROLES for genre in role[4]
    }
    for table in [*genre_tables, _SHOW_ACTIVITIES]:
        assert set(table) <= set(GENRES), table.keys()
    assert all(set(weights) <= set(KINDS) for weights in _KIND_WEIGHTS.values())
    assert set(_KIND_WEIGHTS) == set(_TITLE_COUNTS)
    notable_exhibitors = {e["slug"] for e in NOTABLE_EXHIBITORS}
    per_notable = Counter(spec["exhibitor"] for spec in NOTABLE_TITLES)
    assert 38 <= len(NOTABLE_TITLES) <= 50 and set(per_notable) <= notable_exhibitors
    assert per_notable["tencent"] >= 10 and per_notable["iqiyi"] >= 10
    for slug in ("zhejiang-huace", "tvb", "youku", "mango-tv", "cj-enm", "gmm-grammy"):
        assert per_notable[slug] >= 2, slug
    best_choice = next(spec for spec in NOTABLE_TITLES if spec["english_title"] == "Best Choice Ever")
    assert best_choice["exhibitor"] == "tencent" and best_choice["original_title"] == "承欢记"
    assert best_choice["kind"] == "series" and best_choice["original_language"] == "zh"
    assert best_choice["year"] == 2024
    assert "Nee Yeh-su" in best_choice["synopsis"]

    # Traditional vs Simplified: characters that differ between the two forms in our own tables.
    pairs = [(hant, hans) for _en, hant, hans in _ZH_MODS + _ZH_NOUNS]
    pairs += [(hant, hans) for _en, hant, hans, *_rest in _MICRO_ROLES]
    pairs += [(hant, hans) for _en, hant, hans, *_rest in _ZH_PATTERNS + _ZH_SHOW_PATTERNS + _MICRO_PATTERNS]
    pairs += [("蒼蘭訣長風與歸離雲羽縣銀", "苍兰诀长风与归离云羽县银")]
    hant_text = "".join(hant for hant, _hans in pairs)
    hans_text = "".join(hans for _hant, hans in pairs)
    differing = [(t, s) for hant, hans in pairs for t, s in zip(hant, hans, strict=False) if t != s]
    simplified_only = {s for _t, s in differing} - set(hant_text)
    traditional_only = {t for t, _s in differing} - set(hans_text)

    # Shape of every title
    keys = {
        "exhibitor", "slug", "kind", "original_title", "english_title", "genres", "episodes",
        "episode_minutes", "original_language", "subtitle_languages", "dubbing_languages", "year", "status",
        "synopsis", "trailer_url", "rights",
    }  # fmt: skip
    allowed_languages = {region: {code for code, _w in langs} for region, langs in REGION_LANGUAGES.items()}
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for t in titles:
        exhibitor = by_slug[t["exhibitor"]]
        region = exhibitor["region"]
        assert set(t) == keys, t
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t["slug"]) and len(t["slug"]) <= 80, t["slug"]
        assert t["kind"] in KINDS and t["status"] in STATUSES
        assert 1 <= len(t["genres"]) <= 3 and len(set(t["genres"])) == len(t["genres"])
        assert set(t["genres"]) <= set(GENRES), t["genres"]
        if t["kind"] == "feature":
            assert t["episodes"] is None
        elif t["kind"] not in ("animation", "documentary"):
            assert t["episodes"] is not None
        assert t["episodes"] is None or t["episodes"] >= 1
        assert isinstance(t["episode_minutes"], int) and 1 <= t["episode_minutes"] <= 180
        assert t["original_language"] in allowed_languages[region], (t["slug"], region)
        if t["original_language"] in _CHINESE_LANGUAGES:
            assert cjk.search(t["original_title"]), t["original_title"]
            forbidden = simplified_only if region in _TRADITIONAL_REGIONS else traditional_only
            assert not set(t["original_title"]) & forbidden, (t["original_title"], region)
        assert t["english_title"] and all(ord(c) < 0x250 for c in t["english_title"]), t["english_title"]
        for codes in (t["subtitle_languages"], t["dubbing_languages"]):
            assert set(codes) <= set(LANGUAGES) and t["original_language"] not in codes
            assert len(set(codes)) == len(codes)
        assert 2019 <= t["year"] <= 2027
        assert (t["year"] >= 2026) == (t["status"] != "completed"), (t["status"], t["year"])
        synopsis = t["synopsis"]
        assert synopsis.endswith(".") and "{" not in synopsis and synopsis[0].isupper(), synopsis
        if t["exhibitor"] not in notable_exhibitors or t["english_title"] not in {
            spec["english_title"] for spec in NOTABLE_TITLES
        }:
            assert ". " not in synopsis[:-1], synopsis
        assert t["trailer_url"] in ("", f"https://video.example/{t['slug']}")
        assert 1 <= len(t["rights"]) <= 4, t["rights"]
        for row in t["rights"]:
            assert set(row) == {"media", "territories", "worldwide_except", "exclusive", "available_from"}
            assert 1 <= len(row["media"]) <= 4 and set(row["media"]) <= set(MEDIA)
            assert len(set(row["media"])) == len(row["media"])
            assert row["territories"] and set(row["territories"]) <= set(TERRITORIES)
            assert isinstance(row["exclusive"], bool) and isinstance(row["worldwide_except"], bool)
            # The origin territory is never open.
            assert (region in row["territories"]) == row["worldwide_except"], (t["slug"], row)
            assert "2026-01-01" <= row["available_from"] <= "2027-12-31"
            assert date.fromisoformat(row["available_from"])
        if t["kind"] == "format":
            assert any("format" in row["media"] and row["worldwide_except"] for row in t["rights"])

    # Uniqueness
    assert len({t["slug"] for t in titles}) == len(titles)
    assert len({t["english_title"] for t in titles}) == len(titles)
    assert len({t["original_title"] for t in titles}) == len(titles)

    # Counts
    assert len(titles) >= 3200
    per_exhibitor = Counter(t["exhibitor"] for t in titles)
    for e in exhibitors:
        count = per_exhibitor[e["slug"]]
        generated = count - per_notable[e["slug"]]
        assert count >= 1, e["slug"]
        if e["company_type"] in ("platform", "studio", "distributor"):
            assert count >= 3 and generated <= _MAX_TOP_UP, (e["slug"], count)
        if e["company_type"] in ("post", "association"):
            assert count <= 2, (e["slug"], count)
    guangdong = [t for t in titles if by_slug[t["exhibitor"]]["pavilion"] == "guangdong"]
    assert len(guangdong) >= 100

    micro = [t for t in titles if t["kind"] == "micro"]
    micro_cn = sum(by_slug[t["exhibitor"]]["region"] == "CN" for t in micro)
    assert len(micro) >= 150
    assert all(50 <= t["episodes"] <= 120 and 1 <= t["episode_minutes"] <= 2 for t in micro)
    assert sum(t["genres"][0] in _VERTICAL_GENRES for t in micro) >= 0.8 * len(micro)
    assert micro_cn > len(micro) / 2 and len(micro) - micro_cn >= 10

    def open_for(title: dict, media: str, territory: str) -> bool:
        return any(
            media in row["media"] and (territory in row["territories"]) != row["worldwide_except"]
            for row in title["rights"]
        )

    svod_th = sum(open_for(t, "svod", "TH") for t in titles)
    exclusive_rows = sum(row["exclusive"] for t in titles for row in t["rights"])
    assert svod_th >= 100 and exclusive_rows > 0

    # Smaller inputs still give every exhibitor a title.
    small = generate_titles(exhibitors[:50], total=100)
    assert len(small) >= 100 and {t["exhibitor"] for t in small} == {e["slug"] for e in exhibitors[:50]}

    kinds = Counter(t["kind"] for t in titles)
    sys.stdout.write(
        f"total={len(titles)} kinds={dict(kinds)} guangdong={len(guangdong)} micro={len(micro)} "
        f"(cn={micro_cn}) svod_th={svod_th} exclusive_rows={exclusive_rows} "
        f"tencent={per_exhibitor['tencent']} iqiyi={per_exhibitor['iqiyi']} "
        f"statuses={dict(Counter(t['status'] for t in titles))} time={elapsed * 1000:.0f}ms\n"
    )
