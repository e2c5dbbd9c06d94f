"""Writes for matchmaking rounds: set up, solve (into a preview of proposals, beside the greedy baseline), and
publish (proposals become meetings through meetings.arranging, each under the booking's locks and constraints).

A round's status moves by compare-and-swap on (id, status, version), so a second click, or a second worker
picking the same task up, changes nothing."""

import logging
from collections import Counter, defaultdict
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from exhibitors.models import Exhibitor
from markets.models import Market
from meetings import arranging
from meetings.models import Side
from scheduling import notify, selectors
from scheduling.models import Proposal, Round, RoundStatus
from scheduling.solver import Instance, Plan, _Ledger, greedy, optimise, usable_options
from web.queue import publish_on_commit

logger = logging.getLogger(__name__)

SOLVE_TASK = "scheduling.tasks.round_solve"
PUBLISH_TASK = "scheduling.tasks.round_publish"
UNMET_SHOWN = 50  # unmet "must" wishes listed in the preview


def _move(rnd: Round, *, from_statuses: tuple[str, ...], to: str, **changes) -> bool:
    """The round's compare-and-swap: True if this caller moved it."""
    moved = Round.objects.filter(pk=rnd.pk, version=rnd.version, status__in=from_statuses).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if moved:
        rnd.refresh_from_db()
    return bool(moved)


def _round_in(round_id: int, version: int, status: str) -> Round | None:
    return Round.objects.select_related("market").filter(pk=round_id, version=version, status=status).first()


def round_create(*, market: Market, user: User, **fields) -> Round:
    rnd = Round(market=market, created_by=user, **fields)
    if not rnd.days:
        raise ValidationError(_("Choose at least one day."))
    if rnd.slot_minutes % market.slot_minutes:
        raise ValidationError(
            _("Meetings last a whole number of the market's %(minutes)s-minute slots.")
            % {"minutes": market.slot_minutes}
        )
    rnd.full_clean(exclude=["created_by", "market"])
    rnd.save()
    return rnd


def round_solve_start(*, rnd: Round, version: int) -> None:
    """Ask a worker to solve the round (again): from set up, a preview, a failure, or once published (to fill
    the gaps: the meetings it already wrote stay where they are); never while solving or publishing."""
    rnd.version = version
    again = (RoundStatus.DRAFT, RoundStatus.SOLVED, RoundStatus.FAILED, RoundStatus.PUBLISHED)
    if not _move(rnd, from_statuses=again, to=RoundStatus.SOLVING, error=""):
        raise ValidationError(_("The round has moved on since you saw it; here it is as it stands."))
    publish_on_commit(SOLVE_TASK, rnd.pk, rnd.version)


def round_solve(*, round_id: int, version: int) -> None:
    """The worker's part: build the instance, run the baseline and the optimiser, store the preview."""
    rnd = (
        Round.objects.select_related("market").filter(pk=round_id, version=version, status=RoundStatus.SOLVING).first()
    )
    if rnd is None:
        return  # solved or changed meanwhile: a redelivered task does nothing
    try:
        data = selectors.round_data(rnd=rnd)
        usable = usable_options(data.instance)
        baseline = greedy(data.instance, usable)
        plan = optimise(data.instance, seconds=rnd.seconds)
        figures = {
            "optimised": plan_figures(data.instance, plan, usable),
            "greedy": plan_figures(data.instance, baseline, usable),
            "pairs": len(data.instance.pairs),
            "left_out": data.unwished,
            "unmet_musts": unmet_musts(data, plan),
        }
        with transaction.atomic():
            Proposal.objects.filter(round=rnd, meeting__isnull=True).delete()
            Proposal.objects.bulk_create(_proposals(rnd, data, plan))
            _move(rnd, from_statuses=(RoundStatus.SOLVING,), to=RoundStatus.SOLVED, figures=figures,
                  solved_at=timezone.now())  # fmt: skip
    except Exception as error:
        logger.exception("round %s could not be solved", rnd.pk)
        _move(rnd, from_statuses=(RoundStatus.SOLVING,), to=RoundStatus.FAILED, error=str(error)[:2000])


