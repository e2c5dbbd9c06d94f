"""The matchmaking round's optimiser: which wished pairs meet, with which rep, when and where.

Pure data in, assignments out (no Django here), so that small instances with a known optimum can be tested
directly. Two planners over the same rules:

- `greedy`: the first-come fill today's platforms use, as the baseline the preview shows side by side;
- `optimise`: CP-SAT (OR-Tools). Chosen over a MIP through HiGHS because the model is almost all "at most one
  of these booleans" (a person in one place, a rep's slot, a pair met once), which CP-SAT's presolve and clause
  learning handle natively, it takes the greedy plan as a hint (so it starts from a feasible schedule and
  only improves on it), runs its portfolio on both cores, and stops at a time limit with the best schedule
  found so far.

Fairness is lexicographic: first as many "floor" meetings as possible (every buyer's first min(k, wishes), and
one "must" of every exhibitor that has a must list), then the most value. A large round is decomposed: the
first-come plan is improved piece by piece (a few companies' pairs at a time), each piece kept only if the
whole plan scores better.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

# What a met wish is worth. A "must" counts more than a "would like", a mutual wish (both sides asked) more
# than either alone; the rights fit (0-100) only breaks ties.
MUST_VALUE = 100
WOULD_VALUE = 40
MUTUAL_BONUS = 60
FIT_WEIGHT = 1  # per point of fit, at most 100: less than the gap between two kinds of wish

# A round with at most this many options is one CP-SAT model; a larger one is improved piece by piece, each
# piece (the pairs of a few companies) about PIECE_OPTIONS options, given at most PIECE_SECONDS.
WHOLE_MODEL_OPTIONS = 40_000
PIECE_OPTIONS = 12_000
PIECE_SECONDS = 6.0


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime

    @property
    def day(self):
        return self.start.date()


@dataclass(frozen=True)
class Option:
    """One way to meet: the rep, the slot (an index into Instance.slots), the hall it is in (None: online, no
    walking) and whether it needs a table of that hall's business lounge."""

    rep: int
    slot: int
    hall: str | None
    lounge: bool = False


@dataclass(frozen=True)
class Pair:
    """A buyer and an exhibitor that one or both wished to meet."""

    buyer: int
    exhibitor: int
    buyer_wish: str = ""  # "must", "would" or "" (no wish from that side)
    exhibitor_wish: str = ""
    fit: int = 0  # the recommendations' rights fit, 0-100
    order: int = 0  # first-come position of its earliest wish
    options: tuple[Option, ...] = ()

    @property
    def value(self) -> int:
        return wish_value(self.buyer_wish, self.exhibitor_wish, self.fit)


@dataclass(frozen=True)
class Fixed:
    """A time a person is already taken (a meeting, a busy time), and where, for walking times."""

    start: datetime
    end: datetime
    hall: str | None = None


@dataclass
class Instance:
    slots: list[Slot]
    pairs: list[Pair]
    walk_minutes: dict[tuple[str, str], int] = field(default_factory=dict)  # either order
    per_day: int = 4  # most arranged meetings per person per day, this round
    day_cap_left: dict[tuple[int, object], int] = field(default_factory=dict)  # (person, day) -> market cap left
    lounge_tables: dict[tuple[str, int], int] = field(default_factory=dict)  # (hall, slot) -> free tables
    fixed: dict[int, list[Fixed]] = field(default_factory=dict)  # person -> times already taken
    floor: int = 2  # k: every buyer's first min(k, wishes) before anyone gets more
    already: dict[int, int] = field(default_factory=dict)  # buyer -> meetings this round already holds
    compact_for: int | None = None  # a day plan's buyer: among plans of equal value, fewer gaps and hall changes

    def walk(self, a: str | None, b: str | None) -> int:
        if a is None or b is None or a == b:
            return 0
        return self.walk_minutes.get((a, b), self.walk_minutes.get((b, a), 0))


@dataclass
class Plan:
    """Chosen option per pair index, and how it was found."""

    chosen: dict[int, Option]
    method: str
    seconds: float = 0.0
    status: str = ""


