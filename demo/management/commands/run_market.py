"""`make run`: the whole app in the foreground: web server, Celery worker, Celery beat and a mail sink.

Migrates, loads the demo market into an empty database, prints where to go and how to sign in,
and stops everything on Ctrl-C.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.accounts import DEMO_LOGINS, DEMO_PASSWORD
from demo.loader import demo_market_loaded
from demo.wishes import demo_round_preview_start
from filmart import embedded


class Command(BaseCommand):
    help = "Run web server, Celery worker and beat together with the demo market (Ctrl-C stops all)."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default=os.environ.get("FILMART_ADDR", "127.0.0.1:8000"))
        parser.add_argument("--keep-servers", action="store_true", help="Leave embedded PostgreSQL/Redis running.")

    def handle(self, *args, addr: str, keep_servers: bool, **options):
        embedded_servers = not (os.environ.get("DATABASE_URL") or os.environ.get("REDIS_URL"))
        call_command("migrate", interactive=False, verbosity=0)
        if not demo_market_loaded():
            self.stdout.write("Loading the demo market (first run only)...")
            call_command("load_demo_market")
        demo_round_preview_start()

        sink = self._start_mail_sink()
        env = {**os.environ, "DATABASE_URL": settings.DATABASE_URL, "REDIS_URL": settings.REDIS_URL}
        python = sys.executable
        data = Path(settings.BASE_DIR) / ".data"
        commands = {
            "web": [python, "manage.py", "runserver", addr],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "filmart",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "--hostname=worker@%h",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "filmart",
                "beat",
                "--loglevel=INFO",
                f"--schedule={data / 'celerybeat-schedule'}",
            ],
        }
        children = {
            name: subprocess.Popen(cmd, cwd=settings.BASE_DIR, env=env, start_new_session=True)
            for name, cmd in commands.items()
        }
        self._wait_until_serving(addr, children["web"])
        self._print_welcome(addr)

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"{name} exited with code {child.returncode}; stopping the others.")
                        stopping = True
                time.sleep(0.5)
        finally:
            self.stdout.write("\nStopping web server, worker and beat...")
            for child in children.values():
                if child.poll() is None:
                    os.killpg(child.pid, signal.SIGTERM)
            deadline = time.monotonic() + 15
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(child.pid, signal.SIGKILL)
            if sink:
                sink.stop()
            if embedded_servers and not keep_servers:
                embedded.redis_stop()
                embedded.postgres_stop()
            self.stdout.write("Stopped.")

    def _wait_until_serving(self, addr: str, web: subprocess.Popen, timeout: float = 60) -> None:
        """Print the welcome once the page answers, so it is the last thing on screen, not lost above."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and web.poll() is None:
            try:
                urllib.request.urlopen(f"http://{addr}/healthz", timeout=2)  # noqa: S310 - our own loopback URL
                return
            except urllib.error.HTTPError:
                return  # it answered, if not all parts are healthy yet
            except OSError:
                time.sleep(0.3)

    def _start_mail_sink(self):
        """Loopback SMTP server for the demo; messages are also readable at /mailbox/."""
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox

        smtp = settings.MAILERS["smtp"]["OPTIONS"]
        if smtp["host"] not in {"127.0.0.1", "localhost"}:
            return None
        maildir = Path(settings.BASE_DIR) / ".data" / "mail"
        maildir.parent.mkdir(parents=True, exist_ok=True)
        controller = Controller(Mailbox(str(maildir)), hostname=smtp["host"], port=smtp["port"])
        try:
            controller.start()
        except OSError as exc:
            self.stderr.write(f"Mail sink not started ({exc}); something else listens on port {smtp['port']}.")
            return None
        return controller

    def _print_welcome(self, addr: str) -> None:
        url = f"http://{addr}/"
        lines = [
            "",
            "=" * 64,
            f"  filmart is running: open {url}",
            "",
            f"  Demo logins (password for all: {DEMO_PASSWORD})",
            *[f"    {email:<24} {role}" for email, role in DEMO_LOGINS],
            "",
            f"  Emails sent by the app: {url}mailbox/",
            f"  Organiser admin:        {url}admin/",
            f"  Health:                 {url}healthz",
            "  Ctrl-C stops web server, worker and beat.",
            "=" * 64,
            "",
        ]
        self.stdout.write("\n".join(lines))
