"""Reads: the directory, the catalogue (with facet counts), exhibitor and title pages, rights questions."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from exhibitors.models import Exhibitor, Pavilion, RightsAvailability, TeamMember, Title
from exhibitors.search import search_filter, search_terms
from filmart.models import Market

PAGE_SIZE = 24


def market_figures(*, market: Market) -> dict[str, int]:
    """Headline numbers for the home page, in one query."""
    return Exhibitor.objects.filter(market=market).aggregate(
        exhibitors=Count("pk", distinct=True),
        regions=Count("region", distinct=True),
        pavilions=Count("pavilion", distinct=True),
        asean=Count("pk", distinct=True, filter=Q(region__is_asean=True)),
        titles=Count("titles", distinct=True),
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


# --- Rights --------------------------------------------------------------------------------------------


def rights_open_for(*, media: list[str] | None = None, territory: str | None = None) -> Q:
    """Rights rows that offer any of `media` in `territory` (a listed territory, or worldwide not excluding it)."""
    condition = Q()
    if media:
        condition &= Q(media__overlap=media)
    if territory:
        condition &= Q(worldwide_except=False, territories__contains=[territory]) | Q(
            Q(worldwide_except=True) & ~Q(territories__contains=[territory])
        )
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


# Array expressions over exhibitors_title that facets count by (each element once per title).
TITLE_GENRES = "genres"
TITLE_LANGUAGES = "array_append(subtitle_languages || dubbing_languages, original_language)"


def _count_title_arrays(titles: QuerySet, array_sql: str) -> dict[str, int]:
    """Titles per element of an array expression, over `titles`."""
    ids_sql, params = titles.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value, count(DISTINCT id) FROM exhibitors_title, unnest({array_sql}) AS value "  # noqa: S608
            f"WHERE id IN ({ids_sql}) GROUP BY value",  # the SQL text is ours; user input travels in params
            params,
        )
        return dict(cursor.fetchall())


MEDIA_COUNT_SQL = (
    "SELECT value, count(DISTINCT r.title_id) FROM exhibitors_rightsavailability r, unnest(r.media) AS value "
    "WHERE r.id IN ({rows}) GROUP BY value"
)


def _count_media(titles: QuerySet, territory: str | None) -> dict[str, int]:
    """Titles per medium still open in the chosen territory, over `titles`."""
    rows = RightsAvailability.objects.filter(rights_open_for(territory=territory), title__in=titles.values("pk"))
    rows_sql, params = rows.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(MEDIA_COUNT_SQL.format(rows=rows_sql), params)  # user input travels in params only
        return dict(cursor.fetchall())


# --- Directory -----------------------------------------------------------------------------------------


@dataclass
class ListingResult:
    page: Page
    facets: list[Facet]
    total: int
    query: str


def _paginate(queryset: QuerySet, page_number) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(page_number)


def exhibitor_directory(
    *,
    market: Market,
    text: str | None = None,
    filters: dict[str, list[str]],
    facets: list[Facet],
    page_number=1,
) -> ListingResult:
    """Exhibitors matching the search and the filters, with facet counts that leave each facet's own choice out."""
    base = Exhibitor.objects.filter(market=market)
    terms = search_terms(text)
    if terms:
        base = search_filter(base, terms, name_fields=["name", "name_zh_hant", "name_zh_hans"], similarity_field="name")
    lookups = {"region": "region__code__in", "pavilion": "pavilion__slug__in", "type": "company_type__in"}
    paths = {"region": "region__code", "pavilion": "pavilion__slug", "type": "company_type"}

    def filtered(except_facet: str | None = None) -> QuerySet:
        queryset = base
        for name, values in filters.items():
            if values and name != except_facet:
                queryset = queryset.filter(**{lookups[name]: values})
        return queryset

    for facet in facets:
        facet.counts = _count_by(filtered(except_facet=facet.name), paths[facet.name])
    results = filtered().select_related("region", "pavilion")
    results = results.order_by("-relevance", "name") if terms else results.order_by("name")
    page = _paginate(results, page_number)
    return ListingResult(page=page, facets=facets, total=page.paginator.count, query=terms.text if terms else "")


def exhibitor_detail(*, market: Market, slug: str) -> Exhibitor:
    team = TeamMember.objects.select_related("user").order_by("role", "user__full_name")
    titles = Title.objects.order_by("-year", "english_title").prefetch_related("rights")
    return (
        Exhibitor.objects.select_related("region", "pavilion")
        .prefetch_related(Prefetch("team", queryset=team), Prefetch("titles", queryset=titles))
        .get(market=market, slug=slug)
    )


# --- Catalogue -----------------------------------------------------------------------------------------


def title_catalogue(
    *,
    market: Market,
    text: str | None = None,
    filters: dict[str, list[str]],
    territory: str | None = None,
    facets: list[Facet],
    page_number=1,
) -> ListingResult:
    base = Title.objects.filter(exhibitor__market=market)
    terms = search_terms(text)
    if terms:
        base = search_filter(
            base, terms, name_fields=["english_title", "original_title"], similarity_field="english_title"
        )

    def filtered(except_facet: str | None = None) -> QuerySet:
        queryset = base
        chosen = {name: values for name, values in filters.items() if values and name != except_facet}
        if "kind" in chosen:
            queryset = queryset.filter(kind__in=chosen["kind"])
        if "genre" in chosen:
            queryset = queryset.filter(genres__overlap=chosen["genre"])
        if "language" in chosen:
            languages = chosen["language"]
            queryset = queryset.filter(
                Q(original_language__in=languages)
                | Q(subtitle_languages__overlap=languages)
                | Q(dubbing_languages__overlap=languages)
            )
        if "region" in chosen:
            queryset = queryset.filter(exhibitor__region__code__in=chosen["region"])
        if "media" in chosen or territory:
            rows = RightsAvailability.objects.filter(
                rights_open_for(media=chosen.get("media"), territory=territory), title=OuterRef("pk")
            )
            queryset = queryset.filter(Exists(rows))
        return queryset

    for facet in facets:
        others = filtered(except_facet=facet.name)
        if facet.name == "kind":
            facet.counts = _count_by(others, "kind")
        elif facet.name == "genre":
            facet.counts = _count_title_arrays(others, TITLE_GENRES)
        elif facet.name == "language":
            facet.counts = _count_title_arrays(others, TITLE_LANGUAGES)
        elif facet.name == "region":
            facet.counts = _count_by(others, "exhibitor__region__code")
        elif facet.name == "media":
            facet.counts = _count_media(others, territory)
    results = filtered().select_related("exhibitor")
    results = results.order_by("-relevance", "english_title") if terms else results.order_by("-year", "english_title")
    page = _paginate(results, page_number)
    return ListingResult(page=page, facets=facets, total=page.paginator.count, query=terms.text if terms else "")


def title_detail(*, market: Market, slug: str) -> Title:
    return (
        Title.objects.select_related("exhibitor", "exhibitor__region", "exhibitor__pavilion")
        .prefetch_related(Prefetch("rights", queryset=RightsAvailability.objects.order_by("available_from", "pk")))
        .get(exhibitor__market=market, slug=slug)
    )
