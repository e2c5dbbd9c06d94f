"""Buyers for the Hong Kong FILMART 2025 demo market.

DEMO_BUYER is the profile of the demo login (buyer@example.com, "Ploy Srisawat"); generate_buyers() adds the
market's other buyers: broadcasters, streaming platforms, distributors, sales agents and producers from
50+ countries who come to license content. The mix leans towards Asia (about 60%, a quarter of all buyers
from ASEAN), then Europe, the Americas, the Middle East and Oceania.

Pure Python, standard library only, no Django or project imports: the demo loader turns these into rows.
Everything is deterministic: generate_buyers() uses its own random.Random(2025).
"""

import random
import re
import sys
import time
import unicodedata

# --- Vocabulary -------------------------------------------------------------------------------------

BUYER_TYPES: list[str] = ["broadcaster", "platform", "distributor", "sales_agent", "producer", "other"]

MEDIA: list[str] = [
    "theatrical", "non_theatrical", "free_tv", "pay_tv", "ppv", "svod", "avod", "tvod", "airline", "remake",
    "format",
]  # fmt: skip

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

ASEAN: list[str] = ["TH", "VN", "MY", "SG", "ID", "PH", "KH", "MM", "LA", "BN"]

# --- The demo login ---------------------------------------------------------------------------------

DEMO_BUYER: dict = {
    "company": "Siam Stream",
    "buyer_type": "platform",
    "country": "TH",
    "territories": ["TH", "LA", "KH", "MM"],
    "media": ["svod", "avod"],
    "kinds": ["series", "micro", "animation"],
    "genres": ["romance", "costume", "fantasy", "family"],
    "languages": ["th", "zh", "en"],
    "looking_for": (
        "Chinese costume and romance dramas and vertical micro dramas with Thai subtitles or dubbing for our "
        "SVOD and AVOD service in Thailand and the Mekong region, plus family animation for kids."
    ),
}

# Logins the loader creates itself: generated buyers must never collide with them.
RESERVED_EMAILS: frozenset[str] = frozenset({"buyer@example.com", "rep@example.com", "organiser@example.com"})

# --- Words for sentences ----------------------------------------------------------------------------

# Names of every territory code used below, as they read mid-sentence.
TERRITORY_NAMES: dict[str, str] = {
    "TH": "Thailand", "VN": "Vietnam", "MY": "Malaysia", "SG": "Singapore", "ID": "Indonesia",
    "PH": "the Philippines", "KH": "Cambodia", "MM": "Myanmar", "LA": "Laos", "BN": "Brunei",
    "HK": "Hong Kong", "MO": "Macao", "TW": "Taiwan", "CN": "mainland China", "JP": "Japan",
    "KR": "South Korea", "MN": "Mongolia", "KZ": "Kazakhstan", "UZ": "Uzbekistan", "KG": "Kyrgyzstan",
    "IN": "India", "BD": "Bangladesh", "LK": "Sri Lanka", "NP": "Nepal", "PK": "Pakistan",
    "GB": "the UK", "IE": "Ireland", "FR": "France", "BE": "Belgium", "LU": "Luxembourg", "NL": "the Netherlands",
    "DE": "Germany", "AT": "Austria", "CH": "Switzerland", "IT": "Italy", "ES": "Spain", "PT": "Portugal",
    "PL": "Poland", "CZ": "Czechia", "HU": "Hungary", "RO": "Romania", "GR": "Greece", "SE": "Sweden",
    "DK": "Denmark", "NO": "Norway", "FI": "Finland", "IS": "Iceland",
    "US": "the United States", "CA": "Canada", "MX": "Mexico", "BR": "Brazil", "AR": "Argentina",
    "CO": "Colombia", "CL": "Chile", "PE": "Peru", "UY": "Uruguay", "PY": "Paraguay", "EC": "Ecuador",
    "BO": "Bolivia", "CR": "Costa Rica",
    "AE": "the UAE", "SA": "Saudi Arabia", "QA": "Qatar", "KW": "Kuwait", "BH": "Bahrain", "OM": "Oman",
    "EG": "Egypt", "JO": "Jordan", "LB": "Lebanon", "MA": "Morocco", "TR": "Türkiye",
    "AU": "Australia", "NZ": "New Zealand", "ZA": "South Africa", "NG": "Nigeria", "KE": "Kenya", "GH": "Ghana",
}  # fmt: skip

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "zh": "Mandarin", "yue": "Cantonese", "ja": "Japanese", "ko": "Korean", "th": "Thai",
    "vi": "Vietnamese", "id": "Indonesian", "ms": "Malay", "fil": "Filipino", "km": "Khmer", "my": "Burmese",
    "lo": "Lao", "hi": "Hindi", "ta": "Tamil", "te": "Telugu", "bn": "Bengali", "fr": "French", "es": "Spanish",
    "de": "German", "it": "Italian", "pt": "Portuguese", "ar": "Arabic", "tr": "Turkish", "fa": "Persian",
    "ru": "Russian", "pl": "Polish", "nl": "Dutch", "mn": "Mongolian", "kk": "Kazakh",
}  # fmt: skip

_MEDIA_WORDS: dict[str, str] = {
    "theatrical": "theatrical", "non_theatrical": "non-theatrical", "free_tv": "free TV", "pay_tv": "pay TV",
    "ppv": "pay-per-view", "svod": "SVOD", "avod": "AVOD", "tvod": "TVOD", "airline": "airline",
    "remake": "remake", "format": "format",
}  # fmt: skip

_KIND_WORDS: dict[str, str] = {
    "feature": "feature films", "series": "drama series", "micro": "micro dramas", "animation": "animation",
    "documentary": "documentaries", "variety": "variety shows", "format": "formats",
}  # fmt: skip

# Genres as adjectives in front of the kinds ("romance and costume drama series").
_GENRE_WORDS: dict[str, str] = {g: g for g in GENRES} | {
    "scifi": "sci-fi", "kids": "children's", "biography": "biographical", "history": "historical",
}  # fmt: skip

# Where a region's buyers like to source content from; a buyer's own country is never named.
_ORIGIN_ADJECTIVES: dict[str, str] = {
    "CN": "Chinese", "KR": "Korean", "JP": "Japanese", "TH": "Thai", "TR": "Turkish", "IN": "Indian",
    "HK": "Hong Kong", "TW": "Taiwanese", "PH": "Filipino",
}  # fmt: skip
_REGION_ORIGINS: dict[str, list[tuple[str, int]]] = {
    "asean": [("CN", 8), ("KR", 6), ("TH", 3), ("JP", 3), ("HK", 2), ("TW", 2), ("IN", 1)],
    "east_asia": [("KR", 6), ("CN", 5), ("JP", 5), ("TH", 3), ("TW", 2), ("HK", 2)],
    "south_asia": [("KR", 5), ("CN", 3), ("TR", 3), ("JP", 2), ("TH", 2)],
    "central_asia": [("KR", 5), ("TR", 5), ("CN", 4), ("IN", 2)],
    "europe": [("KR", 5), ("JP", 5), ("CN", 3), ("HK", 2), ("IN", 2), ("TH", 1)],
    "americas": [("KR", 6), ("JP", 4), ("TR", 3), ("CN", 3), ("PH", 1), ("IN", 1)],
    "middle_east": [("TR", 6), ("KR", 5), ("IN", 4), ("CN", 3), ("JP", 2)],
    "oceania": [("KR", 5), ("JP", 4), ("CN", 4), ("IN", 2), ("HK", 2), ("PH", 1)],
    "africa": [("KR", 4), ("IN", 4), ("TR", 4), ("CN", 3)],
}

# --- Names of people --------------------------------------------------------------------------------

