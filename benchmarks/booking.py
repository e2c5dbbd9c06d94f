"""Booking under load: buyers racing for the popular reps' slots through the real app server.

A throw-away market: 40 exhibitors with one rep each, open over every market day, most of them accepting
requests automatically (so a booking POST makes the meeting at once), and 400 verified buyers, each signed in
by a session written straight into the database. Three `manage.py runserver` processes serve it (DEBUG off,
each started as `booking.py --serve ADDRESS`, see `serve`) while client processes post to the slot picker
for a fixed time with the session and CSRF cookies and the X-CSRFToken header, each request a random buyer
asking for a slot of a rep drawn with a heavy bias towards the first few (the popular ones) and towards their
first slots, so many ask for the same slot at the same moment. Afterwards SQL checks what must never happen:
a rep or a buyer in two accepted meetings at once, and an open request for a slot its rep has given away.

Figures: requests sent, meetings accepted (in all and per second), p50/p95 latency of the booking POST,
answers by kind (each refusal with the message the page showed), and the checks. Exits 1 on any server error
(anything but a 2xx, 3xx or 400 answer, or no answer at all), on any broken check, or if nothing was booked.
The servers are stopped and the throw-away database dropped however the run ends.
Usage: .venv/bin/python benchmarks/booking.py
"""

import http.client
import multiprocessing
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")
os.environ.setdefault("DEBUG", "0")

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402
from stack import database_url, free_port, percentile, sessions_for  # noqa: E402 - sets Django up

from accounts.models import Role, User  # noqa: E402
from exhibitors.models import Exhibitor, Region, TeamMember, TeamRole  # noqa: E402
from markets import timekeeping  # noqa: E402
from markets.models import Market  # noqa: E402
from matchmaking.models import BuyerProfile, Verification  # noqa: E402
from meetings import selectors, services  # noqa: E402
from meetings.models import Meeting, Status  # noqa: E402

EXHIBITORS = 40
BUYERS = 400
MANUAL_EVERY = 8  # every 8th exhibitor answers requests by hand; the others accept automatically
SERVERS = 3
CLIENTS = 8
SECONDS = 20.0
FIRST_DAY = date(2030, 3, 17)
DAYS = 4
PASSWORD = "benchmark-booking-password"  # noqa: S105 - a throw-away database's buyers
CSRF_SECRET = "b" * 32  # the CSRF cookie's secret, sent back in the X-CSRFToken header as htmx does
ERROR_MESSAGE = re.compile(r'<li class="message message-error">(.*?)</li>', re.S)

OPEN_FOR_TAKEN_SQL = """
    SELECT count(*) FROM meetings_meeting p JOIN meetings_meeting a
        ON a.rep_id = p.rep_id AND a.status = 'accepted' AND a.during && p.during
    WHERE p.status = 'pending'
"""


# --- The market ----------------------------------------------------------------------------------------


def market_build() -> tuple[Market, list[dict], list[str]]:
    """The market, its reps (slug, rep id and slot starts of each) and one session key per buyer."""
    market = Market.objects.create(
        name="Booking benchmark",
        slug="booking-benchmark",
        venue="Hall",
        city="Hong Kong",
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY + timedelta(days=DAYS - 1),
        is_current=True,
    )
    region, _created = Region.objects.get_or_create(code="HK", defaults={"name": "Hong Kong"})
    password = make_password(PASSWORD)
    reps = User.objects.bulk_create(
        User(email=f"rep{n}@booking.example", full_name=f"Rep {n}", role=Role.EXHIBITOR, password=password)
        for n in range(EXHIBITORS)
    )
    exhibitors = Exhibitor.objects.bulk_create(
        Exhibitor(
            market=market,
            name=f"Company {n}",
            slug=f"company-{n}",
            region=region,
            company_type="distributor",
            hall="1A",
            stand=f"A{n:03d}",
            auto_accept_meetings=n % MANUAL_EVERY != MANUAL_EVERY - 1,
        )
        for n in range(EXHIBITORS)
    )
    TeamMember.objects.bulk_create(
        TeamMember(exhibitor=exhibitor, user=rep, role=TeamRole.REP)
        for exhibitor, rep in zip(exhibitors, reps, strict=True)
    )
    days = timekeeping.market_days(market)
    for exhibitor, rep in zip(exhibitors, reps, strict=True):
        for day in days:  # through the service, so PostgreSQL's guards check every window
            services.availability_add(
                rep=rep,
                exhibitor=exhibitor,
                day=day,
                start=market.meeting_day_start,
                end=market.meeting_day_end,
                place="booth",
            )
    buyers = User.objects.bulk_create(
        User(email=f"buyer{n}@booking.example", full_name=f"Buyer {n}", role=Role.BUYER, password=password)
        for n in range(BUYERS)
    )
    BuyerProfile.objects.bulk_create(
        BuyerProfile(
            user=buyer,
            company=f"Buyer {n} Media",
            buyer_type="platform",
            country="TH",
            territories=["TH"],
            verification=Verification.VERIFIED,
            verified_at=timezone.now(),
        )
        for n, buyer in enumerate(buyers)
    )
    keys = sessions_for(buyers)  # signed in without a login round trip
    rep_plans = []
    for exhibitor, rep in zip(exhibitors, reps, strict=True):
        starts = [
            slot.start.isoformat()
            for day in days
            for slot in selectors.slots_for_rep(rep=rep, exhibitor=exhibitor, day=day)
        ]
        rep_plans.append({"slug": exhibitor.slug, "rep": rep.pk, "starts": starts})
    return market, rep_plans, keys


