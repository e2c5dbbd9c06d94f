from django.db.models import Count, Q, QuerySet

from exhibitors.models import Exhibitor, Pavilion, TeamMember
from filmart.models import Market


def market_figures(*, market: Market) -> dict[str, int]:
    """Headline numbers for the home page, in one query."""
    return Exhibitor.objects.filter(market=market).aggregate(
        exhibitors=Count("pk"),
        regions=Count("region", distinct=True),
        pavilions=Count("pavilion", distinct=True),
        asean=Count("pk", filter=Q(region__is_asean=True)),
    )


def pavilions_with_counts(*, market: Market) -> QuerySet[Pavilion]:
    return (
        Pavilion.objects.filter(market=market)
        .select_related("region")
        .annotate(exhibitor_count=Count("exhibitors"))
        .order_by("-is_debut", "name")
    )


def memberships_for_user(*, user, market: Market) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(user=user, exhibitor__market=market).select_related(
        "exhibitor", "exhibitor__pavilion"
    )
