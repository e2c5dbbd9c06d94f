"""Open hours and meetings for the demo market.

The sales reps of the 120 exhibitors with the most titles keep open hours on each market day (one to three
generated reps each; Tencent, the demo rep's company, always among them with its demo team as it is, so the demo
rep is the Tencent rep a buyer books), and several hundred meetings in every state lie between those reps and
the verified buyers: accepted, requests waiting for the rep, invitations waiting for the buyer, declined
(by a person, or by the app when the rep accepted someone else for that slot), withdrawn, expired, cancelled.
The demo logins get a known share (DEMO_BUYER_PLAN, DEMO_REP_PLAN) and the demo rep keeps most of the first two
days free, so the demo buyer can ask for a slot and the demo rep accept it.

The plan is made in Python under the rules PostgreSQL enforces (accepted meetings never overlap for a rep or a
buyer, one open request per buyer, rep and slot, every slot on the grid of the rep's open hours, live ones in
the future), then written with bulk inserts. Deterministic (its own random.Random). Idempotent: the generated
reps are upserts, and open hours and meetings are written only into a market that has none, so reloading the
demo keeps whatever people have booked since.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from accounts.models import Role, User
from demo import buyers as demo_buyers
from exhibitors.models import Exhibitor, TeamMember, TeamRole, Title
from markets.models import Hall, Market, MeetingTable
from markets.timekeeping import market_days, market_moment
from meetings.models import Availability, ClosedBecause, Meeting, Place, Side, Status

SEED = 20250317
EXHIBITORS_WITH_HOURS = 120
DEMO_BUYER_EMAIL = "buyer@example.com"
DEMO_REP_EMAIL = "rep@example.com"
# The demo rep's company: its team stays as demo._demo_users makes it (the demo rep and a company admin).
DEMO_REP_EXHIBITOR = "tencent"

# Open hours on each market day (market time): a morning and an afternoon, lunch in between.
DAY_WINDOWS = [(time(10, 0), time(13, 0)), (time(14, 0), time(18, 0))]
# Live (pending or accepted) meetings start at least this long after the load.
LIVE_MARGIN = timedelta(hours=2)

JOB_TITLES = [
    "International Sales Manager",
    "Sales Director",
    "Head of International Distribution",
    "Licensing Manager",
    "Sales Executive",
    "VP, Content Sales",
    "Acquisitions and Sales Manager",
    "Business Development Manager",
]

# What a meeting became: status, who asked, whose answer it waits (or waited) for.
KINDS: dict[str, tuple[str, str, str]] = {
    "accepted": (Status.ACCEPTED, Side.BUYER, Side.REP),
    "accepted_invitation": (Status.ACCEPTED, Side.REP, Side.BUYER),
    "request": (Status.PENDING, Side.BUYER, Side.REP),
    "invitation": (Status.PENDING, Side.REP, Side.BUYER),
    "declined": (Status.DECLINED, Side.BUYER, Side.REP),
    "declined_quietly": (Status.DECLINED, Side.BUYER, Side.REP),
    "invitation_declined": (Status.DECLINED, Side.REP, Side.BUYER),
    "slot_taken": (Status.DECLINED, Side.BUYER, Side.REP),
    "buyer_booked": (Status.DECLINED, Side.BUYER, Side.REP),
    "withdrawn": (Status.WITHDRAWN, Side.BUYER, Side.REP),
    "invitation_withdrawn": (Status.WITHDRAWN, Side.REP, Side.BUYER),
    "expired": (Status.EXPIRED, Side.BUYER, Side.REP),
    "invitation_expired": (Status.EXPIRED, Side.REP, Side.BUYER),
    "cancelled": (Status.CANCELLED, Side.BUYER, Side.REP),
}
# Meetings between generated buyers and reps other than the demo rep, by kind, in the order they are planned
# (accepted ones first: the app's declines refer to them, and open requests keep clear of them).
QUOTAS: dict[str, int] = {
    "accepted": 290,
    "accepted_invitation": 50,
    "slot_taken": 30,
    "buyer_booked": 10,
    "request": 110,
    "invitation": 40,
    "declined": 50,
    "declined_quietly": 20,
    "invitation_declined": 15,
    "withdrawn": 40,
    "invitation_withdrawn": 10,
    "expired": 60,
    "invitation_expired": 10,
    "cancelled": 45,
}
# Requests the app declined when an accepted meeting (the `rival`) made them impossible.
CLOSED_BY_APP = {"slot_taken": ClosedBecause.SLOT_TAKEN, "buyer_booked": ClosedBecause.BUYER_BOOKED}
VERSIONS = {Status.PENDING: 0, Status.CANCELLED: 2}  # every other status is one step from the request

# The demo buyer's meetings: (partner, kind, market day index, start). Partner None is the demo rep; a number
# is one of the other exhibitors with titles the demo buyer looks for. The "slot_taken" partner accepted
# another buyer for that slot.
DEMO_BUYER_PLAN = [
    (None, "accepted", 2, time(11, 0)),
    (0, "accepted", 0, time(16, 30)),
    (1, "accepted", 1, time(12, 0)),
    (2, "accepted", 3, time(10, 30)),
    (3, "request", 1, time(15, 0)),
    (4, "request", 2, time(14, 30)),
    (5, "invitation", 0, time(14, 0)),
    (6, "slot_taken", 1, time(10, 0)),
]
# The demo rep's meetings with generated buyers: two accepted on each of the first two days at most, so most
# of those days stay free; four requests wait for the demo rep's answer.
DEMO_REP_PLAN = [
    ("accepted", 0, time(10, 0)),
    ("accepted", 1, time(14, 0)),
    ("accepted", 2, time(10, 0)),
    ("accepted", 2, time(15, 0)),
    ("accepted", 3, time(11, 0)),
    ("accepted", 3, time(16, 30)),
    ("request", 0, time(15, 30)),
    ("request", 1, time(10, 30)),
    ("request", 1, time(16, 0)),
    ("request", 2, time(16, 30)),
    ("invitation", 3, time(14, 0)),
    ("declined", 0, time(12, 0)),
    ("withdrawn", 1, time(11, 30)),
    ("expired", 2, time(12, 0)),
    ("cancelled", 1, time(17, 0)),
]
DEMO_BUYER_PARTNER_REGIONS = {"CN", "HK", "TW", "KR", "TH"}

MEDIA_WORDS = {
    "theatrical": "theatrical", "non_theatrical": "non-theatrical", "free_tv": "free TV", "pay_tv": "pay TV",
    "ppv": "pay-per-view", "svod": "SVOD", "avod": "AVOD", "tvod": "TVOD", "airline": "airline",
    "remake": "remake", "format": "format",
}  # fmt: skip
KIND_WORDS = {
    "feature": "feature films", "series": "drama series", "micro": "micro dramas", "animation": "animation",
    "documentary": "documentaries", "variety": "variety shows", "format": "formats",
}  # fmt: skip

REQUEST_MESSAGES = [
    "Hello, I look after acquisitions at {company} in {country}. We are interested in {titles} for {media} in "
    "{territories}; could we go through avails and terms?",
    "{titles} would suit our {media} line-up in {territories}. Are those rights still open, and is there a screener?",
    "We met at last year's market. This time we are looking at {titles} for {territories} ({media}).",
    "Could you share the delivery materials and episode count for {titles}? We are programming {media} for "
    "{territories} next year.",
    "{company} is looking for {kinds} for {territories}, and {titles} caught our eye. Happy to come to you.",
]
REQUEST_WITHOUT_TITLES = (
    "Hello, {company} is looking for {kinds} for {media} in {territories}. Could we see your slate?"
)
INVITATION_MESSAGES = [
    "Hello {name}, we think {titles} would suit {company}'s {media} slate in {territories}. Would you like to "
    "see the trailer?",
    "Hi {name}, we have fresh availability for {territories} on {titles}. Shall we meet during the market?",
    "Dear {name}, our new line-up includes {titles}; we would love to hear what {company} is looking for.",
]
DECLINE_REASONS = [
    "Sorry, the rights you asked about are already licensed in {territory}.",
    "Our calendar is full that day; could you ask for a slot on another day of the market?",
    "We handle {territory} through a regional agent; I will send you their details by email.",
    "These titles are not cleared for {media} yet; let's talk again after the market.",
]
INVITATION_DECLINE_REASONS = [
    "Thank you, but we have enough {kinds} for this year.",
    "Not a fit for our line-up right now; thank you for thinking of us.",
    "Our buying team is fully booked at that time, sorry.",
]
CANCEL_REASONS = [
    "My flight lands too late that day, sorry; could we find another slot?",
    "Our CEO needs me at a screening at that time; apologies.",
    "The title has just been licensed in our territory, so we will pass this time.",
    "I am unwell and staying at the hotel today; let's follow up online.",
    "Our team has to leave the market a day early, sorry.",
]


@dataclass
class _Rep:
    user_id: int
    email: str
    exhibitor_id: int
    exhibitor_slug: str
    region: str
    rank: int
    slots: dict[datetime, Availability] = field(default_factory=dict)


@dataclass(frozen=True)
class _Buyer:
    user_id: int
    full_name: str
    company: str
    country: str
    kinds: tuple[str, ...]
    media: tuple[str, ...]
    territories: tuple[str, ...]


@dataclass(frozen=True)
class _Title:
    pk: int
    kind: str
    english_title: str


def demo_meetings_load(
    *,
    market: Market,
    titles_per_exhibitor: dict[str, int],
    buyers: list[dict],
    exhibitors_with_hours: int = EXHIBITORS_WITH_HOURS,
    reps_per_exhibitor: int | None = None,
    meetings_per_quota: int = 1,
) -> None:
    """Reps for the busiest exhibitors, then (into a market without any yet) their open hours and meetings.
    `reps_per_exhibitor` None gives the demo's teams (three, two or one by rank); QUOTAS are multiplied by
    `meetings_per_quota`."""
    exhibitors = _exhibitors_with_hours(market, titles_per_exhibitor, exhibitors_with_hours)
    _generated_reps(exhibitors, taken={spec["email"] for spec in buyers}, per_exhibitor=reps_per_exhibitor)
    if Availability.objects.filter(market=market).exists() or Meeting.objects.filter(market=market).exists():
        return
    rng = random.Random(SEED)
    reps = _reps(exhibitors)
    _open_hours(market, reps, rng)
    plan = _Plan(market=market, rng=rng, titles=_titles(exhibitors))
    quotas = {kind: quota * meetings_per_quota for kind, quota in QUOTAS.items()}
    _plan_meetings(plan, reps, _buyers(buyers), market, quotas)
    plan.write()


def _exhibitors_with_hours(market: Market, titles_per_exhibitor: dict[str, int], count: int) -> list[Exhibitor]:
    ranked = sorted(titles_per_exhibitor, key=lambda slug: (-titles_per_exhibitor[slug], slug))
    chosen = ranked[:count]
    if DEMO_REP_EXHIBITOR not in chosen:
        chosen[-1] = DEMO_REP_EXHIBITOR
    by_slug = {e.slug: e for e in Exhibitor.objects.filter(market=market, slug__in=chosen).select_related("region")}
    return [by_slug[slug] for slug in chosen if slug in by_slug]


def _team_size(rank: int) -> int:
    return 3 if rank < 20 else 2 if rank < 60 else 1


def _generated_reps(exhibitors: list[Exhibitor], *, taken: set[str], per_exhibitor: int | None = None) -> None:
    """Sales reps for each chosen exhibitor, named as people of its country (no logins: unusable passwords)."""
    rng = random.Random(SEED)
    taken = taken | demo_buyers.RESERVED_EMAILS
    people: list[tuple[Exhibitor, str, str, str]] = []
    for rank, exhibitor in enumerate(exhibitors):
        if exhibitor.slug == DEMO_REP_EXHIBITOR:
            continue
        for _n in range(per_exhibitor or _team_size(rank)):
            full_name, local = demo_buyers.person(rng, exhibitor.region.code)
            email, suffix = f"{local}@{exhibitor.slug}.example", 2
            while email in taken:
                email, suffix = f"{local}{suffix}@{exhibitor.slug}.example", suffix + 1
            taken.add(email)
            people.append((exhibitor, email, full_name, rng.choice(JOB_TITLES)))
    User.objects.bulk_create(
        [User(email=email, full_name=name, role=Role.EXHIBITOR, password="!") for _e, email, name, _j in people],  # noqa: S106 - unusable
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["email"],
        update_fields=["full_name", "role"],
    )
    user_ids = dict(User.objects.filter(email__in=[p[1] for p in people]).values_list("email", "pk"))
    TeamMember.objects.bulk_create(
        [
            TeamMember(exhibitor=exhibitor, user_id=user_ids[email], role=TeamRole.REP, job_title=job_title)
            for exhibitor, email, _name, job_title in people
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["exhibitor", "user"],
        update_fields=["role", "job_title"],
    )


def _reps(exhibitors: list[Exhibitor]) -> list[_Rep]:
    """The sales reps of the chosen teams (a person on two of them keeps hours for the first)."""
    rank_of = {e.pk: rank for rank, e in enumerate(exhibitors)}
    by_pk = {e.pk: e for e in exhibitors}
    members = TeamMember.objects.filter(exhibitor__in=exhibitors, role=TeamRole.REP).values_list(
        "exhibitor_id", "user_id", "user__email"
    )
    reps: dict[int, _Rep] = {}
    for exhibitor_id, user_id, email in sorted(members, key=lambda m: (rank_of[m[0]], m[2])):
        exhibitor = by_pk[exhibitor_id]
        reps.setdefault(
            user_id, _Rep(user_id, email, exhibitor_id, exhibitor.slug, exhibitor.region.code, rank_of[exhibitor_id])
        )
    return list(reps.values())


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _day_windows(market: Market) -> list[tuple[time, time]]:
    windows = [(max(start, market.meeting_day_start), min(end, market.meeting_day_end)) for start, end in DAY_WINDOWS]
    return [(start, end) for start, end in windows if _minutes(end) - _minutes(start) >= market.slot_minutes]


# The Business Lounge's tables, in the hall of the market's business matching area.
LOUNGE_HALL = "3G"
LOUNGE_TABLES = 60


def _lounge_tables(market: Market) -> list[MeetingTable]:
    hall = Hall.objects.filter(market=market, code=LOUNGE_HALL).first()
    rows = [
        MeetingTable(market=market, hall=hall, code=f"BL-{number:02d}", name=f"Business Lounge table {number}", seats=4)
        for number in range(1, LOUNGE_TABLES + 1)
    ]
    MeetingTable.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["market", "code"], update_fields=["hall", "name", "seats"]
    )
    return list(MeetingTable.objects.filter(market=market, code__startswith="BL-").order_by("code"))


def _place(rep: _Rep, rng: random.Random, free_tables: list[MeetingTable]) -> tuple[str, str, MeetingTable | None]:
    """Most reps meet at their booth; some at a Business Lounge table of their own, a few online."""
    if rep.email == DEMO_REP_EMAIL:
        return Place.BOOTH, "", None
    roll = rng.random()
    if roll < 0.07:
        return Place.ONLINE, f"https://meet.example.com/{rep.exhibitor_slug}/{rep.email.split('@')[0]}", None
    if roll < 0.25 and free_tables:
        table = free_tables.pop(0)
        return Place.TABLE, table.name, table
    return Place.BOOTH, "", None


def _open_hours(market: Market, reps: list[_Rep], rng: random.Random) -> None:
    """Each rep's open hours on every market day; about a third leave after the last morning."""
    days = market_days(market)
    day_windows = _day_windows(market)
    free_tables = _lounge_tables(market)
    windows: list[tuple[_Rep, Availability]] = []
    for rep in reps:
        place, detail, table = _place(rep, rng, free_tables)
        leaves_early = rep.email != DEMO_REP_EMAIL and rng.random() < 0.3
        for day in days:
            for index, (start, end) in enumerate(day_windows):
                if leaves_early and day == days[-1] and index > 0:
                    continue
                during = DateTimeTZRange(market_moment(market, day, start), market_moment(market, day, end), "[)")
                window = Availability(
                    market=market, exhibitor_id=rep.exhibitor_id, rep_id=rep.user_id, during=during,
                    place=place, place_detail=detail, table=table,
                )  # fmt: skip
                windows.append((rep, window))
    Availability.objects.bulk_create([window for _rep, window in windows], batch_size=1000)
    length = timedelta(minutes=market.slot_minutes)
    for rep, window in windows:
        start = window.during.lower
        while start + length <= window.during.upper:
            rep.slots[start] = window
            start += length


