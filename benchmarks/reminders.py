"""Time for one Celery worker to send 10,000 reminders that fall due at the same minute.

A throw-away database holds one real meeting, accepted through meetings.services so that meetings.notify
writes its reminders. Those rows hold facts, not messages (`template="meeting"`, `facts`, an empty
`raw_message`): the worker writes each message when it delivers the row (notifications.rendering). One of
them is copied into 10,000 outbox rows, each for another person of its own (10,000 users are made for
them), with a key of its own; making the rows is not timed, writing the messages is: the worker renders each
one, with a Message-ID of its own, as it would in production. A loopback SMTP server (aiosmtpd, in a thread
of this process) counts what arrives. One real Celery worker process (solo pool, production settings, on the
benchmark database, a Redis server of its own and that SMTP server, which settings make MAILERS["smtp"]
from EMAIL_URL) sends them the way production does: reminders go only through the beat job
notifications.tasks.outbox_sweep (batches of notifications.services.CLAIM_BATCH rows, for up to SWEEP_BUDGET
a run), so this process publishes that task whenever the queue is empty (one always waiting) until the SMTP
server has all 10,000. Beat itself publishes it once a minute; the last line says what that pace means.

Figures: messages, seconds from the first sweep published to the last message received, messages per
second, and what the SMTP server received (total and distinct Message-IDs, exactly 10,000 of each); the
last line, `figures: {...}`, gives them as JSON for benchmarks/all.py.
Exits 1 unless all 10,000 arrived exactly once and every row is marked sent.
The worker, Redis and the SMTP server are stopped and the throw-away database dropped however the run ends.
Usage: .venv/bin/python benchmarks/reminders.py   (REMINDERS=n for fewer while trying it out)
"""

import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from email.parser import BytesHeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmart.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from exhibitors.models import Exhibitor, Region, TeamMember, TeamRole  # noqa: E402
from markets import timekeeping  # noqa: E402
from markets.models import Market  # noqa: E402
from matchmaking.models import BuyerProfile, Verification  # noqa: E402
from meetings import services  # noqa: E402
from notifications import tasks  # noqa: E402
from notifications.models import OutboundEmail, OutboundStatus  # noqa: E402
from notifications.services import SWEEP_BUDGET  # noqa: E402
from tests.mail_processes import RedisServer, free_port, point_celery_at, process_env, processes  # noqa: E402

MESSAGES = int(os.environ.get("REMINDERS", "10000"))
SWEEP_BUDGET_SECONDS = SWEEP_BUDGET.total_seconds()  # how long one beat sweep keeps sending while rows are due
BEAT_SECONDS = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]["schedule"]
DEADLINE_SECONDS = 900.0
DAY = date(2030, 3, 17)


