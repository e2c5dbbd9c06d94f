"""Caps on what one person's clicks may send (every request, invitation and team invitation is someone's email).

Counted from the rows the actions leave (withdrawn ones included, so withdrawing and asking again does not
reset the count), under the caller's lock on the person, so two clicks at once cannot both slip under a cap.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Cap:
    limit: int
    window: timedelta
    period: Promise  # "in the last hour", in the reader's language


def per_hour(limit: int) -> Cap:
    return Cap(limit, timedelta(hours=1), gettext_lazy("in the last hour"))


def per_day(limit: int) -> Cap:
    return Cap(limit, timedelta(days=1), gettext_lazy("in the last 24 hours"))


def _cap_counts(caps: list[Cap], *, now: datetime) -> dict[str, Count]:
    return {f"cap{n}": Count("pk", filter=Q(created_at__gt=now - cap.window)) for n, cap in enumerate(caps)}


def cap_enforce(
    *,
    rows: QuerySet,
    caps: list[Cap],
    what: Promise,
    zone: ZoneInfo,
    now: datetime | None = None,
    used: dict[str, int] | None = None,
) -> None:
    """Refuse, saying until when, once `rows` (with a `created_at`) reach any of the caps. `what` names the rows
    in a sentence: "meeting requests". `used`: how many rows lie in each cap's window ("cap0", "cap1", ... in
    the order of `caps`), if the caller counted them already."""
    now = now or timezone.now()
    # Every cap counted in one query (or in the caller's); the rare refusal reads when room frees up.
    used = used if used is not None else rows.aggregate(**_cap_counts(caps, now=now))
    for n, cap in enumerate(caps):
        if used[f"cap{n}"] < cap.limit:
            continue
        recent = rows.filter(created_at__gt=now - cap.window).order_by("created_at")
        # Room for one more once enough of the oldest counted have left the window.
        frees_at = recent.values_list("created_at", flat=True)[used[f"cap{n}"] - cap.limit] + cap.window
        raise ValidationError(
            _(
                "You have sent %(count)s %(what)s %(period)s, the most the market allows. "
                "You can send more from %(time)s (market time)."
            )
            % {
                "count": used[f"cap{n}"],
                "what": what,
                "period": cap.period,
                "time": frees_at.astimezone(zone).strftime("%H:%M"),
            },
            code="cap",
        )
