"""The matchmaking round's optimiser on instances whose best schedule is known: built by hand, and random
ones small enough to try every schedule. No database: the solver is pure data in, assignments out."""

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest

from scheduling.solver import (
    Fixed,
    Instance,
    Option,
    Pair,
    Slot,
    _score,
    greedy,
    optimise,
    plan_violations,
    repair_floors,
    usable_options,
)

DAY = datetime(2030, 3, 17, 2, 0, tzinfo=UTC)


def slots(count: int, minutes: int = 30, day: int = 0) -> list[Slot]:
    start = DAY + timedelta(days=day)
    return [
        Slot(start + timedelta(minutes=minutes * n), start + timedelta(minutes=minutes * (n + 1))) for n in range(count)
    ]


def met(plan) -> set[tuple[int, int]]:
    return set(plan.chosen.items())


def test_the_optimiser_moves_a_first_comer_to_fit_a_second_buyer_where_first_come_first_served_cannot():
    # Rep 10 has slots 0 and 1. Buyer 1 (first) could take either; buyer 2 only slot 0.
    instance = Instance(
        slots=slots(2),
        pairs=[
            Pair(
                buyer=1, exhibitor=100, buyer_wish="would", order=1, options=(Option(10, 0, "1E"), Option(10, 1, "1E"))
            ),
            Pair(buyer=2, exhibitor=100, buyer_wish="would", order=2, options=(Option(10, 0, "1E"),)),
        ],
        floor=0,
    )
    assert greedy(instance).chosen == {0: Option(10, 0, "1E")}
    plan = optimise(instance, seconds=5)
    assert plan.chosen == {0: Option(10, 1, "1E"), 1: Option(10, 0, "1E")}
    assert plan_violations(instance, plan.chosen) == []


def test_a_must_wins_the_last_slot_over_a_would_like_and_a_mutual_wish_over_both():
    one_slot = (Option(10, 0, "1E"),)
    instance = Instance(
        slots=slots(1),
        pairs=[
            Pair(buyer=1, exhibitor=100, buyer_wish="would", order=1, options=one_slot),
            Pair(buyer=2, exhibitor=100, buyer_wish="must", order=2, options=one_slot),
        ],
        floor=0,
    )
    assert set(optimise(instance, seconds=5).chosen) == {1}
    instance.pairs.append(
        Pair(buyer=3, exhibitor=100, buyer_wish="would", exhibitor_wish="would", order=3, options=one_slot)
    )
    assert set(optimise(instance, seconds=5).chosen) == {2}


def test_the_rights_fit_breaks_a_tie_between_two_equal_wishes():
    one_slot = (Option(10, 0, "1E"),)
    instance = Instance(
        slots=slots(1),
        pairs=[
            Pair(buyer=1, exhibitor=100, buyer_wish="must", fit=20, order=1, options=one_slot),
            Pair(buyer=2, exhibitor=100, buyer_wish="must", fit=70, order=2, options=one_slot),
        ],
        floor=0,
    )
    assert set(optimise(instance, seconds=5).chosen) == {1}


def test_every_buyer_gets_their_floor_before_anyone_gets_more():
    # Buyer 1 must meet three companies (one slot each); buyer 2 would like the first. By value alone buyer 1
    # takes all three; with k = 1 buyer 2 gets theirs and buyer 1 two.
    pairs = [
        Pair(buyer=1, exhibitor=100, buyer_wish="must", order=1, options=(Option(10, 0, "1E"),)),
        Pair(buyer=1, exhibitor=200, buyer_wish="must", order=2, options=(Option(20, 1, "1E"),)),
        Pair(buyer=1, exhibitor=300, buyer_wish="must", order=3, options=(Option(30, 2, "1E"),)),
        Pair(buyer=2, exhibitor=100, buyer_wish="would", order=4, options=(Option(10, 0, "1E"),)),
    ]
    assert set(optimise(Instance(slots=slots(3), pairs=pairs, floor=0), seconds=5).chosen) == {0, 1, 2}
    assert set(optimise(Instance(slots=slots(3), pairs=pairs, floor=1), seconds=5).chosen) == {1, 2, 3}