# Each pool: male and female given names, family names (family_f for feminine forms), and whether the
# family name is written first (Chinese, Korean, Vietnamese, Khmer). Emails are always given.family.
# fmt: off
_NAME_POOLS: dict[str, dict] = {
    "th": {
        "m": ["Nattapong", "Thanakorn", "Wiroj", "Anan", "Kittisak", "Somchai", "Tanawat", "Arthit", "Pichai",
              "Teerapat", "Krit", "Worawut", "Chatchai", "Phuwadol"],
        "f": ["Siriporn", "Kanokwan", "Pimchanok", "Chayanin", "Supaporn", "Narumol", "Ratchanee", "Apinya",
              "Jiraporn", "Pornthip", "Wanida", "Chalida", "Sasithorn", "Orawan", "Benjamas", "Napat"],
        "family": ["Wongsakul", "Chaiyaporn", "Rattanakorn", "Sukprasert", "Thongchai", "Phromma", "Kittikun",
                   "Boonmee", "Saetang", "Chantarasiri", "Jaidee", "Panyawong", "Suwannarat", "Intharasuk",
                   "Wattanapong", "Sirisuk", "Prasertsri", "Charoenwong", "Anantachai", "Rungruang"],
    },
    "vi": {
        "m": ["Văn Hùng", "Quốc Bảo", "Đức Minh", "Hoàng Nam", "Tuấn Anh", "Quang Huy", "Gia Bảo", "Thành Long",
              "Minh Khoa", "Hữu Phước"],
        "f": ["Thị Lan", "Minh Anh", "Thu Trang", "Ngọc Hân", "Thanh Hương", "Phương Linh", "Bích Ngọc",
              "Hải Yến", "Mai Phương", "Khánh Linh"],
        "family": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                   "Hồ", "Ngô", "Dương", "Lý"],
        "family_first": True,
    },
    "ms": {
        "m": ["Ahmad", "Faizal", "Hafiz", "Azman", "Khairul", "Syafiq", "Amirul", "Iskandar", "Firdaus", "Zulkifli"],
        "f": ["Nurul", "Siti", "Aisyah", "Farah", "Nadia", "Liyana", "Zarina", "Hanis", "Aina", "Sofea"],
        "family": ["Ismail", "Rahman", "Hassan", "Abdullah", "Osman", "Yusof", "Ibrahim", "Hamid", "Razak",
                   "Aziz", "Salleh", "Mansor", "Kamaruddin", "Jamaluddin"],
    },
    "sea_cn": {
        "m": ["Jason", "Kok Leong", "Desmond", "Alvin", "Eugene", "Kelvin", "Bryan", "Wei Jie", "Marcus",
              "Jun Hao"],
        "f": ["Michelle", "Wei Ling", "Mei Yee", "Hui Min", "Jia Hui", "Siew Lan", "Pei Shan", "Rachel",
              "Xin Yi", "Grace"],
        "family": ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Teo", "Koh", "Chan", "Yeo", "Low",
                   "Chong"],
    },
    "in": {
        "m": ["Arjun", "Rohan", "Vikram", "Rahul", "Aditya", "Karthik", "Siddharth", "Rajesh", "Anil", "Suresh",
              "Arnab", "Sourav", "Venkat", "Nikhil"],
        "f": ["Priya", "Ananya", "Kavya", "Neha", "Sneha", "Divya", "Pooja", "Lakshmi", "Meera", "Aishwarya",
              "Deepika", "Shreya", "Ritu", "Anjali"],
        "family": ["Sharma", "Iyer", "Reddy", "Patel", "Gupta", "Nair", "Menon", "Rao", "Chatterjee",
                   "Banerjee", "Singh", "Mehta", "Kapoor", "Krishnan", "Mukherjee", "Desai", "Pillai", "Joshi",
                   "Agarwal", "Bose"],
    },
    "id": {
        "m": ["Budi", "Agus", "Andi", "Eko", "Rizky", "Fajar", "Hendra", "Dimas", "Yoga", "Bayu", "Arief",
              "Reza"],
        "f": ["Dewi", "Sri", "Rina", "Putri", "Ayu", "Indah", "Maya", "Sari", "Wulan", "Intan", "Nadia",
              "Anisa"],
        "family": ["Santoso", "Wijaya", "Susanto", "Pratama", "Hidayat", "Setiawan", "Kusuma", "Saputra",
                   "Nugroho", "Wibowo", "Halim", "Gunawan", "Siregar", "Hasibuan", "Lestari", "Rahayu"],
    },
    "ph": {
        "m": ["Jose", "Mark", "John Paul", "Carlo", "Miguel", "Paolo", "Rafael", "Enrique", "Francis", "Joshua",
              "Ramon"],
        "f": ["Maria", "Angelica", "Kristine", "Rowena", "Patricia", "Jasmine", "Bea", "Joanna", "Camille",
              "Tricia", "Andrea"],
        "family": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva", "Dela Cruz", "Ramos",
                   "Aquino", "Castillo", "Navarro", "Flores", "Soriano", "Pascual", "Tolentino"],
    },
    "km": {
        "m": ["Dara", "Vichea", "Rithy", "Piseth", "Sokha", "Visal", "Vannak", "Sophal", "Chanthou"],
        "f": ["Sophea", "Chenda", "Sreymom", "Bopha", "Channary", "Kunthea", "Malis", "Sreyneang", "Leakhena"],
        "family": ["Sok", "Chan", "Keo", "Chea", "Heng", "Phan", "Ouk", "Seng", "Meas", "Prak", "Nhem", "Ly"],
        "family_first": True,
    },
    "mm": {
        "m": ["Aung", "Kyaw", "Htet", "Zaw", "Min", "Thant", "Win", "Soe", "Ye"],
        "f": ["Thiri", "Su", "Hnin", "May", "Ei", "Nandar", "Phyu", "Khin", "Thida"],
        "family": ["Naing", "Hlaing", "Myat", "Zin", "Oo", "Thu", "Aye", "Lwin", "Htun", "Moe", "Wai", "Kyaw"],
    },
    "lo": {
        "m": ["Souksavanh", "Phonsavanh", "Bounmy", "Somphone", "Anousone", "Thongsavanh", "Khamphou"],
        "f": ["Khamla", "Vilayphone", "Noy", "Chanthaly", "Sengdao", "Manivone", "Phetsamone"],
        "family": ["Phommachanh", "Vongsa", "Sisouphanh", "Inthavong", "Keomany", "Chanthavong", "Sayavong",
                   "Phetsomphou", "Douangmala", "Xaysana", "Southammavong"],
    },
    "hk": {
        "m": ["Kelvin", "Raymond", "Ivan", "Eric", "Alan", "Terence", "Gordon", "Kenneth", "Ka Ho", "Chun Kit",
              "Jacky", "Wilson"],
        "f": ["Winnie", "Karen", "Joyce", "Cherry", "Vivian", "Carmen", "Angela", "Stephanie", "Wing Yan",
              "Hoi Ling", "Mandy", "Fiona"],
        "family": ["Chan", "Wong", "Leung", "Cheung", "Lau", "Ho", "Lee", "Ng", "Tsang", "Yip", "Kwok", "Lam",
                   "Fung", "Mak", "Tang", "Chow"],
    },
    "tw": {
        "m": ["Chia-Hao", "Chih-Wei", "Po-Han", "Chun-Hung", "Wei-Lun", "Kuan-Yu", "Jerry", "Tsung-Han",
              "Yu-Cheng"],
        "f": ["Yi-Ting", "Shu-Fen", "Hsin-Yi", "Ya-Wen", "Pei-Chen", "Mei-Ling", "Vivian", "Yu-Chen", "Hui-Ju"],
        "family": ["Chen", "Lin", "Huang", "Chang", "Lee", "Wang", "Wu", "Liu", "Tsai", "Yang", "Hsu", "Cheng",
                   "Hsieh", "Kuo", "Hung", "Tseng"],
    },
    "cn": {
        "m": ["Wei", "Lei", "Hao", "Xiaoming", "Zihan", "Jun", "Tao", "Qiang", "Yifan", "Haoran", "Bo", "Zhiyuan"],
        "f": ["Fang", "Jing", "Yan", "Yuting", "Min", "Xin", "Lina", "Mengyao", "Shuang", "Jiayi", "Xiaohong",
              "Ruoxi"],
        "family": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma",
                   "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"],
        "family_first": True,
    },
    "ja": {
        "m": ["Haruto", "Ren", "Takeshi", "Kenji", "Hiroshi", "Daisuke", "Sota", "Kazuki", "Ryo", "Shota",
              "Yusuke"],
        "f": ["Yui", "Sakura", "Aoi", "Yuki", "Mei", "Naoko", "Emi", "Misaki", "Ayaka", "Keiko", "Haruka"],
        "family": ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
                   "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura", "Hayashi",
                   "Shimizu"],
    },
    "ko": {
        "m": ["Min-jun", "Ji-hoon", "Hyun-woo", "Dong-hyun", "Jae-won", "Sung-min", "Tae-yang", "Joon-ho",
              "Seung-woo"],
        "f": ["Seo-yeon", "Ji-woo", "Soo-jin", "Eun-ji", "Ha-eun", "Yoon-ah", "Da-eun", "Hye-jin", "Min-ji"],
        "family": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
                   "Shin", "Kwon", "Hwang"],
        "family_first": True,
    },
    "mn": {
        "m": ["Bat-Erdene", "Ganbold", "Temuulen", "Bold", "Munkh-Orgil", "Tuvshin"],
        "f": ["Oyuunaa", "Enkhjargal", "Sarangerel", "Nomin", "Tsetseg", "Anujin"],
        "family": ["Batbayar", "Dorj", "Ganbaatar", "Tserendorj", "Sukhbaatar", "Erdenebat", "Otgonbayar",
                   "Purevdorj"],
    },
    "kk": {
        "m": ["Aidos", "Nurlan", "Yerlan", "Askar", "Daniyar", "Timur", "Arman"],
        "f": ["Aigerim", "Dana", "Madina", "Saule", "Aruzhan", "Gulnara", "Zarina"],
        "family": ["Akhmetov", "Omarov", "Tulegenov", "Sadykov", "Kassymov", "Zhakupov", "Nurlanov", "Bekov"],
        "family_f": ["Akhmetova", "Omarova", "Tulegenova", "Sadykova", "Kassymova", "Zhakupova", "Nurlanova",
                     "Bekova"],
    },
    "bd": {
        "m": ["Rahim", "Tanvir", "Arif", "Sabbir", "Imran", "Fahim", "Shakil"],
        "f": ["Nusrat", "Farzana", "Tahmina", "Sadia", "Rumana", "Shirin", "Mithila"],
        "family": ["Hossain", "Rahman", "Ahmed", "Chowdhury", "Islam", "Khan", "Uddin", "Sarkar", "Haque"],
    },
    "lk": {
        "m": ["Dinesh", "Kasun", "Nuwan", "Pradeep", "Tharindu", "Ravi"],
        "f": ["Dilani", "Nadeesha", "Shanika", "Priyanka", "Thilini", "Anjali"],
        "family": ["Perera", "Fernando", "Silva", "Jayawardena", "Wickramasinghe", "Bandara", "Dissanayake",
                   "Gunasekara", "Ratnayake", "Sivakumar"],
    },
    "us": {
        "m": ["James", "Michael", "David", "Daniel", "Christopher", "Matthew", "Andrew", "Ryan", "Brian", "Kevin",
              "Jason", "Eric", "Tyler", "Nathan"],
        "f": ["Jennifer", "Sarah", "Jessica", "Emily", "Ashley", "Lauren", "Rachel", "Megan", "Amanda", "Nicole",
              "Rebecca", "Allison", "Kayla", "Samantha"],
        "family": ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                   "Thomas", "Moore", "Martin", "Thompson", "Clark", "Lewis", "Walker", "Hall", "Young", "Allen",
                   "Wright", "Nguyen", "Kim", "Cohen", "Park"],
    },
    "gb": {
        "m": ["Oliver", "Harry", "George", "Thomas", "William", "Jack", "James", "Edward", "Charlie", "Alexander",
              "Callum", "Rupert"],
        "f": ["Charlotte", "Emily", "Sophie", "Olivia", "Hannah", "Amelia", "Lucy", "Eleanor", "Jessica",
              "Harriet", "Chloe", "Imogen"],
        "family": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts",
                   "Walker", "Wright", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke", "Patel", "Harris",
                   "Cooper", "Turner", "Hill"],
    },
    "ie": {
        "m": ["Conor", "Seán", "Ciarán", "Patrick", "Cian", "Darragh", "Eoin"],
        "f": ["Aoife", "Siobhán", "Niamh", "Caoimhe", "Róisín", "Orla", "Sinéad"],
        "family": ["Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor", "Doyle",
                   "McCarthy", "Gallagher", "Kennedy"],
    },
    "au": {
        "m": ["Jack", "Liam", "Noah", "Lachlan", "Cooper", "Mitchell", "Hamish", "Ben", "Tom", "Riley"],
        "f": ["Chloe", "Isla", "Mia", "Ruby", "Matilda", "Zoe", "Georgia", "Tahlia", "Aroha", "Kate"],
        "family": ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Martin", "Anderson",
                   "Thompson", "White", "Kelly", "Campbell", "Stewart", "Chen", "Singh", "Ngata", "Parata"],
    },
    "fr": {
        "m": ["Julien", "Thomas", "Nicolas", "Antoine", "Mathieu", "Guillaume", "Pierre", "Louis", "Hugo",
              "Étienne", "Olivier", "Sébastien"],
        "f": ["Camille", "Élodie", "Claire", "Sophie", "Marion", "Juliette", "Chloé", "Mathilde", "Céline",
              "Amélie", "Pauline", "Léa"],
        "family": ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel",
                   "Leroy", "Roux", "Fournier", "Girard", "Bonnet", "Mercier", "Rousseau", "Blanc", "Garnier",
                   "Chevalier", "Lambert"],
    },
    "de": {
        "m": ["Lukas", "Jonas", "Felix", "Maximilian", "Tobias", "Jan", "Stefan", "Matthias", "Florian",
              "Sebastian", "Alexander", "Moritz"],
        "f": ["Anna", "Lena", "Julia", "Katharina", "Laura", "Sophie", "Hannah", "Lea", "Sarah", "Johanna",
              "Miriam", "Franziska"],
        "family": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                   "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun",
                   "Krüger", "Hartmann"],
    },
    "it": {
        "m": ["Marco", "Luca", "Alessandro", "Matteo", "Giorgio", "Francesco", "Davide", "Stefano", "Andrea",
              "Lorenzo"],
        "f": ["Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Alessia", "Elena", "Martina", "Federica",
              "Silvia"],
        "family": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                   "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
                   "Lombardi", "Moretti"],
    },
    "es": {
        "m": ["Javier", "Alejandro", "Carlos", "David", "Pablo", "Sergio", "Álvaro", "Daniel", "Miguel", "Jorge",
              "Adrián", "Raúl"],
        "f": ["María", "Lucía", "Carmen", "Laura", "Marta", "Paula", "Elena", "Sara", "Cristina", "Ana", "Irene",
              "Nuria"],
        "family": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
                   "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero",
                   "Navarro", "Torres", "Domínguez"],
    },
    "latam": {
        "m": ["José", "Luis", "Juan Pablo", "Diego", "Andrés", "Santiago", "Mateo", "Felipe", "Ricardo",
              "Fernando", "Sebastián", "Emilio"],
        "f": ["Valentina", "Camila", "Daniela", "Sofía", "Gabriela", "Mariana", "Fernanda", "Ximena", "Isabela",
              "Lucía", "Paola", "Renata"],
        "family": ["Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
                   "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Vargas", "Castillo", "Rojas",
                   "Morales", "Ortiz", "Silva", "Herrera", "Medina"],
    },
    "br": {
        "m": ["João", "Pedro", "Lucas", "Gabriel", "Rafael", "Gustavo", "Thiago", "Felipe", "Bruno", "Rodrigo",
              "Leonardo", "Eduardo"],
        "f": ["Ana", "Juliana", "Mariana", "Fernanda", "Camila", "Beatriz", "Larissa", "Letícia", "Patrícia",
              "Carolina", "Gabriela", "Renata"],
        "family": ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
                   "Nascimento", "Lima", "Araújo", "Fernandes", "Carvalho", "Gomes", "Martins", "Rocha", "Ribeiro",
                   "Barbosa", "Cardoso", "Teixeira"],
    },
    "pt": {
        "m": ["João", "Tiago", "Miguel", "Rui", "Nuno", "Duarte", "Gonçalo", "Ricardo"],
        "f": ["Inês", "Beatriz", "Catarina", "Mariana", "Joana", "Rita", "Sofia", "Marta"],
        "family": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
                   "Sousa", "Fernandes", "Gonçalves", "Marques"],
    },
    "nl": {
        "m": ["Daan", "Sem", "Bram", "Lars", "Thijs", "Ruben", "Jeroen", "Pieter", "Joost", "Maarten"],
        "f": ["Emma", "Sanne", "Lotte", "Fleur", "Anouk", "Eva", "Sophie", "Femke", "Maaike", "Iris"],
        "family": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
                   "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peeters", "Hendriks", "Dekker"],
    },
    "pl": {
        "m": ["Piotr", "Tomasz", "Marcin", "Krzysztof", "Paweł", "Michał", "Jakub", "Łukasz"],
        "f": ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Aleksandra", "Zofia", "Małgorzata"],
        "family": ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
                   "Szymański"],
        "family_f": ["Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowska", "Zielińska",
                     "Szymańska"],
    },
    "se": {
        "m": ["Erik", "Lars", "Anders", "Johan", "Oskar", "Nils"],
        "f": ["Emma", "Elin", "Sara", "Linnea", "Maja", "Karin"],
        "family": ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Lindqvist", "Berg"],
    },
    "dk": {
        "m": ["Mads", "Rasmus", "Frederik", "Søren", "Mikkel", "Anders"],
        "f": ["Mette", "Freja", "Ida", "Louise", "Camilla", "Signe"],
        "family": ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"],
    },
    "no": {
        "m": ["Ole", "Henrik", "Magnus", "Kristian", "Eirik", "Sindre"],
        "f": ["Ingrid", "Kari", "Silje", "Marte", "Ingvild", "Thea"],
        "family": ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Bakken", "Solberg"],
    },
    "fi": {
        "m": ["Mikko", "Juha", "Antti", "Jukka", "Lauri", "Ville"],
        "f": ["Anna", "Laura", "Aino", "Emilia", "Sanna", "Heidi"],
        "family": ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen"],
    },
    "gulf": {
        "m": ["Mohammed", "Ahmed", "Omar", "Khalid", "Faisal", "Abdullah", "Youssef", "Hamad", "Saeed", "Tariq",
              "Rashid", "Sultan"],
        "f": ["Fatima", "Aisha", "Noura", "Mariam", "Layla", "Huda", "Reem", "Sara", "Hessa", "Dana", "Amal",
              "Lina"],
        "family": ["Al Mansouri", "Al Hashimi", "Al Qahtani", "Al Otaibi", "Al Shamsi", "Al Harbi", "Al Dosari",
                   "Al Mazrouei", "Al Kuwari", "Al Ali", "Al Suwaidi", "Al Ghamdi", "Al Mutairi", "Al Enezi"],
    },
    "levant": {
        "m": ["Mahmoud", "Mostafa", "Karim", "Hossam", "Sherif", "Amr", "Rami", "Ziad"],
        "f": ["Nour", "Yasmin", "Dina", "Heba", "Rania", "Salma", "Lara", "Maya"],
        "family": ["Hassan", "Ibrahim", "El Sayed", "Abdel Rahman", "Fawzy", "Soliman", "Farouk", "Mansour",
                   "Haddad", "Khoury", "Nasser", "Saleh", "Qasem"],
    },
    "tr": {
        "m": ["Mehmet", "Mustafa", "Emre", "Burak", "Can", "Kerem", "Serkan", "Oğuz", "Murat", "Tolga", "Cem",
              "Barış"],
        "f": ["Elif", "Zeynep", "Ayşe", "Selin", "Ece", "Deniz", "Merve", "Büşra", "Gizem", "Defne", "Esra",
              "Pınar"],
        "family": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
                   "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan"],
    },
    "ng": {
        "m": ["Chinedu", "Emeka", "Tunde", "Oluwaseun", "Ibrahim", "Femi", "Kelechi"],
        "f": ["Ngozi", "Adaeze", "Funmilayo", "Chiamaka", "Aisha", "Yetunde", "Folake"],
        "family": ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Bello", "Nwosu", "Adebayo", "Olawale",
                   "Chukwu"],
    },
    "za": {
        "m": ["Thabo", "Sipho", "Pieter", "Johan", "Lwazi", "Mandla", "Ruan"],
        "f": ["Lerato", "Naledi", "Annelie", "Zanele", "Thandi", "Karin", "Nomvula"],
        "family": ["Nkosi", "Dlamini", "van der Merwe", "Botha", "Ndlovu", "Mokoena", "Pretorius", "Naidoo",
                   "Khumalo", "Smith"],
    },
}

