"""Reads: the directory, the catalogue (with facet counts), exhibitor and title pages, rights questions."""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibitors.models import (
    CatalogueCounts,
    CatalogueGeneration,
    Exhibitor,
    Invitation,
    Pavilion,
    RightsAvailability,
    TeamMember,
    Title,
)
from exhibitors.search import search_filter, search_terms
from markets.models import Market
from web.caching import CACHE_ERRORS, cached

PAGE_SIZE = 24
logger = logging.getLogger(__name__)


def market_figures(*, market: Market) -> dict[str, int]:
    """Headline numbers for the home page: counted in one query once per catalogue generation (read in another,
    moved on in the transaction of every change to the catalogue, so a change shows at once)."""

    def compute() -> dict[str, int]:
        return Exhibitor.objects.filter(market=market).aggregate(
            exhibitors=Count("pk", distinct=True),
            regions=Count("region", distinct=True),
            pavilions=Count("pavilion", distinct=True),
            asean=Count("pk", distinct=True, filter=Q(region__is_asean=True)),
            titles=Count("titles", distinct=True),
        )

    return catalogue_cached(market, ("market-figures", catalogue_generation()), compute)


def catalogue_generation() -> int:
    """The catalogues' generation (exhibitors.models.CatalogueGeneration), as this transaction sees it."""
    return CatalogueGeneration.objects.filter(pk=1).values_list("generation", flat=True).first() or 0


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


# --- Rights --------------------------------------------------------------------------------------------


class RightsOpenIn(Func):
    """A rights row is open in `territory`: a territory it lists, or anywhere but those it lists when it says
    "worldwide except". The rule is written once, as the SQL function rights_open_in() (migration 0009), which
    the SQL of the catalogue counts and of matching call too; PostgreSQL inlines it into each query."""

    function = "rights_open_in"
    output_field = BooleanField()

    def __init__(self, territory: str) -> None:
        super().__init__(F("worldwide_except"), F("territories"), Value(territory, output_field=CharField()))


def rights_open_for(*, media: list[str] | None = None, territory: str | None = None) -> Q:
    """Rights rows that offer any of `media` in `territory`."""
    condition = Q()
    if media:
        condition &= Q(media__overlap=media)
    if territory:
        condition &= Q(RightsOpenIn(territory))
    return condition


def titles_available(
    *, market: Market, media: list[str] | None = None, territory: str | None = None
) -> QuerySet[Title]:
    """'Which titles can I license for SVOD in Thailand?'"""
    rows = RightsAvailability.objects.filter(rights_open_for(media=media, territory=territory), title=OuterRef("pk"))
    return Title.objects.filter(exhibitor__market=market).filter(Exists(rows))


# --- Facets --------------------------------------------------------------------------------------------


@dataclass
class Facet:
    """One filter group: its options with how many results each would give, and which are chosen."""

    name: str
    label: str
    options: list[tuple[str, str]]
    selected: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> list[dict]:
        return [
            {
                "value": value,
                "label": label,
                "count": self.counts.get(value, 0),
                "checked": value in self.selected,
            }
            for value, label in self.options
        ]


def _count_by(queryset: QuerySet, path: str) -> dict[str, int]:
    return {row[path]: row["n"] for row in queryset.order_by().values(path).annotate(n=Count("pk", distinct=True))}


# --- Cached counts -------------------------------------------------------------------------------------
# Facet counts are the same for every reader of the same question, and the catalogue changes rarely
# compared with how often it is searched: keep them in the cache under a version number that every
# catalogue write bumps (services.catalogue_changed), so a change shows at once.

COUNTS_TTL = 600


def catalogue_version_key(market_id: int) -> str:
    return f"catalogue-version:{market_id}"


def question_key(question: tuple) -> str:
    return hashlib.sha256(repr(question).encode()).hexdigest()


def catalogue_cached(market: Market, question: tuple, compute, *, usual: bool = False):
    """The answer to a question about the market's catalogue (its counts, its common words, a buyer's
    recommendations): precomputed for the usual count questions (nothing chosen, or one filter), else compute()
    once per catalogue version and question; straight to the database when the cache is down. `question` must
    hold everything else the answer depends on."""
    if usual:
        found = CatalogueCounts.objects.filter(market=market, question=question_key(question)).values_list(
            "counts", flat=True
        )
        if found:
            return found[0]
    try:
        version = cache.get_or_set(catalogue_version_key(market.pk), 1, None)
    except CACHE_ERRORS:
        return compute()
    key = "catalogue-counts:" + hashlib.sha256(repr((market.pk, version, question)).encode()).hexdigest()
    return cached(key, compute, COUNTS_TTL)


# --- Directory -----------------------------------------------------------------------------------------


@dataclass
class ListingResult:
    page: Page
    facets: list[Facet]
    total: int
    query: str


