"""Writes: buyer profiles, verification, shortlists and "not interested"."""

from django.db import transaction
from django.utils import timezone

from matchmaking.models import BuyerProfile, Interest, Verification


def buyer_profile_save(*, user, data: dict) -> BuyerProfile:
    profile = BuyerProfile.objects.filter(user=user).first() or BuyerProfile(user=user)
    for name, value in data.items():
        setattr(profile, name, value)
    profile.territories = sorted(set(profile.territories))
    profile.full_clean()
    profile.save()
    return profile


def buyers_verify(*, ids: list[int]) -> int:
    return BuyerProfile.objects.filter(pk__in=ids).update(
        verification=Verification.VERIFIED, verified_at=timezone.now(), rejection_reason=""
    )


def buyers_reject(*, ids: list[int], reason: str) -> int:
    return BuyerProfile.objects.filter(pk__in=ids).update(
        verification=Verification.REJECTED, verified_at=None, rejection_reason=reason[:300]
    )


@transaction.atomic
def interest_set(*, user, kind: str | None, title=None, exhibitor=None, buyer=None) -> Interest | None:
    """Shortlist, mark "not interested", or (kind None) forget: one opinion per user and thing."""
    target = {"title": title, "exhibitor": exhibitor, "buyer": buyer}
    target = {name: value for name, value in target.items() if value is not None}
    if len(target) != 1:
        raise ValueError("An interest is in exactly one title, exhibitor or buyer.")
    if kind is None:
        Interest.objects.filter(user=user, **target).delete()
        return None
    interest, _created = Interest.objects.update_or_create(user=user, **target, defaults={"kind": kind})
    return interest
