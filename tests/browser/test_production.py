"""The production set-up on this machine: the Procfile under honcho with production settings (gunicorn with 2 web
processes, 2 Celery workers, 1 beat) on the test database, a Redis server of the test's own and the test's SMTP
sink; the main journey in Chromium against it, and static files as WhiteNoise serves them."""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from demo.accounts import DEMO_PASSWORD
from meetings.models import Meeting, Status
from tests.browser.conftest import screenshot, sign_in
from tests.mail_processes import ROOT, RedisServer, database_url, free_port, processes, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIN = Path(sys.executable).parent  # gunicorn, celery and honcho, as the Procfile names them
HASHED_CSS = re.compile(r"^/static/css/app\.[0-9a-f]{12}\.css$")
# What the test run sets for itself and a production process must not inherit.
TEST_ONLY_ENV = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "FILMART_REDIS_BROKER_DB",
    "FILMART_REDIS_CACHE_DB",
}


@dataclass
class Stack:
    url: str
    honcho: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def production_env(tmp_path: Path, *, port: int, redis_url: str, smtp_port: int) -> dict[str, str]:
    """As an operator would set it (docs/deployment.md), plain HTTP on loopback being the one liberty."""
    env = {name: value for name, value in os.environ.items() if name not in TEST_ONLY_ENV}
    return env | {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "FILMART_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FILMART_PLAIN_HTTP": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "PORT": str(port),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "STATIC_ROOT": str(tmp_path / "staticfiles"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_ROOT": str(tmp_path / "private"),
        "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat-schedule"),
        "LOG_LEVEL": "WARNING",
    }