class CountingSink:
    """Keeps only each message's Message-ID."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.lock = threading.Lock()
        self.parser = BytesHeaderParser()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message_id = str(self.parser.parsebytes(envelope.original_content)["Message-ID"])
        with self.lock:
            self.ids.append(message_id)
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.ids)


def reminder_template() -> OutboundEmail:
    """One meeting, requested and accepted through the services: notify writes its reminders."""
    market = Market.objects.create(
        name="Reminder benchmark", slug="reminder-benchmark", venue="Hall", city="Hong Kong",
        starts_on=DAY, ends_on=DAY, is_current=True,
    )  # fmt: skip
    region, _created = Region.objects.get_or_create(code="HK", defaults={"name": "Hong Kong"})
    exhibitor = Exhibitor.objects.create(
        market=market, name="Jade Pictures", slug="jade-pictures", region=region, company_type="distributor"
    )
    rep = User.objects.create(email="rep@reminders.example", full_name="Mei Chan", role=Role.EXHIBITOR)
    TeamMember.objects.create(exhibitor=exhibitor, user=rep, role=TeamRole.REP)
    buyer = User.objects.create(email="buyer@reminders.example", full_name="Ploy", role=Role.BUYER)
    BuyerProfile.objects.create(
        user=buyer, company="Siam Media", buyer_type="platform", country="TH", territories=["TH"],
        verification=Verification.VERIFIED, verified_at=timezone.now(),
    )  # fmt: skip
    services.availability_add(
        rep=rep, exhibitor=exhibitor, day=DAY, start=market.meeting_day_start, end=market.meeting_day_end,
        place="booth",
    )  # fmt: skip
    start = timekeeping.market_moment(market, DAY, market.meeting_day_start)
    meeting = services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=start)
    services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    return OutboundEmail.objects.filter(kind="reminder", recipients=[buyer.email]).order_by("pk").first()


def copies(template: OutboundEmail, due_at) -> list[OutboundEmail]:
    """The template row to MESSAGES people, each copy with its own recipient (a user of its own, so the
    worker writes a message to that person) and its own key; the worker writes each message, and its
    Message-ID, at delivery."""
    assert template.template and template.facts and not bytes(template.raw_message), (
        "the reminder is no longer a row of facts the worker writes: copy its message instead"
    )
    people = User.objects.bulk_create(
        [User(email=f"person{n}@reminders.example", full_name=f"Person {n}", role=Role.BUYER) for n in range(MESSAGES)],
        batch_size=1000,
    )
    return [
        OutboundEmail(
            from_email=template.from_email, recipients=[person.email], subject=template.subject,
            body_text=template.body_text, body_html=template.body_html, raw_message=b"",
            template=template.template, facts={**template.facts, "recipient": person.pk},
            key=f"benchmark:reminder:{n}", topic=template.topic, kind="reminder", next_attempt_at=due_at,
        )
        for n, person in enumerate(people)
    ]  # fmt: skip


def main() -> int:
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO
    setup_test_environment()
    prefix = os.environ.get("FILMART_BENCH_DB_PREFIX", "filmart_benchmark")
    settings.DATABASES["default"]["TEST"]["NAME"] = f"{prefix}_reminders"
    databases = setup_databases(verbosity=0, interactive=False)
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    usual_broker = settings.CELERY_BROKER_URL
    try:
        with tempfile.TemporaryDirectory() as directory, processes() as started:
            redis = RedisServer(Path(directory))
            redis.start()
            try:
                point_celery_at(redis.url)
                template = reminder_template()
                later = timezone.now() + timedelta(days=365)
                OutboundEmail.objects.all().delete()  # the meeting's own mail is not what is measured
                OutboundEmail.objects.bulk_create(copies(template, later), batch_size=1000)
                redis.client().delete("celery")

                env = process_env(smtp_port=controller.port, redis_url=redis.url)
                started.worker(env, stdout=subprocess.DEVNULL)
                tasks.outbox_sweep.delay()  # nothing is due yet: this one only shows the worker is consuming
                while redis.client().llen("celery"):
                    time.sleep(0.05)
                time.sleep(1.0)

                OutboundEmail.objects.update(next_attempt_at=timezone.now())  # all due at once
                began = time.perf_counter()
                sweeps = 0
                while sink.count() < MESSAGES and time.perf_counter() - began < DEADLINE_SECONDS:
                    if not redis.client().llen("celery"):
                        tasks.outbox_sweep.delay()
                        sweeps += 1
                    time.sleep(0.02)
                seconds = time.perf_counter() - began
                time.sleep(2.0)  # anything arriving later would be a duplicate
                statuses = dict(OutboundEmail.objects.order_by().values_list("status").annotate(n=Count("pk")))
            finally:
                point_celery_at(usual_broker)
                started.stop_all()
                redis.stop()
    finally:
        controller.stop()
        teardown_databases(databases, verbosity=0)

    with sink.lock:
        received, distinct = len(sink.ids), len(set(sink.ids))
    ok = received == distinct == MESSAGES and statuses == {OutboundStatus.SENT: MESSAGES}
    rate = received / seconds
    per_beat = rate * min(SWEEP_BUDGET_SECONDS, BEAT_SECONDS)
    lines = [
        f"messages: {MESSAGES} reminders due at the same minute, one Celery worker (solo pool) over loopback SMTP",
        f"seconds: {seconds:.1f} ({sweeps} sweep tasks published)",
        f"messages per second: {rate:.0f}",
        f"SMTP sink received: {received} messages, {distinct} distinct Message-IDs "
        f"({'exactly' if received == distinct == MESSAGES else 'NOT'} {MESSAGES} distinct, no duplicates)",
        f"outbox rows: {', '.join(f'{count} {status}' for status, count in sorted(statuses.items()))}",
        f"at beat's pace (a sweep every {BEAT_SECONDS:.0f} s, each sending for up to {SWEEP_BUDGET_SECONDS:.0f} s) "
        f"one worker sends about {per_beat:.0f} due reminders a minute",
        "figures: "
        + json.dumps(
            {
                "messages": MESSAGES,
                "seconds": round(seconds, 2),
                "received": received,
                "distinct": distinct,
                "all_sent": statuses == {OutboundStatus.SENT: MESSAGES},
                "ok": ok,
            }
        ),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
