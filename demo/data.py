"""Static data and deterministic generators for the Hong Kong FILMART 2025 demo market.

Based on the 2025 news story: 760+ exhibitors from 34 countries and regions, about 30 regional
pavilions (debut pavilions from Cambodia, France and India), 100+ ASEAN exhibitors, 58 Guangdong
companies, Tencent, iQIYI and Zhejiang Huace on the floor.

Pure Python, no Django imports: the demo loader (filmart/demo.py) turns these into model rows.
Everything is deterministic: generate_exhibitors() uses its own random.Random(2025).
"""

import random
import re
import unicodedata
from collections import Counter

# --- Countries and regions --------------------------------------------------------------------------

# (ISO 3166-1 alpha-2 code, English name, Traditional Chinese, Simplified Chinese, ASEAN member)
REGIONS: list[tuple[str, str, str, str, bool]] = [
    ("HK", "Hong Kong", "香港", "香港", False),
    ("CN", "Mainland China", "中國內地", "中国内地", False),
    ("TW", "Taiwan", "台灣", "台湾", False),
    ("MO", "Macao", "澳門", "澳门", False),
    ("JP", "Japan", "日本", "日本", False),
    ("KR", "Korea", "韓國", "韩国", False),
    ("IN", "India", "印度", "印度", False),
    ("FR", "France", "法國", "法国", False),
    ("US", "United States", "美國", "美国", False),
    ("GB", "United Kingdom", "英國", "英国", False),
    ("DE", "Germany", "德國", "德国", False),
    ("IT", "Italy", "意大利", "意大利", False),
    ("ES", "Spain", "西班牙", "西班牙", False),
    ("NL", "Netherlands", "荷蘭", "荷兰", False),
    ("PL", "Poland", "波蘭", "波兰", False),
    ("TR", "Türkiye", "土耳其", "土耳其", False),
    ("IR", "Iran", "伊朗", "伊朗", False),
    ("AE", "United Arab Emirates", "阿拉伯聯合酋長國", "阿拉伯联合酋长国", False),
    ("AU", "Australia", "澳洲", "澳大利亚", False),
    ("NZ", "New Zealand", "新西蘭", "新西兰", False),
    ("CA", "Canada", "加拿大", "加拿大", False),
    ("BR", "Brazil", "巴西", "巴西", False),
    ("MN", "Mongolia", "蒙古國", "蒙古国", False),
    ("KZ", "Kazakhstan", "哈薩克斯坦", "哈萨克斯坦", False),
    ("TH", "Thailand", "泰國", "泰国", True),
    ("MY", "Malaysia", "馬來西亞", "马来西亚", True),
    ("SG", "Singapore", "新加坡", "新加坡", True),
    ("ID", "Indonesia", "印尼", "印度尼西亚", True),
    ("PH", "Philippines", "菲律賓", "菲律宾", True),
    ("VN", "Vietnam", "越南", "越南", True),
    ("KH", "Cambodia", "柬埔寨", "柬埔寨", True),
    ("MM", "Myanmar", "緬甸", "缅甸", True),
    ("LA", "Laos", "老撾", "老挝", True),
    ("BN", "Brunei", "汶萊", "文莱", True),
]

ASEAN_CODES: frozenset[str] = frozenset(code for code, *_rest, asean in REGIONS if asean)
# Regions whose companies carry Chinese names.
CHINESE_NAME_REGIONS: frozenset[str] = frozenset({"HK", "CN", "TW", "MO"})

# Halls of the Hong Kong Convention and Exhibition Centre used by the market.
HALLS: list[str] = ["1A", "1B", "1C", "1D", "1E", "3B", "3C", "3D", "3E", "3F", "3G"]
_HALL_1 = HALLS[:5]
_HALL_3 = HALLS[5:]

COMPANY_TYPES: list[str] = [
    "studio",
    "platform",
    "broadcaster",
    "distributor",
    "production",
    "post",
    "association",
]

# --- Pavilions --------------------------------------------------------------------------------------


def _pavilion(
    slug: str, name: str, hant: str, hans: str, region: str | None, hall: str, is_debut: bool = False
) -> dict:
    return {
        "slug": slug,
        "name": name,
        "name_zh_hant": hant,
        "name_zh_hans": hans,
        "region": region,
        "hall": hall,
        "is_debut": is_debut,
    }


PAVILIONS: list[dict] = [
    # Hall 1: Hong Kong, Macao, Taiwan and the mainland provinces and municipalities.
    _pavilion("hong-kong", "Hong Kong Pavilion", "香港館", "香港馆", "HK", "1A"),
    _pavilion("macao", "Macao Pavilion", "澳門館", "澳门馆", "MO", "1A"),
    _pavilion("guangdong", "Guangdong Pavilion", "廣東館", "广东馆", "CN", "1B"),
    _pavilion("beijing", "Beijing Pavilion", "北京館", "北京馆", "CN", "1C"),
    _pavilion("shanghai", "Shanghai Pavilion", "上海館", "上海馆", "CN", "1C"),
    _pavilion("zhejiang", "Zhejiang Pavilion", "浙江館", "浙江馆", "CN", "1C"),
    _pavilion("jiangsu", "Jiangsu Pavilion", "江蘇館", "江苏馆", "CN", "1C"),
    _pavilion("fujian", "Fujian Pavilion", "福建館", "福建馆", "CN", "1D"),
    _pavilion("sichuan", "Sichuan Pavilion", "四川館", "四川馆", "CN", "1D"),
    _pavilion("hubei", "Hubei Pavilion", "湖北館", "湖北馆", "CN", "1D"),
    _pavilion("hunan", "Hunan Pavilion", "湖南館", "湖南馆", "CN", "1D"),
    _pavilion("chongqing", "Chongqing Pavilion", "重慶館", "重庆馆", "CN", "1D"),
    _pavilion("shandong", "Shandong Pavilion", "山東館", "山东馆", "CN", "1D"),
    _pavilion("taiwan", "Taiwan Pavilion", "台灣館", "台湾馆", "TW", "1E"),
    # Hall 3: the rest of Asia and the international pavilions.
    _pavilion("korea", "Korea Pavilion", "韓國館", "韩国馆", "KR", "3B"),
    _pavilion("japan", "Japan Pavilion", "日本館", "日本馆", "JP", "3C"),
    _pavilion("thailand", "Thailand Pavilion", "泰國館", "泰国馆", "TH", "3D"),
    _pavilion("malaysia", "Malaysia Pavilion", "馬來西亞館", "马来西亚馆", "MY", "3D"),
    _pavilion("singapore", "Singapore Pavilion", "新加坡館", "新加坡馆", "SG", "3D"),
    _pavilion("philippines", "Philippines Pavilion", "菲律賓館", "菲律宾馆", "PH", "3E"),
    _pavilion("indonesia", "Indonesia Pavilion", "印尼館", "印度尼西亚馆", "ID", "3E"),
    _pavilion("vietnam", "Vietnam Pavilion", "越南館", "越南馆", "VN", "3E"),
    _pavilion("cambodia", "Cambodia Pavilion", "柬埔寨館", "柬埔寨馆", "KH", "3E", is_debut=True),
    _pavilion("france", "France Pavilion", "法國館", "法国馆", "FR", "3F", is_debut=True),
    _pavilion("italy", "Italy Pavilion", "意大利館", "意大利馆", "IT", "3F"),
    _pavilion("poland", "Poland Pavilion", "波蘭館", "波兰馆", "PL", "3F"),
    _pavilion("europe", "European Pavilion", "歐洲館", "欧洲馆", None, "3F"),
    _pavilion("india", "India Pavilion", "印度館", "印度馆", "IN", "3G", is_debut=True),
    _pavilion("turkiye", "Türkiye Pavilion", "土耳其館", "土耳其馆", "TR", "3G"),
    _pavilion("iran", "Iran Pavilion", "伊朗館", "伊朗馆", "IR", "3G"),
]

# Regions whose companies share the multi-region European Pavilion.
_EUROPE_PAVILION_REGIONS = ["GB", "DE", "ES", "NL"]

