"""Mail under faults, with the real parts: Redis servers that stop, Celery workers that are killed, an SMTP
server that refuses, two beat processes at once. Each test counts what reached the SMTP server (and that no
Message-ID came twice) and what the outbox rows say afterwards."""

import copy
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Status
from notifications import tasks
from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import STUCK_AFTER, outbound_email_queue, outbox_sweep
from tests.factories import team_member
from tests.mail_processes import (
    controlled_sink,
    message_ids,
    process_env,
    processes,
    wait_for,
)
from tests.meetings_fixtures import at, open_hours, verified_buyer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sink(settings):
    """An SMTP server of this test's own (see ControlledSink), used by this process and the ones it starts."""
    with controlled_sink() as server:
        mailers = copy.deepcopy(settings.MAILERS)
        mailers["smtp"]["OPTIONS"]["port"] = server.port
        settings.MAILERS = mailers
        yield server


@pytest.fixture
def started():
    with processes() as running:
        yield running


def env_for(sink, broker) -> dict[str, str]:
    return process_env(smtp_port=sink.port, redis_url=broker.url)


def assert_each_once(sink, count: int) -> None:
    time.sleep(0.5)  # anything arriving later would be a duplicate
    ids = message_ids(sink.messages)
    assert (len(ids), len(set(ids))) == (count, count)


def statuses(**filters) -> Counter:
    return Counter(OutboundEmail.objects.filter(**filters).values_list("status", flat=True))