def wish_value(buyer_wish: str, exhibitor_wish: str, fit: int = 0) -> int:
    kinds = {"must": MUST_VALUE, "would": WOULD_VALUE}
    value = kinds.get(buyer_wish, 0) + kinds.get(exhibitor_wish, 0)
    if buyer_wish and exhibitor_wish:
        value += MUTUAL_BONUS
    return value + FIT_WEIGHT * max(0, min(100, fit))


def _gap_minutes(first: Slot | Fixed, then: Slot | Fixed) -> float:
    return (then.start - first.end).total_seconds() / 60


def _clash(instance: Instance, a_slot: Slot | Fixed, a_hall, b_slot: Slot | Fixed, b_hall) -> bool:
    """Two engagements of one person that cannot both be kept: overlapping, or too close to walk between."""
    if a_slot.start < b_slot.end and b_slot.start < a_slot.end:
        return True
    first, then = (a_slot, b_slot) if a_slot.start <= b_slot.start else (b_slot, a_slot)
    first_hall, then_hall = (a_hall, b_hall) if first is a_slot else (b_hall, a_hall)
    return _gap_minutes(first, then) < instance.walk(first_hall, then_hall)


def usable_options(instance: Instance) -> list[tuple[Option, ...]]:
    """Each pair's options that clash with nothing either person already has."""
    zone = instance.slots[0].start.tzinfo if instance.slots else None
    taken_on: dict[tuple[int, object], list[Fixed]] = defaultdict(list)  # (person, day) -> what they have then
    for person, engagements in instance.fixed.items():
        for busy in engagements:
            for day in {busy.start.astimezone(zone).date(), busy.end.astimezone(zone).date()}:
                taken_on[person, day].append(busy)
    usable = []
    for pair in instance.pairs:
        keep = []
        for option in pair.options:
            slot = instance.slots[option.slot]
            taken = [
                *taken_on.get((pair.buyer, slot.start.date()), ()),
                *taken_on.get((option.rep, slot.start.date()), ()),
            ]
            if not any(_clash(instance, slot, option.hall, busy, busy.hall) for busy in taken):
                keep.append(option)
        usable.append(tuple(keep))
    return usable


def floors(instance: Instance, usable: list[tuple[Option, ...]]) -> tuple[dict[int, int], set[int]]:
    """Each buyer's floor (min(k, wishes that can be met) less what the round already holds), and the
    exhibitors whose must list can be served."""
    wishes: dict[int, int] = defaultdict(int)
    musts: set[int] = set()
    for pair, options in zip(instance.pairs, usable, strict=True):
        if options:
            wishes[pair.buyer] += 1
            if pair.exhibitor_wish == "must":
                musts.add(pair.exhibitor)
    floor = {
        buyer: max(0, min(instance.floor, count + instance.already.get(buyer, 0)) - instance.already.get(buyer, 0))
        for buyer, count in wishes.items()
    }
    return floor, musts


# --- Checking a plan ---------------------------------------------------------------------------------


class _Ledger:
    """What a plan holds so far, to check that one more meeting breaks no rule (the greedy planner, the
    checks of tests and of the optimiser's answer)."""

    def __init__(self, instance: Instance):
        self.instance = instance
        # (person, day) -> (slot index, hall) of what they hold that day: a slot taken is one lookup, and only
        # that day's meetings are compared for walking times.
        self.engagements: dict[tuple[int, object], list[tuple[int, str | None]]] = defaultdict(list)
        self.per_day: dict[tuple[int, object], int] = defaultdict(int)
        self.lounge: dict[tuple[str, int], int] = defaultdict(int)

    def fits(self, pair: Pair, option: Option) -> bool:
        instance = self.instance
        slot = instance.slots[option.slot]
        day = slot.day
        for person in (pair.buyer, option.rep):
            if self.per_day[person, day] >= min(
                instance.per_day, instance.day_cap_left.get((person, day), instance.per_day)
            ):
                return False
            for other, hall in self.engagements[person, day]:
                if other == option.slot or _clash(instance, slot, option.hall, instance.slots[other], hall):
                    return False
        tables = instance.lounge_tables.get((option.hall, option.slot), 0)
        return not (option.lounge and self.lounge[option.hall, option.slot] >= tables)

    def add(self, pair: Pair, option: Option) -> None:
        slot = self.instance.slots[option.slot]
        for person in (pair.buyer, option.rep):
            self.engagements[person, slot.day].append((option.slot, option.hall))
            self.per_day[person, slot.day] += 1
        if option.lounge:
            self.lounge[option.hall, option.slot] += 1

    def remove(self, pair: Pair, option: Option) -> None:
        slot = self.instance.slots[option.slot]
        for person in (pair.buyer, option.rep):
            self.engagements[person, slot.day].remove((option.slot, option.hall))
            self.per_day[person, slot.day] -= 1
        if option.lounge:
            self.lounge[option.hall, option.slot] -= 1