def _titles(exhibitors: list[Exhibitor]) -> dict[int, list[_Title]]:
    titles: dict[int, list[_Title]] = defaultdict(list)
    rows = Title.objects.filter(exhibitor__in=exhibitors).order_by("slug")
    for exhibitor_id, pk, kind, english_title in rows.values_list("exhibitor_id", "pk", "kind", "english_title"):
        titles[exhibitor_id].append(_Title(pk, kind, english_title))
    return titles


def _buyers(specs: list[dict]) -> dict[str, _Buyer]:
    """The verified buyers by email, the demo buyer among them."""
    verified = [spec for spec in specs if spec["verified"]]
    demo = {**demo_buyers.DEMO_BUYER, "email": DEMO_BUYER_EMAIL, "full_name": "Ploy Srisawat"}
    emails = [DEMO_BUYER_EMAIL] + [spec["email"] for spec in verified]
    user_ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    return {
        spec["email"]: _Buyer(
            user_ids[spec["email"]],
            spec["full_name"],
            spec["company"],
            spec["country"],
            tuple(spec["kinds"]),
            tuple(spec["media"]),
            tuple(spec["territories"]),
        )  # fmt: skip
        for spec in [demo, *verified]
        if spec["email"] in user_ids
    }


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


class _Plan:
    """Meetings to write, with what each rep and buyer already holds, so no row breaks a database rule."""

    def __init__(self, *, market: Market, rng: random.Random, titles: dict[int, list[_Title]]) -> None:
        self.market = market
        self.rng = rng
        self.titles = titles
        self.now = timezone.now()
        self.expiry = timedelta(hours=market.request_expiry_hours)
        self.length = timedelta(minutes=market.slot_minutes)
        self.meetings: list[Meeting] = []
        self.meeting_titles: list[list[int]] = []
        self.stamps: list[tuple[datetime, datetime]] = []  # created, updated
        self.answered: dict[int, datetime] = {}  # id() of a planned accepted meeting: when it was accepted
        self.rep_accepted: dict[int, set[datetime]] = defaultdict(set)
        self.buyer_accepted: dict[int, set[datetime]] = defaultdict(set)
        self.rep_open: dict[int, set[datetime]] = defaultdict(set)
        self.buyer_open: dict[int, set[datetime]] = defaultdict(set)
        self.pairs: set[tuple[int, int, datetime]] = set()

    def fits(self, status: str, rep: _Rep, buyer: _Buyer, start: datetime) -> bool:
        if start not in rep.slots or (buyer.user_id, rep.user_id, start) in self.pairs or buyer.user_id == rep.user_id:
            return False
        if status == Status.ACCEPTED:
            # Accepting would have declined any open request of either person for this slot.
            held = (self.rep_accepted[rep.user_id], self.buyer_accepted[buyer.user_id])
            held += (self.rep_open[rep.user_id], self.buyer_open[buyer.user_id])
        elif status == Status.PENDING:
            held = (self.rep_accepted[rep.user_id], self.buyer_accepted[buyer.user_id])
        else:
            return True
        return start > self.now + LIVE_MARGIN and not any(start in taken for taken in held)

    def add(
        self, kind: str, *, rep: _Rep, buyer: _Buyer, start: datetime, rival: Meeting | None = None
    ) -> Meeting | None:
        """Plan one meeting of this kind, or None when it would break a rule. `rival` is the accepted meeting
        that made the app decline this request."""
        status, initiated_by, awaiting = KINDS[kind]
        if not self.fits(status, rep, buyer, start):
            return None
        window = rep.slots[start]
        titles = self._titles_for(rep, buyer)
        created, updated, expires_at = self._timeline(status, start, rival)
        meeting = Meeting(
            market=self.market, exhibitor_id=rep.exhibitor_id, rep_id=rep.user_id, buyer_id=buyer.user_id,
            availability=window, during=DateTimeTZRange(start, start + self.length, "[)"), place=window.place,
            place_detail=window.place_detail, status=status, initiated_by=initiated_by, awaiting=awaiting,
            message=self._message(initiated_by, buyer, titles), reason=self._reason(kind, buyer),
            closed_because=CLOSED_BY_APP.get(kind, ""),
            version=VERSIONS.get(status, 1), sequence=1 if status == Status.CANCELLED else 0, expires_at=expires_at,
        )  # fmt: skip
        self.pairs.add((buyer.user_id, rep.user_id, start))
        if status == Status.ACCEPTED:
            self.rep_accepted[rep.user_id].add(start)
            self.buyer_accepted[buyer.user_id].add(start)
            self.answered[id(meeting)] = updated
        elif status == Status.PENDING:
            self.rep_open[rep.user_id].add(start)
            self.buyer_open[buyer.user_id].add(start)
        self.meetings.append(meeting)
        self.meeting_titles.append([title.pk for title in titles])
        self.stamps.append((created, updated))
        return meeting

    def _titles_for(self, rep: _Rep, buyer: _Buyer) -> list[_Title]:
        catalogue = self.titles.get(rep.exhibitor_id, [])
        wanted = [title for title in catalogue if title.kind in buyer.kinds] or catalogue
        if not wanted or self.rng.random() < 0.08:
            return []
        return self.rng.sample(wanted, min(len(wanted), self.rng.choice([1, 1, 1, 2, 2, 3])))

    def _words(self, buyer: _Buyer, titles: list[_Title]) -> dict[str, str]:
        return {
            "company": buyer.company,
            "name": buyer.full_name,
            "country": demo_buyers.TERRITORY_NAMES.get(buyer.country, buyer.country),
            "territories": _and([demo_buyers.TERRITORY_NAMES.get(t, t) for t in buyer.territories[:3]]),
            "territory": demo_buyers.TERRITORY_NAMES.get(buyer.territories[0], buyer.territories[0]),
            "media": _and([MEDIA_WORDS.get(m, m) for m in buyer.media[:2]]),
            "kinds": _and([KIND_WORDS.get(k, k) for k in buyer.kinds[:2]]),
            "titles": _and([f"“{title.english_title}”" for title in titles]),
        }

    def _message(self, initiated_by: str, buyer: _Buyer, titles: list[_Title]) -> str:
        words = self._words(buyer, titles)
        if initiated_by == Side.REP:
            return self.rng.choice(INVITATION_MESSAGES).format(**words) if titles else ""
        if not titles:
            return REQUEST_WITHOUT_TITLES.format(**words)
        return self.rng.choice(REQUEST_MESSAGES).format(**words)

    def _reason(self, kind: str, buyer: _Buyer) -> str:
        reasons = {"declined": DECLINE_REASONS, "invitation_declined": INVITATION_DECLINE_REASONS}
        reasons["cancelled"] = CANCEL_REASONS
        if kind not in reasons:
            return ""
        return self.rng.choice(reasons[kind]).format(**self._words(buyer, []))

    def _timeline(self, status: str, start: datetime, rival: Meeting | None) -> tuple[datetime, datetime, datetime]:
        """When it was asked for, when it last changed, and when it expires (or expired)."""
        rng, now = self.rng, self.now
        if status == Status.PENDING:
            created = now - timedelta(minutes=rng.randint(10, int(self.expiry.total_seconds() // 60 * 0.8)))
            return created, created, min(created + self.expiry, start)
        if status == Status.EXPIRED:
            created = now - self.expiry - timedelta(minutes=rng.randint(30, 6 * 24 * 60))
            expires_at = min(created + self.expiry, start)
            return created, expires_at, expires_at
        if rival is not None:
            # Declined by the app the moment the rep (or the buyer) accepted the rival meeting.
            answered = self.answered[id(rival)]
            created = answered - timedelta(minutes=rng.randint(30, 30 * 60))
            return created, answered, min(created + self.expiry, start)
        created = now - timedelta(minutes=rng.randint(3 * 60, 9 * 24 * 60))
        expires_at = min(created + self.expiry, start)
        answered = created + (min(expires_at, now) - created) * rng.uniform(0.05, 0.9)
        if status == Status.CANCELLED:
            return created, answered + (now - answered) * rng.uniform(0.2, 0.95), expires_at
        return created, answered, expires_at

    def write(self) -> None:
        Meeting.objects.bulk_create(self.meetings, batch_size=1000)
        through = Meeting.titles.through
        through.objects.bulk_create(
            [
                through(meeting_id=meeting.pk, title_id=title_id)
                for meeting, title_ids in zip(self.meetings, self.meeting_titles, strict=True)
                for title_id in title_ids
            ],
            batch_size=2000,
        )
        # The insert stamps every row with now; these are the demo's own history (one statement for all).
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE meetings_meeting AS m SET created_at = s.created_at, updated_at = s.updated_at "
                "FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[]) AS s(id, created_at, updated_at) "
                "WHERE m.id = s.id",
                [
                    [meeting.pk for meeting in self.meetings],
                    [created for created, _updated in self.stamps],
                    [updated for _created, updated in self.stamps],
                ],
            )


def _plan_meetings(
    plan: _Plan, reps: list[_Rep], buyers: dict[str, _Buyer], market: Market, quotas: dict[str, int]
) -> None:
    rng = plan.rng
    days = market_days(market)

    def at(day: int, start: time) -> datetime:
        return market_moment(market, days[min(day, len(days) - 1)], start)

    def buyer_for(rep: _Rep, pool: list[_Buyer], avoid: frozenset[int] | set[int] = frozenset()) -> _Buyer:
        """A buyer whose kinds the rep's catalogue has, most of the time."""
        kinds = {title.kind for title in plan.titles.get(rep.exhibitor_id, [])}
        for _attempt in range(12):
            buyer = rng.choice(pool)
            if buyer.user_id not in avoid and kinds & set(buyer.kinds):
                return buyer
        return buyer

    demo_buyer = buyers.get(DEMO_BUYER_EMAIL)
    generated = [buyer for email, buyer in buyers.items() if email != DEMO_BUYER_EMAIL]
    demo_rep = next((rep for rep in reps if rep.email == DEMO_REP_EMAIL), None)
    others = [rep for rep in reps if rep.email != DEMO_REP_EMAIL]
    if not generated or not others:
        return

    if demo_rep is not None:
        met: set[int] = set()
        for kind, day, start in DEMO_REP_PLAN:
            for _attempt in range(20):
                buyer = buyer_for(demo_rep, generated, met)
                if plan.add(kind, rep=demo_rep, buyer=buyer, start=at(day, start)):
                    met.add(buyer.user_id)
                    break

    if demo_buyer is not None:
        partners = _demo_buyer_partners(plan, others, demo_buyer)
        for partner, kind, day, start in DEMO_BUYER_PLAN:
            rep = demo_rep if partner is None else partners[partner % len(partners)] if partners else None
            if rep is None:
                continue
            rival = None
            if kind == "slot_taken":
                for _attempt in range(20):
                    rival = plan.add("accepted", rep=rep, buyer=buyer_for(rep, generated), start=at(day, start))
                    if rival:
                        break
                if rival is None:
                    continue
            plan.add(kind, rep=rep, buyer=demo_buyer, start=at(day, start), rival=rival)

    # Demand gathers at the exhibitors with the most titles.
    cum_weights, total = [], 0.0
    for rep in others:
        total += 1 / (1 + rep.rank / 15)
        cum_weights.append(total)
    slots = {rep.user_id: sorted(rep.slots) for rep in others}
    randomly_accepted: list[Meeting] = []
    reps_by_user = {rep.user_id: rep for rep in reps}
    buyers_by_user = {buyer.user_id: buyer for buyer in generated}
    for kind, quota in quotas.items():
        made = 0
        for _attempt in range(quota * 40):
            if made == quota:
                break
            rival = None
            if kind in ("slot_taken", "buyer_booked"):
                if not randomly_accepted:
                    break
                rival = rng.choice(randomly_accepted)
                start = rival.during.lower
                if kind == "slot_taken":
                    rep = reps_by_user[rival.rep_id]
                    buyer = buyer_for(rep, generated, {rival.buyer_id})
                else:
                    rep = rng.choices(others, cum_weights=cum_weights)[0]
                    buyer = buyers_by_user[rival.buyer_id]
                    if rep.user_id == rival.rep_id:
                        continue
            else:
                rep = rng.choices(others, cum_weights=cum_weights)[0]
                start = rng.choice(slots[rep.user_id])
                buyer = buyer_for(rep, generated)
            meeting = plan.add(kind, rep=rep, buyer=buyer, start=start, rival=rival)
            if meeting is not None:
                made += 1
                if meeting.status == Status.ACCEPTED:
                    randomly_accepted.append(meeting)


def _demo_buyer_partners(plan: _Plan, reps: list[_Rep], demo_buyer: _Buyer) -> list[_Rep]:
    """One rep each of the highest-ranked exhibitors from nearby markets with titles the demo buyer wants."""
    partners: list[_Rep] = []
    seen: set[int] = set()
    for rep in reps:
        catalogue_kinds = {title.kind for title in plan.titles.get(rep.exhibitor_id, [])}
        if rep.exhibitor_id in seen or rep.region not in DEMO_BUYER_PARTNER_REGIONS:
            continue
        if catalogue_kinds & set(demo_buyer.kinds) and rep.exhibitor_slug != DEMO_REP_EXHIBITOR:
            partners.append(rep)
            seen.add(rep.exhibitor_id)
    return partners
