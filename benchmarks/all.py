"""Every benchmark in one run, printed as one table of figures, targets and PASS/FAIL: the production stack on
the full-size market.

A throw-away database is loaded with `load_demo_market --scale full` (1,000 exhibitors, 3,000 reps, 10,000
titles, 10,000 buyers, 50,000 meetings), and bin/production-local serves it: gunicorn with 2 processes, 2 Celery
workers and beat, production settings, on a redis-server of the benchmark's own (stack.own_redis), mail to a
loopback SMTP server that counts each Message-ID. Then, one after another:

- catalogue search: CATALOGUE_QUESTIONS distinct catalogue questions (/titles/ unfiltered and with one filter
  value each), each asked first right after the stack started (its counts cold) and then once more; p95 of
  the server's time over all of them, the first asks included;
- pages: each page requested RUNS times in turn by one client, as the user who reads it, with the floor page
  (/signed-in/: the base layout, session, user and market, nothing else) and the bare Django view (/livez: no
  database, no template) requested between them; the figure is the server's own time from the Server-Timing
  header, so the network is left out, and each page is also given as a multiple of the floor page;
- queries per auto-accepted booking: one booking POST through django.test.Client in this process, on the same
  database, counted with CaptureQueriesContext (after one booking to warm the process up);
- the bare insert: INSERT of one accepted meeting row under its exclusion constraints and COMMIT, with a
  cursor from this process (each row deleted afterwards, untimed): the floor PostgreSQL cannot go below;
- auto-accepted booking, server time: SEQUENTIAL_BOOKINGS bookings one after another by one client, each by
  another buyer for another free slot (no contention), SEQUENTIAL_PAUSE s apart (so the Celery workers have
  written the last booking's two emails: on two cores they would compete with the next one), the server's time
  from Server-Timing; BACK_TO_BACK more with no pause are printed beside it;
- the booking window: ARRIVALS distinct buyers arrive evenly over WINDOW_SECONDS (an open loop: at each
  arrival's time a dispatcher hands it to an idle client thread, of BOOKING_THREADS started beforehand, or
  starts another; each arrival opens a connection of its own) and post one booking each for one of the first
  free slots of the 50 busiest reps, whose companies accept automatically; BROWSERS other people browse
  meanwhile (home, directory, catalogue, titles, recommendations, agenda; 3-8 s between pages). Latency is the
  client's, from each arrival's scheduled time. SQL then checks that nobody is in two meetings at once, and
  every confirmation of the meetings made (two each) must reach the SMTP server exactly once within
  DRAIN_SECONDS;
- Redis hanging: two clients book (each a booking every HANG_PACE s, distinct buyers and free slots) while
  the stack's redis-server is frozen (SIGSTOP) for HANG_SECONDS, then thawed (SIGCONT); the slowest booking
  during the hang, then every confirmation of those bookings must reach the SMTP server exactly once within
  HANG_DRAIN_SECONDS (those not handed to a worker wait for beat's outbox sweep, once a minute);
- memory: the resident memory of each gunicorn process after all that;
- 10,000 reminders through one worker: benchmarks/reminders.py, run afterwards in its own process (its own
  small database, worker, Redis and SMTP server).

Exits 1 if any figure misses its target, on any error, overlap, or lost or duplicated email.
Smaller runs while trying it out: BENCH_ARRIVALS, BENCH_WINDOW_SECONDS, BENCH_BROWSERS, BENCH_RUNS,
BENCH_HANG_SECONDS, REMINDERS (see the constants below); FILMART_BENCH_DB_PREFIX names the databases.
Usage: .venv/bin/python benchmarks/all.py   (about ten minutes)
"""

import http.client
import json
import os
import queue
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from stack import (
    CSRF_SECRET,
    ROOT,
    SmtpCounter,
    cookie_for,
    database_name,
    full_market_database,
    gunicorn_worker_memory_mb,
    message_id_of,
    own_redis,
    percentile,
    production_stack,
    sessions_for,
)

from accounts.models import User  # noqa: E402 - Django is set up by stack
from exhibitors.models import Exhibitor, Title  # noqa: E402
from exhibitors.vocabulary import Genre, Language, Media, TitleKind  # noqa: E402
from meetings import selectors  # noqa: E402
from meetings.models import Availability, BusyTime, Meeting, Status  # noqa: E402
from notifications.models import OutboundEmail, OutboundStatus  # noqa: E402


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


RUNS = _env_int("BENCH_RUNS", 40)
BUYER = "buyer@example.com"
ORGANISER = "organiser@example.com"
PAGES = [  # what, who reads it, where
    ("home", BUYER, "/"),
    ("directory search", BUYER, "/exhibitors/?q=drama"),
    ("title page", BUYER, "/titles/blossoms-shanghai/"),
    ("recommendations", BUYER, "/matches/"),
    ("slot picker", BUYER, "/meetings/book/tencent/"),
    ("agenda", BUYER, "/meetings/"),
    ("organiser console", ORGANISER, "/organiser/"),
]
CONSOLE = "organiser console"
FLOOR = ("floor page (/signed-in/)", BUYER, "/signed-in/")
BARE = "bare Django view (/livez)"
CATALOGUE_QUESTIONS = 30
POPULAR_REPS = 50
SLOTS_PER_REP = 12  # the first free ones: everybody wants the first day
SEQUENTIAL_BOOKINGS = 40
SEQUENTIAL_PAUSE = 0.3  # seconds between those bookings
BACK_TO_BACK = 20
BARE_INSERTS = 200
ARRIVALS = _env_int("BENCH_ARRIVALS", 1000)
WINDOW_SECONDS = _env_float("BENCH_WINDOW_SECONDS", 20.0)
BOOKING_THREADS = 100
BROWSERS = _env_int("BENCH_BROWSERS", 200)
SERVER_KEEPALIVE_SECONDS = 4.0  # gunicorn closes an idle connection after GUNICORN_KEEPALIVE (5 s)
THINK_SECONDS = (3.0, 8.0)  # between one person's pages, as the browsing users of benchmarks/locustfile.py
DRAIN_SECONDS = 120.0
HANG_SECONDS = _env_float("BENCH_HANG_SECONDS", 15.0)
HANG_CLIENTS = 2
HANG_PACE = 0.3  # seconds from one booking's start to the next, per client
HANG_LEAD = 3.0  # seconds of booking before Redis freezes, and after it thaws
HANG_DRAIN_SECONDS = 180.0
REMINDERS = _env_int("REMINDERS", 10_000)
STOP = ("stop",)
REFUSAL = re.compile(r'<li class="message message-error">(.*?)</li>', re.S)  # why a booking was refused