def test_an_exhibitors_must_list_is_served_before_another_company_is_served_twice():
    # Rep 10 (company 100) and rep 20 (company 200) share buyer 1's and buyer 2's only free slot. Company 200
    # must meet buyer 2; buyer 2's own wish is for company 100, worth more.
    pairs = [
        Pair(buyer=1, exhibitor=100, buyer_wish="must", order=1, options=(Option(10, 0, "1E"),)),
        Pair(buyer=2, exhibitor=100, buyer_wish="must", order=2, options=(Option(10, 1, "1E"),)),
        Pair(buyer=2, exhibitor=200, exhibitor_wish="must", order=3, options=(Option(20, 1, "1E"),)),
    ]
    assert set(optimise(Instance(slots=slots(2), pairs=pairs, floor=0), seconds=5).chosen) == {0, 2}


def test_walking_time_between_halls_keeps_back_to_back_meetings_in_one_hall():
    pairs = [
        Pair(buyer=1, exhibitor=100, buyer_wish="must", order=1, options=(Option(10, 0, "1E"),)),
        Pair(buyer=1, exhibitor=200, buyer_wish="must", order=2, options=(Option(20, 1, "3G"), Option(20, 2, "3G"))),
    ]
    walking = Instance(slots=slots(3), pairs=pairs, walk_minutes={("1E", "3G"): 10}, floor=0)
    plan = optimise(walking, seconds=5)
    assert plan.chosen == {0: Option(10, 0, "1E"), 1: Option(20, 2, "3G")}
    assert plan_violations(walking, {0: Option(10, 0, "1E"), 1: Option(20, 1, "3G")}) != []
    assert greedy(walking).chosen == plan.chosen  # greedy respects it too


def test_an_existing_meeting_elsewhere_leaves_time_to_walk_and_is_never_overlapped():
    instance = Instance(
        slots=slots(3),
        pairs=[
            Pair(
                buyer=1,
                exhibitor=100,
                buyer_wish="must",
                options=(Option(10, 0, "1E"), Option(10, 1, "1E"), Option(10, 2, "1E")),
            )
        ],
        walk_minutes={("1E", "5BC"): 15},
        fixed={1: [Fixed(DAY, DAY + timedelta(minutes=30), "5BC")]},  # slot 0, in another hall
        floor=0,
    )
    assert usable_options(instance) == [(Option(10, 2, "1E"),)]
    assert optimise(instance, seconds=5).chosen == {0: Option(10, 2, "1E")}


def test_daily_caps_and_lounge_tables_are_never_exceeded():
    pairs = [
        Pair(buyer=1, exhibitor=100 + n, buyer_wish="must", order=n, options=(Option(10 + n, n, "1E", lounge=True),))
        for n in range(3)
    ] + [Pair(buyer=2, exhibitor=100, buyer_wish="must", order=9, options=(Option(10, 1, "1E", lounge=True),))]
    capped = Instance(slots=slots(3), pairs=pairs, per_day=2, floor=0, lounge_tables={("1E", n): 1 for n in range(3)})
    plan = optimise(capped, seconds=5)
    assert len([i for i in plan.chosen if capped.pairs[i].buyer == 1]) == 2
    assert plan_violations(capped, plan.chosen) == []
    no_tables = Instance(slots=slots(3), pairs=pairs, floor=0, lounge_tables={("1E", 0): 1})
    assert set(optimise(no_tables, seconds=5).chosen) == {0}


def _best_by_trying_all(instance: Instance) -> tuple[int, int]:
    usable = usable_options(instance)
    best = (0, 0)
    for choice in itertools.product(*[(None, *options) for options in usable]):
        chosen = {index: option for index, option in enumerate(choice) if option is not None}
        if not plan_violations(instance, chosen):
            best = max(best, _score(instance, usable, chosen))
    return best