# --- The servers ---------------------------------------------------------------------------------------


def servers_start(logs: Path) -> tuple[list[subprocess.Popen], list[int]]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # Redis databases of the benchmark's own, apart from the app's and the tests'.
        "FILMART_REDIS_CACHE_DB": "13",
        "FILMART_REDIS_BROKER_DB": "12",
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "filmart.settings",
    }
    processes, ports = [], []
    for n in range(SERVERS):
        port = free_port()
        with open(logs / f"server-{n}.log", "wb") as log:  # the server keeps its own copy of the file
            processes.append(
                subprocess.Popen(
                    [sys.executable, __file__, "--serve", f"127.0.0.1:{port}"],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            )
        ports.append(port)
    return processes, ports


def serve(address: str) -> None:
    """One app server: `manage.py runserver`, with a database connection per request. Its threads each serve
    one HTTP connection and end; a connection kept for reuse (the settings' CONN_MAX_AGE) would outlive its
    thread until garbage collection, and a few busy seconds would exhaust PostgreSQL's connections."""
    from django.core.management import execute_from_command_line

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    execute_from_command_line(["manage.py", "runserver", address, "--noreload"])


def servers_stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # runserver's own way out
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def servers_wait(processes: list[subprocess.Popen], ports: list[int], path: str, cookie: str) -> None:
    deadline = time.monotonic() + 60
    for process, port in zip(processes, ports, strict=True):
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
            try:
                status, _body = http_request(port, "GET", path, cookie=cookie)
            except OSError:
                status = 0
            if status == 200:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server on port {port} did not answer in time (last status {status})")
            time.sleep(0.2)


# --- The clients ---------------------------------------------------------------------------------------


def http_request(port: int, method: str, path: str, *, cookie: str, body: str = "") -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Cookie": f"sessionid={cookie}; csrftoken={CSRF_SECRET}"}
        if method == "POST":
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF_SECRET}
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def drive(job: dict) -> list[tuple[float, int, str]]:
    """One client process: booking POSTs until the deadline; (milliseconds, status, error message) each."""
    rng = random.Random(job["seed"])
    reps = job["reps"]
    weights = [1 / (rank + 1) ** 1.2 for rank in range(len(reps))]  # a few reps draw most of the demand
    results = []
    n = 0
    while time.time() < job["deadline"]:
        rep = rng.choices(reps, weights)[0]
        # Popular reps' early slots are asked for most: the first day's morning draws the crowd.
        start = rep["starts"][min(int(rng.expovariate(1 / 12)), len(rep["starts"]) - 1)]
        body = urlencode({"rep": rep["rep"], "start": start, "message": ""})
        port = job["ports"][n % len(job["ports"])]
        n += 1
        started = time.perf_counter()
        try:
            status, page = http_request(
                port, "POST", f"/meetings/book/{rep['slug']}/", cookie=rng.choice(job["cookies"]), body=body
            )
        except OSError as error:
            results.append(((time.perf_counter() - started) * 1000, 0, type(error).__name__))
            continue
        elapsed = (time.perf_counter() - started) * 1000
        message = ERROR_MESSAGE.search(page) if status == 400 else None
        results.append((elapsed, status, unescape(message.group(1)).strip() if message else ""))
    return results