# --- Countries --------------------------------------------------------------------------------------

# weight: per-mille share of buyers; near: markets nearby, closest first; langs: weighted own languages;
# names: weighted name pools; places: words for company names; types: overrides of the buyer-type mix.
_COUNTRIES: dict[str, dict] = {
    # ASEAN: 24% of buyers
    "TH": {"region": "asean", "weight": 45, "near": ["LA", "KH", "MM", "VN", "MY"], "langs": [("th", 1)],
           "names": [("th", 1)], "places": ["Siam", "Chao Phraya", "Krungthep", "Lanna", "Andaman", "Sabai",
                                            "Rattana", "Mekong"]},
    "VN": {"region": "asean", "weight": 38, "near": ["KH", "LA", "TH", "MM", "SG"], "langs": [("vi", 1)],
           "names": [("vi", 1)], "places": ["Saigon", "Hanoi", "Red River", "Lotus", "Sao Viet", "Ha Long",
                                            "Mekong Delta", "Hue"]},
    "MY": {"region": "asean", "weight": 32, "near": ["SG", "BN", "ID", "TH", "PH"],
           "langs": [("ms", 5), ("zh", 3), ("en", 3), ("ta", 1)], "names": [("ms", 6), ("sea_cn", 3), ("in", 1)],
           "places": ["Kuala", "Borneo", "Melaka", "Layar", "Bintang", "Harimau", "Penang", "Langkawi"]},
    "SG": {"region": "asean", "weight": 30, "near": ["MY", "ID", "BN", "TH", "PH"],
           "langs": [("en", 5), ("zh", 4), ("ms", 2), ("ta", 1)], "names": [("sea_cn", 6), ("ms", 2), ("in", 2)],
           "places": ["Lion City", "Merlion", "Marina", "Orchard", "Straits", "Sentosa", "Kallang"],
           "types": {"platform": 28, "sales_agent": 14}},
    "ID": {"region": "asean", "weight": 38, "near": ["MY", "SG", "BN", "PH", "TH"], "langs": [("id", 1)],
           "names": [("id", 1)], "places": ["Nusantara", "Jakarta", "Layar Emas", "Cahaya", "Kencana", "Bali",
                                            "Merapi", "Bandung"]},
    "PH": {"region": "asean", "weight": 30, "near": ["ID", "MY", "SG", "VN", "BN"],
           "langs": [("fil", 4), ("en", 5)], "names": [("ph", 1)],
           "places": ["Manila", "Luzon", "Sampaguita", "Bayanihan", "Visayas", "Tala", "Mindanao", "Pasig"]},
    "KH": {"region": "asean", "weight": 10, "near": ["TH", "VN", "LA", "MM"], "langs": [("km", 1)],
           "names": [("km", 1)], "places": ["Angkor", "Khmer", "Apsara", "Tonle", "Phnom Penh", "Bayon"]},
    "MM": {"region": "asean", "weight": 8, "near": ["TH", "LA", "KH", "IN"], "langs": [("my", 1)],
           "names": [("mm", 1)], "places": ["Irrawaddy", "Yangon", "Golden Land", "Shwe", "Mandalay", "Bagan"]},
    "LA": {"region": "asean", "weight": 5, "near": ["TH", "VN", "KH", "MM"], "langs": [("lo", 1)],
           "names": [("lo", 1)], "places": ["Lane Xang", "Vientiane", "Champa", "Luang Prabang", "Nam Ou"]},
    "BN": {"region": "asean", "weight": 4, "near": ["MY", "SG", "ID"], "langs": [("ms", 1)],
           "names": [("ms", 1)], "places": ["Bandar", "Kampong Ayer", "Temburong", "Seria", "Tutong"]},
    # Greater China, North-East, South and Central Asia: 36%
    "CN": {"region": "east_asia", "weight": 110, "near": ["HK", "MO", "TW", "SG", "MY"], "langs": [("zh", 1)],
           "names": [("cn", 1)], "places": ["Huaxia", "Jade Dragon", "Yangtze", "Great Wall", "Golden Phoenix",
                                            "Dragon Gate", "Silk Road", "Bamboo", "Pearl River", "West Lake",
                                            "Kunlun", "Taihu", "Qinling", "Red Lantern"],
           "types": {"platform": 32, "producer": 16}},
    "HK": {"region": "east_asia", "weight": 60, "near": ["MO", "CN", "TW", "SG", "MY"],
           "langs": [("yue", 5), ("zh", 3), ("en", 3)], "names": [("hk", 1)],
           "places": ["Victoria Harbour", "Kowloon", "Pearl", "Lantau", "Harbour", "Peak", "Tsim Sha Tsui",
                      "Lion Rock", "Causeway", "Junk Bay"],
           "types": {"sales_agent": 16, "distributor": 30}},
    "MO": {"region": "east_asia", "weight": 8, "near": ["HK", "CN", "TW"], "langs": [("yue", 5), ("zh", 2),
                                                                                     ("pt", 1)],
           "names": [("hk", 4), ("pt", 1)], "places": ["Macao", "Cotai", "Taipa", "Senado", "A-Ma", "Coloane"]},
    "TW": {"region": "east_asia", "weight": 40, "near": ["HK", "MO", "SG", "MY", "CN"], "langs": [("zh", 1)],
           "names": [("tw", 1)], "places": ["Formosa", "Taipei", "Jade Mountain", "Alishan", "Sun Moon",
                                            "Tamsui", "Kaohsiung", "Taroko"]},
    "JP": {"region": "east_asia", "weight": 45, "near": ["KR", "TW", "HK"], "langs": [("ja", 1)],
           "names": [("ja", 1)], "places": ["Sakura", "Fuji", "Kaze", "Hikari", "Tsubasa", "Yamato", "Sora",
                                            "Kumo", "Asahi", "Minato"]},
    "KR": {"region": "east_asia", "weight": 45, "near": ["JP", "TW", "HK", "MN"], "langs": [("ko", 1)],
           "names": [("ko", 1)], "places": ["Hanbit", "Hangang", "Mugunghwa", "Baram", "Saebyeok", "Seoul",
                                            "Nuri", "Busan", "Jeju"],
           "types": {"producer": 20, "platform": 26}},
    "MN": {"region": "east_asia", "weight": 5, "near": ["KZ", "KR", "CN"], "langs": [("mn", 1)],
           "names": [("mn", 1)], "places": ["Steppe", "Khangai", "Blue Sky", "Altai", "Gobi", "Orkhon"]},
    "KZ": {"region": "central_asia", "weight": 5, "near": ["UZ", "KG", "MN", "TR"],
           "langs": [("kk", 3), ("ru", 4)], "names": [("kk", 1)],
           "places": ["Alatau", "Silk Way", "Tengri", "Steppe Eagle", "Almaty", "Baiterek"]},
    "IN": {"region": "south_asia", "weight": 35, "near": ["BD", "LK", "NP", "AE", "SG"],
           "langs": [("hi", 6), ("en", 5), ("ta", 3), ("te", 3), ("bn", 2)], "names": [("in", 1)],
           "places": ["Ganga", "Saffron", "Indus", "Mumbai", "Deccan", "Coromandel", "Himalaya", "Kaveri",
                      "Malabar", "Lotus"]},
    "BD": {"region": "south_asia", "weight": 4, "near": ["IN", "NP", "MM"], "langs": [("bn", 1)],
           "names": [("bd", 1)], "places": ["Padma", "Dhaka", "Sundarban", "Meghna", "Jamuna"]},
    "LK": {"region": "south_asia", "weight": 3, "near": ["IN", "MY", "SG"], "langs": [("en", 3), ("ta", 2)],
           "names": [("lk", 1)], "places": ["Serendib", "Lanka", "Ceylon", "Kandy", "Galle"]},
    # Europe: 18%
    "GB": {"region": "europe", "weight": 32, "near": ["IE", "FR", "DE", "NL", "ES"], "langs": [("en", 1)],
           "names": [("gb", 1)], "places": ["Thames", "Albion", "Pennine", "Kestrel", "Soho", "Greenwich",
                                            "Brookside", "Wessex", "Lantern", "Highland"],
           "types": {"sales_agent": 18}},
    "IE": {"region": "europe", "weight": 4, "near": ["GB", "FR", "NL"], "langs": [("en", 1)],
           "names": [("ie", 1)], "places": ["Liffey", "Emerald", "Claddagh", "Atlantic", "Wicklow"]},
    "FR": {"region": "europe", "weight": 30, "near": ["BE", "CH", "LU", "CA", "DE"], "langs": [("fr", 1)],
           "names": [("fr", 1)], "places": ["Lumière", "Rive Gauche", "Étoile", "Seine", "Mistral", "Bastille",
                                            "Montmartre", "Camargue", "Loire"],
           "types": {"sales_agent": 20}, "suffixes": {"producer": ["Production"], "distributor": ["Diffusion"]}},
    "BE": {"region": "europe", "weight": 6, "near": ["NL", "LU", "FR", "DE"], "langs": [("nl", 4), ("fr", 4)],
           "names": [("nl", 1), ("fr", 1)], "places": ["Brabant", "Ardennes", "Meuse", "Flanders", "Scheldt"]},
    "NL": {"region": "europe", "weight": 10, "near": ["BE", "LU", "DE", "GB"], "langs": [("nl", 1)],
           "names": [("nl", 1)], "places": ["Tulp", "Delta", "Oranje", "Amstel", "Polder", "Noordzee"]},
    "DE": {"region": "europe", "weight": 24, "near": ["AT", "CH", "NL", "PL", "CZ"], "langs": [("de", 1)],
           "names": [("de", 1)], "places": ["Nordlicht", "Elbe", "Rhein", "Spree", "Falke", "Hansa", "Sternwarte",
                                            "Isar"],
           "suffixes": {"distributor": ["Filmverleih"], "producer": ["Filmproduktion"]}},
    "AT": {"region": "europe", "weight": 4, "near": ["DE", "CH", "HU", "CZ"], "langs": [("de", 1)],
           "names": [("de", 1)], "places": ["Donau", "Alpen", "Wiener", "Edelweiss", "Tirol"]},
    "CH": {"region": "europe", "weight": 6, "near": ["DE", "FR", "IT", "AT"],
           "langs": [("de", 5), ("fr", 3), ("it", 2)], "names": [("de", 5), ("fr", 3), ("it", 2)],
           "places": ["Helvetia", "Matterhorn", "Léman", "Alpine", "Lugano", "Gotthard"]},
    "IT": {"region": "europe", "weight": 16, "near": ["CH", "FR", "ES", "GR"], "langs": [("it", 1)],
           "names": [("it", 1)], "places": ["Vesuvio", "Tevere", "Aurora", "Lanterna", "Mediterranea", "Colosseo",
                                            "Dolomiti"],
           "suffixes": {"distributor": ["Distribuzione"], "producer": ["Produzioni"]}},
    "ES": {"region": "europe", "weight": 16, "near": ["PT", "FR", "MX", "AR", "IT"], "langs": [("es", 1)],
           "names": [("es", 1)], "places": ["Andalucía", "Mediterráneo", "Ibérica", "Alhambra", "Cantábrico",
                                            "Faro", "Sol"],
           "suffixes": {"producer": ["Producciones"], "broadcaster": ["Televisión"]}},
    "PT": {"region": "europe", "weight": 5, "near": ["ES", "BR", "FR"], "langs": [("pt", 1)],
           "names": [("pt", 1)], "places": ["Lusitânia", "Tejo", "Atlântico", "Douro", "Farol"]},
    "PL": {"region": "europe", "weight": 8, "near": ["CZ", "DE", "HU", "RO"], "langs": [("pl", 1)],
           "names": [("pl", 1)], "places": ["Wisła", "Orzeł", "Bursztyn", "Tatry", "Mazury", "Kadr"]},
    "SE": {"region": "europe", "weight": 6, "near": ["NO", "DK", "FI", "IS"], "langs": [("en", 1)],
           "names": [("se", 1)], "places": ["Norrsken", "Fjäll", "Midnight Sun", "Baltic", "Skärgård"]},
    "DK": {"region": "europe", "weight": 5, "near": ["SE", "NO", "DE", "FI"], "langs": [("en", 1)],
           "names": [("dk", 1)], "places": ["Øresund", "Nordic", "Skagen", "Viking", "Jutland"]},
    "NO": {"region": "europe", "weight": 4, "near": ["SE", "DK", "FI", "IS"], "langs": [("en", 1)],
           "names": [("no", 1)], "places": ["Fjord", "Aurora", "Troll", "Lofoten", "Nordkapp"]},
    "FI": {"region": "europe", "weight": 4, "near": ["SE", "NO", "DK"], "langs": [("en", 1)],
           "names": [("fi", 1)], "places": ["Revontuli", "Sisu", "Lakeland", "Saimaa", "Lapland"]},
    # The Americas: 12%
    "US": {"region": "americas", "weight": 55, "near": ["CA", "MX", "GB", "AU"], "langs": [("en", 8), ("es", 1)],
           "names": [("us", 8), ("latam", 1)],
           "places": ["Pacific", "Liberty", "Redwood", "Sunset", "Hudson", "Lone Star", "Bluebird", "Silver Screen",
                      "Golden Gate", "Mesa", "Evergreen", "Prairie", "Canyon", "Magnolia"],
           "types": {"sales_agent": 16, "platform": 26}},
    "CA": {"region": "americas", "weight": 15, "near": ["US", "FR", "GB"], "langs": [("en", 5), ("fr", 3)],
           "names": [("us", 5), ("fr", 2), ("in", 1), ("hk", 1)],
           "places": ["Maple", "True North", "Laurentian", "Cascade", "Great Lakes", "Rideau", "Fraser"]},
    "MX": {"region": "americas", "weight": 15, "near": ["US", "CO", "CR", "ES", "AR"], "langs": [("es", 1)],
           "names": [("latam", 1)], "places": ["Sol Maya", "Jaguar", "Pacífico", "Sierra Madre", "Agave",
                                               "Monarca", "Oaxaca"],
           "suffixes": {"producer": ["Producciones"], "broadcaster": ["Televisión"]}},
    "BR": {"region": "americas", "weight": 18, "near": ["AR", "UY", "PY", "PT", "CL"], "langs": [("pt", 1)],
           "names": [("br", 1)], "places": ["Amazonas", "Ipanema", "Tropical", "Sertão", "Cerrado", "Paulista",
                                            "Guanabara"],
           "suffixes": {"producer": ["Produções"], "distributor": ["Filmes"]}},
    "AR": {"region": "americas", "weight": 6, "near": ["UY", "CL", "PY", "BR", "ES"], "langs": [("es", 1)],
           "names": [("latam", 1)], "places": ["Pampa", "Río de la Plata", "Patagonia", "Tango", "Aconcagua"]},
    "CO": {"region": "americas", "weight": 5, "near": ["EC", "PE", "MX", "CR"], "langs": [("es", 1)],
           "names": [("latam", 1)], "places": ["Caribe", "Esmeralda", "Cóndor", "Magdalena", "Cafetero"]},
    "CL": {"region": "americas", "weight": 4, "near": ["AR", "PE", "BO", "UY"], "langs": [("es", 1)],
           "names": [("latam", 1)], "places": ["Atacama", "Pacífico Sur", "Cordillera", "Valparaíso", "Andes"]},
    "PE": {"region": "americas", "weight": 2, "near": ["CL", "BO", "EC", "CO"], "langs": [("es", 1)],
           "names": [("latam", 1)], "places": ["Inca", "Titicaca", "Cusco", "Nazca", "Andes Sur"]},
    # The Middle East: 6.5%
    "AE": {"region": "middle_east", "weight": 20, "near": ["SA", "QA", "KW", "BH", "OM"],
           "langs": [("ar", 5), ("en", 4), ("hi", 1)], "names": [("gulf", 5), ("levant", 2), ("in", 2), ("gb", 1)],
           "places": ["Falcon", "Oasis", "Desert Rose", "Gulf", "Palm", "Noor", "Dune", "Creek"],
           "types": {"other": 16, "platform": 26}},
    "SA": {"region": "middle_east", "weight": 18, "near": ["AE", "KW", "QA", "BH", "EG"], "langs": [("ar", 1)],
           "names": [("gulf", 1)], "places": ["Najd", "Al Waha", "Red Sea", "Arabian", "Hejaz", "Nakheel",
                                              "Diriyah"]},
    "QA": {"region": "middle_east", "weight": 6, "near": ["AE", "SA", "KW", "BH", "OM"], "langs": [("ar", 1)],
           "names": [("gulf", 3), ("levant", 1)], "places": ["Pearl Gulf", "Doha", "Al Bidda", "Lusail", "Zubarah"],
           "types": {"other": 20}},
    "KW": {"region": "middle_east", "weight": 4, "near": ["SA", "AE", "QA", "BH"], "langs": [("ar", 1)],
           "names": [("gulf", 1)], "places": ["Failaka", "Al Salam", "Liwan", "Burgan"]},
    "EG": {"region": "middle_east", "weight": 7, "near": ["SA", "AE", "JO", "MA", "LB"], "langs": [("ar", 1)],
           "names": [("levant", 1)], "places": ["Nile", "Pharaoh", "Cairo", "Luxor", "Sphinx", "Aswan"]},
    "JO": {"region": "middle_east", "weight": 3, "near": ["LB", "EG", "SA", "AE"], "langs": [("ar", 1)],
           "names": [("levant", 1)], "places": ["Petra", "Jordan Valley", "Amman", "Wadi Rum"]},
    "TR": {"region": "middle_east", "weight": 7, "near": ["KZ", "AE", "SA", "DE", "GR"], "langs": [("tr", 1)],
           "names": [("tr", 1)], "places": ["Boğaziçi", "Anadolu", "Lale", "Galata", "Kapadokya", "Ege", "Yıldız"],
           "suffixes": {"producer": ["Yapım"]}},
    # Oceania and Africa: 3.5%
    "AU": {"region": "oceania", "weight": 22, "near": ["NZ", "SG", "GB", "US"], "langs": [("en", 1)],
           "names": [("au", 1)], "places": ["Southern Cross", "Outback", "Coral", "Wattle", "Kookaburra",
                                            "Red Centre", "Bondi", "Eucalypt"]},
    "NZ": {"region": "oceania", "weight": 6, "near": ["AU", "GB", "US"], "langs": [("en", 1)],
           "names": [("au", 1)], "places": ["Aotearoa", "Kiwi", "Pohutukawa", "Southern Alps", "Tasman"]},
    "ZA": {"region": "africa", "weight": 4, "near": ["NG", "KE", "GH", "GB"], "langs": [("en", 1)],
           "names": [("za", 1)], "places": ["Table Mountain", "Protea", "Kalahari", "Ubuntu", "Drakensberg"]},
    "NG": {"region": "africa", "weight": 3, "near": ["GH", "KE", "ZA", "GB"], "langs": [("en", 1)],
           "names": [("ng", 1)], "places": ["Lagos", "Niger Delta", "Naija", "Eko", "Zuma Rock"]},
}