TARGETS = {
    "queries": 20,
    "booking_server_ms": 25.0,
    "booking_vs_insert": 10.0,
    "window_p95_ms": 300.0,
    "console_p95_ms": 40.0,
    "catalogue_p95_ms": 30.0,
    "page_p95_ms": 50.0,
    "page_vs_floor": 5.0,
    "memory_mb": 150.0,
    "reminders_seconds": 60.0,
    "hang_slowest_ms": 1000.0,
}


class Client:
    """One keep-alive HTTP connection to the stack, used as a browser uses one: after the server's keep-alive
    time a new connection is opened, and a GET the server closed the connection under is sent again once."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.last_used = time.monotonic()

    def request(self, method: str, path: str, cookie: str, body: str | None = None) -> tuple[int, float, float]:
        """(status, client milliseconds, server milliseconds from Server-Timing)."""
        headers = {"Cookie": cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF_SECRET}
        if time.monotonic() - self.last_used > SERVER_KEEPALIVE_SECONDS:
            self.connection.close()  # the server has let it go; the next request connects again
        started = time.perf_counter()
        try:
            response = self._send(method, path, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if method != "GET":
                raise
            self.connection.close()
            response = self._send(method, path, body, headers)
        self.last_used = time.monotonic()
        elapsed = (time.perf_counter() - started) * 1000
        timing = re.search(r"dur=([\d.]+)", response.getheader("Server-Timing", "")) or None
        return response.status, elapsed, float(timing.group(1)) if timing else elapsed

    def _send(self, method: str, path: str, body: str | None, headers: dict) -> http.client.HTTPResponse:
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response

    def close(self) -> None:
        self.connection.close()


def _figures(times: list[float]) -> dict:
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95), "max": max(times), "n": len(times)}


# --- Pages ----------------------------------------------------------------------------------------------


def catalogue_questions() -> list[str]:
    """Distinct catalogue questions: unfiltered, then one filter value each (kinds, genres, rights, languages,
    territories), CATALOGUE_QUESTIONS in all."""
    singles = [
        *(("kind", value) for value in TitleKind.values),
        *(("genre", value) for value in Genre.values[:8]),
        *(("media", value) for value in Media.values[:7]),
        *(("language", value) for value in Language.values[:3]),
        *(("territory", value) for value in ("TH", "JP", "KR", "FR")),
    ]
    return ["/titles/"] + [f"/titles/?{urlencode({name: value})}" for name, value in singles][: CATALOGUE_QUESTIONS - 1]


def catalogue(base: str, cookie: str) -> dict:
    """Each question asked first while its counts are cold (right after the stack started), then again."""
    client = Client(base)
    for _ in range(6):  # each web process's first request (templates, translations), not the catalogue's
        client.request("GET", FLOOR[2], cookie)
    first, again, errors = [], [], []
    questions = catalogue_questions()
    for times in (first, again):
        for path in questions:
            status, _client_ms, server_ms = client.request("GET", path, cookie)
            if status != 200:
                errors.append(f"{path}: {status}")
            times.append(server_ms)
    client.close()
    return {
        **_figures(first + again),
        "first": _figures(first),
        "again": _figures(again),
        "questions": len(questions),
        "errors": errors,
    }


def pages(base: str, cookies: dict[str, str]) -> dict[str, dict]:
    client = Client(base)
    timed = [*PAGES, FLOOR]
    server: dict[str, list[float]] = {name: [] for name, _who, _path in timed}
    server[BARE] = []
    errors: list[str] = []
    for _name, who, path in timed:  # warm: caches and each process's first use of a template
        for _ in range(4):
            client.request("GET", path, cookies[who])
    for _ in range(RUNS):
        for name, who, path in timed:
            status, _client_ms, server_ms = client.request("GET", path, cookies[who])
            if status != 200:
                errors.append(f"{path}: {status}")
            server[name].append(server_ms)
        status, _client_ms, server_ms = client.request("GET", "/livez", "")
        server[BARE].append(server_ms)
    client.close()
    if errors:
        raise SystemExit(f"{len(errors)} page requests failed, e.g. {errors[:3]}")
    return {name: _figures(times) for name, times in server.items()}


# --- What to book ---------------------------------------------------------------------------------------


def free_starts(exhibitor: Exhibitor, rep: User) -> list[str]:
    return [
        slot.start.isoformat()
        for day in selectors.days_with_hours(exhibitor=exhibitor, rep=rep)
        for slot in selectors.slots_for_rep(rep=rep, exhibitor=exhibitor, day=day)
        if slot.free
    ]


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
        plans.append({"slug": exhibitor.slug, "rep": rep.pk, "starts": free_starts(exhibitor, rep)[:SLOTS_PER_REP]})
    Exhibitor.objects.filter(pk__in=[row["exhibitor_id"] for row in busiest]).update(auto_accept_meetings=True)
    return plans


def quiet_slots(needed: int, busy_companies: set[str], buyers: list[User]) -> list[dict]:
    """`needed` bookings that nobody else competes for: free slots of reps of companies outside the rush and
    outside the pages timed (made to accept automatically), each with a buyer of `buyers` who is free then.
    Each plan: slug, rep, start, buyer, exhibitor_id."""
    market_id = Exhibitor.objects.filter(slug__in=busy_companies).values_list("market_id", flat=True).first()
    timed = {path.split("/")[3] for _name, _who, path in PAGES if path.startswith("/meetings/book/")}
    exhibitors = Exhibitor.objects.filter(market_id=market_id).exclude(slug__in=busy_companies | timed).order_by("pk")
    pool = iter(buyers)
    plans: list[dict] = []
    companies = []
    for exhibitor in exhibitors.iterator():
        for rep in selectors.reps_of(exhibitor):
            starts = free_starts(exhibitor, rep)
            if not starts:
                continue
            companies.append(exhibitor.pk)
            for start in starts:
                buyer = _free_buyer(pool, start)
                plans.append({"slug": exhibitor.slug, "rep": rep.pk, "start": start, "buyer": buyer,
                              "exhibitor_id": exhibitor.pk})  # fmt: skip
                if len(plans) == needed:
                    Exhibitor.objects.filter(pk__in=companies).update(auto_accept_meetings=True)
                    return plans
    raise RuntimeError(f"only {len(plans)} quiet slots found, {needed} needed")


def _free_buyer(pool, start: str) -> User:
    """The next buyer of the pool free at `start` (no meeting or request then, not busy)."""
    from datetime import datetime, timedelta

    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    begins = datetime.fromisoformat(start)
    during = DateTimeTZRange(begins, begins + timedelta(minutes=30), "[)")
    for buyer in pool:
        taken = Meeting.objects.filter(
            buyer=buyer, status__in=[Status.ACCEPTED, Status.PENDING], during__overlap=during
        ).exists()
        if not taken and not BusyTime.objects.filter(user=buyer, during__overlap=during).exists():
            return buyer
    raise RuntimeError("ran out of buyers for the quiet bookings")


def booking_body(plan: dict, start: str | None = None, message: str = "Benchmark") -> str:
    return urlencode({"rep": plan["rep"], "start": start or plan["start"], "message": message})


# --- Bookings one at a time -----------------------------------------------------------------------------


def queries_per_booking(plans: list[dict]) -> dict:
    """Two auto-accepted bookings through django.test.Client in this process (the first warms it up); the
    second's queries counted."""
    results = []
    for plan in plans:
        client = DjangoClient()
        client.force_login(plan["buyer"])
        before = Meeting.objects.order_by("-pk").values_list("pk", flat=True).first()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"/meetings/book/{plan['slug']}/", {"rep": plan["rep"], "start": plan["start"]})
        made = Meeting.objects.filter(pk__gt=before, buyer=plan["buyer"]).first()
        results.append(
            {
                "queries": len(queries),
                "status": response.status_code,
                "accepted": made is not None and made.status == Status.ACCEPTED,
            }
        )
    return results[-1] | {"warm_up": results[0]}


