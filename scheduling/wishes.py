"""Wishes: the exhibitors a buyer wishes to meet, and the buyers an exhibitor's team wishes to meet.

The organisers' matchmaking round (scheduling.selectors) arranges meetings from both sides' wishes: "must meet"
counts more than "would like", and a wish both sides made counts most. Reads and writes of the wish lists live
here; every write checks the window (until `Market.wishes_close_at`), the cap per buyer and per exhibitor, and
whose list it is.

A wish that is not the caller's (another buyer's, another company's) raises `Wish.DoesNotExist`, exactly as one
that does not exist: the views answer 404 and nothing changes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from exhibitors.models import Exhibitor, TeamMember
from markets.models import Market
from markets.timekeeping import market_zone
from matchmaking.models import BuyerProfile, Interest
from matchmaking.selectors import BuyerTakesPart, buyer_visible_to_team, buyers_for_exhibitor, titles_for_buyer
from scheduling.models import Priority, Wish, WishSide

# The most wishes one buyer (at one market) or one exhibitor may keep: enough for a market's worth of meetings,
# few enough that "must meet" still means something.
WISH_CAP = 30

# Namespaces of the advisory locks that serialise one buyer's, or one exhibitor's, additions (for the cap).
BUYER_WISHES_LOCK = 7321
EXHIBITOR_WISHES_LOCK = 7322


@dataclass(frozen=True)
class WishWindow:
    closes_at: datetime | None  # None: no deadline set
    open: bool


@dataclass(frozen=True)
class ExhibitorCandidate:
    exhibitor: Exhibitor
    reason: str


@dataclass(frozen=True)
class BuyerCandidate:
    profile: BuyerProfile
    reason: str


# --- Reads -----------------------------------------------------------------------------------------------------


def wish_window(*, market: Market, now: datetime | None = None) -> WishWindow:
    """Whether wishes may still be made or changed at this market, and until when."""
    now = now or timezone.now()
    closes_at = market.wishes_close_at
    return WishWindow(closes_at=closes_at, open=closes_at is None or now < closes_at)


def _must_first(wishes: QuerySet) -> QuerySet:
    order = Case(When(priority=Priority.MUST, then=Value(0)), default=Value(1), output_field=IntegerField())
    return wishes.order_by(order, "created_at", "pk")


def _buyer_side(*, buyer, market: Market) -> QuerySet:
    return Wish.objects.filter(side=WishSide.BUYER, buyer=buyer, market=market, exhibitor__market=market)


def _exhibitor_side(*, exhibitor: Exhibitor) -> QuerySet:
    return Wish.objects.filter(side=WishSide.EXHIBITOR, exhibitor=exhibitor, market_id=exhibitor.market_id)


def wishes_for_buyer(*, buyer, market: Market) -> list[Wish]:
    """The buyer's wishes at this market, "must meet" first, each with its exhibitor (name, hall, stand)."""
    return list(_must_first(_buyer_side(buyer=buyer, market=market).select_related("exhibitor", "exhibitor__region")))


def wishes_for_exhibitor(*, exhibitor: Exhibitor) -> list[Wish]:
    """The team's wishes, "must meet" first, each with its buyer's company and who on the team made it."""
    wishes = _exhibitor_side(exhibitor=exhibitor).select_related("buyer", "buyer__buyer_profile", "made_by")
    return list(_must_first(wishes))


def wish_candidates_for_buyer(*, buyer, market: Market) -> list[ExhibitorCandidate]:
    """Exhibitors the buyer might wish to meet and has not wished for yet: those they shortlisted (the company or
    one of its titles), latest first, then the exhibitors of their top recommendations (with a buyer profile)."""
    shortlisted = (
        Interest.objects.filter(user=buyer, kind=Interest.Kind.SHORTLIST)
        .filter(Q(exhibitor__market=market) | Q(title__exhibitor__market=market))
        .annotate(company=Coalesce("exhibitor_id", "title__exhibitor_id"))
        .order_by("-created_at", "-pk")
        .values_list("company", flat=True)
    )
    reasons = {pk: _("On your shortlist") for pk in shortlisted}
    profile = BuyerProfile.objects.filter(user=buyer).first()
    if profile is not None:
        for recommendation in titles_for_buyer(profile=profile, market=market):
            reasons.setdefault(recommendation.title.exhibitor_id, _("Recommended for you"))
    wished = set(_buyer_side(buyer=buyer, market=market).values_list("exhibitor_id", flat=True))
    wanted = [pk for pk in reasons if pk not in wished]
    exhibitors = Exhibitor.objects.filter(market=market).select_related("region").in_bulk(wanted)
    return [ExhibitorCandidate(exhibitors[pk], reasons[pk]) for pk in wanted if pk in exhibitors]


