"""Time to compute a buyer's top 20 recommendations, and all buyers' in turn, on the full demo market.

Targets: one buyer's top 20 at p95 under 50 ms; every buyer under 60 s. Recommendations are computed in
one SQL statement per buyer, always from current data, so "recomputing all buyers" is asking for each: once
in turn (the one-buyer figures), then on as many connections as the machine has cores, as a background job
spread over workers would.
Usage: .venv/bin/python benchmarks/matches.py
"""

import gc
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from demo.loader import demo_market_load  # noqa: E402
from exhibitors.models import Exhibitor  # noqa: E402
from matchmaking.models import BuyerProfile  # noqa: E402
from matchmaking.selectors import buyers_for_exhibitor, titles_for_buyer  # noqa: E402

TARGET_ONE_P95_MS = 50.0
TARGET_ALL_S = 60.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def recommend_all(profiles: list, market) -> None:
    try:
        for profile in profiles:
            titles_for_buyer(profile=profile, market=market)
    finally:
        connection.close()  # this thread's own connection, so the benchmark database can be dropped


def main() -> int:
    setup_test_environment()
    settings.DATABASES["default"]["TEST"]["NAME"] = "filmart_benchmark"
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        market = demo_market_load()
        gc.collect()
        gc.freeze()
        profiles = list(BuyerProfile.objects.select_related("user").order_by("pk"))
        for profile in profiles[:5]:
            titles_for_buyer(profile=profile, market=market)
        one: list[float] = []
        started_serial = time.perf_counter()
        for profile in profiles:
            started = time.perf_counter()
            titles_for_buyer(profile=profile, market=market)
            one.append((time.perf_counter() - started) * 1000)
        serial_seconds = time.perf_counter() - started_serial
        workers = os.cpu_count() or 1
        started_all = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda share: recommend_all(share, market), [profiles[i::workers] for i in range(workers)]))
        all_seconds = time.perf_counter() - started_all
        exhibitors = list(Exhibitor.objects.filter(market=market).order_by("pk")[:50])
        sides: list[float] = []
        for exhibitor in exhibitors:
            started = time.perf_counter()
            buyers_for_exhibitor(exhibitor=exhibitor)
            sides.append((time.perf_counter() - started) * 1000)
    finally:
        teardown_databases(databases, verbosity=0)
    lines = [
        f"buyers: {len(profiles)}; times include turning rows into reasons",
        f"one buyer's top 20      p50 {statistics.median(one):6.1f} ms   p95 {percentile(one, 0.95):6.1f} ms   "
        f"(target p95 < {TARGET_ONE_P95_MS:.0f} ms)",
        f"every buyer, in turn    {serial_seconds:6.1f} s",
        f"every buyer, {workers} at once {all_seconds:6.1f} s (target < {TARGET_ALL_S:.0f} s)",
        f"buyers for an exhibitor p50 {statistics.median(sides):6.1f} ms   p95 {percentile(sides, 0.95):6.1f} ms "
        f"({len(sides)} exhibitors)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if percentile(one, 0.95) < TARGET_ONE_P95_MS and all_seconds < TARGET_ALL_S else 1


if __name__ == "__main__":
    sys.exit(main())