def bare_insert(plans: list[dict]) -> dict:
    """INSERT one accepted meeting (its exclusion constraints and guard trigger checked) and COMMIT, from this
    process; each row deleted afterwards, untimed. The quiet plans give free slots (in the rep's open hours)
    and free buyers."""
    from datetime import datetime, timedelta

    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    fields = [field for field in Meeting._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = (
        f"INSERT INTO meetings_meeting ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) "  # noqa: S608
        "RETURNING id"
    )
    exhibitors = Exhibitor.objects.in_bulk({plan["exhibitor_id"] for plan in plans})
    times: list[float] = []
    failures: list[str] = []
    for n in range(BARE_INSERTS):
        plan = plans[n % len(plans)]
        exhibitor = exhibitors[plan["exhibitor_id"]]
        start = datetime.fromisoformat(plan["start"])
        during = DateTimeTZRange(start, start + timedelta(minutes=30), "[)")
        window = Availability.objects.filter(rep_id=plan["rep"], exhibitor=exhibitor, during__contains=during).first()
        meeting = Meeting(
            market_id=exhibitor.market_id, exhibitor=exhibitor, rep_id=plan["rep"], buyer=plan["buyer"],
            availability=window, during=during, place=window.place, status=Status.ACCEPTED, version=1,
        )  # fmt: skip
        for field in fields:  # what save() fills in (the created and updated times)
            field.pre_save(meeting, add=True)
        params = [field.get_db_prep_save(getattr(meeting, field.attname), connection) for field in fields]
        with connection.cursor() as cursor:
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    cursor.execute(sql, params)
                    pk = cursor.fetchone()[0]
            except Exception as error:  # noqa: BLE001 - a slot taken meanwhile: not timed, said why
                failures.append(f"{type(error).__name__}: {error}".splitlines()[0])
                continue
            times.append((time.perf_counter() - started) * 1000)
            cursor.execute("DELETE FROM meetings_meeting WHERE id = %s", [pk])
    if not times:
        raise RuntimeError(f"no bare insert succeeded: {failures[:3]}")
    return _figures(times) | {"failures": len(failures)}


def sequential_bookings(base: str, plans: list[dict], cookies: dict[int, str]) -> dict:
    """Bookings one after another by one client, each another buyer and another free slot: no contention.
    The first few warm the web processes up and are not counted. The figure: SEQUENTIAL_BOOKINGS bookings
    SEQUENTIAL_PAUSE s apart, so the workers have written the previous booking's emails (on these two cores they
    would compete with the next booking). Then BACK_TO_BACK more with no pause, for comparison."""
    client = Client(base)
    warm_up = 4
    paced: list[float] = []
    back_to_back: list[float] = []
    statuses = []
    for n, plan in enumerate(plans[: warm_up + SEQUENTIAL_BOOKINGS + BACK_TO_BACK]):
        status, _client_ms, server_ms = client.request(
            "POST", f"/meetings/book/{plan['slug']}/", cookies[plan["buyer"].pk], booking_body(plan)
        )
        if n < warm_up:
            continue
        statuses.append(status)
        if status == 302:
            (paced if n < warm_up + SEQUENTIAL_BOOKINGS else back_to_back).append(server_ms)
        if n < warm_up + SEQUENTIAL_BOOKINGS:
            time.sleep(SEQUENTIAL_PAUSE)
    client.close()
    return _figures(paced or [0.0]) | {
        "booked": statuses.count(302),
        "posts": len(statuses),
        "back_to_back": _figures(back_to_back or [0.0]),
    }


# --- The booking window ---------------------------------------------------------------------------------


def booking_window(base: str, plans: list[dict], buyer_cookies: list[str], browser_cookies: list[str]) -> dict:
    """ARRIVALS buyers arriving evenly over WINDOW_SECONDS, each posting one booking at its time, while
    BROWSERS people browse."""
    titles = list(Title.objects.order_by("?").values_list("slug", flat=True)[:300])
    words = ["drama", "animation", "thai", "korea", "romance", "documentary", "tencent", "family"]
    genres = ["drama", "romance", "comedy", "thriller", "fantasy", "documentary"]
    browsing_pages = [
        ("home", lambda rng: "/"),
        ("directory search", lambda rng: f"/exhibitors/?q={rng.choice(words)}"),
        ("catalogue filter", lambda rng: f"/titles/?genre={rng.choice(genres)}"),
        ("title page", lambda rng: f"/titles/{rng.choice(titles)}/"),
        ("recommendations", lambda rng: "/matches/"),
        ("agenda", lambda rng: "/meetings/"),
    ]
    rng = random.Random(7)
    arrivals = []
    for n in range(ARRIVALS):
        plan = plans[min(int(rng.expovariate(1 / 8)), len(plans) - 1)]  # the first few reps most of all
        start = plan["starts"][min(int(rng.expovariate(1 / 2)), len(plan["starts"]) - 1)]
        arrivals.append((n * WINDOW_SECONDS / ARRIVALS, plan["slug"], booking_body(plan, start, "Rush hour"), n))
    lock = threading.Lock()
    booked: list[tuple[float, float, float, int]] = []  # (from scheduled, from sent, late, status)
    error_kinds: dict[str, int] = {}
    refusals: dict[str, int] = {}
    browsed: dict[str, list[float]] = {name: [] for name, _path in browsing_pages}
    browse_errors: dict[str, int] = {}
    parts = urlsplit(base)
    stop_browsing = threading.Event()

    def book(zero: float, arrival: tuple) -> None:
        at, slug, body, buyer = arrival
        sent = time.perf_counter()
        # A person arriving: a connection of their own. A patient one: a slow answer is measured, not dropped.
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
        try:
            conn.request("POST", f"/meetings/book/{slug}/", body=body, headers={
                "Cookie": buyer_cookies[buyer], "Host": "127.0.0.1", "X-CSRFToken": CSRF_SECRET,
                "Content-Type": "application/x-www-form-urlencoded",
            })  # fmt: skip
            response = conn.getresponse()
            page = response.read()
            status, kind = response.status, f"HTTP {response.status}"
        except OSError as error:
            status, kind, page = 0, type(error).__name__, b""
        finally:
            conn.close()
        done = time.perf_counter()
        refusal = REFUSAL.search(page.decode("utf-8", "replace")) if status == 400 else None
        with lock:
            if status == 400:
                why = unescape(refusal.group(1)).strip() if refusal else "(no message)"
                refusals[why] = refusals.get(why, 0) + 1
            booked.append(((done - zero - at) * 1000, (done - sent) * 1000, (sent - zero - at) * 1000, status))
            if status not in (302, 400):
                error_kinds[kind] = error_kinds.get(kind, 0) + 1

    # The open loop: a dispatcher hands each arrival at its time to an idle client thread, starting another
    # thread when none is idle, so a slow server never holds an arrival back.
    handed: queue.SimpleQueue = queue.SimpleQueue()
    idle = [0]
    bookers: list[threading.Thread] = []

    def booker(zero: float, arrival: tuple | None) -> None:
        while True:
            if arrival is not None:
                book(zero, arrival)
            with lock:
                idle[0] += 1
            arrival = handed.get()
            if arrival is STOP:
                return

    def dispatch(zero: float) -> None:
        for arrival in arrivals:
            delay = zero + arrival[0] - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            with lock:
                ready = idle[0] > 0
                if ready:
                    idle[0] -= 1  # that thread takes this arrival
            if ready:
                handed.put(arrival)
            else:
                bookers.append(threading.Thread(target=booker, args=(zero, arrival)))
                bookers[-1].start()

    def browser(seed: int, cookie: str) -> None:
        rng = random.Random(seed)
        client = Client(base)
        stop_browsing.wait(rng.uniform(0, THINK_SECONDS[1]))  # people arrive over the first seconds
        while not stop_browsing.is_set():
            name, path = rng.choice(browsing_pages)
            try:
                status, elapsed, _server = client.request("GET", path(rng), cookie)
                kind = f"HTTP {status}"
            except OSError as error:
                status, elapsed, kind = 0, 0.0, type(error).__name__
                client.close()
                client = Client(base)
            with lock:
                if status == 200:
                    browsed[name].append(elapsed)
                else:
                    browse_errors[f"{name}: {kind}"] = browse_errors.get(f"{name}: {kind}", 0) + 1
            stop_browsing.wait(rng.uniform(*THINK_SECONDS))
        client.close()

    before = Meeting.objects.order_by("-pk").values_list("pk", flat=True).first()
    browsers = [threading.Thread(target=browser, args=(n, cookie)) for n, cookie in enumerate(browser_cookies)]
    for thread in browsers:
        thread.start()
    zero = time.perf_counter() + 0.5
    bookers += [threading.Thread(target=booker, args=(zero, None)) for _ in range(BOOKING_THREADS)]
    for thread in bookers:
        thread.start()
    dispatch(zero)
    for _thread in bookers:
        handed.put(STOP)
    for thread in bookers:
        thread.join()
    seconds = time.perf_counter() - zero  # until the last booking was answered
    stop_browsing.set()
    for thread in browsers:
        thread.join()
    made = list(Meeting.objects.filter(pk__gt=before, status=Status.ACCEPTED).values_list("pk", flat=True))
    statuses = [status for *_times, status in booked]
    return {
        "latency": _figures([row[0] for row in booked]),
        "service": _figures([row[1] for row in booked]),
        "late": _figures([row[2] for row in booked]),
        "threads": len(bookers),
        "posts": len(booked),
        "booked": statuses.count(302),
        "refused": statuses.count(400),
        "refusals": refusals,
        "errors": sum(error_kinds.values()),
        "error_kinds": error_kinds,
        "seconds": seconds,
        "meetings": made,
        "overlaps": selectors.double_bookings_count(),
        "browsing": {name: _figures(times) for name, times in browsed.items() if times},
        "browse_requests": sum(len(times) for times in browsed.values()),
        "browse_errors": browse_errors,
    }


def outbox_drained(limit: float = 60.0) -> None:
    """Wait (at most `limit` seconds) until the workers have sent every email due now."""
    stop = time.monotonic() + limit
    due = OutboundEmail.objects.filter(status__in=[OutboundStatus.PENDING, OutboundStatus.SENDING])
    while due.filter(next_attempt_at__lte=timezone.now()).exists() and time.monotonic() < stop:
        time.sleep(0.5)


def confirmations_delivered(sink: SmtpCounter, meetings: list[int], since: float, limit: float) -> dict:
    """Wait, for at most `limit` seconds after `since` (time.monotonic), until every confirmation of
    `meetings` (kind "accepted", one to each side) has left the outbox and reached the SMTP server; then
    count how often each Message-ID arrived."""
    rows = OutboundEmail.objects.filter(kind="accepted", topic__in=[f"meeting:{pk}" for pk in meetings])
    waiting = rows.filter(status__in=[OutboundStatus.PENDING, OutboundStatus.SENDING])
    while waiting.exists() and time.monotonic() - since < limit:
        time.sleep(0.25)
    drained = time.monotonic() - since
    time.sleep(2.0)  # anything arriving later would be a duplicate
    sent = [message_id_of(raw) for raw in rows.filter(status=OutboundStatus.SENT).values_list("raw_message", flat=True)]
    times = sink.times_received(sent)
    by_status = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "meetings": len(meetings),
        "rows": sum(by_status.values()),
        "by_status": by_status,
        "once": times.count(1),
        "missing": times.count(0) + sum(n for status, n in by_status.items() if status != OutboundStatus.SENT),
        "duplicated": sum(1 for n in times if n > 1),
        "drained": drained,
        "ok": (
            sum(by_status.values()) == 2 * len(meetings)
            and times.count(1) == 2 * len(meetings)
            and by_status.get(OutboundStatus.SENT, 0) == 2 * len(meetings)
        ),
    }