def _proposals(rnd: Round, data: selectors.RoundData, plan: Plan) -> list[Proposal]:
    proposals = []
    used_tables: dict[tuple[str, int], int] = defaultdict(int)
    for index, option in plan.chosen.items():
        pair = data.instance.pairs[index]
        slot = data.instance.slots[option.slot]
        window = data.windows[option.rep, option.slot]
        table = None
        if option.lounge:
            free = data.tables.get((option.hall, option.slot), [])
            table = free[used_tables[option.hall, option.slot]]
            used_tables[option.hall, option.slot] += 1
        proposals.append(
            Proposal(
                round=rnd, buyer_id=pair.buyer, exhibitor_id=pair.exhibitor, rep_id=option.rep, availability=window,
                during=DateTimeTZRange(slot.start, slot.end, "[)"), hall=option.hall or "", place=window.place,
                table=table, buyer_wish=pair.buyer_wish, exhibitor_wish=pair.exhibitor_wish, value=pair.value,
            )
        )  # fmt: skip
    return proposals


def plan_figures(instance: Instance, plan: Plan, usable: list | None = None) -> dict:
    """What the preview shows of a plan: value, met wishes by kind, meetings per buyer and per exhibitor. Per
    buyer: the buyers with at least one wish that could be met (a free slot in common)."""
    usable = usable if usable is not None else usable_options(instance)
    kinds: Counter = Counter()
    per_buyer: Counter = Counter(
        {pair.buyer: 0 for pair, options in zip(instance.pairs, usable, strict=True) if options}
    )
    per_exhibitor: Counter = Counter({pair.exhibitor: 0 for pair in instance.pairs})
    value = 0
    for index in plan.chosen:
        pair = instance.pairs[index]
        value += pair.value
        per_buyer[pair.buyer] += 1
        per_exhibitor[pair.exhibitor] += 1
        kinds[_kind(pair.buyer_wish, pair.exhibitor_wish)] += 1
    wished = Counter(_kind(pair.buyer_wish, pair.exhibitor_wish) for pair in instance.pairs)
    return {
        "method": plan.method,
        "seconds": round(plan.seconds, 1),
        "value": value,
        "meetings": len(plan.chosen),
        "met": {kind: [kinds[kind], wished[kind]] for kind in KIND_ORDER},
        "buyer_min": min(per_buyer.values(), default=0),
        "buyers_with_none": sum(1 for count in per_buyer.values() if count == 0),
        "per_buyer": _histogram(per_buyer),
        "per_exhibitor": _histogram(per_exhibitor),
    }


KIND_ORDER = ("mutual", "buyer_must", "exhibitor_must", "buyer_would", "exhibitor_would")


def _kind(buyer_wish: str, exhibitor_wish: str) -> str:
    if buyer_wish and exhibitor_wish:
        return "mutual"
    if buyer_wish:
        return f"buyer_{buyer_wish}"
    return f"exhibitor_{exhibitor_wish}"


def _histogram(counts: Counter) -> list[list[int]]:
    """[[meetings, how many people have that many], ...] in order."""
    return sorted([count, people] for count, people in Counter(counts.values()).items())


def unmet_musts(data: selectors.RoundData, plan: Plan) -> list[dict]:
    """Each "must" wish the plan does not meet, and why: no common free time, a daily cap, the lounge's tables,
    or other wishes worth more took the times they had in common."""
    instance = data.instance
    usable = usable_options(instance)
    ledger = _Ledger(instance)
    for index, option in plan.chosen.items():
        ledger.add(instance.pairs[index], option)
    unmet = []
    for index, pair in enumerate(instance.pairs):
        if index in plan.chosen or "must" not in (pair.buyer_wish, pair.exhibitor_wish):
            continue
        unmet.append(
            {"buyer": pair.buyer, "exhibitor": pair.exhibitor, "reason": _why(instance, ledger, pair, usable[index])}
        )
    names = _names({u["buyer"] for u in unmet[:UNMET_SHOWN]}, {u["exhibitor"] for u in unmet[:UNMET_SHOWN]})
    for row in unmet[:UNMET_SHOWN]:
        row["buyer_name"], row["exhibitor_name"] = names[0].get(row["buyer"], ""), names[1].get(row["exhibitor"], "")
    return unmet[:UNMET_SHOWN] + ([{"more": len(unmet) - UNMET_SHOWN}] if len(unmet) > UNMET_SHOWN else [])