# Markets sales agents and airlines often take on, wherever they are based.
_WIDE_TERRITORIES: list[tuple[str, int]] = [
    ("US", 8), ("GB", 6), ("FR", 5), ("DE", 5), ("JP", 5), ("KR", 5), ("CN", 5), ("HK", 4), ("TW", 4),
    ("SG", 4), ("TH", 4), ("ID", 3), ("MY", 3), ("PH", 3), ("VN", 3), ("AU", 4), ("IN", 3), ("ES", 3),
    ("IT", 3), ("BR", 3), ("MX", 3), ("AE", 3), ("SA", 2), ("TR", 2), ("CA", 3), ("NL", 2), ("PL", 2),
]  # fmt: skip

# --- Buyer types: mix, media, kinds, genres ---------------------------------------------------------

_TYPE_WEIGHTS: dict[str, int] = {
    "broadcaster": 20, "platform": 22, "distributor": 28, "sales_agent": 10, "producer": 12, "other": 8,
}  # fmt: skip

# First medium picked from `core` (so the type's defining right is always there), the rest from `extra`.
_TYPE_MEDIA: dict[str, dict] = {
    "broadcaster": {"core": {"free_tv": 10, "pay_tv": 8}, "extra": {"free_tv": 6, "pay_tv": 6, "avod": 3,
                                                                    "svod": 2, "format": 2}, "count": (1, 3)},
    "platform": {"core": {"svod": 10, "avod": 6, "tvod": 3}, "extra": {"svod": 6, "avod": 6, "tvod": 4,
                                                                       "pay_tv": 1}, "count": (1, 3)},
    "distributor": {"core": {"theatrical": 10, "tvod": 5, "pay_tv": 4},
                    "extra": {"theatrical": 4, "tvod": 6, "pay_tv": 5, "non_theatrical": 3, "ppv": 2, "free_tv": 2,
                              "svod": 2}, "count": (1, 4)},
    "sales_agent": {"core": {"theatrical": 6, "svod": 5, "free_tv": 3},
                    "extra": {"theatrical": 4, "svod": 5, "free_tv": 4, "pay_tv": 4, "tvod": 4, "avod": 3,
                              "airline": 2, "remake": 2}, "count": (2, 4)},
    "producer": {"core": {"remake": 10, "format": 8}, "extra": {"remake": 6, "format": 6, "theatrical": 2,
                                                                "svod": 1}, "count": (1, 2)},
    "other": {"core": {"airline": 10, "non_theatrical": 7}, "extra": {"airline": 4, "non_theatrical": 4, "ppv": 3,
                                                                      "tvod": 2}, "count": (1, 3)},
}