# --- Redis hanging --------------------------------------------------------------------------------------


def redis_hang(base: str, redis_pid: int, plans: list[dict], cookies: dict[int, str]) -> dict:
    """HANG_CLIENTS clients book one after another (a booking every HANG_PACE s each) from HANG_LEAD s before
    the stack's Redis freezes to HANG_LEAD s after it thaws."""
    lock = threading.Lock()
    queue = iter(plans)
    results: list[tuple[float, float, int]] = []  # (started, ended, status) in perf_counter seconds
    stop = threading.Event()

    def booker() -> None:
        client = Client(base)
        while not stop.is_set():
            with lock:
                plan = next(queue, None)
            if plan is None:
                break
            started = time.perf_counter()
            try:
                status, _ms, _server = client.request(
                    "POST", f"/meetings/book/{plan['slug']}/", cookies[plan["buyer"].pk], booking_body(plan)
                )
            except OSError:
                status, client = 0, Client(base)
            ended = time.perf_counter()
            with lock:
                results.append((started, ended, status))
            stop.wait(max(0.0, HANG_PACE - (ended - started)))
        client.close()

    before = Meeting.objects.order_by("-pk").values_list("pk", flat=True).first()
    threads = [threading.Thread(target=booker) for _ in range(HANG_CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(HANG_LEAD)
        frozen = time.perf_counter()
        os.kill(redis_pid, signal.SIGSTOP)
        try:
            time.sleep(HANG_SECONDS)
        finally:
            os.kill(redis_pid, signal.SIGCONT)
        thawed = time.perf_counter()
        time.sleep(HANG_LEAD)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    ended = time.monotonic()
    during = [(end - start) * 1000 for start, end, _status in results if start < thawed and end > frozen]
    made = list(Meeting.objects.filter(pk__gt=before, status=Status.ACCEPTED).values_list("pk", flat=True))
    statuses = [status for *_times, status in results]
    return {
        "during": _figures(during or [0.0]),
        "all": _figures([(end - start) * 1000 for start, end, _status in results] or [0.0]),
        "posts": len(results),
        "posts_during": len(during),
        "booked": statuses.count(302),
        "errors": sum(1 for status in statuses if status not in (302, 400)),
        "refused": statuses.count(400),
        "meetings": made,
        "ended": ended,
        "ran_out": len(results) >= len(plans),
    }


# --- Reminders ------------------------------------------------------------------------------------------


def reminders() -> dict:
    """benchmarks/reminders.py in its own process; its figures from its last line."""
    started = time.monotonic()
    run = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "benchmarks" / "reminders.py")],
        cwd=ROOT,
        env={**os.environ, "REMINDERS": str(REMINDERS)},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    figures = next((json.loads(line.removeprefix("figures: ")) for line in lines if line.startswith("figures: ")), None)
    if figures is None:
        sys.stderr.write(run.stdout[-3000:] + run.stderr[-3000:])
        figures = {"messages": REMINDERS, "seconds": float("nan"), "received": 0, "distinct": 0, "ok": False}
    return figures | {"lines": [line for line in lines if not line.startswith("figures: ")],
                      "wall": time.monotonic() - started, "exit": run.returncode}  # fmt: skip


