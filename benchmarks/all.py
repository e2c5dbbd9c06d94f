"""Every benchmark in one run, printed as one table: the production stack on the full-size market.

A throw-away database is loaded with `load_demo_market --scale full` (1,000 exhibitors, 3,000 reps, 10,000
titles, 10,000 buyers, 50,000 meetings), and bin/production-local serves it: gunicorn with 2 processes, 2 Celery
workers and beat, production settings. Then, one after another:

- pages: each page requested RUNS times in turn by one client, as the user who reads it, with the bare
  Django view (/livez: no database, no template) requested between them; the figure is the server's own
  time from the Server-Timing header, so the network is left out;
- booking under contention: CLIENTS threads post bookings for BOOKING_SECONDS, each a random buyer asking
  for one of the first slots of one of the 50 busiest reps (their companies accept automatically, so a
  booking that wins is a meeting); latency is measured by the client, so its ratio is to the bare view's
  latency measured the same way; SQL checks afterwards that nobody is in two meetings at once;
- reminder fan-out: FAN_OUT reminders falling due at once, written to the outbox and handed to the two
  workers, timed until the SMTP server has them all (each exactly once);
- memory: the resident memory of each gunicorn process after all that.

Each time is also printed as a ratio to the bare view in the same run, so two machines can be compared.
Exits 1 on any server error, overlap or lost or duplicated email.
Usage: .venv/bin/python benchmarks/all.py   (about four minutes)
"""

import http.client
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count
from stack import (
    CSRF_SECRET,
    SmtpCounter,
    cookie_for,
    full_market_database,
    gunicorn_worker_memory_mb,
    percentile,
    production_stack,
    sessions_for,
)

from accounts.models import User  # noqa: E402 - Django is set up by stack
from exhibitors.models import Exhibitor  # noqa: E402
from meetings import selectors  # noqa: E402
from meetings.models import Meeting, Status  # noqa: E402
from notifications.services import outbound_email_queue  # noqa: E402

RUNS = 40
PAGES = [  # what, who reads it, where
    ("home", "buyer@example.com", "/"),
    ("directory search", "buyer@example.com", "/exhibitors/?q=drama"),
    ("title page", "buyer@example.com", "/titles/blossoms-shanghai/"),
    ("recommendations", "buyer@example.com", "/matches/"),
    ("slot picker", "buyer@example.com", "/meetings/book/tencent/"),
    ("agenda", "buyer@example.com", "/meetings/"),
    ("organiser console", "organiser@example.com", "/organiser/"),
]
POPULAR_REPS = 50
SLOTS_PER_REP = 12  # the first free ones: everybody wants the first day
BUYERS = 500
CLIENTS = 16
BOOKING_SECONDS = 20.0
FAN_OUT = 2000