_TYPE_KINDS: dict[str, dict[str, int]] = {
    "broadcaster": {"series": 10, "variety": 6, "documentary": 5, "feature": 5, "animation": 4, "format": 3},
    "platform": {"series": 10, "micro": 7, "feature": 6, "animation": 4, "documentary": 3, "variety": 2},
    "distributor": {"feature": 12, "animation": 5, "documentary": 3},
    "sales_agent": {"feature": 10, "documentary": 5, "animation": 4, "series": 4},
    "producer": {"format": 8, "series": 7, "feature": 6, "variety": 3},
    "other": {"feature": 10, "documentary": 5, "animation": 4, "series": 2},
}
# Where vertical micro dramas sell best, platforms ask for them twice as often.
_MICRO_MARKETS = ("CN", "TW", "HK", "TH", "VN", "ID", "PH", "MY", "SG", "US", "KR", "JP")

_KIND_GENRES: dict[str, dict[str, int]] = {
    "feature": {"drama": 8, "romance": 5, "comedy": 7, "action": 8, "thriller": 7, "crime": 5, "mystery": 3,
                "horror": 6, "fantasy": 4, "scifi": 4, "family": 4, "war": 2, "biography": 2, "history": 2,
                "music": 2, "sports": 2, "wuxia": 2, "youth": 3},
    "series": {"drama": 8, "romance": 9, "costume": 6, "urban": 6, "crime": 5, "thriller": 4, "mystery": 4,
               "fantasy": 5, "family": 5, "youth": 4, "workplace": 4, "medical": 3, "legal": 3, "comedy": 4,
               "wuxia": 3, "history": 2, "action": 3},
    "micro": {"romance": 10, "urban": 7, "fantasy": 6, "costume": 5, "family": 5, "drama": 5, "comedy": 3,
              "thriller": 2, "youth": 3},
    "animation": {"kids": 10, "family": 8, "fantasy": 6, "comedy": 6, "action": 3, "scifi": 3, "youth": 2},
    "documentary": {"nature": 8, "history": 7, "biography": 6, "food": 6, "travel": 6, "sports": 4, "music": 4,
                    "crime": 3},
    "variety": {"reality": 10, "music": 6, "food": 6, "travel": 5, "comedy": 5, "sports": 3},
    "format": {"reality": 9, "comedy": 5, "drama": 4, "music": 5, "food": 4, "romance": 3, "family": 3},
}
# Local tastes: these genres weigh more for the country's buyers.
_COUNTRY_GENRES: dict[str, list[str]] = {
    "TH": ["romance", "horror", "costume", "comedy"], "VN": ["romance", "family", "costume"],
    "ID": ["horror", "romance", "family"], "PH": ["romance", "drama", "family"], "MY": ["romance", "family"],
    "SG": ["drama", "thriller"], "KH": ["romance", "costume"], "MM": ["romance", "family"], "LA": ["family"],
    "CN": ["costume", "wuxia", "urban", "fantasy"], "HK": ["crime", "action", "thriller"],
    "TW": ["romance", "youth", "urban"], "JP": ["mystery", "food", "youth"], "KR": ["thriller", "romance"],
    "IN": ["action", "romance", "music"], "US": ["thriller", "action", "horror"], "GB": ["crime", "drama"],
    "FR": ["drama", "comedy"], "DE": ["crime", "thriller"], "ES": ["thriller", "drama"],
    "TR": ["drama", "romance", "history"], "SA": ["family", "history"], "AE": ["family", "action"],
    "QA": ["family", "nature"], "EG": ["drama", "comedy"], "BR": ["romance", "comedy"], "MX": ["romance", "drama"],
}  # fmt: skip