def _why(instance: Instance, ledger: _Ledger, pair, options) -> str:
    if not options:
        return "no_common_time"

    def full(person: int, day) -> bool:
        room = min(instance.per_day, instance.day_cap_left.get((person, day), instance.per_day))
        return ledger.per_day[person, day] >= room

    def lounge_full(option) -> bool:
        tables = instance.lounge_tables.get((option.hall, option.slot), 0)
        return option.lounge and ledger.lounge[option.hall, option.slot] >= tables

    capped = [full(pair.buyer, instance.slots[o.slot].day) or full(o.rep, instance.slots[o.slot].day) for o in options]
    if all(capped):
        return "cap"
    if all(cap or lounge_full(option) for cap, option in zip(capped, options, strict=True)):
        return "capacity"
    return "outranked"


def _names(buyer_ids: set[int], exhibitor_ids: set[int]) -> tuple[dict, dict]:
    buyers = {
        pk: company or name or email
        for pk, company, name, email in User.objects.filter(pk__in=buyer_ids).values_list(
            "pk", "buyer_profile__company", "full_name", "email"
        )
    }
    return buyers, dict(Exhibitor.objects.filter(pk__in=exhibitor_ids).values_list("pk", "name"))


# --- Publishing --------------------------------------------------------------------------------------


def round_publish_start(*, rnd: Round, version: int) -> None:
    rnd.version = version
    if not _move(rnd, from_statuses=(RoundStatus.SOLVED,), to=RoundStatus.PUBLISHING):
        raise ValidationError(_("The round has moved on since you saw it; here it is as it stands."))
    publish_on_commit(PUBLISH_TASK, rnd.pk, rnd.version)


def round_publish(*, round_id: int, version: int) -> None:
    """The worker's part: each proposal becomes a meeting, in time order, each in its own transaction under the
    people's locks; whatever changed since the solve is skipped with the reason. Then one email per person."""
    rnd = (
        Round.objects.select_related("market")
        .filter(pk=round_id, version=version, status=RoundStatus.PUBLISHING)
        .first()
    )
    if rnd is None:
        return
    walks = selectors.hall_walks(market=rnd.market)
    exhibitors = {}
    made = []
    waiting = Proposal.objects.filter(round=rnd, meeting__isnull=True, skipped_because="").order_by("during")
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            # Locked, so a second worker publishing the same round (a redelivered task) skips it.
            proposal = waiting.select_for_update(skip_locked=True).filter(pk=pk).first()
            if proposal is None:
                continue
            exhibitor = exhibitors.get(proposal.exhibitor_id) or Exhibitor.objects.select_related("market").get(
                pk=proposal.exhibitor_id
            )
            exhibitors[exhibitor.pk] = exhibitor
            try:
                with transaction.atomic():
                    meeting = arranging.meeting_arrange(
                        buyer_id=proposal.buyer_id, rep_id=proposal.rep_id, exhibitor=exhibitor,
                        availability_id=proposal.availability_id, during=proposal.during,
                        wished_by=Side.BUYER if proposal.buyer_wish else Side.REP, confirmed=rnd.confirm_at_once,
                        table=proposal.table,
                    )  # fmt: skip
                    _refuse_walk(meeting, walks)
                proposal.meeting = meeting
                made.append(meeting)
            except ValidationError as error:
                proposal.skipped_because = " ".join(error.messages)[:300]
            proposal.save(update_fields=["meeting", "skipped_because"])
    with transaction.atomic():
        notify.round_published(rnd, made)
        figures = {**rnd.figures, "published": len(made),
                   "skipped": Proposal.objects.filter(round=rnd).exclude(skipped_because="").count()}  # fmt: skip
        _move(rnd, from_statuses=(RoundStatus.PUBLISHING,), to=RoundStatus.PUBLISHED, published_at=timezone.now(),
              figures=figures)  # fmt: skip