def plan_violations(instance: Instance, chosen: dict[int, Option]) -> list[str]:
    """Every hard rule the plan breaks (empty: none), checked one meeting at a time in time order."""
    ledger = _Ledger(instance)
    problems = []
    usable = usable_options(instance)
    for index, option in sorted(chosen.items(), key=lambda item: instance.slots[item[1].slot].start):
        pair = instance.pairs[index]
        if option not in usable[index]:
            problems.append(f"pair {index}: option {option} is not one of its usable options")
        if not ledger.fits(pair, option):
            problems.append(f"pair {index}: {option} breaks a rule")
        ledger.add(pair, option)
    return problems


# --- The planners ------------------------------------------------------------------------------------


def greedy(instance: Instance, usable: list[tuple[Option, ...]] | None = None) -> Plan:
    """First come, first served: wishes in the order they were made, each given its earliest free option."""
    started = time.perf_counter()
    usable = usable if usable is not None else usable_options(instance)
    ledger = _Ledger(instance)
    chosen: dict[int, Option] = {}
    for index in sorted(range(len(instance.pairs)), key=lambda i: (instance.pairs[i].order, i)):
        pair = instance.pairs[index]
        for option in sorted(usable[index], key=lambda o: (instance.slots[o.slot].start, o.rep)):
            if ledger.fits(pair, option):
                ledger.add(pair, option)
                chosen[index] = option
                break
    return Plan(chosen=chosen, method="greedy", seconds=time.perf_counter() - started, status="greedy")


def fair_greedy(instance: Instance, usable: list[tuple[Option, ...]]) -> Plan:
    """A better start for the optimiser than first come: in turns, each buyer's most valuable wish still open
    (musts and mutual wishes first), so that everybody has a first meeting before anybody a second."""
    started = time.perf_counter()
    ledger = _Ledger(instance)
    chosen: dict[int, Option] = {}
    queues: dict[int, list[int]] = defaultdict(list)
    for index in sorted(range(len(instance.pairs)), key=lambda i: (-instance.pairs[i].value, instance.pairs[i].order)):
        if usable[index]:
            queues[instance.pairs[index].buyer].append(index)
    turn = 0
    while queues:
        for buyer in list(queues):
            queue = queues[buyer]
            if turn >= len(queue):
                del queues[buyer]
                continue
            index = queue[turn]
            pair = instance.pairs[index]
            for option in usable[index]:
                if ledger.fits(pair, option):
                    ledger.add(pair, option)
                    chosen[index] = option
                    break
        turn += 1
    return Plan(chosen=chosen, method="fair greedy", seconds=time.perf_counter() - started, status="fair greedy")