# --- Company names ----------------------------------------------------------------------------------

_TYPE_SUFFIXES: dict[str, list[str]] = {
    "broadcaster": ["TV", "Television", "Broadcasting", "Channel", "Media Network", "Broadcast Group", "Network"],
    "platform": ["Stream", "Play", "Plus", "Go", "Now", "On Demand", "Watch", "Streaming", "View", "Box"],
    "distributor": ["Distribution", "Films", "Pictures", "Releasing", "Entertainment", "Film Distribution",
                    "Media"],
    "sales_agent": ["International", "Film Sales", "Rights", "Content Sales", "Worldwide", "Global Media"],
    "producer": ["Productions", "Studios", "Pictures", "Content", "Creative", "Film Company", "Originals"],
    "other": ["Inflight Entertainment", "Media Services", "Content Solutions", "Media Group", "Edutainment",
              "Screenings"],
}
# fmt: on
# Nouns that follow a place ("Saigon Screen Network"), adjectives that precede a one-word one ("Golden Mekong").
_AFTER_PLACE: list[str] = ["Screen", "Star", "Vision", "Wave", "Frame", "Story", "Reel", "Sky", "Horizon", "Moon"]
_BEFORE_PLACE: list[str] = ["Golden", "Blue", "Silver", "Bright", "Red", "New"]