@dataclass
class _DirectoryQuestion:
    base: QuerySet
    terms: object
    filters: dict[str, list[str]]
    facet_names: list[str]

    LOOKUPS = {"region": "region__code__in", "pavilion": "pavilion__slug__in", "type": "company_type__in"}
    PATHS = {"region": "region__code", "pavilion": "pavilion__slug", "type": "company_type"}

    def filtered(self, except_facet: str | None = None) -> QuerySet:
        queryset = self.base
        for name, values in self.filters.items():
            if values and name != except_facet:
                queryset = queryset.filter(**{self.LOOKUPS[name]: values})
        return queryset

    @property
    def key(self) -> tuple:
        text = self.terms.text if self.terms else ""
        return ("directory", text, sorted((k, sorted(v)) for k, v in self.filters.items()))

    @property
    def usual(self) -> bool:
        return not self.terms and sum(len(values) for values in self.filters.values()) <= 1

    def counts(self) -> dict:
        found = {name: _count_by(self.filtered(except_facet=name), self.PATHS[name]) for name in self.facet_names}
        found["total"] = self.filtered().count()
        return found


def _directory_question(market: Market, text: str | None, filters: dict[str, list[str]], facet_names: list[str]):
    base = Exhibitor.objects.filter(market=market)
    terms = search_terms(text)
    if terms:
        base = search_filter(base, terms, name_fields=["name", "name_zh_hant", "name_zh_hans"], similarity_field="name")
    return _DirectoryQuestion(base=base, terms=terms, filters=filters, facet_names=facet_names)


def _page_read_by_id(market: Market, question: tuple, page: Page, rows: QuerySet) -> Page:
    """The page with its rows read by id from `rows`: which ids, in which order, is what a search costs, so it
    is worked out once per catalogue generation, question and page (the generation is read in this
    transaction, so a change is seen at once) and every later reader reads only those rows."""
    ids = catalogue_cached(
        market,
        (*question, "page", page.number, catalogue_generation()),
        lambda: list(page.object_list.values_list("pk", flat=True)),
    )
    found = rows.in_bulk(ids)
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def exhibitor_directory(
    *,
    market: Market,
    text: str | None = None,
    filters: dict[str, list[str]],
    facets: list[Facet],
    page_number=1,
) -> ListingResult:
    """Exhibitors matching the search and the filters, with facet counts that leave each facet's own choice out."""
    question = _directory_question(market, text, filters, [facet.name for facet in facets])
    found = catalogue_cached(market, question.key, question.counts, usual=question.usual)
    for facet in facets:
        facet.counts = found.get(facet.name, {})
    results = question.filtered()
    results = results.order_by("-relevance", "name") if question.terms else results.order_by("name")
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = found["total"]  # known already: spare the COUNT query
    page = _page_read_by_id(
        market, question.key, paginator.get_page(page_number), Exhibitor.objects.select_related("region", "pavilion")
    )
    return ListingResult(
        page=page, facets=facets, total=found["total"], query=question.terms.text if question.terms else ""
    )


def exhibitor_detail(*, market: Market, slug: str) -> Exhibitor:
    team = TeamMember.objects.select_related("user").order_by("role", "user__full_name")
    titles = Title.objects.order_by("-year", "english_title").prefetch_related("rights")
    return (
        Exhibitor.objects.select_related("region", "pavilion")
        .prefetch_related(Prefetch("team", queryset=team), Prefetch("titles", queryset=titles))
        .get(market=market, slug=slug)
    )


# --- Catalogue -----------------------------------------------------------------------------------------


TITLE_CARD_FIELDS = [
    "slug",
    "kind",
    "english_title",
    "original_title",
    "episodes",
    "episode_minutes",
    "year",
    "poster_thumbnail",
    "exhibitor__slug",
    "exhibitor__name",
    "exhibitor__name_zh_hant",
    "exhibitor__name_zh_hans",
]
KEYED_FACETS = ["kind", "genre", "language", "region", "media"]  # counted from Title.facet_keys

# One statement: the matching titles once (a CTE with a flag per active filter), then
#  - every facet key counted over the titles passing all filters: right for every facet not in use;
#  - for each facet in use, its own keys over the titles passing the *other* filters;
#  - with a territory chosen, media counted from the rights open there; and the total.
CATALOGUE_COUNTS_SQL = """
WITH base AS MATERIALIZED ({base})
SELECT 'all', key, count(*) FROM base, unnest(base.facet_keys) AS key WHERE {all_conditions} GROUP BY key
{own_facets}
UNION ALL
SELECT 'total', '', count(*) FROM base WHERE {all_conditions}
"""
OWN_FACET_SQL = """
UNION ALL
SELECT 'own', key, count(*) FROM base, unnest(base.facet_keys) AS key
WHERE {others} AND key LIKE '{facet}:%%' GROUP BY key
"""
# With a territory chosen, a medium counts only where a rights row opens it there: this one needs the rights.
MEDIA_IN_TERRITORY_SQL = """
UNION ALL
SELECT 'own', 'media:' || value, count(DISTINCT r.title_id)
FROM base JOIN exhibitors_rightsavailability r ON r.title_id = base.id, unnest(r.media) AS value
WHERE {others} AND rights_open_in(r.worldwide_except, r.territories, %s::varchar)
GROUP BY 2
"""