def _refuse_walk(meeting, walks: dict) -> None:
    """Meetings booked since the solve may sit too close, in another hall: refused (the locks are held)."""
    if not walks:
        return
    longest = max(walks.values())
    near = DateTimeTZRange(
        meeting.during.lower - timedelta(minutes=longest), meeting.during.upper + timedelta(minutes=longest), "[)"
    )
    halls = {}
    for other in arranging.person_day_meetings(user_ids=[meeting.buyer_id, meeting.rep_id], day_range=near):
        if other.pk == meeting.pk:
            continue
        halls[other.pk] = (other, _hall_of(other))
    mine = _hall_of(meeting)
    for other, hall in halls.values():
        if mine is None or hall is None or hall == mine:
            continue
        walk = walks.get((mine, hall), walks.get((hall, mine), 0))
        first, then = sorted((meeting, other), key=lambda m: m.during.lower)
        if (then.during.lower - first.during.upper) < timedelta(minutes=walk):
            raise ValidationError(_("Not enough time to walk from another meeting in another hall."))


def _hall_of(meeting) -> str | None:
    if meeting.place == "online":
        return None
    table = meeting.availability and meeting.availability.table
    if table is not None and table.hall_id:
        return table.hall.code
    return meeting.exhibitor.hall or None


def rounds_stuck_publish(*, older_than: timedelta = timedelta(minutes=2)) -> int:
    """Hand again to a worker the rounds whose task never ran (the broker was down) or whose worker died: a
    round solving past its time limit, or publishing for a while. Running a task twice changes nothing twice."""
    now = timezone.now()
    started = 0
    for rnd in Round.objects.filter(status__in=(RoundStatus.SOLVING, RoundStatus.PUBLISHING)):
        limit = timedelta(seconds=rnd.seconds) + older_than if rnd.status == RoundStatus.SOLVING else older_than
        if rnd.updated_at < now - limit:
            task = SOLVE_TASK if rnd.status == RoundStatus.SOLVING else PUBLISH_TASK
            publish_on_commit(task, rnd.pk, rnd.version)
            started += 1
    return started


# --- Reminders before the wishes close -----------------------------------------------------------------

WISH_REMINDER_BEFORE = timedelta(hours=24)


def wish_reminders_queue(*, market: Market, now=None) -> int:
    """In the last day before the market's wishes close, one reminder to each buyer and each exhibitor team
    member, through the outbox, in their language. Safe to run every few minutes: one per person and deadline
    (its key), and those already written are read in one query rather than written again."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from notifications.models import OutboundEmail
    from notifications.services import outbound_email_queue

    now = now or timezone.now()
    closes = market.wishes_close_at
    if closes is None or not (closes - WISH_REMINDER_BEFORE <= now < closes):
        return 0
    topic = f"wishes:{market.pk}:{closes.isoformat()}"
    done = set(OutboundEmail.objects.filter(topic=topic).values_list("key", flat=True))
    people = User.objects.filter(
        Q(role="buyer", buyer_profile__isnull=False) | Q(memberships__exhibitor__market=market), is_active=True
    ).distinct()
    queued = 0
    for person in people.only("pk", "email", "language", "role"):
        key = f"{topic}:user:{person.pk}"
        if key in done:
            continue
        page = "scheduling:buyer_wishes" if person.is_buyer else "scheduling:team_wishes"
        with translation.override(person.language or settings.LANGUAGE_CODE):
            context = {"market": market, "closes": closes, "link": settings.SITE_URL + reverse(page)}
            message = EmailMultiAlternatives(
                subject=_("Wishes close soon: whom do you want to meet?"),
                body=render_to_string("scheduling/email/wish_reminder.txt", context),
                to=[person.email],
            )
        queued += bool(outbound_email_queue(message=message, key=key, topic=topic, kind="wish_reminder"))
    return queued