# --- Sentence templates for looking_for -------------------------------------------------------------

# {c} content ("Chinese romance drama series"), {l} language (" with Thai subtitles or dubbing" or ""),
# {m} media ("SVOD and AVOD"), {t} territories ("Thailand, Laos and Cambodia").
_TEMPLATES: dict[str, list[str]] = {
    "broadcaster": [
        "Seeking {c}{l} for {m} schedules in {t}.",
        "Acquiring {c}{l} for our {m} channels in {t}.",
        "Programming {c}{l} for prime-time {m} in {t}.",
    ],
    "platform": [
        "Acquiring {c}{l} for {m} in {t}.",
        "Looking for {c}{l} for our {m} service in {t}.",
        "Licensing {c}{l} for {m} audiences in {t}.",
    ],
    "distributor": [
        "Picking up {c}{l} for {m} release in {t}.",
        "Looking for {c} with {m} rights for {t}.",
        "Acquiring {c}{l} for {m} distribution across {t}.",
    ],
    "sales_agent": [
        "Taking on {c} for {m} sales in {t}.",
        "Looking for {c} to represent for {m} in {t}.",
        "Acquiring international rights to {c}, mainly {m} in {t}.",
    ],
    "producer": [
        "Scouting {c} for {m} deals in {t}.",
        "Looking for {c} with {m} rights to adapt for audiences in {t}.",
        "Seeking {c} to remake for {t}, with {m} rights.",
    ],
    "other": [
        "Curating {c}{l} for {m} programming serving {t}.",
        "Looking for {c}{l} with {m} rights for {t}.",
    ],
}

# --- Helpers ----------------------------------------------------------------------------------------

_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ı": "i"})


def _ascii(text: str) -> str:
    """Lowercase ASCII letters and digits of `text`, accents folded ("Nguyễn" -> "nguyen")."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())


def _slug(text: str) -> str:
    """Hyphenated ASCII slug for a company domain ("Saigon Screen Network" -> "saigon-screen-network")."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _weighted(rng: random.Random, pairs: list[tuple[str, int]] | dict[str, int]) -> str:
    items = list(pairs.items()) if isinstance(pairs, dict) else pairs
    total = sum(w for _, w in items)
    r = rng.random() * total
    for item, w in items:
        r -= w
        if r < 0:
            return item
    return items[-1][0]


