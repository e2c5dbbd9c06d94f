"""Load test: the minute the booking window opens, against the production stack on this machine.

A throw-away database holds the full-size market (`load_demo_market --scale full`); the 50 busiest reps'
companies accept requests automatically, so a booking that wins is a meeting with two confirmation emails.
bin/production-local serves it (gunicorn with 2 processes, 2 Celery workers, beat; production settings) and
sends mail to a loopback SMTP server that counts each Message-ID. Locust (benchmarks/locustfile.py, headless,
on loopback, for RUN_SECONDS) runs 500 buyers racing for those reps' first slots while 100 more people browse.

Then: server errors (locust failures: 5xx or no answer), booking latency, overlapping meetings by SQL, and
the queue: every confirmation email of the meetings made must arrive, exactly once, within two minutes of the
end. Prints a Markdown report (the table of docs/performance.md); exits 1 if any of those fails.
Usage: .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/load_test.py   (about four minutes)
"""

import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.db.models import Max
from django.utils import timezone
from stack import (
    CSRF_SECRET,
    ROOT,
    SmtpCounter,
    cookie_for,
    database_name,
    full_market_database,
    production_stack,
    sessions_for,
)

from accounts.models import User  # noqa: E402 - Django is set up by stack
from exhibitors.models import Title  # noqa: E402
from meetings import selectors  # noqa: E402
from meetings.models import Meeting, Status  # noqa: E402
from notifications.models import OutboundEmail, OutboundStatus  # noqa: E402

BUYERS = 500
BROWSERS = 100
POPULAR_REPS = 50
RUN_SECONDS = 60
ARRIVALS_PER_SECOND = 20  # people arriving: all 600 within the first half-minute, each booking at once
BUYER_WAIT = (10, 30)  # seconds between one buyer's attempts: two to six each in the minute
DRAIN_SECONDS = 120
P95_TARGET_MS = 800


def plan(popular: list[dict]) -> dict:
    verified = User.objects.filter(buyer_profile__verification="verified").order_by("pk")
    buyers = list(verified[:BUYERS])
    browsers = list(verified[BUYERS : BUYERS + BROWSERS])
    return {
        "popular": popular,
        "buyers": [cookie_for(key) for key in sessions_for(buyers)],
        "browsers": [cookie_for(key) for key in sessions_for(browsers)],
        "buyer_count": BUYERS,
        "browser_count": BROWSERS,
        "buyer_wait": BUYER_WAIT,
        "csrf": CSRF_SECRET,
        "titles": list(Title.objects.order_by("?").values_list("slug", flat=True)[:300]),
        "words": ["drama", "animation", "thai", "korea", "romance", "documentary", "tencent", "family"],
        "genres": ["drama", "romance", "comedy", "thriller", "fantasy", "documentary"],
    }


def locust(base: str, plan_path: Path, csv_prefix: Path, log: Path) -> None:
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
        "--host", base, "--users", str(BUYERS + BROWSERS), "--spawn-rate", str(ARRIVALS_PER_SECOND),
        "--run-time", f"{RUN_SECONDS}s", "--stop-timeout", "10", "--csv", str(csv_prefix), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    with open(log, "wb") as output:
        subprocess.run(  # noqa: S603 - our own command line
            command,
            env={"FILMART_LOAD_PLAN": str(plan_path), "PATH": str(ROOT / ".venv" / "bin")},
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=RUN_SECONDS + 120,
            check=False,
        )


def stats(csv_prefix: Path) -> dict[str, dict]:
    with open(f"{csv_prefix}_stats.csv", encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def main() -> int:
    from all import popular_slots  # the same 50 busiest reps, their first free slots, auto-accepting

    with (
        tempfile.TemporaryDirectory() as work,
        SmtpCounter() as sink,
        full_market_database(database_name("load_test")),
    ):
        work = Path(work)
        plan_path = work / "plan.json"
        plan_path.write_text(json.dumps(plan(popular_slots())))
        log = work / "stack.log"
        try:
            with production_stack(smtp_port=sink.port, log=log) as base:
                accepted_before = Meeting.objects.filter(status=Status.ACCEPTED).count()
                last_row = OutboundEmail.objects.aggregate(last=Max("pk"))["last"] or 0
                locust(base, plan_path, work / "locust", work / "locust.log")
                ended = time.monotonic()
                made = Meeting.objects.filter(status=Status.ACCEPTED).count() - accepted_before
                written = OutboundEmail.objects.filter(pk__gt=last_row)
                # Every row of the run due by now (the confirmations; reminders fall due in March) must leave.
                due_waiting = written.filter(
                    next_attempt_at__lte=timezone.now(), status__in=[OutboundStatus.PENDING, OutboundStatus.SENDING]
                )
                sent = written.filter(status=OutboundStatus.SENT)
                while due_waiting.exists() or sink.count() < sent.count():
                    if time.monotonic() - ended > DRAIN_SECONDS:
                        break
                    time.sleep(0.25)
                drained = time.monotonic() - ended
                waiting = due_waiting.count()
                sent_count = sent.count()
                confirmations = written.filter(kind="accepted")
                sent_confirmations = confirmations.filter(status=OutboundStatus.SENT).count()
                written_count = written.count()
        except Exception:
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise
        figures = stats(work / "locust")
        locust_log = (work / "locust.log").read_text(errors="replace")
        overlaps = selectors.double_bookings_count()
        received, distinct = sink.count(), sink.distinct()

    book, total = figures["book a slot"], figures["Aggregated"]
    failures = int(total["Failure Count"])
    p95 = float(book["95%"])
    drained_ok = not waiting and received == sent_count and drained <= DRAIN_SECONDS
    rows = [
        ("simulated people", f"{BUYERS} buyers booking, {BROWSERS} browsing, for {RUN_SECONDS} s"),
        ("requests", f"{int(total['Request Count']):,} ({float(total['Requests/s']):.0f} per second)"),
        ("server errors", f"{failures}"),
        ("booking attempts", f"{int(book['Request Count']):,}"),
        ("meetings confirmed", f"{made:,}"),
        ("booking latency", f"p50 {float(book['50%']):.0f} ms, p95 {p95:.0f} ms (target < {P95_TARGET_MS} ms)"),
        ("all requests", f"p50 {float(total['50%']):.0f} ms, p95 {float(total['95%']):.0f} ms"),
        ("overlapping meetings (SQL)", f"{overlaps}"),
        ("confirmation emails sent", f"{sent_confirmations:,} for {made:,} meetings (one to each side)"),
        ("emails sent in all", f"{sent_count:,}: the confirmations, and notices of the requests they closed"),
        ("emails received by the SMTP server", f"{received:,}, {distinct:,} distinct Message-IDs"),
        ("queue drained", f"{drained:.1f} s after the run" + ("" if drained_ok else " (NOT drained)")),
        ("outbox rows written", f"{written_count:,} (with each meeting's reminders, due later)"),
    ]
    for name, row in figures.items():
        if name not in ("Aggregated", "book a slot"):
            rows.append((f"{name} (browsing)", f"p50 {float(row['50%']):.0f} ms, p95 {float(row['95%']):.0f} ms"))
    sys.stdout.write("| measure | result |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows))
    ok = failures == 0 and p95 < P95_TARGET_MS and overlaps == 0 and drained_ok and made > 0
    ok = ok and sent_confirmations == 2 * made and distinct == received
    if not ok:
        sys.stderr.write(locust_log[-3000:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
