"""The demo market: FILMART as in the 2025 news story, on the next March dates so its slots can be booked.

Deterministic and idempotent: every run writes the same rows (upserts keyed by slug or code).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, User
from demo import buyers as demo_buyers
from demo import catalogue as demo_catalogue
from demo import data as demo_data
from demo import meetings as demo_meetings
from demo import wishes as demo_wishes
from demo.accounts import DEMO_PASSWORD
from exhibitors.models import TITLE_FACTS, Exhibitor, Pavilion, Region, RightsAvailability, TeamMember, TeamRole, Title
from exhibitors.services import catalogue_changed
from markets.models import Hall, Market
from matchmaking.models import BuyerProfile, Verification
from organiser.permissions import organiser_group_sync
from organiser.services import console_counters_fold


@dataclass(frozen=True)
class DemoScale:
    """How large a market to make. "demo" is the market of the news story; "full" is a FILMART at its
    largest, for benchmarks and load tests."""

    exhibitors: int
    titles: int  # at least this many
    buyers: int
    exhibitors_with_hours: int  # the ones with the most titles keep open hours
    reps_per_exhibitor: int | None  # None: three, two or one by rank (the demo's teams)
    meetings_per_quota: int  # demo_meetings.QUOTAS times this


SCALES = {
    "demo": DemoScale(exhibitors=760, titles=3200, buyers=2000, exhibitors_with_hours=120, reps_per_exhibitor=None,
                      meetings_per_quota=1),
    "full": DemoScale(exhibitors=1000, titles=10_000, buyers=10_000, exhibitors_with_hours=1000,
                      reps_per_exhibitor=3, meetings_per_quota=65),
}  # fmt: skip


def demo_market_dates(today: date) -> tuple[date, date]:
    """The first 17 March still ahead of today, so every demo slot lies in the future."""
    spec = demo_data.DEMO_MARKET
    start = date(today.year, spec["start_month"], spec["start_day"])
    if start <= today:
        start = date(today.year + 1, spec["start_month"], spec["start_day"])
    return start, start + timedelta(days=spec["day_count"] - 1)


def demo_market_loaded() -> bool:
    return Market.objects.filter(is_current=True).exists()


@transaction.atomic
def demo_market_load(*, today: date | None = None, scale: str = "demo") -> Market:
    """Load the demo market at a scale of SCALES. Meetings are made only in a market that has none yet."""
    if settings.PRODUCTION:
        # It makes logins whose password the README publishes, an organiser among them.
        raise ImproperlyConfigured("The demo market is refused in production: its logins' password is public.")
    size = SCALES[scale]
    market = _market(today or timezone.localdate())
    regions = _regions()
    _halls(market)
    pavilions = _pavilions(market, regions)
    exhibitor_specs = demo_data.generate_exhibitors(size.exhibitors)
    exhibitors = _exhibitors(market, regions, pavilions, exhibitor_specs)
    titles_per_exhibitor = _titles(market, demo_catalogue.generate_titles(exhibitor_specs, total=size.titles))
    catalogue_changed()
    _demo_users(exhibitors)
    buyers = _buyers(size.buyers)
    demo_meetings.demo_meetings_load(
        market=market,
        titles_per_exhibitor=titles_per_exhibitor,
        buyers=buyers,
        exhibitors_with_hours=size.exhibitors_with_hours,
        reps_per_exhibitor=size.reps_per_exhibitor,
        meetings_per_quota=size.meetings_per_quota,
    )
    demo_wishes.demo_hall_walks_load(market=market)
    demo_wishes.demo_wishes_load(market=market)
    # The console's counters, appended batch by batch as the meetings went in, folded into a row per key.
    console_counters_fold()
    with connection.cursor() as cursor:
        # Fresh statistics for every table after a bulk load, so the planner picks index scans from the first
        # request on (a table left out, such as the meetings' titles, is joined by a scan of all titles).
        cursor.execute("ANALYZE")
    demo_wishes.demo_round_load(market=market)
    return market


def _market(today: date) -> Market:
    spec = demo_data.DEMO_MARKET
    starts_on, ends_on = demo_market_dates(today)
    slug = f"filmart-{starts_on.year}"
    Market.objects.exclude(slug=slug).filter(is_current=True).update(is_current=False)
    market, _created = Market.objects.update_or_create(
        slug=slug,
        defaults={
            "name": f"{spec['name']} {starts_on.year}",
            "name_zh_hant": f"{starts_on.year}{spec['name_zh_hant']}",
            "name_zh_hans": f"{starts_on.year}{spec['name_zh_hans']}",
            "edition": spec["edition"] + starts_on.year - spec["edition_year"],
            "venue": spec["venue"],
            "city": spec["city"],
            "starts_on": starts_on,
            "ends_on": ends_on,
            "time_zone": spec["time_zone"],
            "meeting_day_start": time.fromisoformat(spec["meeting_day_start"]),
            "meeting_day_end": time.fromisoformat(spec["meeting_day_end"]),
            "slot_minutes": spec["slot_minutes"],
            "is_current": True,
        },
    )
    return market


def _regions() -> dict[str, Region]:
    rows = [
        Region(code=code, name=name, name_zh_hant=hant, name_zh_hans=hans, is_asean=asean)
        for code, name, hant, hans, asean in demo_data.REGIONS
    ]
    Region.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "name_zh_hant", "name_zh_hans", "is_asean"],
    )
    return {region.code: region for region in Region.objects.all()}


def _halls(market: Market) -> None:
    rows = [
        Hall(market=market, code=code, name=f"Hall {code}", name_zh_hant=f"展覽廳{code}", name_zh_hans=f"展览厅{code}")
        for code in demo_data.HALLS
    ]
    Hall.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["market", "code"],
        update_fields=["name", "name_zh_hant", "name_zh_hans"],
    )


def _pavilions(market: Market, regions: dict[str, Region]) -> dict[str, Pavilion]:
    rows = [
        Pavilion(
            market=market,
            slug=spec["slug"],
            name=spec["name"],
            name_zh_hant=spec["name_zh_hant"],
            name_zh_hans=spec["name_zh_hans"],
            region=regions.get(spec["region"]) if spec["region"] else None,
            hall=spec["hall"],
            is_debut=spec["is_debut"],
        )
        for spec in demo_data.PAVILIONS
    ]
    Pavilion.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["market", "slug"],
        update_fields=["name", "name_zh_hant", "name_zh_hans", "region", "hall", "is_debut"],
    )
    return {pavilion.slug: pavilion for pavilion in Pavilion.objects.filter(market=market)}


def _exhibitors(
    market: Market, regions: dict[str, Region], pavilions: dict[str, Pavilion], specs: list[dict]
) -> dict[str, Exhibitor]:
    # Clear booths first so a re-run after the floor plan changed cannot collide with stale stand numbers.
    Exhibitor.objects.filter(market=market).update(stand="")
    rows = [
        Exhibitor(
            market=market,
            slug=spec["slug"],
            name=spec["name"],
            name_zh_hant=spec["name_zh_hant"],
            name_zh_hans=spec["name_zh_hans"],
            region=regions[spec["region"]],
            pavilion=pavilions.get(spec["pavilion"]) if spec["pavilion"] else None,
            company_type=spec["company_type"],
            hall=spec["hall"],
            stand=spec["stand"],
            description=spec["description"],
        )
        for spec in specs
    ]
    Exhibitor.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["market", "slug"],
        update_fields=[
            "name",
            "name_zh_hant",
            "name_zh_hans",
            "region",
            "pavilion",
            "company_type",
            "hall",
            "stand",
            "description",
        ],
    )
    return {e.slug: e for e in Exhibitor.objects.filter(market=market, slug__in=["tencent"])}


def _titles(market: Market, specs: list[dict]) -> dict[str, int]:
    """The demo catalogue; returns how many demo titles each exhibitor (by slug) has."""
    exhibitor_ids = dict(Exhibitor.objects.filter(market=market).values_list("slug", "pk"))
    Title.objects.bulk_create(
        [
            Title(
                exhibitor_id=exhibitor_ids[spec["exhibitor"]],
                slug=spec["slug"],
                **{name: spec[name] for name in TITLE_FACTS},
            )
            for spec in specs
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["slug"],
        update_fields=["exhibitor", *TITLE_FACTS],
    )
    title_ids = dict(Title.objects.filter(slug__in=[spec["slug"] for spec in specs]).values_list("slug", "pk"))
    # Rights rows have no natural key: replace them wholesale, which leaves the same avails every run.
    RightsAvailability.objects.filter(title_id__in=title_ids.values()).delete()
    RightsAvailability.objects.bulk_create(
        [
            RightsAvailability(
                title_id=title_ids[spec["slug"]],
                media=row["media"],
                territories=sorted(row["territories"]),
                worldwide_except=row["worldwide_except"],
                exclusive=row["exclusive"],
                available_from=date.fromisoformat(row["available_from"]),
            )
            for spec in specs
            for row in spec["rights"]
        ],
        batch_size=2000,
    )
    return dict(Counter(spec["exhibitor"] for spec in specs))


BUYER_FIELDS = [
    "company",
    "buyer_type",
    "country",
    "territories",
    "media",
    "kinds",
    "genres",
    "languages",
    "looking_for",
]


def _buyers(total: int) -> list[dict]:
    """The demo buyer's profile and 2,000 more buyers (no logins: their passwords are unusable); returns
    the generated buyers."""
    specs = demo_buyers.generate_buyers(total)
    User.objects.bulk_create(
        [
            User(email=spec["email"], full_name=spec["full_name"], role=Role.BUYER, password="!")  # noqa: S106 - unusable
            for spec in specs
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["email"],
        update_fields=["full_name", "role"],
    )
    user_ids = dict(User.objects.filter(email__in=[spec["email"] for spec in specs]).values_list("email", "pk"))
    demo = User.objects.get(email="buyer@example.com")
    profiles = [
        BuyerProfile(
            user_id=demo.pk,
            verification=Verification.VERIFIED,
            verified_at=timezone.now(),
            **{name: demo_buyers.DEMO_BUYER[name] for name in BUYER_FIELDS},
        )
    ] + [
        BuyerProfile(
            user_id=user_ids[spec["email"]],
            **{name: spec[name] for name in BUYER_FIELDS},
            verification=Verification.VERIFIED if spec["verified"] else Verification.PENDING,
        )
        for spec in specs
    ]
    BuyerProfile.objects.bulk_create(
        profiles,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=[*BUYER_FIELDS, "verification"],
    )
    return specs


def _demo_user(email: str, *, full_name: str, role: str, is_staff: bool = False) -> User:
    user, _created = User.objects.update_or_create(
        email=email, defaults={"full_name": full_name, "role": role, "is_staff": is_staff, "is_active": True}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _demo_users(exhibitors: dict[str, Exhibitor]) -> None:
    _demo_user("buyer@example.com", full_name="Ploy Srisawat", role=Role.BUYER)
    rep = _demo_user("rep@example.com", full_name="Li Wei", role=Role.EXHIBITOR)
    TeamMember.objects.update_or_create(
        exhibitor=exhibitors["tencent"],
        user=rep,
        defaults={"role": TeamRole.REP, "job_title": "International Sales Manager"},
    )
    # Tencent's company admin: a teammate on the exhibitor page, with no demo login of its own.
    admin, _created = User.objects.update_or_create(
        email="chen.jing@tencent.example",
        defaults={"full_name": "Chen Jing", "role": Role.EXHIBITOR, "is_active": True, "password": "!"},
    )
    TeamMember.objects.update_or_create(
        exhibitor=exhibitors["tencent"],
        user=admin,
        defaults={"role": TeamRole.ADMIN, "job_title": "Head of International Distribution"},
    )
    organiser = _demo_user("organiser@example.com", full_name="Market Operations", role=Role.ORGANISER, is_staff=True)
    organiser.groups.add(organiser_group_sync())