def repair_floors(instance: Instance, usable: list[tuple[Option, ...]], plan: Plan) -> Plan:
    """Buyers still below their floor whose wished reps are full that day: a meeting of that rep held by a buyer
    above their own floor gives way, when that lets the first buyer in. Each swap raises the floors met by one
    and lowers none, so the plan only gets better by the lexicographic objective."""
    floor, _musts = floors(instance, usable)
    chosen = dict(plan.chosen)
    ledger = _Ledger(instance)
    met: dict[int, int] = defaultdict(int)
    on_rep_day: dict[tuple[int, object], list[int]] = defaultdict(list)
    for index, option in chosen.items():
        ledger.add(instance.pairs[index], option)
        met[instance.pairs[index].buyer] += 1
        on_rep_day[option.rep, instance.slots[option.slot].day].append(index)
    for index, options in enumerate(usable):
        pair = instance.pairs[index]
        if index in chosen or met[pair.buyer] >= floor.get(pair.buyer, 0):
            continue
        placed = next((option for option in options if ledger.fits(pair, option)), None)
        for option in options if placed is None else ():
            day = instance.slots[option.slot].day
            for other in list(on_rep_day[option.rep, day]):
                holder = instance.pairs[other]
                if met[holder.buyer] <= floor.get(holder.buyer, 0) or holder.exhibitor_wish == "must":
                    continue
                ledger.remove(holder, chosen[other])
                if ledger.fits(pair, option):
                    del chosen[other]
                    met[holder.buyer] -= 1
                    on_rep_day[option.rep, day].remove(other)
                    placed = option
                    break
                ledger.add(holder, chosen[other])
            if placed is not None:
                break
        if placed is not None:
            ledger.add(pair, placed)
            chosen[index] = placed
            met[pair.buyer] += 1
            on_rep_day[placed.rep, instance.slots[placed.slot].day].append(index)
    return Plan(chosen=chosen, method=plan.method, seconds=plan.seconds, status=plan.status)


def optimise(instance: Instance, *, seconds: float = 60.0, workers: int = 2, seed: int = 1) -> Plan:
    """The best schedule CP-SAT finds within `seconds` (see the module's notes), never worse than first come.

    A round small enough is one model. A larger one starts from the first-come plan and improves it piece by
    piece (large neighbourhood search): the pairs of a few companies at a time are taken out and put back by
    CP-SAT, against everything else as it stands; a piece is kept only if the whole plan scores better."""
    started = time.perf_counter()
    deadline = started + seconds
    usable = usable_options(instance)
    baseline = greedy(instance, usable)
    indices = [i for i, options in enumerate(usable) if options]
    if sum(len(usable[i]) for i in indices) <= WHOLE_MODEL_OPTIONS:
        chosen: dict[int, Option] = {}
        status = _solve_batch(instance, usable, indices, chosen, seconds=max(0.5, deadline - time.perf_counter()),
                              workers=workers, hint=baseline.chosen)  # fmt: skip
        plan = Plan(chosen=chosen, method="cp-sat", seconds=time.perf_counter() - started, status=status)
    else:
        start = max((baseline, fair_greedy(instance, usable)), key=lambda p: _score(instance, usable, p.chosen))
        start = repair_floors(instance, usable, start)
        plan = repair_floors(instance, usable, _improve(instance, usable, indices, start, deadline=deadline,
                                                        workers=workers, seed=seed))  # fmt: skip
        plan.seconds = time.perf_counter() - started
    # Never worse than the baseline it started from (a timed-out model may hold less than its hint).
    if _score(instance, usable, plan.chosen) < _score(instance, usable, baseline.chosen):
        return Plan(chosen=baseline.chosen, method="greedy (optimiser found nothing better)",
                    seconds=plan.seconds, status=plan.status)  # fmt: skip
    return plan


def _improve(instance, usable, indices, baseline: Plan, *, deadline: float, workers: int, seed: int) -> Plan:
    rng = random.Random(seed)
    chosen = dict(baseline.chosen)
    best = _score(instance, usable, chosen)
    by_exhibitor: dict[int, list[int]] = defaultdict(list)
    for index in indices:
        by_exhibitor[instance.pairs[index].exhibitor].append(index)
    by_buyer: dict[int, list[int]] = defaultdict(list)
    for index in indices:
        by_buyer[instance.pairs[index].buyer].append(index)
    floor, _musts = floors(instance, usable)
    companies = sorted(by_exhibitor)
    tried = kept = 0
    while time.perf_counter() < deadline - 0.5:
        rng.shuffle(companies)
        # Every other piece starts from the companies a buyer still below their floor wished to meet, so that
        # the pairs competing for those reps' slots are in the piece with theirs.
        short = [b for b, wanted in floor.items() if sum(1 for i in by_buyer[b] if i in chosen) < wanted]
        start = []
        if short and tried % 2 == 0:
            start = sorted({instance.pairs[i].exhibitor for i in by_buyer[rng.choice(short)]})
        piece: list[int] = []
        for company in [*start, *(c for c in companies if c not in start)]:
            piece += by_exhibitor[company]
            if sum(len(usable[i]) for i in piece) >= PIECE_OPTIONS:
                break
        before = {index: chosen.pop(index) for index in piece if index in chosen}
        left = deadline - time.perf_counter()
        status = _solve_batch(instance, usable, piece, chosen, seconds=min(PIECE_SECONDS, max(0.5, left)),
                              workers=workers, hint=before)  # fmt: skip
        score = _score(instance, usable, chosen)
        tried += 1
        if status in ("optimal", "feasible") and score >= best:
            kept += score > best
            best = score
        else:
            for index in piece:
                chosen.pop(index, None)
            chosen.update(before)
    return Plan(chosen=chosen, method="cp-sat, piece by piece", status=f"{kept} of {tried} pieces improved")