# Exhibitors per pavilion at the default total, notable exhibitors included (Guangdong: 58, per the news).
_PAVILION_SIZES: dict[str, int] = {
    "hong-kong": 60,
    "macao": 10,
    "guangdong": 58,
    "beijing": 30,
    "shanghai": 28,
    "zhejiang": 24,
    "jiangsu": 16,
    "fujian": 14,
    "sichuan": 12,
    "hubei": 12,
    "hunan": 14,
    "chongqing": 10,
    "shandong": 12,
    "taiwan": 30,
    "korea": 40,
    "japan": 36,
    "thailand": 24,
    "malaysia": 20,
    "singapore": 18,
    "philippines": 14,
    "indonesia": 14,
    "vietnam": 12,
    "cambodia": 9,
    "france": 12,
    "italy": 10,
    "poland": 8,
    "europe": 14,
    "india": 14,
    "turkiye": 10,
    "iran": 9,
}

# --- Notable exhibitors -----------------------------------------------------------------------------


def _notable(
    slug: str,
    name: str,
    hant: str,
    hans: str,
    region: str,
    pavilion: str | None,
    company_type: str,
    description: str,
) -> dict:
    return {
        "slug": slug,
        "name": name,
        "name_zh_hant": hant,
        "name_zh_hans": hans,
        "region": region,
        "pavilion": pavilion,
        "company_type": company_type,
        "description": description,
    }


NOTABLE_EXHIBITORS: list[dict] = [
    # Mainland China
    _notable(
        "tencent",
        "Tencent Video",
        "騰訊視頻",
        "腾讯视频",
        "CN",
        None,
        "platform",
        "Tencent's video streaming service, offering drama series, films, animation and variety shows "
        "in mainland China and, through WeTV, to overseas audiences.",
    ),
    _notable(
        "iqiyi",
        "iQIYI",
        "愛奇藝",
        "爱奇艺",
        "CN",
        None,
        "platform",
        "Beijing-based streaming platform producing and licensing original drama series, films and variety "
        "shows, with an international service across Asia.",
    ),
    _notable(
        "youku",
        "Youku",
        "優酷",
        "优酷",
        "CN",
        None,
        "platform",
        "Alibaba Group's online video platform, commissioning original drama series, films and documentaries.",
    ),
    _notable(
        "mango-tv",
        "Mango TV",
        "芒果TV",
        "芒果TV",
        "CN",
        "hunan",
        "platform",
        "Streaming platform of Hunan Broadcasting System, known for its variety formats and drama series.",
    ),
    _notable(
        "bilibili",
        "Bilibili",
        "嗶哩嗶哩",
        "哔哩哔哩",
        "CN",
        "shanghai",
        "platform",
        "Shanghai-based video community known for animation, documentaries and creator-made content.",
    ),
    _notable(
        "zhejiang-huace",
        "Zhejiang Huace Film & TV",
        "浙江華策影視",
        "浙江华策影视",
        "CN",
        "zhejiang",
        "production",
        "Hangzhou-based producer and distributor of TV drama series and films. Its AI model "
        '"Flourished Peony" generates multilingual subtitles and dubbing to speed overseas distribution.',
    ),
    _notable(
        "huayi-brothers",
        "Huayi Brothers",
        "華誼兄弟",
        "华谊兄弟",
        "CN",
        "beijing",
        "studio",
        "Beijing film and TV studio producing and distributing Chinese-language feature films and drama series.",
    ),
    _notable(
        "pearl-river-film-group",
        "Pearl River Film Group",
        "珠江電影集團",
        "珠江电影集团",
        "CN",
        "guangdong",
        "studio",
        "Guangzhou-based state-owned film group, one of China's long-established studios, active in "
        "production, distribution and cinemas.",
    ),
    _notable(
        "guangdong-radio-tv",
        "Guangdong Radio and Television",
        "廣東廣播電視台",
        "广东广播电视台",
        "CN",
        "guangdong",
        "broadcaster",
        "Provincial broadcaster of Guangdong, running Cantonese- and Mandarin-language channels and "
        "producing drama and documentary programming.",
    ),
    # Hong Kong
    _notable(
        "tvb",
        "TVB",
        "香港電視廣播",
        "香港电视广播",
        "HK",
        "hong-kong",
        "broadcaster",
        "Hong Kong's main free-to-air television broadcaster, producing Cantonese drama series and licensing "
        "its library to overseas markets.",
    ),
    _notable(
        "emperor-motion-pictures",
        "Emperor Motion Pictures",
        "英皇電影",
        "英皇电影",
        "HK",
        "hong-kong",
        "studio",
        "Hong Kong film company producing and distributing Chinese-language features for theatrical release.",
    ),
    _notable(
        "media-asia",
        "Media Asia",
        "寰亞電影",
        "寰亚电影",
        "HK",
        "hong-kong",
        "studio",
        "Hong Kong film producer and distributor with an extensive Chinese-language film library.",
    ),
    _notable(
        "edko-films",
        "Edko Films",
        "安樂影片",
        "安乐影片",
        "HK",
        "hong-kong",
        "distributor",
        "Hong Kong film distributor and producer handling Chinese-language and international titles.",
    ),
    _notable(
        "golden-scene",
        "Golden Scene",
        "高先電影",
        "高先电影",
        "HK",
        "hong-kong",
        "distributor",
        "Hong Kong distributor and producer of independent and art-house films.",
    ),
    _notable(
        "viu",
        "Viu",
        "",
        "",
        "HK",
        None,
        "platform",
        "Pan-regional streaming service headquartered in Hong Kong, offering Asian drama series and originals.",
    ),
    # Taiwan
    _notable(
        "pts-taiwan",
        "Public Television Service",
        "公共電視",
        "公共电视",
        "TW",
        "taiwan",
        "broadcaster",
        "Taiwan's public broadcaster, producing drama series, documentaries and children's programmes.",
    ),
    _notable(
        "taicca",
        "Taiwan Creative Content Agency",
        "文化內容策進院",
        "文化内容策进院",
        "TW",
        "taiwan",
        "association",
        "Government-backed agency promoting Taiwanese film, TV and publishing content and investing in co-productions.",
    ),
    # Korea
    _notable(
        "cj-enm",
        "CJ ENM",
        "",
        "",
        "KR",
        "korea",
        "studio",
        "South Korean entertainment company spanning film production and distribution, TV channels and music.",
    ),
    _notable(
        "kbs",
        "KBS",
        "韓國放送公社",
        "韩国放送公社",
        "KR",
        "korea",
        "broadcaster",
        "Korean Broadcasting System, South Korea's national public broadcaster, licensing drama series and "
        "formats internationally.",
    ),
    _notable(
        "studio-dragon",
        "Studio Dragon",
        "",
        "",
        "KR",
        "korea",
        "production",
        "Korean drama studio affiliated with CJ ENM, producing series for broadcasters and global streamers.",
    ),
    # Japan
    _notable(
        "toei-animation",
        "Toei Animation",
        "東映動畫",
        "东映动画",
        "JP",
        "japan",
        "studio",
        "Tokyo animation studio behind long-running series such as One Piece and Dragon Ball.",
    ),
    _notable(
        "tbs",
        "TBS",
        "東京廣播公司",
        "东京广播公司",
        "JP",
        "japan",
        "broadcaster",
        "Tokyo Broadcasting System, a Japanese commercial broadcaster selling drama series and entertainment "
        "formats abroad.",
    ),
    # ASEAN
    _notable(
        "gmm-grammy",
        "GMM Grammy",
        "",
        "",
        "TH",
        "thailand",
        "studio",
        "Thai entertainment group active in music, TV drama and film, and behind the GMM25 channel.",
    ),
    _notable(
        "gdh-559",
        "GDH 559",
        "",
        "",
        "TH",
        "thailand",
        "studio",
        "Bangkok film studio producing Thai feature films and drama series for local and regional audiences.",
    ),
    _notable(
        "astro",
        "Astro",
        "",
        "",
        "MY",
        "malaysia",
        "broadcaster",
        "Malaysian pay-TV and streaming provider that also produces and acquires local-language content.",
    ),
    _notable(
        "mediacorp",
        "Mediacorp",
        "新傳媒",
        "新传媒",
        "SG",
        "singapore",
        "broadcaster",
        "Singapore's national media network, producing English and Chinese drama series and running the "
        "mewatch streaming service.",
    ),
    _notable(
        "abs-cbn",
        "ABS-CBN",
        "",
        "",
        "PH",
        "philippines",
        "production",
        "Philippine media company producing drama series and films and licensing them to international "
        "broadcasters and platforms.",
    ),
    _notable(
        "gma-network",
        "GMA Network",
        "",
        "",
        "PH",
        "philippines",
        "broadcaster",
        "Philippine free-to-air broadcaster producing drama series, with international channels for overseas "
        "Filipino viewers.",
    ),
    _notable(
        "md-pictures",
        "MD Pictures",
        "",
        "",
        "ID",
        "indonesia",
        "studio",
        "Indonesian film and TV production company behind box-office hits such as KKN di Desa Penari.",
    ),
    # Debut pavilions: Cambodia, France, India
    _notable(
        "cambodia-film-commission",
        "Cambodia Film Commission",
        "",
        "",
        "KH",
        "cambodia",
        "association",
        "Organisation promoting Cambodia as a filming location and supporting the country's film industry.",
    ),
    _notable(
        "anti-archive",
        "Anti-Archive",
        "",
        "",
        "KH",
        "cambodia",
        "production",
        "Phnom Penh production company founded by Cambodian filmmakers, producing features and documentaries "
        "for international festivals.",
    ),
    _notable(
        "unifrance",
        "UniFrance",
        "",
        "",
        "FR",
        "france",
        "association",
        "Organisation promoting French films and TV programmes to international buyers and audiences.",
    ),
    _notable(
        "gaumont",
        "Gaumont",
        "高蒙",
        "高蒙",
        "FR",
        "france",
        "studio",
        "Paris-based film and TV studio founded in 1895, producing and distributing feature films and series.",
    ),
    _notable(
        "yash-raj-films",
        "Yash Raj Films",
        "",
        "",
        "IN",
        "india",
        "studio",
        "Mumbai film studio producing and distributing Hindi feature films and streaming series.",
    ),
]