def _random_instance(seed: int, pairs: int = 6) -> Instance:
    rng = random.Random(seed)
    halls = ["1E", "3G", "5BC"]
    reps = {exhibitor: [10 * exhibitor + n for n in range(rng.randint(1, 2))] for exhibitor in range(1, 4)}
    rep_hall = {rep: rng.choice(halls) for people in reps.values() for rep in people}
    chosen_pairs = rng.sample([(b, e) for b in range(100, 104) for e in reps], pairs)
    made = []
    for order, (buyer, exhibitor) in enumerate(chosen_pairs):
        options = {
            Option(rep, slot, rep_hall[rep], lounge=rng.random() < 0.3)
            for rep in reps[exhibitor]
            for slot in rng.sample(range(4), 2)
        }
        made.append(
            Pair(buyer=buyer, exhibitor=exhibitor, buyer_wish=rng.choice(["must", "would", ""]) or "would",
                 exhibitor_wish=rng.choice(["must", "would", ""]), fit=rng.randint(0, 100), order=order,
                 options=tuple(sorted(options, key=lambda o: (o.slot, o.rep))[:3]))
        )  # fmt: skip
    return Instance(
        slots=slots(4),
        pairs=made,
        walk_minutes={("1E", "3G"): 5, ("1E", "5BC"): 10, ("3G", "5BC"): 8},
        per_day=rng.randint(1, 3),
        lounge_tables={(hall, slot): rng.randint(0, 1) for hall in halls for slot in range(4)},
        floor=rng.randint(0, 2),
    )


@pytest.mark.parametrize("seed", range(12))
def test_on_random_instances_the_optimiser_finds_the_best_schedule_and_breaks_no_rule(seed):
    instance = _random_instance(seed)
    plan = optimise(instance, seconds=10)
    usable = usable_options(instance)
    assert plan_violations(instance, plan.chosen) == []
    assert plan_violations(instance, greedy(instance).chosen) == []
    assert _score(instance, usable, plan.chosen) == _best_by_trying_all(instance)
    assert _score(instance, usable, plan.chosen) >= _score(instance, usable, greedy(instance).chosen)


@pytest.mark.parametrize("seed", range(4))
def test_improving_piece_by_piece_breaks_no_rule_and_is_never_worse_than_first_come(seed, monkeypatch):
    """Large rounds are improved piece by piece from the first-come plan, a heuristic: on small instances forced
    down that path with pieces of a few options, no rule is broken, the plan is at least the baseline's, and at
    most the one-model optimum."""
    import scheduling.solver as solver

    instance = _random_instance(seed, pairs=8)
    usable = usable_options(instance)
    whole = _score(instance, usable, optimise(instance, seconds=10).chosen)
    monkeypatch.setattr(solver, "WHOLE_MODEL_OPTIONS", 0)
    monkeypatch.setattr(solver, "PIECE_OPTIONS", 4)
    plan = optimise(instance, seconds=2)
    assert plan.method.startswith("cp-sat, piece by piece") or plan.method.startswith("greedy")
    assert plan_violations(instance, plan.chosen) == []
    assert _score(instance, usable, greedy(instance).chosen) <= _score(instance, usable, plan.chosen) <= whole


def test_a_buyer_left_with_nothing_takes_the_place_of_a_buyer_already_above_their_floor():
    # Rep 10 may hold two arranged meetings that day; buyer 1 (first, both wishes "must") took both. Buyer 2's
    # only wish is the same rep: one of buyer 1's gives way (k = 1), whatever the value lost.
    pairs = [
        Pair(buyer=1, exhibitor=100, buyer_wish="must", order=1, options=(Option(10, 0, "1E"),)),
        Pair(buyer=1, exhibitor=100, buyer_wish="must", order=2, options=(Option(10, 1, "1E"),)),
        Pair(buyer=2, exhibitor=100, buyer_wish="would", order=3, options=(Option(10, 2, "1E"),)),
    ]
    instance = Instance(slots=slots(3), pairs=pairs, per_day=2, floor=1)
    usable = usable_options(instance)
    start = greedy(instance, usable)
    assert set(start.chosen) == {0, 1}
    repaired = repair_floors(instance, usable, start)
    assert len(repaired.chosen) == 2 and 2 in repaired.chosen
    assert plan_violations(instance, repaired.chosen) == []
    assert _score(instance, usable, repaired.chosen) > _score(instance, usable, start.chosen)