def process_tree(root: int) -> list[tuple[int, int, list[str]]]:
    """(pid, parent pid, argv) of every live process under `root`, from /proc."""
    children: dict[int, list[tuple[int, int, list[str]]]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, ppid = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except (OSError, ValueError):
            continue  # gone meanwhile
        if state != "Z":
            children[int(ppid)].append((int(entry.name), int(ppid), argv))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def runs(argv: list[str], program: str) -> bool:
    """Whether this is the program itself (python .../bin/program ...), not the shell that started it."""
    return any(Path(arg).name == program for arg in argv[:2]) and Path(argv[0]).name not in {"sh", "bash", "dash"}


def healthy(url: str) -> str:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310 - our loopback server
            return response.read().decode()
    except OSError:  # not listening yet, or 503 while a part is still starting
        return ""


@pytest.fixture
def production_stack(demo_market, smtp_sink, smtp_server, tmp_path):
    """Build, release and run the Procfile as docs/deployment.md says; every process stopped at the end."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from accounts.models import User

    # The test settings store passwords with a fast hasher that production settings rightly do not accept.
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(email__in=["buyer@example.com", "rep@example.com"]).update(
        password=hasher.encode(DEMO_PASSWORD, hasher.salt())
    )

    redis_server = RedisServer(tmp_path)  # external Redis, as in production: nothing shared with other runs
    redis_server.start()
    port = free_port()
    env = production_env(tmp_path, port=port, redis_url=redis_server.url, smtp_port=smtp_server[1])
    honcho = [str(BIN / "honcho"), "--no-colour", "-f", "Procfile"]
    log = tmp_path / "stack.log"
    seen: list[tuple[int, int, list[str]]] = []
    try:
        with processes() as started, log.open("w") as out:
            # Build, then release: both must work with nothing but the production environment.
            build = subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert build.returncode == 0, build.stderr
            release = subprocess.run(
                [*honcho, "start", "release"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
            )
            assert release.returncode == 0, release.stdout + release.stderr

            stack = Stack(
                url=f"http://127.0.0.1:{port}",
                honcho=started.run(
                    [*honcho, "start", "-c", "web=1,worker=2,beat=1", "web", "worker", "beat"],
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                ),
                log=log,
            )
            deadline = time.monotonic() + 120
            while '"celery": {"ok": true, "detail": "heartbeat' not in (body := healthy(stack.url)):
                assert stack.honcho.poll() is None, f"honcho exited\n{stack.log_tail()}"
                assert time.monotonic() < deadline, f"/healthz never ok: {body}\n{stack.log_tail()}"
                time.sleep(0.5)
            assert '"status": "ok"' in body
            seen = process_tree(stack.honcho.pid)
            yield stack
    finally:
        # processes() has stopped honcho, which stops what it started; anything it missed is ended here.
        for pid, _ppid, argv in seen:
            try:
                if Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0") == argv:
                    os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # already gone
        redis_server.stop()
        # pytest shows what the test wrote to stdout when it fails: the stack's last words.
        sys.stdout.write(log.read_text(errors="replace")[-5000:] if log.exists() else "")


def test_production_stack_serves_the_meeting_journey_and_fingerprinted_compressed_static(
    browser, production_stack, smtp_sink, demo_market
):
    stack = production_stack
    tree = process_tree(stack.honcho.pid)
    gunicorn = {pid: ppid for pid, ppid, argv in tree if runs(argv, "gunicorn")}
    web_processes = [pid for pid, ppid in gunicorn.items() if ppid in gunicorn]
    celery = [(pid, ppid, argv) for pid, ppid, argv in tree if runs(argv, "celery")]
    celery_pids = {pid for pid, _ppid, _argv in celery}
    workers = [pid for pid, ppid, argv in celery if "worker" in argv and ppid not in celery_pids]
    beats = [pid for pid, _ppid, argv in celery if "beat" in argv]
    assert (len(web_processes), len(workers), len(beats)) == (2, 2, 1), tree

    # The buyer asks for a slot.
    buyer = browser.new_context(base_url=stack.url, viewport={"width": 1280, "height": 900})
    page = buyer.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, "buyer@example.com", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Ploy")).to_be_visible()
    page.goto("/meetings/book/tencent/")
    page.get_by_label("Message").fill("Production proof: costume dramas for Thailand")
    page.locator("input[name=day]").nth(1).check()
    day = page.locator("input[name=day]").nth(1).get_attribute("value")
    expect(page).to_have_url(re.compile(rf"day={day}"))
    page.locator("#slots button.slot-free").first.click()
    expect(page.get_by_text("Request sent.", exact=False)).to_be_visible()
    meeting = Meeting.objects.get(buyer__email="buyer@example.com", message__startswith="Production proof")
    assert meeting.status == Status.PENDING

    # Static files: fingerprinted names in the page, compressed and cached for good by WhiteNoise.
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert HASHED_CSS.match(stylesheet), stylesheet
    for encoding in ("gzip", "br"):
        request = urllib.request.Request(f"{stack.url}{stylesheet}", headers={"Accept-Encoding": encoding})  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our loopback server
            assert response.headers["Content-Encoding"] == encoding
            assert "immutable" in response.headers["Cache-Control"]
            assert int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"])[1]) >= 365 * 24 * 3600
    # The service worker keeps the hashed files: its install fails if any of them is missing.
    page.goto("/meetings/")
    kept = page.evaluate(
        """() => Promise.race([
             navigator.serviceWorker.ready
               .then(() => caches.open('filmart-assets')).then((cache) => cache.keys())
               .then((requests) => requests.map((request) => new URL(request.url).pathname)),
             new Promise((resolve) => setTimeout(() => resolve(null), 15000)),
           ])"""
    )
    assert kept is not None and stylesheet in kept, kept

    # The rep accepts it on a phone.
    rep = browser.new_context(base_url=stack.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    rep_page = rep.new_page()
    rep_page.set_default_timeout(20_000)
    sign_in(rep_page, "rep@example.com", DEMO_PASSWORD)
    rep_page.goto("/meetings/requests/")
    rep_page.locator(f"a[href='/meetings/{meeting.pk}/']").click()
    expect(rep_page.get_by_text("Production proof: costume dramas for Thailand")).to_be_visible()
    rep_page.get_by_role("button", name="Accept").click()
    expect(rep_page.get_by_text("Accepted: the meeting is in both agendas.")).to_be_visible()
    assert Meeting.objects.get(pk=meeting.pk).status == Status.ACCEPTED

    # Both see it in their agendas.
    rep_page.goto(f"/meetings/?day={day}")
    expect(rep_page.locator(f".meeting-card a[href^='/meetings/{meeting.pk}/']").first).to_be_visible()
    page.goto(f"/meetings/?day={day}")
    expect(page.locator(f".meeting-card a[href^='/meetings/{meeting.pk}/']").first).to_be_visible()
    screenshot(page, "production-agenda")

    # The emails went out through the real workers, with links to this server.
    link = f"{stack.url}/meetings/{meeting.pk}/"

    def mail_to(address: str, subject_start: str) -> list:
        return [
            message
            for message in list(smtp_sink.messages)
            if message["To"] == address and str(message["Subject"]).startswith(subject_start)
            and link in message.get_body(("plain",)).get_content()
        ]  # fmt: skip

    wait_for(lambda: mail_to("rep@example.com", "Meeting request from"), seconds=60, what="the request email")
    for address in ("buyer@example.com", "rep@example.com"):
        wait_for(lambda a=address: mail_to(a, "Meeting confirmed with"), seconds=60, what=f"confirmation to {address}")
        (confirmation,) = mail_to(address, "Meeting confirmed with")
        assert any(part.get_content_type() == "text/calendar" for part in confirmation.iter_attachments())
    buyer.close()
    rep.close()