def _all_true(names: list[str]) -> str:
    return " AND ".join(names) or "true"


@dataclass
class _CatalogueQuestion:
    base: QuerySet
    terms: object
    conditions: dict[str, Q]
    key: tuple
    usual: bool
    counts: object  # () -> the counts


def _catalogue_question(
    market: Market, text: str | None, filters: dict[str, list[str]], territory: str | None
) -> _CatalogueQuestion:
    """The matching titles, and how to count every facet for them in one statement.

    Each facet counts over the titles that pass every *other* filter (so a chosen option never hides its
    neighbours). The matching set is computed once, as a CTE with one boolean column per active filter.
    """
    base = Title.objects.filter(exhibitor__market=market)
    terms = search_terms(text)
    if terms:
        base = search_filter(
            base, terms, name_fields=["english_title", "original_title"], similarity_field="english_title"
        )
    # Without a territory every filter is a facet key (GIN-indexed); with one, media are asked of the rights.
    keyed = KEYED_FACETS if not territory else [name for name in KEYED_FACETS if name != "media"]
    conditions = {
        name: Q(facet_keys__overlap=[f"{name}:{value}" for value in filters[name]])
        for name in keyed
        if filters.get(name)
    }
    if territory:
        rights = rights_open_for(media=filters.get("media"), territory=territory)
        conditions["media"] = Q(Exists(RightsAvailability.objects.filter(rights, title=OuterRef("pk"))))

    flags = {
        f"matches_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in conditions.items()
    }
    base_sql, base_params = base.annotate(**flags).values("id", "facet_keys", *flags).query.sql_with_params()

    def others(excluded: str) -> str:
        return _all_true([f"matches_{name}" for name in conditions if name != excluded])

    in_use = [name for name in conditions if name in keyed]
    own_facets = "".join(OWN_FACET_SQL.format(others=others(name), facet=name) for name in in_use)
    if territory:
        own_facets += MEDIA_IN_TERRITORY_SQL.format(others=others("media"))
    sql = CATALOGUE_COUNTS_SQL.format(
        base=base_sql, own_facets=own_facets, all_conditions=_all_true([f"matches_{name}" for name in conditions])
    )
    params = [*base_params, *([territory] if territory else [])]
    own = {*in_use, *(["media"] if territory else [])}

    def counts() -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)  # the SQL text is ours; search text and filter values travel as params
            for part, key, count in cursor.fetchall():
                if part == "total":
                    found["total"] = {"": count}
                    continue
                facet_name, value = key.split(":", 1)
                if (part == "own") == (facet_name in own):  # a facet in use takes its own counts only
                    found.setdefault(facet_name, {})[value] = count
        return found

    chosen = sum(len(values) for values in filters.values()) + bool(territory)
    return _CatalogueQuestion(
        base=base,
        terms=terms,
        conditions=conditions,
        key=("catalogue", terms.text if terms else "", territory, sorted((k, sorted(v)) for k, v in filters.items())),
        usual=not terms and chosen <= 1,
        counts=counts,
    )


def title_catalogue(
    *,
    market: Market,
    text: str | None = None,
    filters: dict[str, list[str]],
    territory: str | None = None,
    facets: list[Facet],
    page_number=1,
) -> ListingResult:
    """Titles matching search, filters and open rights; every facet's counts and the total in one statement."""
    question = _catalogue_question(market, text, filters, territory)
    counts = catalogue_cached(market, question.key, question.counts, usual=question.usual)
    for facet in facets:
        facet.counts = counts.get(facet.name, {})
    total = counts.get("total", {}).get("", 0)

    # The page: only what a card shows. (Read each time: its filters follow indexes, so reading a stored list
    # of ids would cost more round trips than it saves, unlike the directory's search.)
    results = question.base.filter(*question.conditions.values()).select_related("exhibitor").only(*TITLE_CARD_FIELDS)
    if question.terms:
        results = results.order_by("-relevance", "english_title")
    else:
        results = results.order_by("-year", "english_title")
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = total  # known already: spare the COUNT query
    page = paginator.get_page(page_number)
    return ListingResult(page=page, facets=facets, total=total, query=question.terms.text if question.terms else "")


# --- The usual questions, counted ahead ------------------------------------------------------------------

