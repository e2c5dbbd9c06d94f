"""Matchmaking rounds: the optimiser beside the first-come baseline, on the demo market (2,000 buyers, 760
exhibitors, about ten wishes each) and on the full-size one (10,000 buyers, 1,000 exhibitors).

Each market is loaded into a throw-away database with `load_demo_market` (its wishes and walking times
included); a round over every market day, 10:00-18:00, at most 4 arranged meetings per person per day, every
buyer's first 2 before anyone gets more, is built from the database and planned twice: first come, first served
(each wish in the order it was made, its earliest free slot) and CP-SAT (scheduling.solver.optimise) with the
round's time limit. Printed side by side: time to read the round from the database, time to plan, value, met
wishes by kind and meetings per buyer. Every plan is checked against the hard rules (plan_violations).

On the demo market, DAY_PLANS buyers also shortlist the companies they wished to meet and each has a day plan
drawn (scheduling.day_plan.day_plan_for, the second market day).

Targets: demo market planned in <= 60 s on 2 cores (reading included) with value >= 1.15x the baseline and a
higher per-buyer minimum (among buyers with a wish that can be met: a free slot in common); full size in <= 5 min;
a day plan in < 1 s p95.
Exits 1 if a target is missed or a plan breaks a rule.
Usage: .venv/bin/python benchmarks/schedule.py [demo|full ...]   (about 10 minutes for both)
"""

import sys
import time
from datetime import time as clock

from stack import database_name, full_market_database

from accounts.models import User
from markets.timekeeping import market_days
from scheduling import selectors
from scheduling.models import Round
from scheduling.services import KIND_ORDER, plan_figures
from scheduling.solver import greedy, optimise, plan_violations

TARGET_SECONDS = {"demo": 60.0, "full": 300.0}
VALUE_RATIO = 1.15
DAY_PLANS = 40


def round_for(market, seconds: float) -> Round:
    return Round.objects.create(
        market=market, name="benchmark", days=market_days(market), day_starts=clock(10), day_ends=clock(18),
        slot_minutes=market.slot_minutes, per_person_per_day=4, floor=2, only_verified=True, seconds=int(seconds),
    )  # fmt: skip


def run(scale: str) -> tuple[list[str], list[str]]:
    lines, failures = [], []
    with full_market_database(database_name(f"schedule_{scale}"), scale=scale) as market:
        started = time.perf_counter()
        data = selectors.round_data(rnd=round_for(market, TARGET_SECONDS[scale]))
        read_s = time.perf_counter() - started
        instance = data.instance
        options = sum(len(pair.options) for pair in instance.pairs)
        # The rest of the target is the optimiser's, less a margin for its last piece and the first-come plans.
        budget = TARGET_SECONDS[scale] - read_s - max(6.0, 0.1 * TARGET_SECONDS[scale])
        baseline = greedy(instance)
        plan = optimise(instance, seconds=budget)
        total_s = read_s + plan.seconds
        figures = {"greedy": plan_figures(instance, baseline), "optimised": plan_figures(instance, plan)}
        broken = plan_violations(instance, plan.chosen) + plan_violations(instance, baseline.chosen)
        buyers = len({pair.buyer for pair in instance.pairs})
        lines.append(
            f"{scale} market: {buyers} buyers wishing, {len(instance.pairs)} wished pairs, {options} options "
            f"({len(instance.slots)} slots of {market.slot_minutes} min), read in {read_s:.1f} s; "
            f"optimiser: {plan.status}"
        )
        lines.append(f"  {'':34} {'first come':>14} {'optimised':>14}")
        greedy_f, best_f = figures["greedy"], figures["optimised"]
        lines.append(f"  {'time to plan (s)':34} {greedy_f['seconds']:>14} {best_f['seconds']:>14}")
        lines.append(f"  {'meetings':34} {greedy_f['meetings']:>14} {best_f['meetings']:>14}")
        lines.append(f"  {'value':34} {greedy_f['value']:>14} {best_f['value']:>14}")
        for kind in KIND_ORDER:
            met_g, wished = greedy_f["met"][kind]
            lines.append(f"  {'met ' + kind.replace('_', ' '):34} {f'{met_g}/{wished}':>14} "
                         f"{f'{best_f['met'][kind][0]}/{wished}':>14}")  # fmt: skip
        lines.append(f"  {'fewest meetings of a buyer':34} {greedy_f['buyer_min']:>14} {best_f['buyer_min']:>14}")
        lines.append(f"  {'buyers with none':34} {greedy_f['buyers_with_none']:>14} {best_f['buyers_with_none']:>14}")
        ratio = best_f["value"] / max(1, greedy_f["value"])
        fairer = best_f["buyer_min"] > greedy_f["buyer_min"]
        lines.append(
            f"  {scale}: planned in {total_s:.1f} s (target <= {TARGET_SECONDS[scale]:.0f} s), value {ratio:.2f}x the "
            f"baseline, rules broken: {len(broken)}"
        )
        if scale == "demo":
            plan_p95, plans = day_plans(market)
            lines.append(f"  day plans: {plans} buyers' shortlists, p95 {plan_p95 * 1000:.0f} ms (target < 1000 ms)")
            if plan_p95 >= 1.0:
                failures.append(f"day plan p95 {plan_p95:.2f} s")
        if total_s > TARGET_SECONDS[scale]:
            failures.append(f"{scale}: {total_s:.1f} s")
        if broken:
            failures.append(f"{scale}: {broken[:3]}")
        if scale == "demo" and ratio < VALUE_RATIO:
            failures.append(f"demo: value only {ratio:.2f}x the baseline")
        if scale == "demo" and not fairer:
            failures.append("demo: per-buyer minimum no higher than the baseline's")
    return lines, failures


def day_plans(market, count: int = DAY_PLANS) -> tuple[float, int]:
    """p95 of `day_plan_for` over `count` buyers, each with a shortlist of the companies they wished to meet."""
    from matchmaking.models import Interest
    from scheduling.day_plan import day_plan_for
    from scheduling.models import Wish

    buyers = list(
        Wish.objects.filter(market=market, side="buyer").values_list("buyer", flat=True).distinct().order_by("buyer")
    )[:count]
    wishes = Wish.objects.filter(market=market, side="buyer", buyer__in=buyers).select_related("buyer")
    Interest.objects.bulk_create(
        [Interest(user=w.buyer, kind=Interest.Kind.SHORTLIST, exhibitor_id=w.exhibitor_id) for w in wishes],
        ignore_conflicts=True,
    )
    day = market_days(market)[1]
    times = []
    for buyer in User.objects.filter(pk__in=buyers):
        started = time.perf_counter()
        day_plan_for(buyer=buyer, market=market, day=day)
        times.append(time.perf_counter() - started)
    return sorted(times)[int(0.95 * (len(times) - 1))], len(times)


def main() -> int:
    scales = sys.argv[1:] or ["demo", "full"]
    all_failures = []
    for scale in scales:
        lines, failures = run(scale)
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        all_failures += failures
    sys.stdout.write(f"RESULT: {'FAIL ' + '; '.join(all_failures) if all_failures else 'PASS'}\n")
    return 1 if all_failures else 0


if __name__ == "__main__":
    sys.exit(main())