def _score(instance: Instance, usable, chosen: dict[int, Option]) -> tuple[int, int]:
    """(floor meetings, value): the lexicographic objective of a plan."""
    floor, musts = floors(instance, usable)
    met: dict[int, int] = defaultdict(int)
    served: set[int] = set()
    value = 0
    for index in chosen:
        pair = instance.pairs[index]
        met[pair.buyer] += 1
        value += pair.value
        if pair.exhibitor_wish == "must":
            served.add(pair.exhibitor)
    covered = sum(min(met[buyer], wanted) for buyer, wanted in floor.items()) + len(served & musts)
    return covered, value


def _solve_batch(
    instance: Instance,
    usable: list[tuple[Option, ...]],
    batch: list[int],
    chosen: dict[int, Option],
    *,
    seconds: float,
    workers: int,
    hint: dict[int, Option],
) -> str:
    """One CP-SAT model over the pairs of `batch`, against everything already in `chosen` (kept as it is)."""
    from ortools.sat.python import cp_model  # imported here: the web processes never load it

    model = cp_model.CpModel()
    floor, musts = floors(instance, usable)
    ledger = _Ledger(instance)
    for index, option in chosen.items():
        ledger.add(instance.pairs[index], option)

    # One boolean per usable option of a pair not yet met, that still fits what is held.
    x: dict[tuple[int, Option], cp_model.IntVar] = {}
    for index in batch:
        if index in chosen:
            continue
        pair = instance.pairs[index]
        for option in usable[index]:
            if ledger.fits(pair, option):
                x[index, option] = model.new_bool_var("")
    if not x:
        return "empty"

    by_pair: dict[int, list] = defaultdict(list)
    by_person_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_person_day: dict[tuple[int, object], list] = defaultdict(list)
    by_person_slot_hall: dict[tuple[int, int, str | None], list] = defaultdict(list)
    by_lounge: dict[tuple[str, int], list] = defaultdict(list)
    for (index, option), var in x.items():
        pair = instance.pairs[index]
        by_pair[index].append(var)
        day = instance.slots[option.slot].day
        for person in (pair.buyer, option.rep):
            by_person_slot[person, option.slot].append(var)
            by_person_day[person, day].append(var)
            by_person_slot_hall[person, option.slot, option.hall].append(var)
        if option.lounge:
            by_lounge[option.hall, option.slot].append(var)

    for variables in by_pair.values():
        model.add_at_most_one(variables)
    for variables in by_person_slot.values():
        model.add_at_most_one(variables)
    for (person, day), variables in by_person_day.items():
        room = min(instance.per_day, instance.day_cap_left.get((person, day), instance.per_day))
        room -= ledger.per_day[person, day]
        if room < len(variables):
            model.add(cp_model.LinearExpr.sum(variables) <= room)
    for (hall, slot), variables in by_lounge.items():
        room = instance.lounge_tables.get((hall, slot), 0) - ledger.lounge[hall, slot]
        if room < len(variables):
            model.add(cp_model.LinearExpr.sum(variables) <= room)
    _walking(instance, model, by_person_slot_hall)

    met_by_buyer: dict[int, list] = defaultdict(list)
    must_by_exhibitor: dict[int, list] = defaultdict(list)
    held: dict[int, int] = defaultdict(int)
    served: set[int] = set()
    for index in chosen:
        held[instance.pairs[index].buyer] += 1
        if instance.pairs[index].exhibitor_wish == "must":
            served.add(instance.pairs[index].exhibitor)
    for (index, _option), var in x.items():
        pair = instance.pairs[index]
        met_by_buyer[pair.buyer].append(var)
        if pair.exhibitor_wish == "must":
            must_by_exhibitor[pair.exhibitor].append(var)

    covered = []
    for buyer, variables in met_by_buyer.items():
        wanted = floor.get(buyer, 0) - held[buyer]
        if wanted > 0:
            reached = model.new_int_var(0, wanted, "")
            model.add(reached <= cp_model.LinearExpr.sum(variables))
            covered.append(reached)
    for exhibitor, variables in must_by_exhibitor.items():
        if exhibitor in musts and exhibitor not in served:
            one = model.new_bool_var("")
            model.add(one <= cp_model.LinearExpr.sum(variables))
            covered.append(one)

    variables = list(x.values())
    scale = COMPACT_SCALE if instance.compact_for is not None else 1
    values = [scale * instance.pairs[index].value for index, _option in x]
    rewards, weights = _compactness(instance, model, by_person_slot_hall)
    heavy = scale * sum(instance.pairs[index].value for index in batch) + 1 + sum(weights)  # floors outweigh all
    model.maximize(
        cp_model.LinearExpr.weighted_sum(covered + variables + rewards, [heavy] * len(covered) + values + weights)
    )
    for (index, option), var in x.items():
        model.add_hint(var, hint.get(index) == option)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (index, option), var in x.items():
            if solver.boolean_value(var):
                chosen[index] = option
    return solver.status_name(status).lower()