def load_run(ports: list[int], reps: list[dict], cookies: list[str]) -> tuple[list[tuple[float, int, str]], float]:
    deadline = time.time() + SECONDS
    jobs = [
        {
            "seed": n,
            "deadline": deadline,
            "ports": ports[n % len(ports) :] + ports[: n % len(ports)],
            "reps": reps,
            "cookies": cookies[n::CLIENTS],
        }
        for n in range(CLIENTS)
    ]
    connections.close_all()  # the clients are forked: none of them may share this process's connection
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(CLIENTS, initializer=signal.signal, initargs=SIGTERM_DEFAULT) as pool:
        shares = pool.map(drive, jobs)
    return [result for share in shares for result in share], time.perf_counter() - started


# --- The run -------------------------------------------------------------------------------------------


def stop_on_sigterm(signum, frame) -> None:
    sys.exit(128 + signum)  # unwinds through main's clean-up, as Ctrl-C does


SIGTERM_DEFAULT = (signal.SIGTERM, signal.SIG_DFL)  # for the client processes, which have nothing to clean up


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    setup_test_environment()
    settings.DATABASES["default"]["TEST"]["NAME"] = "filmart_benchmark_booking"
    databases = setup_databases(verbosity=0, interactive=False)
    processes: list[subprocess.Popen] = []
    logs = Path(tempfile.mkdtemp(prefix="filmart-booking-"))
    finished = False
    try:
        built = time.perf_counter()
        market, reps, cookies = market_build()
        built = time.perf_counter() - built
        processes, ports = servers_start(logs)
        servers_wait(processes, ports, f"/meetings/book/{reps[0]['slug']}/", cookies[0])
        results, seconds = load_run(ports, reps, cookies)
        overlaps = selectors.double_bookings_count()
        with connection.cursor() as cursor:
            cursor.execute(OPEN_FOR_TAKEN_SQL)
            open_for_taken = cursor.fetchone()[0]
        counts = Counter(Meeting.objects.values_list("status", flat=True))
        slots = sum(len(rep["starts"]) for rep in reps)
        finished = True
    finally:
        servers_stop(processes)
        connections.close_all()
        teardown_databases(databases, verbosity=0)
        if not finished:
            sys.stderr.write(f"server logs: {logs}\n")
    latencies = [ms for ms, _status, _message in results] or [0.0]
    statuses = Counter(status for _ms, status, _message in results)
    refusals = Counter(message for _ms, status, message in results if status == 400)
    server_errors = sum(n for status, n in statuses.items() if not (200 <= status < 400 or status == 400))
    accepted = counts.get(Status.ACCEPTED, 0)
    lines = [
        f"market: {len(reps)} reps ({sum(1 for n in range(EXHIBITORS) if n % MANUAL_EVERY != MANUAL_EVERY - 1)} "
        f"booking at once), {slots} slots, {len(cookies)} signed-in buyers; built in {built:.1f} s",
        f"load: {SERVERS} runserver processes (DEBUG off), {CLIENTS} client processes, {seconds:.1f} s",
        f"booking POSTs sent         {len(results):>7}",
        f"meetings accepted          {accepted:>7}   ({accepted / seconds:.1f} per second)",
        f"requests left to the rep   {counts.get(Status.PENDING, 0):>7}",
        f"POST latency               p50 {statistics.median(latencies):6.1f} ms   "
        f"p95 {percentile(latencies, 0.95):6.1f} ms   max {max(latencies):6.1f} ms",
        "answers                    " + ", ".join(f"{status or 'none'}: {n}" for status, n in sorted(statuses.items())),
    ]
    lines += [f"  400 {message or '(no message)'}: {n}" for message, n in refusals.most_common()]
    lines += [
        f"server errors (not 2xx/3xx/400, or no answer): {server_errors}   (target 0)",
        f"overlapping accepted meetings of one person:    {overlaps}   (target 0)",
        f"open requests for a slot already taken:         {open_for_taken}   (target 0)",
    ]
    if server_errors:
        lines.append(f"server logs: {logs}")
    else:
        shutil.rmtree(logs, ignore_errors=True)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if server_errors == 0 and overlaps == 0 and open_for_taken == 0 and accepted > 0 else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2])
    else:
        sys.exit(main())