def wish_candidates_for_exhibitor(*, exhibitor: Exhibitor) -> list[BuyerCandidate]:
    """Buyers the team might wish to meet and has not wished for yet: its matches (best first), then buyers
    someone on the team shortlisted. Only buyers the team may see (matchmaking.selectors.buyer_visible_to_team)."""
    teammates = TeamMember.objects.filter(exhibitor=exhibitor).values("user_id")
    kept = {
        profile.pk: profile
        for profile in BuyerProfile.objects.filter(
            interests__user_id__in=teammates, interests__kind=Interest.Kind.SHORTLIST
        )
        .filter(BuyerTakesPart(F("user_id"), exhibitor.market))
        .select_related("user")
        .distinct()
        .order_by("company", "pk")
    }
    candidates: dict[int, BuyerCandidate] = {}
    for match in buyers_for_exhibitor(exhibitor=exhibitor):
        if match.mutual:
            reason = _("Mutual interest")
        elif match.buyer.pk in kept:
            reason = _("Shortlisted by your team")
        else:
            reason = _("Matches your catalogue")
        candidates[match.buyer.pk] = BuyerCandidate(match.buyer, reason)
    for pk, profile in kept.items():
        candidates.setdefault(pk, BuyerCandidate(profile, _("Shortlisted by your team")))
    wished = set(_exhibitor_side(exhibitor=exhibitor).values_list("buyer_id", flat=True))
    return [candidate for candidate in candidates.values() if candidate.profile.user_id not in wished]


# --- Writes ----------------------------------------------------------------------------------------------------


def _lock(namespace: int, key: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, key])


def _when(moment: datetime, market: Market) -> dict[str, str]:
    local = moment.astimezone(market_zone(market))
    return {"day": formats.date_format(local, "DAY_FORMAT"), "time": local.strftime("%H:%M")}


def _check_open(market: Market, now: datetime | None) -> None:
    window = wish_window(market=market, now=now)
    if not window.open:
        raise ValidationError(
            _("Wishes closed on %(day)s at %(time)s (market time): the organisers are arranging the meetings.")
            % _when(window.closes_at, market),
            code="closed",
        )


def _check_priority(priority: str) -> None:
    if priority not in Priority.values:
        raise ValidationError(_("Choose “must meet” or “would like to meet”."), code="priority")


def _check_buyer(buyer) -> None:
    if not getattr(buyer, "is_buyer", False):
        raise ValidationError(_("Only buyers list the exhibitors they wish to meet."), code="not_buyer")


def _check_member(member, exhibitor: Exhibitor) -> None:
    if not TeamMember.objects.filter(user_id=member.pk, exhibitor=exhibitor).exists():
        raise ValidationError(_("You are not on this company's team."), code="not_member")


def _wish_put(*, owned: QuerySet, cap_message: str, **wish) -> Wish:
    """Add the wish, or (asked again, a double click) set the priority of the one already there. The caller holds
    the owner's lock, so two additions at once cannot both slip under the cap."""
    priority = wish.pop("priority")
    existing = Wish.objects.filter(side=wish["side"], buyer=wish["buyer"], exhibitor=wish["exhibitor"]).first()
    if existing is not None:
        if existing.priority != priority:
            existing.priority = priority
            existing.save(update_fields=["priority"])
        return existing
    count = owned.count()
    if count >= WISH_CAP:
        raise ValidationError(cap_message % {"count": count}, code="cap")
    return Wish.objects.create(priority=priority, **wish)


