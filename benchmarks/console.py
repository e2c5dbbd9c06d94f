"""Server time of the organisers' console on the full demo market, and its query count.

Target: under 300 ms, with a query count that does not grow with the data.
Usage: .venv/bin/python benchmarks/console.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,  # noqa: E402
)

from accounts.models import User  # noqa: E402
from demo.loader import demo_market_load  # noqa: E402
from meetings.models import Meeting  # noqa: E402

TARGET_MS = 300.0
RUNS = 30


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DATABASES["default"]["TEST"]["NAME"] = "filmart_benchmark_console"
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        market = demo_market_load()
        client = Client()
        client.force_login(User.objects.get(email="organiser@example.com"))
        urls = ["/organiser/", f"/organiser/?day={market.starts_on.isoformat()}"]
        for url in urls:
            client.get(url)  # warm
        times: dict[str, list[float]] = {url: [] for url in urls}
        queries: dict[str, int] = {}
        for _ in range(RUNS):
            for url in urls:
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                times[url].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
                queries[url] = len(captured)
        meetings = Meeting.objects.count()
    finally:
        teardown_databases(databases, verbosity=0)
    lines = [f"demo market: {meetings} meetings; {RUNS} requests per page; server time in the test client"]
    worst = 0.0
    for url in urls:
        p95 = percentile(times[url], 0.95)
        worst = max(worst, p95)
        lines.append(
            f"{url:34} p50 {statistics.median(times[url]):6.1f} ms  p95 {p95:6.1f} ms  {queries[url]} queries"
            f"  (target < {TARGET_MS:.0f} ms)"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
