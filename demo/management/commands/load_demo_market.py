import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_LOGINS, DEMO_PASSWORD
from demo.loader import SCALES, demo_market_load
from exhibitors.selectors import market_figures
from exhibitors.services import catalogue_counts_precompute


class Command(BaseCommand):
    help = "Load (or refresh) the FILMART demo market and its three demo logins. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="demo",
            help="demo: the market of the news story (760 exhibitors, 2,000 buyers). full: FILMART at its largest "
            "(1,000 exhibitors, 3,000 reps, 10,000 titles, 10,000 buyers, 50,000 meetings), for benchmarks; "
            "load it into an empty database, since meetings are made only in a market that has none.",
        )

    def handle(self, *args, scale: str, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo market is refused in production: its logins' password is public.")
        started = time.monotonic()
        try:
            market = demo_market_load(scale=scale)
        except ImproperlyConfigured as refusal:
            raise CommandError(str(refusal)) from refusal
        # The usual catalogue questions counted now, rather than by the first worker to run after the load, so
        # the first pages of `make run` and of the benchmarks read them.
        catalogue_counts_precompute(market_id=market.pk)
        figures = market_figures(market=market)
        self.stdout.write(
            self.style.SUCCESS(
                f"{market.name}: {market.starts_on:%d %b %Y} - {market.ends_on:%d %b %Y}, "
                f"{figures['exhibitors']} exhibitors from {figures['regions']} countries and regions, "
                f"{figures['pavilions']} pavilions, {figures['asean']} from ASEAN, {figures['titles']} titles "
                f"(loaded in {time.monotonic() - started:.1f} s)."
            )
        )
        for email, role in DEMO_LOGINS:
            self.stdout.write(f"  {email:<24} {role}  password: {DEMO_PASSWORD}")