class Client:
    """One keep-alive HTTP connection to the stack."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)

    def request(self, method: str, path: str, cookie: str, body: str | None = None) -> tuple[int, float, float]:
        """(status, client milliseconds, server milliseconds from Server-Timing)."""
        headers = {"Cookie": cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF_SECRET}
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        timing = re.search(r"dur=([\d.]+)", response.getheader("Server-Timing", "")) or None
        return response.status, elapsed, float(timing.group(1)) if timing else elapsed


def pages(base: str, cookies: dict[str, str]) -> dict[str, dict]:
    client = Client(base)
    server: dict[str, list[float]] = {name: [] for name, _who, _path in PAGES}
    server["bare Django view (/livez)"] = []
    errors: list[str] = []
    for _name, who, path in PAGES:  # warm: caches and each process's first use of a template
        for _ in range(4):
            client.request("GET", path, cookies[who])
    for _ in range(RUNS):
        for name, who, path in PAGES:
            status, _client_ms, server_ms = client.request("GET", path, cookies[who])
            if status != 200:
                errors.append(f"{path}: {status}")
            server[name].append(server_ms)
            status, _client_ms, server_ms = client.request("GET", "/livez", "")
            server["bare Django view (/livez)"].append(server_ms)
    if errors:
        raise SystemExit(f"{len(errors)} page requests failed, e.g. {errors[:3]}")
    return {name: {"p50": statistics.median(times), "p95": percentile(times, 0.95)} for name, times in server.items()}


def popular_slots() -> list[dict]:
    """The 50 busiest reps (most accepted meetings), their companies accepting automatically, and the
    first free slots of each: where the rush goes."""
    busiest = (
        Meeting.objects.filter(status=Status.ACCEPTED)
        .values("rep_id", "exhibitor_id")
        .order_by()
        .annotate(held=Count("pk"))
        .order_by("-held", "rep_id")[:POPULAR_REPS]
    )
    plans = []
    for row in busiest:
        exhibitor = Exhibitor.objects.get(pk=row["exhibitor_id"])
        rep = User.objects.get(pk=row["rep_id"])
        free = [
            slot.start.isoformat()
            for day in selectors.days_with_hours(exhibitor=exhibitor, rep=rep)
            for slot in selectors.slots_for_rep(rep=rep, exhibitor=exhibitor, day=day)
            if slot.free
        ]
        plans.append({"slug": exhibitor.slug, "rep": rep.pk, "starts": free[:SLOTS_PER_REP]})
    Exhibitor.objects.filter(pk__in=[row["exhibitor_id"] for row in busiest]).update(auto_accept_meetings=True)
    return plans


def booking(base: str, plans: list[dict], buyer_cookies: list[str], bare_client_ms: list[float]) -> dict:
    latencies: list[float] = []
    outcomes = {"booked": 0, "refused": 0, "errors": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + BOOKING_SECONDS

    def client_loop(seed: int) -> None:
        rng = random.Random(seed)
        client = Client(base)
        while time.monotonic() < deadline:
            plan = plans[min(int(rng.expovariate(1 / 8)), len(plans) - 1)]  # the first few reps most of all
            start = plan["starts"][min(int(rng.expovariate(1 / 2)), len(plan["starts"]) - 1)]
            body = urlencode({"rep": plan["rep"], "start": start, "message": "Rush hour"})
            try:
                status, elapsed, _server = client.request(
                    "POST", f"/meetings/book/{plan['slug']}/", rng.choice(buyer_cookies), body
                )
            except OSError:
                status, elapsed, client = 0, 0.0, Client(base)
            with lock:
                latencies.append(elapsed)
                kind = "booked" if status == 302 else "refused" if status == 400 else "errors"
                outcomes[kind] += 1

    before = Meeting.objects.filter(status=Status.ACCEPTED).count()
    started = time.monotonic()
    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    accepted = Meeting.objects.filter(status=Status.ACCEPTED).count() - before
    return {
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "bare_p50": statistics.median(bare_client_ms),
        "bare_p95": percentile(bare_client_ms, 0.95),
        "posts": len(latencies),
        "accepted": accepted,
        "per_second": accepted / seconds,
        "overlaps": selectors.double_bookings_count(),
        **outcomes,
    }


def bare_client_latency(base: str) -> list[float]:
    client = Client(base)
    return [client.request("GET", "/livez", "")[1] for _ in range(200)]


def fan_out(sink: SmtpCounter) -> dict:
    already = sink.count()
    with transaction.atomic():  # each row is handed to a worker when this commits
        for n in range(FAN_OUT):
            message = EmailMessage(f"Soon: your meeting {n}", "Your meeting starts soon.", None, [f"p{n}@example.org"])
            outbound_email_queue(message=message, key=f"benchmark-reminder:{n}", kind="reminder")
    started = time.monotonic()
    while sink.count() - already < FAN_OUT and time.monotonic() - started < 600:
        time.sleep(0.05)
    seconds = time.monotonic() - started
    return {"seconds": seconds, "received": sink.count() - already, "distinct": sink.distinct() - already}


def main() -> int:
    with tempfile.TemporaryDirectory() as logs, SmtpCounter() as sink, full_market_database("filmart_benchmark_all"):
        users = {email: User.objects.get(email=email) for _what, email, _path in PAGES}
        cookies = dict(zip(users, (cookie_for(key) for key in sessions_for(list(users.values()))), strict=True))
        buyers = list(User.objects.filter(buyer_profile__verification="verified").order_by("pk")[:BUYERS])
        buyer_cookies = [cookie_for(key) for key in sessions_for(buyers)]
        plans = popular_slots()
        log = Path(logs) / "stack.log"
        try:
            with production_stack(smtp_port=sink.port, log=log) as base:
                page_figures = pages(base, cookies)
                bare = page_figures["bare Django view (/livez)"]
                booking_figures = booking(base, plans, buyer_cookies, bare_client_latency(base))
                fan_out_figures = fan_out(sink)
                memory = gunicorn_worker_memory_mb()
        except BaseException:
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise
        meetings = Meeting.objects.count()

    rows = [f"{'measure':34} {'p50':>10} {'p95':>10} {'× bare p50':>11} {'× bare p95':>11}  notes"]
    bare_first = sorted(page_figures.items(), key=lambda item: item[0] != "bare Django view (/livez)")
    for name, figures in bare_first:
        rows.append(
            f"{name:34} {figures['p50']:8.1f}ms {figures['p95']:8.1f}ms {figures['p50'] / bare['p50']:11.0f} "
            f"{figures['p95'] / bare['p95']:11.0f}  server time, {RUNS} requests"
        )
    b = booking_figures
    rows.append(
        f"{'booking under contention':34} {b['p50']:8.1f}ms {b['p95']:8.1f}ms {b['p50'] / b['bare_p50']:11.0f} "
        f"{b['p95'] / b['bare_p95']:11.0f}  {CLIENTS} clients, {b['posts']} posts: {b['accepted']} meetings "
        f"({b['per_second']:.1f}/s), {b['refused']} refused, {b['errors']} errors, {b['overlaps']} overlaps"
    )
    f = fan_out_figures
    rows.append(
        f"{'reminder fan-out':34} {'':>10} {'':>10} {'':>11} {'':>11}  {f['received']:,} emails in "
        f"{f['seconds']:.1f} s ({f['received'] / f['seconds']:.0f}/s), {f['distinct']:,} distinct, 2 workers"
    )
    rows.append(
        f"{'memory per web process':34} {statistics.median(memory):8.0f}MB {max(memory):8.0f}MB {'':>11} {'':>11}"
        f"  resident, {len(memory)} gunicorn processes (median, largest)"
    )
    sys.stdout.write(
        f"Full-size market ({meetings:,} meetings), production stack: gunicorn ×2, 2 Celery workers, beat.\n"
        f"bare Django view: server time p50 {bare['p50']:.2f} ms, over loopback p50 {b['bare_p50']:.2f} ms\n\n"
        + "\n".join(rows)
        + "\n"
    )
    failed = b["errors"] or b["overlaps"] or not b["accepted"] or f["received"] != FAN_OUT or f["distinct"] != FAN_OUT
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