def _owned_wish(wishes: QuerySet, wish_id: int) -> Wish:
    """The caller's own wish, locked; another's is Wish.DoesNotExist, as one that does not exist."""
    related = wishes.select_related("exhibitor", "buyer", "buyer__buyer_profile")
    return related.select_for_update(of=("self",)).get(pk=wish_id)


@transaction.atomic
def buyer_wish_add(*, buyer, market: Market, exhibitor_id: int, priority: str, now: datetime | None = None) -> Wish:
    """A buyer wishes to meet an exhibitor of this market ("must" or "would")."""
    _check_buyer(buyer)
    _check_priority(priority)
    _lock(BUYER_WISHES_LOCK, buyer.pk)
    _check_open(market, now)
    exhibitor = Exhibitor.objects.filter(pk=exhibitor_id, market=market).first()
    if exhibitor is None:
        raise ValidationError(_("This exhibitor is not at this market."), code="unknown")
    return _wish_put(
        owned=_buyer_side(buyer=buyer, market=market),
        cap_message=_("You already wish to meet %(count)s exhibitors, the most the market takes. Remove one first."),
        market=market, side=WishSide.BUYER, buyer=buyer, exhibitor=exhibitor, priority=priority, made_by=buyer,
    )  # fmt: skip


@transaction.atomic
def buyer_wish_priority_set(*, buyer, market: Market, wish_id: int, priority: str, now: datetime | None = None) -> Wish:
    """Change the priority of one of the buyer's own wishes."""
    wish = _owned_wish(_buyer_side(buyer=buyer, market=market), wish_id)
    _check_priority(priority)
    _check_open(market, now)
    wish.priority = priority
    wish.save(update_fields=["priority"])
    return wish


@transaction.atomic
def buyer_wish_remove(*, buyer, market: Market, wish_id: int, now: datetime | None = None) -> Wish:
    """Take one of the buyer's own wishes off their list; the removed wish is returned (for the message)."""
    wish = _owned_wish(_buyer_side(buyer=buyer, market=market), wish_id)
    _check_open(market, now)
    wish.delete()
    return wish


@transaction.atomic
def team_wish_add(*, member, exhibitor: Exhibitor, buyer_id: int, priority: str, now: datetime | None = None) -> Wish:
    """Someone on an exhibitor's team wishes, for the company, to meet a buyer (by buyer profile id) whom the team
    may see: one of its matches, or a buyer a teammate shortlisted."""
    _check_member(member, exhibitor)
    _check_priority(priority)
    _lock(EXHIBITOR_WISHES_LOCK, exhibitor.pk)
    _check_open(exhibitor.market, now)
    profile = BuyerProfile.objects.select_related("user").filter(pk=buyer_id).first()
    visible = profile is not None and profile.user.is_buyer
    if not visible or not buyer_visible_to_team(exhibitor=exhibitor, buyer_id=buyer_id):
        raise ValidationError(_("This buyer is not among your matches or your team's shortlist."), code="unknown")
    return _wish_put(
        owned=_exhibitor_side(exhibitor=exhibitor),
        cap_message=_("Your company already wishes to meet %(count)s buyers, the most the market takes. "
                      "Remove one first."),
        market=exhibitor.market, side=WishSide.EXHIBITOR, buyer=profile.user, exhibitor=exhibitor,
        priority=priority, made_by=member,
    )  # fmt: skip


@transaction.atomic
def team_wish_priority_set(
    *, member, exhibitor: Exhibitor, wish_id: int, priority: str, now: datetime | None = None
) -> Wish:
    """Change the priority of one of the company's wishes."""
    _check_member(member, exhibitor)
    wish = _owned_wish(_exhibitor_side(exhibitor=exhibitor), wish_id)
    _check_priority(priority)
    _check_open(exhibitor.market, now)
    wish.priority = priority
    wish.save(update_fields=["priority"])
    return wish


@transaction.atomic
def team_wish_remove(*, member, exhibitor: Exhibitor, wish_id: int, now: datetime | None = None) -> Wish:
    """Take one of the company's wishes off its list; the removed wish is returned (for the message)."""
    _check_member(member, exhibitor)
    wish = _owned_wish(_exhibitor_side(exhibitor=exhibitor), wish_id)
    _check_open(exhibitor.market, now)
    wish.delete()
    return wish