# --- Demo market ------------------------------------------------------------------------------------

DEMO_MARKET: dict = {
    "name": "FILMART",
    "name_zh_hant": "香港國際影視展",
    "name_zh_hans": "香港国际影视展",
    # The 29th edition ran in March 2025 (the news story); later years count on from it.
    "edition": 29,
    "edition_year": 2025,
    "venue": "Hong Kong Convention and Exhibition Centre",
    "city": "Hong Kong",
    "time_zone": "Asia/Hong_Kong",
    "meeting_day_start": "10:00",
    "meeting_day_end": "18:00",
    "slot_minutes": 30,
    "day_count": 4,
    "start_month": 3,
    "start_day": 17,
}

# --- Name pools for generated exhibitors ------------------------------------------------------------
# Each pool: "places" (usable in names and descriptions), "words" (evocative name parts) and optionally
# "desc" (the city used in every description, e.g. "Hong Kong" instead of a district).
# Chinese-region entries are (English, Traditional, Simplified); others are plain English strings.

_ZH = tuple[str, str, str]

_POOLS: dict[str, dict] = {
    "guangdong": {
        "places": [
            ("Guangzhou", "廣州", "广州"),
            ("Shenzhen", "深圳", "深圳"),
            ("Foshan", "佛山", "佛山"),
            ("Zhuhai", "珠海", "珠海"),
            ("Dongguan", "東莞", "东莞"),
            ("Shantou", "汕頭", "汕头"),
            ("Jiangmen", "江門", "江门"),
            ("Zhaoqing", "肇慶", "肇庆"),
            ("Huizhou", "惠州", "惠州"),
            ("Zhongshan", "中山", "中山"),
            ("Chaozhou", "潮州", "潮州"),
            ("Zhanjiang", "湛江", "湛江"),
        ],
        "words": [
            ("Lingnan", "嶺南", "岭南"),
            ("Five Rams", "五羊", "五羊"),
            ("Baiyun", "白雲", "白云"),
            ("Kapok", "木棉", "木棉"),
            ("Bay Area", "灣區", "湾区"),
            ("Huacheng", "花城", "花城"),
            ("Xiguan", "西關", "西关"),
            ("Nanyue", "南越", "南越"),
            ("Danxia", "丹霞", "丹霞"),
            ("Liwan", "荔灣", "荔湾"),
            ("Yangcheng", "羊城", "羊城"),
            ("Qianhai", "前海", "前海"),
        ],
    },
    "beijing": {
        "places": [
            ("Beijing", "北京", "北京"),
            ("Huairou", "懷柔", "怀柔"),
            ("Chaoyang", "朝陽", "朝阳"),
            ("Haidian", "海淀", "海淀"),
            ("Tongzhou", "通州", "通州"),
        ],
        "words": [
            ("Yanjing", "燕京", "燕京"),
            ("Jingxi", "京西", "京西"),
            ("Xishan", "西山", "西山"),
            ("Houhai", "後海", "后海"),
            ("Jinghua", "京華", "京华"),
            ("Yuyuan", "玉淵", "玉渊"),
            ("Great Wall", "長城", "长城"),
        ],
        "desc": ["Beijing"],
    },
    "shanghai": {
        "places": [
            ("Shanghai", "上海", "上海"),
            ("Songjiang", "松江", "松江"),
            ("Xuhui", "徐匯", "徐汇"),
            ("Jiading", "嘉定", "嘉定"),
            ("Pudong", "浦東", "浦东"),
            ("Minhang", "閔行", "闵行"),
        ],
        "words": [
            ("Huangpu", "黃浦", "黄浦"),
            ("Pujiang", "浦江", "浦江"),
            ("Bund", "外灘", "外滩"),
            ("Shenjiang", "申江", "申江"),
            ("Haipai", "海派", "海派"),
            ("Suzhou Creek", "蘇州河", "苏州河"),
        ],
        "desc": ["Shanghai"],
    },
    "zhejiang": {
        "places": [
            ("Hangzhou", "杭州", "杭州"),
            ("Ningbo", "寧波", "宁波"),
            ("Wenzhou", "溫州", "温州"),
            ("Shaoxing", "紹興", "绍兴"),
            ("Hengdian", "橫店", "横店"),
            ("Xiangshan", "象山", "象山"),
            ("Jinhua", "金華", "金华"),
            ("Huzhou", "湖州", "湖州"),
        ],
        "words": [
            ("West Lake", "西湖", "西湖"),
            ("Qiantang", "錢塘", "钱塘"),
            ("Zhijiang", "之江", "之江"),
            ("Longjing", "龍井", "龙井"),
            ("Moganshan", "莫干山", "莫干山"),
        ],
    },
    "fujian": {
        "places": [
            ("Fuzhou", "福州", "福州"),
            ("Xiamen", "廈門", "厦门"),
            ("Quanzhou", "泉州", "泉州"),
            ("Zhangzhou", "漳州", "漳州"),
            ("Putian", "莆田", "莆田"),
        ],
        "words": [
            ("Minjiang", "閩江", "闽江"),
            ("Wuyi", "武夷", "武夷"),
            ("Haixi", "海西", "海西"),
            ("Egret", "白鷺", "白鹭"),
            ("Gulangyu", "鼓浪嶼", "鼓浪屿"),
            ("Tulou", "土樓", "土楼"),
        ],
    },
    "jiangsu": {
        "places": [
            ("Nanjing", "南京", "南京"),
            ("Suzhou", "蘇州", "苏州"),
            ("Wuxi", "無錫", "无锡"),
            ("Changzhou", "常州", "常州"),
            ("Yangzhou", "揚州", "扬州"),
            ("Nantong", "南通", "南通"),
        ],
        "words": [
            ("Jinling", "金陵", "金陵"),
            ("Taihu", "太湖", "太湖"),
            ("Grand Canal", "運河", "运河"),
            ("Zijin", "紫金", "紫金"),
            ("Qinhuai", "秦淮", "秦淮"),
            ("Gusu", "姑蘇", "姑苏"),
        ],
    },
    "sichuan": {
        "places": [
            ("Chengdu", "成都", "成都"),
            ("Mianyang", "綿陽", "绵阳"),
            ("Leshan", "樂山", "乐山"),
            ("Deyang", "德陽", "德阳"),
            ("Yibin", "宜賓", "宜宾"),
        ],
        "words": [
            ("Bashu", "巴蜀", "巴蜀"),
            ("Tianfu", "天府", "天府"),
            ("Panda", "熊貓", "熊猫"),
            ("Emei", "峨眉", "峨眉"),
            ("Jinsha", "金沙", "金沙"),
            ("Jinjiang", "錦江", "锦江"),
        ],
    },
    "hubei": {
        "places": [
            ("Wuhan", "武漢", "武汉"),
            ("Yichang", "宜昌", "宜昌"),
            ("Xiangyang", "襄陽", "襄阳"),
            ("Jingzhou", "荊州", "荆州"),
            ("Shiyan", "十堰", "十堰"),
        ],
        "words": [
            ("Jingchu", "荊楚", "荆楚"),
            ("Changjiang", "長江", "长江"),
            ("Yellow Crane", "黃鶴", "黄鹤"),
            ("Donghu", "東湖", "东湖"),
            ("Jianghan", "江漢", "江汉"),
            ("Optics Valley", "光谷", "光谷"),
        ],
    },
    "hunan": {
        "places": [
            ("Changsha", "長沙", "长沙"),
            ("Zhuzhou", "株洲", "株洲"),
            ("Xiangtan", "湘潭", "湘潭"),
            ("Yueyang", "岳陽", "岳阳"),
            ("Changde", "常德", "常德"),
        ],
        "words": [
            ("Xiangjiang", "湘江", "湘江"),
            ("Furong", "芙蓉", "芙蓉"),
            ("Yuelu", "嶽麓", "岳麓"),
            ("Dongting", "洞庭", "洞庭"),
            ("Zhangjiajie", "張家界", "张家界"),
        ],
    },
    "chongqing": {
        "places": [
            ("Chongqing", "重慶", "重庆"),
            ("Yuzhong", "渝中", "渝中"),
            ("Wanzhou", "萬州", "万州"),
            ("Fuling", "涪陵", "涪陵"),
        ],
        "words": [
            ("Shancheng", "山城", "山城"),
            ("Jialing", "嘉陵", "嘉陵"),
            ("Three Gorges", "三峽", "三峡"),
            ("Bayu", "巴渝", "巴渝"),
            ("Chaotianmen", "朝天門", "朝天门"),
        ],
        "desc": ["Chongqing"],
    },
    "shandong": {
        "places": [
            ("Jinan", "濟南", "济南"),
            ("Qingdao", "青島", "青岛"),
            ("Yantai", "煙台", "烟台"),
            ("Weifang", "濰坊", "潍坊"),
            ("Weihai", "威海", "威海"),
            ("Qufu", "曲阜", "曲阜"),
        ],
        "words": [
            ("Qilu", "齊魯", "齐鲁"),
            ("Mount Tai", "泰山", "泰山"),
            ("Penglai", "蓬萊", "蓬莱"),
            ("Laoshan", "嶗山", "崂山"),
            ("Yellow Sea", "黃海", "黄海"),
        ],
    },
    # Mainland companies with their own stands, from provinces without a pavilion.
    "CN": {
        "places": [
            ("Tianjin", "天津", "天津"),
            ("Xi'an", "西安", "西安"),
            ("Kunming", "昆明", "昆明"),
            ("Harbin", "哈爾濱", "哈尔滨"),
            ("Nanning", "南寧", "南宁"),
            ("Hefei", "合肥", "合肥"),
            ("Zhengzhou", "鄭州", "郑州"),
            ("Changchun", "長春", "长春"),
            ("Guiyang", "貴陽", "贵阳"),
            ("Haikou", "海口", "海口"),
            ("Nanchang", "南昌", "南昌"),
            ("Shenyang", "瀋陽", "沈阳"),
            ("Dalian", "大連", "大连"),
            ("Lanzhou", "蘭州", "兰州"),
        ],
        "words": [
            ("Galaxy", "星河", "星河"),
            ("Silk Road", "絲路", "丝路"),
            ("Kunlun", "崑崙", "昆仑"),
            ("Tianma", "天馬", "天马"),
            ("Qingyun", "青雲", "青云"),
            ("Chang'an", "長安", "长安"),
            ("Mingyue", "明月", "明月"),
            ("Tianshan", "天山", "天山"),
            ("Feiyun", "飛雲", "飞云"),
        ],
    },
    "HK": {
        "places": [
            ("Kowloon", "九龍", "九龙"),
            ("Tsim Sha Tsui", "尖沙咀", "尖沙咀"),
            ("Causeway Bay", "銅鑼灣", "铜锣湾"),
            ("Kwun Tong", "觀塘", "观塘"),
            ("Sham Shui Po", "深水埗", "深水埗"),
            ("Sai Kung", "西貢", "西贡"),
            ("Wan Chai", "灣仔", "湾仔"),
            ("Sheung Wan", "上環", "上环"),
            ("Tsuen Wan", "荃灣", "荃湾"),
            ("Quarry Bay", "鰂魚涌", "鲗鱼涌"),
            ("Kai Tak", "啟德", "启德"),
            ("Mong Kok", "旺角", "旺角"),
        ],
        "words": [
            ("Victoria Harbour", "維港", "维港"),
            ("Lion Rock", "獅子山", "狮子山"),
            ("Starlight", "星光", "星光"),
            ("Fragrant Harbour", "香江", "香江"),
            ("Bauhinia", "紫荊", "紫荆"),
            ("Orient Pearl", "東方之珠", "东方之珠"),
            ("Neon City", "霓虹", "霓虹"),
            ("Lantau", "大嶼", "大屿"),
            ("Tai O", "大澳", "大澳"),
            ("Shek O", "石澳", "石澳"),
            ("Pokfulam", "薄扶林", "薄扶林"),
            ("Harbour Lights", "港灣之光", "港湾之光"),
        ],
        "desc": ["Hong Kong"],
    },
    "MO": {
        "places": [
            ("Macao", "澳門", "澳门"),
            ("Taipa", "氹仔", "氹仔"),
            ("Coloane", "路環", "路环"),
            ("Nam Van", "南灣", "南湾"),
            ("Cotai", "路氹", "路氹"),
        ],
        "words": [
            ("Lotus", "蓮花", "莲花"),
            ("Guia", "東望洋", "东望洋"),
            ("A-Ma", "媽閣", "妈阁"),
            ("Senado", "議事亭", "议事亭"),
            ("Penha", "西望洋", "西望洋"),
        ],
        "desc": ["Macao"],
    },
    "TW": {
        "places": [
            ("Taipei", "台北", "台北"),
            ("Kaohsiung", "高雄", "高雄"),
            ("Taichung", "台中", "台中"),
            ("Tainan", "台南", "台南"),
            ("Hsinchu", "新竹", "新竹"),
            ("Keelung", "基隆", "基隆"),
            ("Hualien", "花蓮", "花莲"),
            ("Tamsui", "淡水", "淡水"),
        ],
        "words": [
            ("Formosa", "福爾摩沙", "福尔摩沙"),
            ("Alishan", "阿里山", "阿里山"),
            ("Sun Moon Lake", "日月潭", "日月潭"),
            ("Ximending", "西門町", "西门町"),
            ("Jiufen", "九份", "九份"),
            ("Yushan", "玉山", "玉山"),
            ("Penghu", "澎湖", "澎湖"),
            ("Dadaocheng", "大稻埕", "大稻埕"),
        ],
    },
    "JP": {
        "places": ["Tokyo", "Osaka", "Kyoto", "Yokohama", "Nagoya", "Sapporo", "Fukuoka", "Kobe"],
        "words": [
            "Akasaka",
            "Ginza",
            "Shibuya",
            "Setagaya",
            "Kamakura",
            "Fujiyama",
            "Sakura",
            "Tsubaki",
            "Hinode",
            "Sumida",
            "Kichijoji",
            "Yuzu",
        ],
    },
    "KR": {
        "places": ["Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Jeju", "Jeonju", "Gyeongju"],
        "words": [
            "Han River",
            "Namsan",
            "Mapo",
            "Yeouido",
            "Haeundae",
            "Hanbit",
            "Saebyeok",
            "Baekdu",
            "Samcheong",
            "Mugunghwa",
            "Seongsu",
        ],
    },
    "TH": {
        "places": ["Bangkok", "Chiang Mai", "Phuket", "Khon Kaen", "Pattaya", "Ayutthaya"],
        "words": [
            "Siam",
            "Siam Screen",
            "Chao Phraya",
            "Lanna",
            "Sukhothai",
            "Andaman",
            "Isan",
            "Rattanakosin",
            "Naga",
            "Sabai",
        ],
    },
    "MY": {
        "places": ["Kuala Lumpur", "Penang", "Melaka", "Ipoh", "Kuching", "Kota Kinabalu", "Johor Bahru"],
        "words": ["Borneo", "Langkawi", "Kinabalu", "Rimba", "Merdeka", "Harimau", "Petaling", "Cameron"],
    },
    "SG": {
        "places": ["Singapore"],
        "words": [
            "Merlion",
            "Lion City",
            "Marina",
            "Orchard",
            "Kallang",
            "Tanjong Pagar",
            "Bukit Timah",
            "Changi",
            "Sentosa",
            "Straits",
            "Equator",
            "Tiong Bahru",
            "Katong",
        ],
        "desc": ["Singapore"],
    },
    "ID": {
        "places": ["Jakarta", "Bandung", "Surabaya", "Yogyakarta", "Denpasar", "Medan"],
        "words": [
            "Nusantara",
            "Garuda",
            "Borobudur",
            "Komodo",
            "Kencana",
            "Merah Putih",
            "Sumatra",
            "Lombok",
            "Batavia",
            "Rinjani",
        ],
    },
    "PH": {
        "places": ["Manila", "Quezon City", "Cebu", "Makati", "Davao", "Pasig"],
        "words": [
            "Luzon",
            "Visayas",
            "Mindanao",
            "Sampaguita",
            "Bituin",
            "Tala",
            "Ilaw",
            "Palawan",
            "Bayanihan",
        ],
    },
    "VN": {
        "places": ["Ho Chi Minh City", "Hanoi", "Da Nang", "Hue", "Hai Phong", "Can Tho"],
        "words": [
            "Saigon",
            "Mekong",
            "Ha Long",
            "Hoi An",
            "Sao Mai",
            "Truong Son",
            "Bach Dang",
            "Lac Hong",
            "Thang Long",
        ],
    },
    "KH": {
        "places": ["Phnom Penh", "Siem Reap", "Battambang", "Kampot"],
        "words": ["Angkor", "Tonle Sap", "Bayon", "Khmer Star", "Kirirom", "Bokor", "Romdoul"],
    },
    "MM": {
        "places": ["Yangon", "Mandalay", "Bagan", "Taunggyi"],
        "words": ["Irrawaddy", "Shwe", "Golden Land", "Inle", "Padauk"],
    },
    "LA": {
        "places": ["Vientiane", "Luang Prabang", "Pakse", "Savannakhet"],
        "words": ["Lane Xang", "Champa", "Nam Ou", "Dok Champa"],
    },
    "BN": {
        "places": ["Bandar Seri Begawan", "Tutong", "Kuala Belait", "Temburong"],
        "words": ["Kampong Ayer", "Brunei Bay", "Nur", "Ulu"],
    },
    "IN": {
        "places": ["Mumbai", "Chennai", "Hyderabad", "Kolkata", "Bengaluru", "Kochi", "Pune", "New Delhi"],
        "words": ["Malabar", "Ganga", "Deccan", "Juhu", "Bandra", "Kaveri", "Himalaya", "Konark", "Monsoon"],
    },
    "FR": {
        "places": ["Paris", "Lyon", "Marseille", "Nice", "Bordeaux", "Lille", "Nantes", "Annecy", "Toulouse"],
        "words": [
            "Lumière Rive Gauche",
            "Montmartre",
            "Marais",
            "Belleville",
            "Croisette",
            "Riviera",
            "Bastille",
            "Saint-Germain",
            "Seine",
            "Étoile",
            "Vendôme",
            "Ménilmontant",
        ],
    },
    "IT": {
        "places": ["Roma", "Milano", "Torino", "Napoli", "Venezia", "Bologna", "Firenze", "Palermo"],
        "words": ["Tevere", "Trastevere", "Vesuvio", "Lido", "Portofino", "Dolomiti", "Brera", "Navigli"],
    },
    "PL": {
        "places": ["Warsaw", "Kraków", "Łódź", "Gdańsk", "Wrocław", "Poznań"],
        "words": ["Vistula", "Tatra", "Baltic", "Mazury", "Orzeł", "Bursztyn", "Wawel", "Kazimierz"],
    },
    "TR": {
        "places": ["Istanbul", "Ankara", "İzmir", "Antalya", "Bursa"],
        "words": ["Bosphorus", "Anatolia", "Cappadocia", "Galata", "Beyoğlu", "Pera", "Karaköy", "Lale"],
    },
    "IR": {
        "places": ["Tehran", "Isfahan", "Shiraz", "Tabriz", "Mashhad"],
        "words": ["Persepolis", "Caspian", "Alborz", "Zagros", "Pars", "Simorgh", "Golestan"],
    },
    "GB": {
        "places": ["London", "Manchester", "Glasgow", "Bristol", "Cardiff", "Edinburgh", "Belfast", "Leeds"],
        "words": [
            "Thames",
            "Soho",
            "Camden",
            "Shoreditch",
            "Mersey",
            "Clyde",
            "Highland",
            "Albion",
            "Greenwich",
            "Fitzrovia",
        ],
    },
    "DE": {
        "places": ["Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Leipzig", "Potsdam", "Stuttgart"],
        "words": ["Spree", "Rhein", "Kreuzberg", "Elbe", "Schwarzwald", "Nordlicht", "Alster", "Isar"],
    },
    "ES": {
        "places": ["Madrid", "Barcelona", "Sevilla", "Valencia", "Bilbao", "Málaga", "Las Palmas"],
        "words": ["Gran Vía", "Ibérica", "Andalucía", "Costa Brava", "Canarias", "Mediterráneo", "Alhambra"],
    },
    "NL": {
        "places": ["Amsterdam", "Rotterdam", "Utrecht", "The Hague", "Eindhoven", "Groningen"],
        "words": ["Tulip", "Delta", "Polder", "Noordzee", "Jordaan", "Oranje"],
    },
    "US": {
        "places": [
            "Los Angeles",
            "New York",
            "Atlanta",
            "Austin",
            "Chicago",
            "San Francisco",
            "Santa Monica",
        ],
        "words": [
            "Sunset",
            "Silver Lake",
            "Pacific",
            "Hudson",
            "Brooklyn",
            "Mulholland",
            "Laurel Canyon",
            "Redwood",
            "Golden Gate",
            "Lone Star",
            "Big Sky",
            "Route 66",
        ],
    },
    "AU": {
        "places": ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Gold Coast", "Hobart"],
        "words": ["Bondi", "Southern Cross", "Outback", "Coral Sea", "Yarra", "Kookaburra", "Wattle"],
    },
    "CA": {
        "places": ["Toronto", "Vancouver", "Montréal", "Calgary", "Halifax", "Ottawa", "Winnipeg"],
        "words": [
            "Maple",
            "Yukon",
            "Northern Lights",
            "Laurentian",
            "Fraser",
            "Rideau",
            "Prairie",
            "Muskoka",
        ],
    },
    "NZ": {
        "places": ["Auckland", "Wellington", "Christchurch", "Queenstown", "Dunedin"],
        "words": ["Kiwi", "Southern Alps", "Tasman", "Fiordland", "Kauri", "Pohutukawa"],
    },
    "AE": {
        "places": ["Dubai", "Abu Dhabi", "Sharjah", "Ajman"],
        "words": ["Falcon", "Oasis", "Dune", "Gulf Star", "Desert Rose", "Al Noor"],
    },
    "BR": {
        "places": ["Rio de Janeiro", "São Paulo", "Salvador", "Recife", "Porto Alegre", "Belo Horizonte"],
        "words": ["Copacabana", "Ipanema", "Amazônia", "Tropicália", "Cerrado", "Pantanal", "Guanabara"],
    },
    "MN": {
        "places": ["Ulaanbaatar", "Erdenet", "Darkhan", "Kharkhorin"],
        "words": ["Steppe", "Gobi", "Khangai", "Altai", "Blue Sky", "Tengri", "Orkhon"],
    },
    "KZ": {
        "places": ["Almaty", "Astana", "Shymkent", "Aktau"],
        "words": ["Great Steppe", "Tien Shan", "Altyn", "Silk Way", "Charyn", "Medeu", "Zhetysu"],
    },
}

