"""The demo's arranged meetings: whom buyers and exhibitor teams wish to meet, the walking times between the
venue's halls, and one matchmaking round set up for the organisers to preview."""

import random
from datetime import time

from django.db.models import Exists, OuterRef

from accounts.models import Role, User
from exhibitors.models import Exhibitor
from markets.models import Hall, Market
from markets.timekeeping import market_days
from meetings.models import Availability
from scheduling import services as scheduling_services
from scheduling.models import HallWalk, Round, Wish

SEED = 20250310
WISHES_PER_BUYER = 10
WISHES_PER_EXHIBITOR = 8
MUSTS_PER_BUYER = 3
DEMO_BUYER_EMAIL = "buyer@example.com"
DEMO_ROUND = "Day two: arranged meetings"


def hall_walk_minutes(a: str, b: str) -> int:
    """HKCEC: halls 1A-1E side by side on level 1, 3B-3G on level 3; a minute or two between neighbours, the
    escalators between the levels."""
    level_a, level_b = a[0], b[0]
    apart = abs(ord(a[1]) - ord(b[1]))
    if level_a == level_b:
        return 2 + apart
    return 8 + apart // 2


def demo_hall_walks_load(*, market: Market) -> None:
    halls = list(Hall.objects.filter(market=market).order_by("code"))
    rows = [
        HallWalk(market=market, from_hall=a, to_hall=b, minutes=hall_walk_minutes(a.code, b.code))
        for n, a in enumerate(halls)
        for b in halls[n + 1 :]
    ]
    HallWalk.objects.bulk_create(rows, ignore_conflicts=True)


def demo_wishes_load(*, market: Market) -> None:
    """About ten wishes per buyer (most for companies keeping open hours, a few "must meet"), eight per company
    with open hours (half of them returning a buyer's wish), written in a shuffled first-come order."""
    if Wish.objects.filter(market=market).exists():
        return
    rng = random.Random(SEED)
    keeps_hours = Exists(Availability.objects.filter(exhibitor=OuterRef("pk")))
    exhibitors = Exhibitor.objects.filter(market=market).annotate(keeps_hours=keeps_hours)
    with_hours = sorted(exhibitors.filter(keeps_hours=True).values_list("pk", flat=True))
    others = sorted(exhibitors.filter(keeps_hours=False).values_list("pk", flat=True))
    buyers = sorted(User.objects.filter(role=Role.BUYER, buyer_profile__isnull=False).values_list("pk", flat=True))
    if not with_hours or not buyers:
        return
    rows: list[Wish] = []
    wished_by_buyers: dict[int, list[int]] = {}
    for buyer in buyers:
        chosen = rng.sample(with_hours, min(WISHES_PER_BUYER - 2, len(with_hours)))
        chosen += rng.sample(others, min(2, len(others)))
        musts = set(rng.sample(chosen, min(MUSTS_PER_BUYER, len(chosen))))
        for exhibitor in chosen:
            rows.append(Wish(market=market, side="buyer", buyer_id=buyer, exhibitor_id=exhibitor,
                             priority="must" if exhibitor in musts else "would"))  # fmt: skip
            wished_by_buyers.setdefault(exhibitor, []).append(buyer)
    for exhibitor in with_hours:
        fans = wished_by_buyers.get(exhibitor, [])
        picked = rng.sample(fans, min(WISHES_PER_EXHIBITOR // 2, len(fans)))
        picked += [b for b in rng.sample(buyers, WISHES_PER_EXHIBITOR) if b not in picked][
            : WISHES_PER_EXHIBITOR - len(picked)
        ]
        rng.shuffle(picked)  # some of its "must meet" return a buyer's wish, some are its own idea
        for n, buyer in enumerate(picked):
            rows.append(Wish(market=market, side="exhibitor", buyer_id=buyer, exhibitor_id=exhibitor,
                             priority="must" if n < 2 else "would"))  # fmt: skip
    rng.shuffle(rows)  # the order people made them in: first come, first served for the baseline
    Wish.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


def demo_round_load(*, market: Market) -> Round | None:
    """One round for the second market day, set up (`make run` has it solved: see demo_round_preview_start)."""
    if Round.objects.filter(market=market).exists() or not Wish.objects.filter(market=market).exists():
        return None
    days = market_days(market)
    organiser = User.objects.filter(is_staff=True).order_by("pk").first()
    rnd = scheduling_services.round_create(
        market=market, user=organiser, name=DEMO_ROUND, days=[days[min(1, len(days) - 1)]], day_starts=time(10),
        day_ends=time(18), slot_minutes=market.slot_minutes, per_person_per_day=4, floor=2, only_verified=True,
        confirm_at_once=False, seconds=30,
    )  # fmt: skip
    return rnd


def demo_round_preview_start() -> None:
    """Hand the demo's round, while still only set up, to a worker to solve: the organisers open its preview.
    Only when the demo app starts (its worker then takes it), not in every load: a test's or a benchmark's
    worker would spend half a minute on it."""
    rnd = Round.objects.filter(name=DEMO_ROUND, status="draft", market__is_current=True).first()
    if rnd is not None:
        scheduling_services.round_solve_start(rnd=rnd, version=rnd.version)