DIRECTORY_FACETS = ["region", "pavilion", "type"]
# The territories most buyers buy for: the territory questions asked most.
USUAL_TERRITORIES = 30
USUAL_TERRITORIES_SQL = """
SELECT t FROM matchmaking_buyerprofile p, unnest(p.territories) AS t GROUP BY t ORDER BY count(*) DESC, t LIMIT %s
"""


def usual_count_questions(*, market: Market) -> list[tuple[str, object]]:
    """(question key, how to count it) for every usual question: the directory and the catalogue with nothing
    chosen, with each one filter value the market has, and the catalogue for each of the territories most
    buyers buy for."""
    questions = []
    directory = {name: [] for name in DIRECTORY_FACETS}
    exhibitors = Exhibitor.objects.filter(market=market)
    values = {
        "region": exhibitors.values_list("region__code", flat=True),
        "pavilion": exhibitors.exclude(pavilion=None).values_list("pavilion__slug", flat=True),
        "type": exhibitors.values_list("company_type", flat=True),
    }
    asked = [dict(directory)] + [
        {**directory, name: [value]} for name, found in values.items() for value in sorted(set(found))
    ]
    for filters in asked:
        question = _directory_question(market, None, filters, DIRECTORY_FACETS)
        questions.append((question_key(question.key), question.counts))

    catalogue = {name: [] for name in KEYED_FACETS}
    keys = Title.objects.filter(exhibitor__market=market).values_list("facet_keys", flat=True)
    single = sorted({key for title_keys in keys for key in title_keys or ()})
    asked = [(dict(catalogue), None)] + [
        ({**catalogue, key.split(":", 1)[0]: [key.split(":", 1)[1]]}, None) for key in single
    ]
    with connection.cursor() as cursor:
        cursor.execute(USUAL_TERRITORIES_SQL, [USUAL_TERRITORIES])
        asked += [(dict(catalogue), territory) for (territory,) in sorted(cursor.fetchall()) if territory]
    for filters, territory in asked:
        question = _catalogue_question(market, None, filters, territory)
        questions.append((question_key(question.key), question.counts))
    return questions


def title_detail(*, market: Market, slug: str) -> Title:
    return (
        Title.objects.select_related("exhibitor", "exhibitor__region", "exhibitor__pavilion")
        .prefetch_related(Prefetch("rights", queryset=RightsAvailability.objects.order_by("available_from", "pk")))
        .get(exhibitor__market=market, slug=slug)
    )


# Words found in more than this share of a market's titles say nothing about any one of them; a small
# catalogue has no such words.
COMMON_WORD_SHARE = 0.05
COMMON_WORD_MIN_TITLES = 50
MARKET_TITLES_DOCUMENTS_SQL = (
    "SELECT t.search_document FROM exhibitors_title t JOIN exhibitors_exhibitor e ON e.id = t.exhibitor_id"
)


def catalogue_common_words(market: Market) -> frozenset[str]:
    """The market's too-common words ("the", "series", "follows" ...), computed once per catalogue version."""

    def compute() -> list[str]:
        # ts_stat takes its query as text; the only value in it is an integer.
        titles_sql = f"{MARKET_TITLES_DOCUMENTS_SQL} WHERE e.market_id = {int(market.pk)}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat(%s) WHERE ndoc > greatest(%s, %s * (SELECT count(*) FROM exhibitors_title t"
                " JOIN exhibitors_exhibitor e ON e.id = t.exhibitor_id WHERE e.market_id = %s))",
                [titles_sql, COMMON_WORD_MIN_TITLES, COMMON_WORD_SHARE, market.pk],
            )
            return sorted(word for (word,) in cursor.fetchall())

    return frozenset(catalogue_cached(market, ("common-words",), compute))


def invitation_problem(*, invitation: Invitation | None, user) -> str | None:
    """Why this person cannot join with this invitation (said on the page), or None when they can."""
    if invitation is None or invitation.withdrawn_at is not None:
        return _("This invitation was withdrawn, or the link is not complete. Ask your company admin for a new one.")
    if invitation.email.lower() != user.email.lower():
        return _(
            "This invitation is for another email address. Sign in with the address that received it, or ask your "
            "company admin to invite this one."
        )
    if invitation.accepted_at is not None:
        return _("This invitation has already been used.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation expired. Ask your company admin for a new one.")
    return None


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("exhibitor", "invited_by").filter(token=token).first()


def membership_of(*, user, market: Market | None) -> TeamMember | None:
    """The user's place on a team at this market (their company), or None."""
    if market is None or not user.is_authenticated:
        return None
    return (
        TeamMember.objects.select_related("exhibitor", "exhibitor__region", "exhibitor__pavilion", "exhibitor__market")
        .filter(user=user, exhibitor__market=market)
        .order_by("pk")
        .first()
    )