def _pick_distinct(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    """k distinct items, weighted, without replacement."""
    pool = dict(weights)
    picked: list[str] = []
    while pool and len(picked) < k:
        item = _weighted(rng, pool)
        picked.append(item)
        del pool[item]
    return picked


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _canonical(items: list[str], order: list[str]) -> list[str]:
    return [x for x in order if x in items]


def _quotas(total: int) -> dict[str, int]:
    """Buyers per country: largest-remainder split of `total` by weight, every country at least one."""
    weights = {code: c["weight"] for code, c in _COUNTRIES.items()}
    floor = 1 if total >= len(weights) else 0
    rest = total - floor * len(weights)
    wsum = sum(weights.values())
    exact = {code: rest * w / wsum for code, w in weights.items()}
    counts = {code: floor + int(x) for code, x in exact.items()}
    leftover = total - sum(counts.values())
    by_remainder = sorted(weights, key=lambda code: (-(exact[code] - int(exact[code])), code))
    for code in by_remainder[:leftover]:
        counts[code] += 1
    return counts


# --- Generation -------------------------------------------------------------------------------------


def _person(rng: random.Random, country: dict) -> tuple[str, str]:
    """(full name, email local part) plausible for the country."""
    pool = _NAME_POOLS[_weighted(rng, country["names"])]
    female = rng.random() < 0.5
    given = rng.choice(pool["f"] if female else pool["m"])
    family = rng.choice(pool["family_f"] if female and "family_f" in pool else pool["family"])
    full = f"{family} {given}" if pool.get("family_first") else f"{given} {family}"
    return full, f"{_ascii(given)}.{_ascii(family)}"


def person(rng: random.Random, country: str) -> tuple[str, str]:
    """(full name, email local part) of someone from `country` (ISO code), for the demo's other people too."""
    return _person(rng, _COUNTRIES.get(country, _COUNTRIES["AE"]))


def _company_name(rng: random.Random, code: str, buyer_type: str, taken: set[str]) -> str:
    country = _COUNTRIES[code]
    suffixes = _TYPE_SUFFIXES[buyer_type] + country.get("suffixes", {}).get(buyer_type, []) * 2
    name = ""
    for _ in range(40):
        place, suffix = rng.choice(country["places"]), rng.choice(suffixes)
        noun, adjective = rng.choice(_AFTER_PLACE), rng.choice(_BEFORE_PLACE)
        r = rng.random()
        if r < 0.5 or noun in suffix or adjective in place:
            name = f"{place} {suffix}"
        elif r < 0.85 or " " in place:
            name = f"{place} {noun} {suffix}"
        else:
            name = f"{adjective} {place} {suffix}"
        if name.lower() not in taken and _slug(name) not in taken:
            break
    else:  # every combination tried is taken: number it
        n = 2
        while f"{name} {n}".lower() in taken:
            n += 1
        name = f"{name} {n}"
    taken.update({name.lower(), _slug(name)})
    return name


def _territories(rng: random.Random, code: str, buyer_type: str) -> list[str]:
    near = _COUNTRIES[code]["near"]
    chosen = [code]
    if buyer_type == "sales_agent" or (buyer_type == "other" and rng.random() < 0.5):
        # Wide regions: the home market plus big markets anywhere.
        wide = dict(_WIDE_TERRITORIES)
        wide.pop(code, None)
        for n in near[:2]:
            wide[n] = wide.get(n, 0) + 4
        chosen += _pick_distinct(rng, wide, rng.randint(2, 4))
        return chosen
    extra = {
        "broadcaster": [0, 0, 0, 0, 1, 1, 2],
        "platform": [0, 1, 1, 2, 3, 4],
        "distributor": [0, 0, 1, 1, 2, 3],
        "producer": [0, 0, 0, 1, 2],
        "other": [0, 1, 2, 3],
    }[buyer_type]
    k = min(rng.choice(extra), len(near))
    # Closer markets are likelier.
    chosen += _pick_distinct(rng, {n: len(near) - i + 1 for i, n in enumerate(near)}, k)
    return chosen


def _media(rng: random.Random, buyer_type: str) -> list[str]:
    spec = _TYPE_MEDIA[buyer_type]
    first = _weighted(rng, spec["core"])
    extra = {m: w for m, w in spec["extra"].items() if m != first}
    lo, hi = spec["count"]
    media = [first] + _pick_distinct(rng, extra, rng.randint(lo, hi) - 1)
    return _canonical(media, MEDIA)


def _kinds(rng: random.Random, code: str, buyer_type: str) -> list[str]:
    weights = dict(_TYPE_KINDS[buyer_type])
    if "micro" in weights and code in _MICRO_MARKETS:
        weights["micro"] *= 2
    k = _weighted(rng, [("1", 3), ("2", 4), ("3", 2)])
    return _canonical(_pick_distinct(rng, weights, int(k)), KINDS)


def _genres(rng: random.Random, code: str, kinds: list[str]) -> list[str]:
    weights: dict[str, float] = {}
    for kind in kinds:
        for genre, w in _KIND_GENRES[kind].items():
            weights[genre] = weights.get(genre, 0) + w
    for genre in _COUNTRY_GENRES.get(code, []):
        weights[genre] = weights.get(genre, 0) + 5
    k = _weighted(rng, [("1", 2), ("2", 4), ("3", 4), ("4", 2)])
    return _canonical(_pick_distinct(rng, weights, int(k)), GENRES)


def _languages(rng: random.Random, code: str, buyer_type: str) -> list[str]:
    country = _COUNTRIES[code]
    own = dict(country["langs"])
    langs = [_weighted(rng, own)]
    if len(own) > 1 and rng.random() < 0.35:
        langs += _pick_distinct(rng, {k: w for k, w in own.items() if k not in langs}, 1)
    english = 1.0 if buyer_type == "sales_agent" else 0.7
    if "en" not in langs and rng.random() < english:
        langs.append("en")
    # Asian buyers often take Chinese content with the original Mandarin track.
    chinese = 0.35 if country["region"] in ("asean", "east_asia") else 0.05
    if "zh" not in langs and len(langs) < 3 and rng.random() < chinese:
        langs.append("zh")
    return langs[:3]


def _looking_for(rng: random.Random, b: dict) -> str:
    code, kinds, genres = b["country"], b["kinds"], b["genres"]
    region = _COUNTRIES[code]["region"]
    # "drama series" already says drama.
    shown = [g for g in genres if not (g == "drama" and {"series", "micro"} & set(kinds))]
    kind_words = [_KIND_WORDS[k] for k in kinds]
    if "micro" in kinds and rng.random() < 0.5:
        kind_words[kinds.index("micro")] = "vertical micro dramas"
    parts = []
    if rng.random() < 0.4 and not {"format", "variety"} & set(kinds):
        origins = [(o, w) for o, w in _REGION_ORIGINS[region] if o != code]
        parts.append(_ORIGIN_ADJECTIVES[_weighted(rng, origins)])
    if shown:
        parts.append(_and([_GENRE_WORDS[g] for g in shown]))
    parts.append(_and(kind_words))
    local = [lang for lang in b["languages"] if lang not in ("en", "zh")]
    lang = ""
    if local and rng.random() < 0.6:
        lang = f" with {LANGUAGE_NAMES[local[0]]} subtitles or dubbing"
    template = rng.choice(_TEMPLATES[b["buyer_type"]])
    return template.format(
        c=" ".join(parts),
        l=lang,
        m=_and([_MEDIA_WORDS[m] for m in b["media"]]),
        t=_and([TERRITORY_NAMES[t] for t in b["territories"]]),
    )


def generate_buyers(total: int = 2000) -> list[dict]:
    """`total` buyers across 50+ countries, the same every run.

    Some companies send several people (about one buyer in four joins a company already generated for the
    country); colleagues share the company's type, domain and territories but have their own interests.
    """
    rng = random.Random(2025)
    countries: list[str] = []
    for code, n in _quotas(total).items():
        countries += [code] * n
    rng.shuffle(countries)

    taken_names: set[str] = {DEMO_BUYER["company"].lower(), _slug(DEMO_BUYER["company"])}
    companies: dict[str, list[dict]] = {}
    emails: set[str] = set(RESERVED_EMAILS)
    buyers: list[dict] = []
    for code in countries:
        country = _COUNTRIES[code]
        existing = companies.setdefault(code, [])
        if existing and rng.random() < 0.25:
            company = rng.choice(existing)
        else:
            buyer_type = _weighted(rng, _TYPE_WEIGHTS | country.get("types", {}))
            name = _company_name(rng, code, buyer_type, taken_names)
            company = {
                "name": name,
                "domain": f"{_slug(name)}.example",
                "buyer_type": buyer_type,
                "territories": _territories(rng, code, buyer_type),
            }
            existing.append(company)

        for _ in range(20):  # a new name if a colleague already has this one
            full_name, local = _person(rng, country)
            email = f"{local}@{company['domain']}"
            if email not in emails:
                break
        else:
            n = 2
            while f"{local}{n}@{company['domain']}" in emails:
                n += 1
            email = f"{local}{n}@{company['domain']}"
        emails.add(email)

        buyer_type = company["buyer_type"]
        kinds = _kinds(rng, code, buyer_type)
        buyer = {
            "email": email,
            "full_name": full_name,
            "company": company["name"],
            "buyer_type": buyer_type,
            "country": code,
            "territories": list(company["territories"]),
            "media": _media(rng, buyer_type),
            "kinds": kinds,
            "genres": _genres(rng, code, kinds),
            "languages": _languages(rng, code, buyer_type),
        }
        buyer["looking_for"] = _looking_for(rng, buyer)
        buyer["verified"] = rng.random() < 0.8
        buyers.append(buyer)
    return buyers


# --- Self-check -------------------------------------------------------------------------------------

if __name__ == "__main__":
    started = time.perf_counter()
    buyers = generate_buyers()
    elapsed = time.perf_counter() - started

    assert len(buyers) == 2000
    assert buyers == generate_buyers(), "not deterministic"
    keys = {
        "email",
        "full_name",
        "company",
        "buyer_type",
        "country",
        "territories",
        "media",
        "kinds",
        "genres",
        "languages",
        "looking_for",
        "verified",
    }
    emails = [b["email"] for b in buyers]
    assert len(set(emails)) == len(emails), "duplicate emails"
    assert not RESERVED_EMAILS & set(emails)
    email_re = re.compile(r"^[a-z0-9]+\.[a-z0-9]+@[a-z0-9]+(-[a-z0-9]+)*\.example$")
    for b in buyers:
        assert set(b) == keys, b
        assert email_re.match(b["email"]), b["email"]
        assert b["full_name"].strip() and b["company"].strip()
        assert b["buyer_type"] in BUYER_TYPES
        assert b["country"] in _COUNTRIES
        assert 1 <= len(b["territories"]) <= 5 and len(set(b["territories"])) == len(b["territories"])
        assert all(t in TERRITORY_NAMES and re.fullmatch(r"[A-Z]{2}", t) for t in b["territories"])
        assert 1 <= len(b["media"]) <= 4 and set(b["media"]) <= set(MEDIA)
        assert 1 <= len(b["kinds"]) <= 3 and set(b["kinds"]) <= set(KINDS)
        assert 1 <= len(b["genres"]) <= 4 and set(b["genres"]) <= set(GENRES)
        assert 1 <= len(b["languages"]) <= 3 and set(b["languages"]) <= set(LANGUAGES)
        assert b["looking_for"].endswith(".") and "\n" not in b["looking_for"] and "{" not in b["looking_for"]
        assert isinstance(b["verified"], bool)
    # Each company is one type in one country.
    by_company: dict[str, tuple[str, str]] = {}
    for b in buyers:
        assert by_company.setdefault(b["company"], (b["buyer_type"], b["country"])) == (b["buyer_type"], b["country"])
    assert DEMO_BUYER["company"] not in by_company

    countries = {b["country"] for b in buyers}
    asean = sum(b["country"] in ASEAN for b in buyers)
    asia = sum(
        _COUNTRIES[b["country"]]["region"] in ("asean", "east_asia", "south_asia", "central_asia") for b in buyers
    )
    verified = sum(b["verified"] for b in buyers) / len(buyers)
    assert len(countries) >= 40, len(countries)
    assert asean >= 300, asean
    assert 0.55 <= asia / len(buyers) <= 0.65, asia
    assert 0.75 <= verified <= 0.85, verified
    assert elapsed < 0.5, elapsed
    # The demo profile uses the same vocabulary.
    assert DEMO_BUYER["buyer_type"] in BUYER_TYPES and set(DEMO_BUYER["media"]) <= set(MEDIA)
    assert set(DEMO_BUYER["kinds"]) <= set(KINDS) and set(DEMO_BUYER["genres"]) <= set(GENRES)
    assert set(DEMO_BUYER["languages"]) <= set(LANGUAGES) and set(DEMO_BUYER["territories"]) <= set(TERRITORY_NAMES)

    by_type = {t: sum(b["buyer_type"] == t for b in buyers) for t in BUYER_TYPES}
    by_region: dict[str, int] = {}
    for b in buyers:
        region = _COUNTRIES[b["country"]]["region"]
        by_region[region] = by_region.get(region, 0) + 1
    out = sys.stdout.write
    out(f"buyers: {len(buyers)} at {len(by_company)} companies, generated in {elapsed * 1000:.0f} ms\n")
    out(f"countries: {len(countries)}; ASEAN buyers: {asean}; Asia: {asia} ({asia / len(buyers):.0%})\n")
    out("regions: " + ", ".join(f"{r} {n}" for r, n in by_region.items()) + "\n")
    out("types: " + ", ".join(f"{t} {n}" for t, n in by_type.items()) + "\n")
    out(f"verified: {verified:.1%}\n")
