"""How long `manage.py load_demo_market` takes: into an empty database, and again over itself.

Target: under 30 seconds. Runs against a throw-away database on the same server as the app.
Usage: .venv/bin/python benchmarks/demo_load.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from demo.loader import demo_market_load  # noqa: E402
from exhibitors.selectors import market_figures  # noqa: E402

TARGET_SECONDS = 30.0


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main() -> int:
    settings.DATABASES["default"]["TEST"]["NAME"] = "filmart_benchmark"
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        first, market = timed(demo_market_load)
        again, _market = timed(demo_market_load)
        figures = market_figures(market=market)
    finally:
        teardown_databases(databases, verbosity=0)
    rows = [
        ("load into an empty database", f"{first:.2f} s"),
        ("load again (idempotent refresh)", f"{again:.2f} s"),
        ("exhibitors / regions / pavilions", "{exhibitors} / {regions} / {pavilions}".format(**figures)),
        ("target", f"< {TARGET_SECONDS:.0f} s"),
    ]
    width = max(len(label) for label, _value in rows)
    sys.stdout.write("\n".join(f"{label:<{width}}  {value}" for label, value in rows) + "\n")
    return 0 if max(first, again) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