def request_meetings(market, exhibitor, count: int) -> list[tuple[Meeting, object]]:
    """`count` requests waiting for a rep: four per rep (10:00 to 11:30), each from a buyer of its own."""
    requests = []
    for n in range(count):
        if n % 4 == 0:
            rep = team_member(exhibitor, email=f"rep{n // 4}@jade.example", full_name=f"Rep {n // 4}")
            open_hours(rep, exhibitor)
        buyer = verified_buyer(email=f"buyer{n}@buyers.example", full_name=f"Buyer {n}")
        start = at(market, 10 + (n % 4) // 2, 30 * (n % 2))
        requests.append((services.meeting_request(buyer=buyer, rep=rep, exhibitor=exhibitor, start=start), rep))
    return requests


def send_notices(count: int) -> None:
    with transaction.atomic():  # one transaction: `count` tasks are published when it commits
        for n in range(count):
            EmailMultiAlternatives(f"Notice {n}", "Body", None, [f"person{n}@example.org"]).send()


def test_meetings_accepted_while_redis_is_down_are_all_mailed_once_it_is_back(broker, sink, started, market, exhibitor):
    requests = request_meetings(market, exhibitor, 20)
    assert broker.client().llen("celery") == 20  # the requests' emails, queued for a worker that is not running

    broker.stop()  # no persistence: the queued tasks are gone with it
    began = time.perf_counter()
    for meeting, rep in requests:
        services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    accepting = time.perf_counter() - began

    assert Meeting.objects.filter(status=Status.ACCEPTED).count() == 20
    # 40 confirmations could not be published, and no accept waited for the broker.
    assert accepting < 10, f"20 accepts took {accepting:.1f} s with Redis down"
    assert statuses(kind="accepted") == {OutboundStatus.PENDING: 40}

    broker.start()  # the same port, empty
    started.worker(env_for(sink, broker))
    # What beat does every minute: publish the sweep, which a worker runs (now is now: everything is due).
    tasks.outbox_sweep.delay()

    wait_for(lambda: sink.count() >= 60, what="60 emails")
    assert_each_once(sink, 60)
    assert Counter(message["Subject"].split(" ")[1] for message in sink.messages) == {"request": 20, "confirmed": 40}
    assert statuses(kind__in=["requested", "accepted"]) == {OutboundStatus.SENT: 60}
    assert statuses(kind="reminder") == {OutboundStatus.PENDING: 80}  # due a day and a quarter of an hour before


def test_a_worker_killed_mid_batch_leaves_nothing_unsent_and_nothing_sent_twice(broker, sink, started):
    send_notices(100)
    assert broker.client().llen("celery") == 100
    env = env_for(sink, broker)

    # The SMTP server holds the 21st message unanswered, so the kill lands while the worker is mid-send, before
    # the server has accepted it. (Killed between the server's acceptance and the row's update, a worker leaves a
    # message that is sent again, with the same Message-ID: SMTP has no way to ask whether it arrived.)
    sink.hold_after = 20
    first = started.worker(env)
    wait_for(sink.holding.is_set, what="the 21st message")
    started.kill(first)
    sink.hold_after = None
    sink.release.set()  # the held message is refused: never accepted, so it must be sent again

    assert sink.count() == 20
    assert statuses() == {OutboundStatus.SENT: 20, OutboundStatus.SENDING: 1, OutboundStatus.PENDING: 79}
    stuck = OutboundEmail.objects.get(status=OutboundStatus.SENDING)

    started.worker(env)
    # The dead worker's task is unacknowledged in Redis until the visibility timeout (an hour); its row stays
    # claimed until the sweep finds it stuck.
    wait_for(lambda: statuses() == {OutboundStatus.SENT: 99, OutboundStatus.SENDING: 1}, what="the other 79")
    assert sink.count() == 99
    assert outbox_sweep(now=timezone.now() + STUCK_AFTER + timedelta(minutes=1)) == 1

    assert_each_once(sink, 100)
    assert statuses() == {OutboundStatus.SENT: 100}
    stuck.refresh_from_db()
    assert stuck.attempts == 2


def test_mail_refused_for_a_while_is_delivered_once_the_server_takes_it_again(broker, sink, started):
    sink.refusing = True
    started.worker(env_for(sink, broker))
    send_notices(10)

    def all_tried() -> bool:
        return OutboundEmail.objects.filter(status=OutboundStatus.PENDING, attempts=1).count() == 10

    wait_for(all_tried, what="the worker to try all ten")
    assert (sink.refused, sink.count()) == (10, 0)
    for row in OutboundEmail.objects.all():
        assert "451" in row.last_error and "Try again later" in row.last_error
        assert row.next_attempt_at > timezone.now() + timedelta(seconds=30)  # backing off

    sink.refusing = False
    assert outbox_sweep() == 0  # still backing off: nothing is tried early
    # Beat a couple of minutes on (the beat task takes no `now`; this is the service it runs, with the clock
    # moved past the backoff).
    assert outbox_sweep(now=timezone.now() + timedelta(minutes=2)) == 10

    assert_each_once(sink, 10)
    assert statuses() == {OutboundStatus.SENT: 10}
    assert {row.attempts for row in OutboundEmail.objects.all()} == {2}
    assert set(OutboundEmail.objects.values_list("last_error", flat=True)) == {""}


BEAT = """
import sys, time
from datetime import datetime
from pathlib import Path
from notifications.services import outbox_sweep

Path(sys.argv[2]).touch()
while not Path(sys.argv[3]).exists():
    time.sleep(0.001)
sys.stdout.write(f"{outbox_sweep(now=datetime.fromisoformat(sys.argv[1]), limit=10)}\\n")  # read by the test
"""


def test_two_beat_processes_at_once_send_each_reminder_once(broker, sink, started, market, exhibitor, tmp_path):
    for meeting, rep in request_meetings(market, exhibitor, 15):
        services.meeting_accept(meeting_id=meeting.pk, version=meeting.version, user=rep)
    outbox_sweep()  # the requests and confirmations go now; the reminders wait for their minute
    sink.clear()
    # This race is about reminders: the "did it happen?" questions (due as earlier meetings end) stay out of it.
    OutboundEmail.objects.filter(kind="followup").delete()
    reminders = OutboundEmail.objects.filter(kind="reminder")
    assert statuses(kind="reminder") == {OutboundStatus.PENDING: 60}
    due = max(reminders.values_list("next_attempt_at", flat=True))

    env = env_for(sink, broker)
    ready = [tmp_path / "ready-1", tmp_path / "ready-2"]
    go = tmp_path / "go"
    beats = [started.python(BEAT, due.isoformat(), str(path), str(go), env=env) for path in ready]
    wait_for(lambda: all(path.exists() for path in ready), what="both beat processes")
    go.touch()  # both sweep from here, at the same moment
    sent = [int(beat.communicate(timeout=60)[0].strip()) for beat in beats]

    assert sum(sent) == 60 and min(sent) > 0, sent  # they did race, and split the work
    assert_each_once(sink, 60)
    assert all(message["Subject"].startswith("Soon:") for message in sink.messages)
    assert statuses(kind="reminder") == {OutboundStatus.SENT: 60}


def test_a_sweep_leaves_alone_a_message_another_sweep_on_its_clock_is_sending(broker, sink, started, tmp_path):
    due = timezone.now() + timedelta(days=1)
    message = EmailMultiAlternatives("See you tomorrow", "Body", None, ["ploy@example.org"])
    outbound_email_queue(message=message, kind="reminder", due_at=due)
    go = tmp_path / "go"
    go.touch()
    sink.hold_after, sink.accept_held = 0, True  # the SMTP server takes its time over the first message

    other = started.python(BEAT, due.isoformat(), str(tmp_path / "ready"), str(go), env=env_for(sink, broker))
    wait_for(sink.holding.is_set, what="the other beat process to be sending")
    assert outbox_sweep(now=due) == 0  # claimed a moment ago on this same clock: neither stuck nor due
    sink.release.set()

    assert int(other.communicate(timeout=30)[0]) == 1
    assert_each_once(sink, 1)
    assert statuses() == {OutboundStatus.SENT: 1}


def test_bookings_while_redis_hangs_wait_on_nothing_and_each_confirmation_goes_once_after(
    broker, sink, started, market, exhibitor
):
    """Redis that hangs rather than refusing (a failover, a frozen process): the real server is stopped with
    SIGSTOP while buyers book. No booking may wait on it more than a moment; once it is thawed, beat's sweep
    (and any task that was half-sent) deliver every confirmation, each once."""
    exhibitor.auto_accept_meetings = True
    exhibitor.save(update_fields=["auto_accept_meetings"])
    reps = [team_member(exhibitor, email=f"rep{n}@jade.example", full_name=f"Rep {n}") for n in range(3)]
    for rep in reps:
        open_hours(rep, exhibitor)
    slots = [(rep, at(market, 10 + n // 2, 30 * (n % 2))) for rep in reps for n in range(4)]
    started.worker(env_for(sink, broker))

    def book(n: int) -> float:
        rep, start = slots[n]
        began = time.perf_counter()
        meeting = services.meeting_request(buyer=verified_buyer(), rep=rep, exhibitor=exhibitor, start=start)
        assert meeting.status == Status.ACCEPTED
        return time.perf_counter() - began

    book(0)  # the publishing connection is open and working, as it is in a running server
    wait_for(lambda: sink.count() == 2, what="the first booking's two confirmations")

    broker.process.send_signal(signal.SIGSTOP)
    try:
        waits = [book(n) for n in range(1, 9)]
    finally:
        broker.process.send_signal(signal.SIGCONT)

    assert max(waits) < 1, f"the slowest booking waited {max(waits):.2f} s on a hung broker"
    assert Meeting.objects.filter(status=Status.ACCEPTED).count() == 9
    tasks.outbox_sweep.delay()  # what beat does every minute, now that Redis answers again
    wait_for(lambda: sink.count() >= 18, what="18 confirmations")
    assert_each_once(sink, 18)
    assert statuses(kind="accepted") == {OutboundStatus.SENT: 18}