COMPACT_SCALE = 10  # a day plan's value is scaled so that no compactness outweighs one more meeting


def _compactness(instance: Instance, model, by_person_slot_hall: dict) -> tuple[list, list[int]]:
    """For a day plan: a reward for each two back-to-back meetings (no idle gap), more when in the same hall."""
    if instance.compact_for is None:
        return [], []
    busy: dict[int, list] = defaultdict(list)
    in_hall: dict[tuple[int, str | None], list] = defaultdict(list)
    for (person, slot, hall), variables in by_person_slot_hall.items():
        if person == instance.compact_for:
            busy[slot] += variables
            in_hall[slot, hall] += variables
    rewards, weights = [], []
    for slot in sorted(busy):
        following = slot + 1
        if following not in busy or instance.slots[following].start != instance.slots[slot].end:
            continue
        both = model.new_bool_var("")
        model.add(both <= sum(busy[slot]))
        model.add(both <= sum(busy[following]))
        rewards.append(both)
        weights.append(2)
        for (at, hall), variables in in_hall.items():
            if at == slot and (following, hall) in in_hall:
                same = model.new_bool_var("")
                model.add(same <= sum(variables))
                model.add(same <= sum(in_hall[following, hall]))
                rewards.append(same)
                weights.append(1)
    return rewards, weights


def _walking(instance: Instance, model, by_person_slot_hall: dict) -> None:
    """Between two meetings of one person in different halls, at least the walking time: the two
    (slot, hall) groups that are too close cannot both be used."""
    from ortools.sat.python import cp_model

    longest = max(instance.walk_minutes.values(), default=0)
    if longest <= 0:
        return
    by_person: dict[int, list[tuple[int, str | None, list]]] = defaultdict(list)
    for (person, slot, hall), variables in by_person_slot_hall.items():
        if hall is not None:
            by_person[person].append((slot, hall, variables))
    for groups in by_person.values():
        groups.sort(key=lambda group: instance.slots[group[0]].start)
        for position, (slot, hall, variables) in enumerate(groups):
            first = instance.slots[slot]
            for other_slot, other_hall, other_variables in groups[position + 1 :]:
                then = instance.slots[other_slot]
                if then.start.date() != first.start.date() or _gap_minutes(first, then) >= longest:
                    break
                if (
                    other_slot != slot
                    and other_hall != hall
                    and _gap_minutes(first, then) < instance.walk(hall, other_hall)
                ):
                    model.add(cp_model.LinearExpr.sum(variables + other_variables) <= 1)