# Company-name endings: (English, Traditional, Simplified, company type) for Chinese-region companies.
_ZH_SUFFIXES: list[tuple[str, str, str, str]] = [
    ("Pictures", "影業", "影业", "production"),
    ("Film & TV", "影視", "影视", "production"),
    ("Culture Media", "文化傳媒", "文化传媒", "production"),
    ("Productions", "製作", "制作", "production"),
    ("Animation", "動畫", "动画", "production"),
    ("Films", "電影", "电影", "studio"),
    ("Studios", "製片廠", "制片厂", "studio"),
    ("Entertainment", "娛樂", "娱乐", "studio"),
    ("Distribution", "發行", "发行", "distributor"),
    ("Film Distribution", "電影發行", "电影发行", "distributor"),
    ("Media", "傳媒", "传媒", "distributor"),
    ("Visual Effects", "視效", "视效", "post"),
    ("Post Production", "後期製作", "后期制作", "post"),
    ("Television", "電視", "电视", "broadcaster"),
    ("Video", "視頻", "视频", "platform"),
    ("Film & TV Association", "影視協會", "影视协会", "association"),
]

# English endings and their company type; some regions use local-language endings.
_EN_SUFFIXES: list[tuple[str, str]] = [
    ("Pictures", "production"),
    ("Productions", "production"),
    ("Animation", "production"),
    ("Films", "studio"),
    ("Studio", "studio"),
    ("Entertainment", "studio"),
    ("Distribution", "distributor"),
    ("Media", "distributor"),
    ("International", "distributor"),
    ("Post", "post"),
    ("Visual Effects", "post"),
    ("Television", "broadcaster"),
    ("Play", "platform"),
    ("Screen Association", "association"),
]
_REGION_SUFFIXES: dict[str, list[tuple[str, str]]] = {
    "FR": [
        ("Films", "studio"),
        ("Cinéma", "studio"),
        ("Productions", "production"),
        ("Animation", "production"),
        ("Distribution", "distributor"),
        ("International", "distributor"),
        ("Post-Production", "post"),
        ("Télévision", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "IT": [
        ("Film", "studio"),
        ("Cinematografica", "studio"),
        ("Produzioni", "production"),
        ("Animazione", "production"),
        ("Distribuzione", "distributor"),
        ("Media", "distributor"),
        ("Post", "post"),
        ("TV", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "ES": [
        ("Films", "studio"),
        ("Cine", "studio"),
        ("Producciones", "production"),
        ("Animación", "production"),
        ("Distribución", "distributor"),
        ("Media", "distributor"),
        ("Post", "post"),
        ("Televisión", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "DE": [
        ("Film", "studio"),
        ("Filmproduktion", "production"),
        ("Animation", "production"),
        ("Filmverleih", "distributor"),
        ("Medien", "distributor"),
        ("Post", "post"),
        ("Fernsehen", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "KR": [
        ("Pictures", "production"),
        ("Contents", "production"),
        ("Animation", "production"),
        ("Film", "studio"),
        ("Studio", "studio"),
        ("Entertainment", "studio"),
        ("Distribution", "distributor"),
        ("Media", "distributor"),
        ("Visual Effects", "post"),
        ("Post", "post"),
        ("Broadcasting", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "JP": [
        ("Pictures", "production"),
        ("Works", "production"),
        ("Animation Studio", "production"),
        ("Eiga", "studio"),
        ("Films", "studio"),
        ("Entertainment", "studio"),
        ("Distribution", "distributor"),
        ("Media", "distributor"),
        ("Visual Works", "post"),
        ("Post", "post"),
        ("Broadcasting", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "IN": [
        ("Pictures", "production"),
        ("Motion Pictures", "production"),
        ("Animation", "production"),
        ("Films", "studio"),
        ("Studios", "studio"),
        ("Talkies", "studio"),
        ("Distribution", "distributor"),
        ("Media", "distributor"),
        ("VFX", "post"),
        ("Post", "post"),
        ("Television", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
    "ID": [
        ("Pictures", "production"),
        ("Productions", "production"),
        ("Animasi", "production"),
        ("Sinema", "studio"),
        ("Films", "studio"),
        ("Entertainment", "studio"),
        ("Distribution", "distributor"),
        ("Media", "distributor"),
        ("Visual Effects", "post"),
        ("Post", "post"),
        ("Television", "broadcaster"),
        ("Play", "platform"),
        ("Screen Association", "association"),
    ],
}

# How often each company type is drawn for a generated exhibitor.
_TYPE_WEIGHTS: dict[str, int] = {
    "production": 34,
    "distributor": 26,
    "studio": 14,
    "post": 12,
    "broadcaster": 6,
    "platform": 4,
    "association": 5,
}

# Independent (non-pavilion) exhibitors: weights by region, every region also gets at least one.
_INDEPENDENT_WEIGHTS: dict[str, int] = {
    "CN": 30,
    "HK": 22,
    "TW": 8,
    "MO": 3,
    "JP": 10,
    "KR": 10,
    "US": 12,
    "GB": 6,
    "DE": 4,
    "FR": 4,
    "IT": 2,
    "ES": 3,
    "NL": 2,
    "PL": 1,
    "TR": 2,
    "IR": 2,
    "AE": 3,
    "AU": 4,
    "NZ": 2,
    "CA": 4,
    "BR": 2,
    "MN": 2,
    "KZ": 2,
    "IN": 6,
    "TH": 3,
    "MY": 3,
    "SG": 4,
    "ID": 2,
    "PH": 2,
    "VN": 2,
    "KH": 1,
    "MM": 2,
    "LA": 2,
    "BN": 1,
}

# Adjectives for descriptions ("Thai horror films").
_REGION_ADJECTIVES: dict[str, str] = {
    "HK": "Cantonese-language",
    "CN": "Chinese",
    "TW": "Taiwanese",
    "MO": "Macao",
    "JP": "Japanese",
    "KR": "Korean",
    "IN": "Indian",
    "FR": "French",
    "US": "American",
    "GB": "British",
    "DE": "German",
    "IT": "Italian",
    "ES": "Spanish",
    "NL": "Dutch",
    "PL": "Polish",
    "TR": "Turkish",
    "IR": "Iranian",
    "AE": "Arabic-language",
    "AU": "Australian",
    "NZ": "New Zealand",
    "CA": "Canadian",
    "BR": "Brazilian",
    "MN": "Mongolian",
    "KZ": "Kazakh",
    "TH": "Thai",
    "MY": "Malaysian",
    "SG": "Singaporean",
    "ID": "Indonesian",
    "PH": "Filipino",
    "VN": "Vietnamese",
    "KH": "Cambodian",
    "MM": "Myanmar",
    "LA": "Lao",
    "BN": "Bruneian",
}

_GENRES = [
    "TV drama series",
    "short-form dramas",
    "feature films",
    "documentaries",
    "animated series",
    "variety formats",
    "period dramas",
    "crime thrillers",
    "romantic comedies",
    "horror films",
    "family animation",
    "youth dramas",
    "vertical micro-dramas",
    "factual series",
    "action films",
]
_ANIMATION_GENRES = [
    "animated series",
    "family animation",
    "animated feature films",
    "preschool animation",
    "adult animation",
]
_OUTLETS = [
    "streaming platforms",
    "broadcasters",
    "theatrical release",
    "international buyers",
    "overseas platforms",
    "regional broadcasters and streamers",
]
_TERRITORIES = [
    "Asia",
    "Greater China",
    "Southeast Asia",
    "Europe",
    "North America",
    "the Middle East",
    "Latin America",
]
_SERVICES = [
    "AI-assisted subtitling and dubbing",
    "visual effects and colour grading",
    "sound design and mixing",
    "virtual production stages",
    "multilingual localisation",
    "AI previsualisation and VFX",
    "animation and CG services",
    "digital restoration of film libraries",
]
_TEMPLATES: dict[str, list[str]] = {
    "production": [
        "{city} producer of {genre} and {genre2} for {outlet}.",
        "{city}-based production house making {adj} {genre} for {outlet}.",
        "Independent {city} producer developing {adj} {genre} and international co-productions.",
    ],
    "studio": [
        "{city} studio developing, financing and producing {adj} {genre}.",
        "{city} film studio with a slate of {genre} and {genre2} for {outlet}.",
    ],
    "distributor": [
        "{city}-based sales agent handling international rights to {adj} {genre}.",
        "{city} distributor acquiring {genre} for {territory} and licensing its library worldwide.",
    ],
    "broadcaster": [
        "{city} broadcaster commissioning and acquiring {genre} for its channels.",
        "{city} television network selling its {genre} to overseas broadcasters and platforms.",
    ],
    "platform": [
        "{city} streaming service acquiring {adj} {genre} for subscribers in {territory}.",
        "{city} video platform commissioning {genre} and short dramas for mobile audiences.",
    ],
    "post": [
        "{city} post-production house offering {service} for film and TV.",
        "{city} technology company providing {service} to producers and platforms.",
    ],
    "association": [
        "{city} industry body promoting local film and TV companies to international buyers.",
        "Trade association representing {city} producers and distributors at international markets.",
    ],
}

# Stand rows (no I or O) and stands per row: "A01" ... "Z20".
_STAND_ROWS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_STANDS_PER_ROW = 20

# Letters that Unicode decomposition does not turn into ASCII.
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss", "æ": "ae"})


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated slug: "Lumière Rive Gauche Films" -> "lumiere-rive-gauche-films"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


class _NameMaker:
    """Draws unique company names from the pools, spreading each prefix over a few companies."""

    MAX_PREFIX_USES = 3

    def __init__(self, rng: random.Random, taken_names: set[str], taken_slugs: set[str]) -> None:
        self.rng = rng
        self.names = taken_names
        self.slugs = taken_slugs
        self.zh_names: set[str] = set()
        self.combos: dict[str, list[tuple[_ZH, bool, tuple]]] = {}
        self.prefix_uses: Counter[tuple[str, str]] = Counter()

    def _combos(self, pool_key: str, region: str) -> list[tuple[_ZH, bool, tuple]]:
        if pool_key not in self.combos:
            pool = _POOLS[pool_key]
            chinese = region in CHINESE_NAME_REGIONS

            def as_zh(entry: str | _ZH) -> _ZH:
                return entry if isinstance(entry, tuple) else (entry, "", "")

            prefixes = [(as_zh(p), True) for p in pool["places"]] + [(as_zh(w), False) for w in pool["words"]]
            if chinese:
                suffixes: list[tuple] = list(_ZH_SUFFIXES)
            else:
                suffixes = [(en, "", "", kind) for en, kind in _REGION_SUFFIXES.get(region, _EN_SUFFIXES)]
            combos = [
                (prefix, is_place, suffix)
                for prefix, is_place in prefixes
                for suffix in suffixes
                # Associations are named after a place ("Foshan Film & TV Association").
                if is_place or suffix[3] != "association"
            ]
            self.rng.shuffle(combos)
            self.combos[pool_key] = combos
        return self.combos[pool_key]

    def make(self, pool_key: str, region: str, company_type: str) -> tuple[str, str, str, str, str, str]:
        """Return (name, zh_hant, zh_hans, slug, company_type, description city) for a new company."""
        combos = self._combos(pool_key, region)
        # Preferred type and spread-out prefixes first, then relax each condition in turn.
        for want_type, cap in ((True, self.MAX_PREFIX_USES), (False, self.MAX_PREFIX_USES), (False, None)):
            for index, (prefix, is_place, suffix) in enumerate(combos):
                if want_type and suffix[3] != company_type:
                    continue
                if cap is not None and self.prefix_uses[(pool_key, prefix[0])] >= cap:
                    continue
                name = f"{prefix[0]} {suffix[0]}"
                hant = f"{prefix[1]}{suffix[1]}" if prefix[1] else ""
                hans = f"{prefix[2]}{suffix[2]}" if prefix[2] else ""
                slug = slugify(name)
                if name in self.names or slug in self.slugs or (hant and hant in self.zh_names):
                    continue
                del combos[index]
                self.names.add(name)
                self.slugs.add(slug)
                if hant:
                    self.zh_names.add(hant)
                self.prefix_uses[(pool_key, prefix[0])] += 1
                pool = _POOLS[pool_key]
                if "desc" in pool:
                    city = self.rng.choice(pool["desc"])
                elif is_place:
                    city = prefix[0]
                else:
                    place = self.rng.choice(pool["places"])
                    city = place[0] if isinstance(place, tuple) else place
                return name, hant, hans, slug, suffix[3], city
        raise ValueError(f"name pool {pool_key!r} is exhausted; add words to _POOLS")


def _description(rng: random.Random, name: str, company_type: str, city: str, region: str) -> str:
    # Animation companies describe animation; everyone else draws from the general genre list.
    genre, genre2 = rng.sample(_ANIMATION_GENRES if "Anim" in name else _GENRES, 2)
    text = rng.choice(_TEMPLATES[company_type]).format(
        city=city,
        adj=_REGION_ADJECTIVES[region],
        genre=genre,
        genre2=genre2,
        outlet=rng.choice(_OUTLETS),
        territory=rng.choice(_TERRITORIES),
        service=rng.choice(_SERVICES),
    )
    return text[0].upper() + text[1:]


def _assign_stands(exhibitors: list[dict]) -> None:
    """Give every exhibitor a stand unique within its hall; each pavilion starts on a fresh row."""
    pavilion_order = {spec["slug"]: index for index, spec in enumerate(PAVILIONS)}
    by_hall: dict[str, list[dict]] = {hall: [] for hall in HALLS}
    for exhibitor in exhibitors:
        by_hall[exhibitor["hall"]].append(exhibitor)
    for hall, members in by_hall.items():
        row = -1
        group = object()  # sentinel: the first exhibitor always opens a new row
        position = _STANDS_PER_ROW
        # Stable sort keeps list order inside a group; independent stands come last.
        for exhibitor in sorted(members, key=lambda e: pavilion_order.get(e["pavilion"], len(PAVILIONS))):
            if exhibitor["pavilion"] != group or position == _STANDS_PER_ROW:
                row, position, group = row + 1, 0, exhibitor["pavilion"]
            if row >= len(_STAND_ROWS):
                raise ValueError(f"hall {hall} has run out of stands")
            position += 1
            exhibitor["stand"] = f"{_STAND_ROWS[row]}{position:02d}"


def generate_exhibitors(total: int = 760) -> list[dict]:
    """Return exactly `total` exhibitor dicts: NOTABLE_EXHIBITORS first, then generated companies.

    Each dict has the NOTABLE_EXHIBITORS keys plus `hall` and `stand`. Pavilion sizes are fixed
    (Guangdong: 58), the rest are independent stands; the documented constraints hold for total >= 760.
    Smaller totals are cut from the end of the list.
    """
    if total < len(NOTABLE_EXHIBITORS):
        raise ValueError(f"total must be at least {len(NOTABLE_EXHIBITORS)}")
    rng = random.Random(2025)
    pavilions = {spec["slug"]: spec for spec in PAVILIONS}
    exhibitors = [dict(spec) for spec in NOTABLE_EXHIBITORS]
    maker = _NameMaker(rng, {e["name"] for e in exhibitors}, {e["slug"] for e in exhibitors})
    type_names = list(_TYPE_WEIGHTS)
    type_weights = list(_TYPE_WEIGHTS.values())

    def add(region: str, pavilion: str | None, pool_key: str) -> None:
        wanted = rng.choices(type_names, type_weights)[0]
        name, hant, hans, slug, company_type, city = maker.make(pool_key, region, wanted)
        exhibitors.append(
            {
                "slug": slug,
                "name": name,
                "name_zh_hant": hant,
                "name_zh_hans": hans,
                "region": region,
                "pavilion": pavilion,
                "company_type": company_type,
                "description": _description(rng, name, company_type, city, region),
            }
        )

    # Pavilion members, topped up to the pavilion's size.
    already = Counter(e["pavilion"] for e in exhibitors)
    for spec in PAVILIONS:
        slug = spec["slug"]
        for index in range(_PAVILION_SIZES[slug] - already[slug]):
            if spec["region"] is None:
                region = _EUROPE_PAVILION_REGIONS[index % len(_EUROPE_PAVILION_REGIONS)]
                add(region, slug, region)
            else:
                add(spec["region"], slug, slug if slug in _POOLS else spec["region"])

    # Independent stands: one per region for coverage, the rest drawn by weight.
    remaining = max(total - len(exhibitors), 0)
    codes = [code for code, *_rest in REGIONS]
    regions = codes[:remaining] + rng.choices(
        list(_INDEPENDENT_WEIGHTS), list(_INDEPENDENT_WEIGHTS.values()), k=max(remaining - len(codes), 0)
    )
    for region in regions:
        add(region, None, region)

    exhibitors = exhibitors[:total]
    # Halls: pavilion members in their pavilion's hall; independents in Hall 1 (Chinese regions) or Hall 3.
    for exhibitor in exhibitors:
        if exhibitor["pavilion"]:
            exhibitor["hall"] = pavilions[exhibitor["pavilion"]]["hall"]
        else:
            chinese = exhibitor["region"] in CHINESE_NAME_REGIONS
            exhibitor["hall"] = rng.choice(_HALL_1 if chinese else _HALL_3)
    _assign_stands(exhibitors)
    return exhibitors


if __name__ == "__main__":
    import sys
    import time

    region_codes = {code for code, *_rest in REGIONS}
    pavilion_slugs = [spec["slug"] for spec in PAVILIONS]

    # Regions
    assert len(REGIONS) == 34 and len(region_codes) == 34
    assert {code for code, *_rest, asean in REGIONS if asean} == {
        "TH",
        "MY",
        "SG",
        "ID",
        "PH",
        "VN",
        "KH",
        "MM",
        "LA",
        "BN",
    }
    assert all(re.fullmatch(r"[A-Z]{2}", code) and hant and hans for code, _n, hant, hans, _a in REGIONS)
    assert len({name for _c, name, *_rest in REGIONS}) == 34
    assert set(_REGION_ADJECTIVES) == region_codes and set(_INDEPENDENT_WEIGHTS) == region_codes

    # Pavilions
    assert len(PAVILIONS) == 30 and len(set(pavilion_slugs)) == 30
    assert {s["slug"] for s in PAVILIONS if s["is_debut"]} == {"cambodia", "france", "india"}
    assert set(pavilion_slugs) >= {
        "guangdong",
        "cambodia",
        "france",
        "india",
        "hong-kong",
        "korea",
        "japan",
        "thailand",
        "taiwan",
        "malaysia",
        "singapore",
        "philippines",
        "indonesia",
        "vietnam",
        "beijing",
        "shanghai",
        "zhejiang",
        "fujian",
        "jiangsu",
        "sichuan",
        "hubei",
    }
    for spec in PAVILIONS:
        assert spec["hall"] in HALLS and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", spec["slug"])
        assert spec["region"] is None or spec["region"] in region_codes
        assert spec["name_zh_hant"] and spec["name_zh_hans"]
    assert set(_PAVILION_SIZES) == set(pavilion_slugs)

    # Notable exhibitors
    notables = {e["slug"]: e for e in NOTABLE_EXHIBITORS}
    assert 25 <= len(NOTABLE_EXHIBITORS) <= 35 and len(notables) == len(NOTABLE_EXHIBITORS)
    tencent = notables["tencent"]
    assert tencent["name"] == "Tencent Video"
    assert (tencent["name_zh_hant"], tencent["name_zh_hans"]) == ("騰訊視頻", "腾讯视频")
    assert (tencent["region"], tencent["company_type"], tencent["pavilion"]) == ("CN", "platform", None)
    assert notables["iqiyi"]["company_type"] == "platform" and notables["iqiyi"]["region"] == "CN"
    assert notables["zhejiang-huace"]["pavilion"] == "zhejiang"
    assert "Flourished Peony" in notables["zhejiang-huace"]["description"]
    assert {"cambodia", "france", "india"} <= {e["pavilion"] for e in NOTABLE_EXHIBITORS}
    for spec in NOTABLE_EXHIBITORS:
        assert spec["region"] in region_codes and spec["company_type"] in COMPANY_TYPES
        assert spec["pavilion"] is None or spec["pavilion"] in pavilion_slugs

    # Generated exhibitors
    started = time.perf_counter()
    exhibitors = generate_exhibitors()
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, elapsed
    assert exhibitors == generate_exhibitors(), "generation must be deterministic"
    assert len(exhibitors) == 760
    assert [e["slug"] for e in exhibitors[: len(NOTABLE_EXHIBITORS)]] == list(notables)
    keys = set(NOTABLE_EXHIBITORS[0]) | {"hall", "stand"}
    assert all(set(e) == keys for e in exhibitors)

    per_pavilion = Counter(e["pavilion"] for e in exhibitors)
    guangdong = [e for e in exhibitors if e["pavilion"] == "guangdong"]
    asean = sum(e["region"] in ASEAN_CODES for e in exhibitors)
    regions_covered = {e["region"] for e in exhibitors}
    assert len(guangdong) == 58 and all(e["region"] == "CN" for e in guangdong)
    assert asean >= 100
    assert regions_covered == region_codes
    assert all(per_pavilion[slug] >= 8 for slug in pavilion_slugs)
    assert per_pavilion[None] > 0

    assert len({e["slug"] for e in exhibitors}) == 760 and len({e["name"] for e in exhibitors}) == 760
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e["slug"]) for e in exhibitors)
    assert len({(e["hall"], e["stand"]) for e in exhibitors}) == 760
    assert Counter(e["company_type"] for e in exhibitors).keys() == set(COMPANY_TYPES)
    pavilion_halls = {spec["slug"]: spec["hall"] for spec in PAVILIONS}
    for e in exhibitors:
        assert e["hall"] in HALLS and re.fullmatch(r"[A-Z]\d{2}", e["stand"])
        assert e["pavilion"] is None or e["hall"] == pavilion_halls[e["pavilion"]]
        assert e["description"] and e["description"].endswith(".")
    for e in exhibitors[len(NOTABLE_EXHIBITORS) :]:
        chinese = e["region"] in CHINESE_NAME_REGIONS
        assert bool(e["name_zh_hant"]) == chinese and bool(e["name_zh_hans"]) == chinese
    for e in exhibitors:
        spec = next((p for p in PAVILIONS if p["slug"] == e["pavilion"]), None)
        assert spec is None or spec["region"] in (None, e["region"])

    # Larger totals stay valid (extra exhibitors are independent stands).
    assert len(generate_exhibitors(900)) == 900 and len(generate_exhibitors(40)) == 40

    sys.stdout.write(
        f"total={len(exhibitors)} guangdong={len(guangdong)} asean={asean} "
        f"regions={len(regions_covered)}/34 min_per_pavilion={min(per_pavilion[s] for s in pavilion_slugs)} "
        f"independent={per_pavilion[None]} types={dict(Counter(e['company_type'] for e in exhibitors))} "
        f"time={elapsed * 1000:.0f}ms\n"
    )