# --- The run --------------------------------------------------------------------------------------------


def main() -> int:
    from allauth.mfa.models import Authenticator  # models: once Django is set up (by stack)

    run_started = time.monotonic()
    with (
        tempfile.TemporaryDirectory() as logs,
        SmtpCounter() as sink,
        full_market_database(database_name("all")),
    ):
        users = {email: User.objects.get(email=email) for email in (BUYER, ORGANISER)}
        # Production settings want staff to have an authenticator app before the console opens to them.
        Authenticator.objects.get_or_create(
            user=users[ORGANISER], type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        cookies = dict(zip(users, (cookie_for(key) for key in sessions_for(list(users.values()))), strict=True))
        plans = popular_slots()
        busy_companies = {plan["slug"] for plan in plans}
        # Verified buyers, those with the fewest meetings kept for the bookings that must succeed.
        verified = list(
            User.objects.filter(buyer_profile__verification="verified")
            .exclude(email__in=users)
            .annotate(held=Count("meetings_as_buyer"))
            .order_by("held", "pk")
        )
        quiet_buyers, others = verified[:1500], verified[1500:]
        hang_posts = HANG_CLIENTS * int((HANG_SECONDS + 2 * HANG_LEAD) / HANG_PACE + 10)
        sequential_posts = 4 + SEQUENTIAL_BOOKINGS + BACK_TO_BACK
        quiet = quiet_slots(2 + sequential_posts + hang_posts, busy_companies, quiet_buyers)
        queries_plans, hang_plans = quiet[:2], quiet[-hang_posts:]
        sequential_plans = quiet[2 : 2 + sequential_posts]
        quiet_buyer_list = [plan["buyer"] for plan in quiet[2:]]
        quiet_cookies = dict(
            zip((b.pk for b in quiet_buyer_list), map(cookie_for, sessions_for(quiet_buyer_list)), strict=True)
        )
        window_buyers, browsers = others[:ARRIVALS], others[ARRIVALS : ARRIVALS + BROWSERS]
        if len(window_buyers) < ARRIVALS or len(browsers) < BROWSERS:
            raise SystemExit(f"not enough verified buyers: {len(others)} for {ARRIVALS} + {BROWSERS}")
        window_cookies = [cookie_for(key) for key in sessions_for(window_buyers)]
        browser_cookies = [cookie_for(key) for key in sessions_for(browsers)]
        log = Path(logs) / "stack.log"
        sys.stderr.write(f"prepared in {time.monotonic() - run_started:.0f} s; starting the production stack\n")
        try:
            with (
                own_redis() as redis_server,
                production_stack(smtp_port=sink.port, log=log, redis_server=redis_server) as base,
            ):
                step = time.monotonic()

                def progress(what: str) -> None:
                    nonlocal step
                    sys.stderr.write(f"{what}: {time.monotonic() - step:.0f} s\n")
                    step = time.monotonic()

                catalogue_figures = catalogue(base, cookies[BUYER])
                progress("catalogue")
                page_figures = pages(base, cookies)
                progress("pages")
                queries = queries_per_booking(queries_plans)
                insert = bare_insert(hang_plans)
                progress("queries and bare insert")
                sequential = sequential_bookings(base, sequential_plans, quiet_cookies)
                progress("sequential bookings")
                outbox_drained()  # the window starts on a stack not still sending the last phase's emails
                window = booking_window(base, plans, window_cookies, browser_cookies)
                window_mail = confirmations_delivered(sink, window["meetings"], time.monotonic(), DRAIN_SECONDS)
                progress("booking window and its mail")
                hang = redis_hang(base, redis_server.process.pid, hang_plans, quiet_cookies)
                hang_mail = confirmations_delivered(sink, hang["meetings"], hang["ended"], HANG_DRAIN_SECONDS)
                progress("Redis hang and its mail")
                memory = gunicorn_worker_memory_mb()
        except BaseException:
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise
        stack_log = log.read_text(errors="replace")
        meetings = Meeting.objects.count()
        all_received, all_distinct = sink.count(), sink.distinct()
    sys.stderr.write("reminders (benchmarks/reminders.py)...\n")
    reminder_figures = reminders()
    return report(
        meetings=meetings, catalogue_figures=catalogue_figures, page_figures=page_figures, queries=queries,
        insert=insert, sequential=sequential, window=window, window_mail=window_mail, hang=hang,
        hang_mail=hang_mail, memory=memory, reminder_figures=reminder_figures, stack_log=stack_log,
        all_mail=(all_received, all_distinct), seconds=time.monotonic() - run_started,
    )  # fmt: skip


def report(**r) -> int:
    pages_ = r["page_figures"]
    floor, bare = pages_[FLOOR[0]], pages_[BARE]
    out = [
        f"Full-size market ({r['meetings']:,} meetings), production stack: gunicorn ×2, 2 Celery workers, beat, "
        "a redis-server of its own.",
        f"floor page (/signed-in/): server time p50 {floor['p50']:.2f} ms, p95 {floor['p95']:.2f} ms; "
        f"bare Django view (/livez): p50 {bare['p50']:.2f} ms, p95 {bare['p95']:.2f} ms",
        "",
        f"{'page (server time)':30} {'p50':>9} {'p95':>9} {'× floor p95':>12} {'× bare p95':>11}  notes",
    ]
    for name, figures in sorted(pages_.items(), key=lambda item: item[0] not in (BARE, FLOOR[0])):
        out.append(
            f"{name:30} {figures['p50']:7.1f}ms {figures['p95']:7.1f}ms {figures['p95'] / floor['p95']:12.1f} "
            f"{figures['p95'] / bare['p95']:11.0f}  {figures['n']} requests"
        )
    c = r["catalogue_figures"]
    out.append(
        f"{'catalogue search':30} {c['p50']:7.1f}ms {c['p95']:7.1f}ms {c['p95'] / floor['p95']:12.1f} "
        f"{c['p95'] / bare['p95']:11.0f}  {c['questions']} questions, asked first (cold: p50 {c['first']['p50']:.1f}, "
        f"p95 {c['first']['p95']:.1f}, max {c['first']['max']:.1f} ms) and again (p95 {c['again']['p95']:.1f} ms)"
    )

    q, ins, seq = r["queries"], r["insert"], r["sequential"]
    w, wm, h, hm = r["window"], r["window_mail"], r["hang"], r["hang_mail"]
    rem, memory = r["reminder_figures"], r["memory"]
    out += [
        "",
        f"queries per auto-accepted booking: {q['queries']} (HTTP {q['status']}, "
        f"{'accepted meeting' if q['accepted'] else 'NO accepted meeting'}); the warm-up booking before it: "
        f"{q['warm_up']['queries']} (HTTP {q['warm_up']['status']})",
        f"bare insert (INSERT of one accepted meeting under its exclusion constraints + COMMIT, from this process): "
        f"p50 {ins['p50']:.2f} ms, p95 {ins['p95']:.2f} ms over {ins['n']} ({ins['failures']} refused)",
        f"auto-accepted booking, one client, no contention, {SEQUENTIAL_PAUSE} s apart: server time p50 "
        f"{seq['p50']:.1f} ms, p95 {seq['p95']:.1f} ms, max {seq['max']:.1f} ms ({seq['p50'] / ins['p50']:.1f} × the "
        f"bare insert); {BACK_TO_BACK} more back to back (the workers writing the last one's emails meanwhile): "
        f"p50 {seq['back_to_back']['p50']:.1f} ms, p95 {seq['back_to_back']['p95']:.1f} ms; {seq['booked']} of "
        f"{seq['posts']} posts booked",
        f"booking window: {w['posts']} arrivals over {WINDOW_SECONDS:.0f} s, the last answered after "
        f"{w['seconds']:.1f} s (client threads: {BOOKING_THREADS} ready, {w['threads']} at most; a connection each "
        f"arrival), {BROWSERS} people "
        f"browsing meanwhile ({w['browse_requests']} pages): {w['booked']} booked, "
        f"{w['refused']} refused, {w['errors']} errors {w['error_kinds'] or ''}, {len(w['meetings'])} meetings",
        f"  booking latency from each arrival's time: p50 {w['latency']['p50']:.0f} ms, p95 {w['latency']['p95']:.0f}"
        f" ms, max {w['latency']['max']:.0f} ms; from the request sent: p50 {w['service']['p50']:.0f} ms, p95 "
        f"{w['service']['p95']:.0f} ms; client late to send: p95 {w['late']['p95']:.1f} ms, max "
        f"{w['late']['max']:.1f} ms",
        "  refused: "
        + ", ".join(f"{n} {why!r}" for why, n in sorted(w["refusals"].items(), key=lambda item: -item[1])),
        f"  overlapping meetings (SQL): {w['overlaps']}",
        f"  confirmations: {wm['rows']} rows for {wm['meetings']} meetings {wm['by_status']}, {wm['once']} received "
        f"once, {wm['missing']} missing, {wm['duplicated']} duplicated; outbox drained {wm['drained']:.1f} s after "
        "the window",
        "  browsing (client time): "
        + ", ".join(f"{name} p50 {f['p50']:.0f} / p95 {f['p95']:.0f} ms" for name, f in sorted(w["browsing"].items()))
        + (f"; errors {w['browse_errors']}" if w["browse_errors"] else "; 0 errors"),
        f"Redis frozen {HANG_SECONDS:.0f} s: {h['posts']} booking posts ({h['posts_during']} during the hang), "
        f"{h['booked']} booked, {h['refused']} refused, {h['errors']} errors; during the hang p50 "
        f"{h['during']['p50']:.0f} ms, max {h['during']['max']:.0f} ms; whole phase max {h['all']['max']:.0f} ms"
        + (" (ran out of planned slots)" if h["ran_out"] else ""),
        f"  confirmations: {hm['rows']} rows for {hm['meetings']} meetings {hm['by_status']}, {hm['once']} received "
        f"once, {hm['missing']} missing, {hm['duplicated']} duplicated; all out {hm['drained']:.1f} s after the "
        "bookings ended",
        f"memory per web process: {', '.join(f'{mb:.0f}' for mb in sorted(memory))} MB resident "
        f"({len(memory)} gunicorn processes)",
        *(f"reminders: {line}" for line in rem["lines"]),
        f"SMTP server, all run long: {r['all_mail'][0]:,} messages, {r['all_mail'][1]:,} distinct Message-IDs",
    ]
    starting = "Service Unavailable: /healthz"  # the start-up probes, before a worker's first heartbeat
    bad = [line for line in r["stack_log"].splitlines() if re.search(r"Traceback|\bERROR\b|CRITICAL", line)]
    probes = sum(starting in line for line in bad)
    bad = [line for line in bad if starting not in line]
    out.append(
        f"stack log: {len(bad)} lines with a traceback, ERROR or CRITICAL (besides {probes} /healthz 503s "
        "while it started)"
    )
    out += [f"  e.g. {line[:200]}" for line in dict.fromkeys(re.sub(r"^\S+\s+\|\s*", "", x) for x in bad[:200])][:6]

    console = pages_[CONSOLE]
    worst_name, worst = max(((name, pages_[name]) for name, _who, _path in PAGES), key=lambda item: item[1]["p95"])
    worst_ratio = max(pages_[name]["p95"] / floor["p95"] for name, _who, _path in PAGES)
    window_ok_mail = wm["ok"]
    t = TARGETS
    rows = [
        ("queries per auto-accepted booking", f"{q['queries']}" + ("" if q["status"] == 302 and q["accepted"]
         else f" (HTTP {q['status']}, not booked)"), f"<= {t['queries']}",
         q["queries"] <= t["queries"] and q["status"] == 302 and q["accepted"]),  # fmt: skip
        ("auto-accepted booking, server time p50", f"{seq['p50']:.1f} ms = {seq['p50'] / ins['p50']:.1f}× bare "
         f"insert ({ins['p50']:.2f} ms)", f"<= {t['booking_server_ms']:.0f} ms and <= {t['booking_vs_insert']:.0f}×",
         seq["p50"] <= t["booking_server_ms"] and seq["p50"] <= t["booking_vs_insert"] * ins["p50"]
         and seq["booked"] == seq["posts"]),  # fmt: skip
        (f"booking window: {ARRIVALS:,} arrivals in {WINDOW_SECONDS:.0f} s, p95",
         f"{w['latency']['p95']:.0f} ms, {w['errors'] + sum(w['browse_errors'].values())} errors, "
         f"{w['overlaps']} overlaps", f"<= {t['window_p95_ms']:.0f} ms, 0 errors, 0 overlaps",
         w["latency"]["p95"] <= t["window_p95_ms"] and not w["errors"] and not w["browse_errors"]
         and not w["overlaps"] and w["booked"] > 0),  # fmt: skip
        ("console p95", f"{console['p95']:.1f} ms", f"<= {t['console_p95_ms']:.0f} ms",
         console["p95"] <= t["console_p95_ms"]),  # fmt: skip
        ("catalogue search p95 incl. first asks", f"{c['p95']:.1f} ms" + (f", {len(c['errors'])} errors"
         if c["errors"] else ""), f"<= {t['catalogue_p95_ms']:.0f} ms",
         c["p95"] <= t["catalogue_p95_ms"] and not c["errors"]),  # fmt: skip
        ("every page in the table, p95", f"max {worst['p95']:.1f} ms ({worst_name}); max {worst_ratio:.1f}× floor",
         f"<= {t['page_p95_ms']:.0f} ms and <= {t['page_vs_floor']:.0f}× floor",
         worst["p95"] <= t["page_p95_ms"] and worst_ratio <= t["page_vs_floor"]),  # fmt: skip
        ("memory per web process", f"max {max(memory):.0f} MB", f"<= {t['memory_mb']:.0f} MB",
         bool(memory) and max(memory) <= t["memory_mb"]),  # fmt: skip
        (f"{rem['messages']:,} reminders via SMTP, one worker", f"{rem['seconds']:.1f} s, {rem['received']:,} "
         f"received, {rem['distinct']:,} distinct", f"<= {t['reminders_seconds']:.0f} s, each once",
         rem["seconds"] <= t["reminders_seconds"] and rem["ok"]),  # fmt: skip
        (f"slowest booking, Redis hung {HANG_SECONDS:.0f} s", f"{h['during']['max']:.0f} ms; confirmations "
         f"{hm['once']}/{2 * hm['meetings']} once", f"<= {t['hang_slowest_ms']:.0f} ms, each once after",
         h["during"]["max"] <= t["hang_slowest_ms"] and hm["ok"] and not h["errors"] and h["posts_during"] > 0),
    ]  # fmt: skip
    width = [max(len(row[i]) for row in rows) for i in range(3)]
    head = ("figure", "result", "target")
    width = [max(w_, len(h_)) for w_, h_ in zip(width, head, strict=True)]
    table = [
        f"{head[0]:{width[0]}} | {head[1]:{width[1]}} | {head[2]:{width[2]}} | PASS/FAIL",
        "-+-".join("-" * n for n in width) + "-+----------",
    ] + [f"{a:{width[0]}} | {b:{width[1]}} | {c_:{width[2]}} | {'PASS' if ok else 'FAIL'}" for a, b, c_, ok in rows]
    problems = [row[0] for row in rows if not row[3]]
    if w["errors"] or w["browse_errors"] or h["errors"] or c["errors"]:
        problems.append("errors")
    if w["overlaps"]:
        problems.append("overlapping meetings")
    if not window_ok_mail or not hm["ok"] or not rem["ok"] or r["all_mail"][0] != r["all_mail"][1]:
        problems.append("lost or duplicated email")
    out += ["", *table, "", f"run took {r['seconds'] / 60:.1f} min"]
    out.append("RESULT: " + ("PASS" if not problems else "FAIL (" + "; ".join(dict.fromkeys(problems)) + ")"))
    sys.stdout.write("\n".join(out) + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
