"""Server time of directory and catalogue searches on the full demo market.

200 mixed requests (names in three scripts, typos, filters, rights questions, later pages, htmx partials),
timed through Django's full request stack in-process, with DEBUG off as in production. Target: p95 under 50 ms.
Usage: .venv/bin/python benchmarks/search.py
"""

import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")
os.environ.setdefault("DEBUG", "0")  # as served: no debug cursor or template debug bookkeeping

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from accounts.models import User  # noqa: E402
from demo.loader import demo_market_load  # noqa: E402
from exhibitors.models import Title  # noqa: E402

TARGET_P95_MS = 50.0
REQUESTS = 200

DIRECTORY_QUERIES = [
    {"q": "Tencent"},
    {"q": "騰訊"},
    {"q": "腾讯"},
    {"q": "tencnet"},
    {"q": "iqiyi"},
    {"q": "愛奇藝"},
    {"q": "pictures"},
    {"q": "film"},
    {"q": "huace"},
    {"q": "guangzhou"},
    {"pavilion": "guangdong"},
    {"region": ["TH", "VN", "MY"]},
    {"type": "platform"},
    {"q": "studio", "region": "KR"},
    {"page": "3"},
    {"pavilion": "france"},
    {"q": "bangkok"},
    {"q": "珠江"},
    {},
]
CATALOGUE_QUERIES = [
    {"media": "svod", "territory": "TH"},
    {"q": "love"},
    {"q": "繁花"},
    {"q": "blossoms shanghai"},
    {"q": "blosoms"},
    {"kind": "micro"},
    {"genre": ["romance", "costume"]},
    {"language": "th"},
    {"media": ["free_tv", "pay_tv"], "territory": "VN", "kind": "series"},
    {"q": "tencent", "kind": "series"},
    {"q": "harbour", "genre": "crime"},
    {"territory": "FR", "media": "theatrical"},
    {"page": "5"},
    {"region": "CN", "kind": "micro", "media": "avod"},
    {"q": "dragon"},
    {"q": "承歡記"},
    {},
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    setup_test_environment()
    settings.DATABASES["default"]["TEST"]["NAME"] = "filmart_benchmark"
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        market = demo_market_load()
        # The load leaves a large heap in this process, which a web process would not have: freeze it so
        # garbage collection pauses measure the requests, not the loader.
        gc.collect()
        gc.freeze()
        client = Client()
        client.force_login(User.objects.get(email="buyer@example.com"))
        rng = random.Random(7)
        plan = [
            ("directory", rng.choice(DIRECTORY_QUERIES)) if n % 2 else ("catalogue", rng.choice(CATALOGUE_QUERIES))
            for n in range(REQUESTS)
        ]
        for url, params in plan[:10]:  # warm caches and connections
            client.get(f"/{'exhibitors' if url == 'directory' else 'titles'}/", params)
        timings: dict[str, list[float]] = {"directory": [], "catalogue": []}
        for n, (url, params) in enumerate(plan):
            headers = {"HX-Request": "true"} if n % 3 == 0 else {}
            started = time.perf_counter()
            response = client.get(f"/{'exhibitors' if url == 'directory' else 'titles'}/", params, headers=headers)
            timings[url].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, params, response.status_code)
        titles = Title.objects.filter(exhibitor__market=market).count()
    finally:
        teardown_databases(databases, verbosity=0)
    everything = timings["directory"] + timings["catalogue"]
    lines = [f"market: {titles} titles; {REQUESTS} requests, server time in ms (Django test client, in-process)"]
    lines.append(f"{'':<10} {'n':>4} {'p50':>7} {'p95':>7} {'max':>7}")
    for name, values in [*timings.items(), ("all", everything)]:
        lines.append(
            f"{name:<10} {len(values):>4} {statistics.median(values):>7.1f} {percentile(values, 0.95):>7.1f} "
            f"{max(values):>7.1f}"
        )
    lines.append(f"target: p95 < {TARGET_P95_MS:.0f} ms")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if percentile(everything, 0.95) < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
