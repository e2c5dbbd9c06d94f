"""Writes: buyer profiles, verification, shortlists and "not interested"."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from matchmaking.models import BuyerProfile, Interest, Verification

# What the organisers vouch for when they verify a buyer: changing any of these sends the profile back to them.
VERIFIED_FACTS = ("company", "buyer_type", "country")


@dataclass(frozen=True)
class ProfileSaved:
    profile: BuyerProfile
    back_to_verification: bool  # the buyer changed what was verified (or rejected) and waits for the organisers


@transaction.atomic
def buyer_profile_save(*, user, data: dict) -> ProfileSaved:
    """Create or change a buyer's profile. Only the fields given are written, under a lock on the row, so an
    organiser's verification landing at the same moment is never overwritten with the page's stale state."""
    profile = BuyerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        created = _buyer_profile_create(user=user, data=data)
        if created is not None:
            return ProfileSaved(created, back_to_verification=False)
        profile = BuyerProfile.objects.select_for_update().get(user=user)  # a double submit's twin won the insert
    identity_changed = any(name in data and data[name] != getattr(profile, name) for name in VERIFIED_FACTS)
    for name, value in data.items():
        setattr(profile, name, value)
    profile.territories = sorted(set(profile.territories))
    fields = [*data, "territories", "updated_at"]
    back_to_verification = identity_changed and profile.verification != Verification.PENDING
    if back_to_verification:
        profile.verification, profile.verified_at, profile.rejection_reason = Verification.PENDING, None, ""
        fields += ["verification", "verified_at", "rejection_reason"]
    profile.full_clean()
    profile.save(update_fields=sorted(set(fields)))
    return ProfileSaved(profile, back_to_verification)


def _buyer_profile_create(*, user, data: dict) -> BuyerProfile | None:
    profile = BuyerProfile(user=user, **data)
    profile.territories = sorted(set(profile.territories))
    profile.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            profile.save(force_insert=True)
    except IntegrityError:
        return None
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
