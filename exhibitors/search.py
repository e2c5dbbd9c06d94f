"""Text search for the directory and the catalogue.

Latin-script queries use PostgreSQL full-text search (prefix matching on every word) plus trigram word
similarity, so "tencnet" still finds Tencent. Chinese queries match names as substrings in both scripts
("騰訊", "腾讯"), since full-text parsing does not split Chinese into words.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from web.i18n import opencc_converter

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_LENGTH = 100


def script_variants(text: str) -> tuple[str, ...]:
    """The text as typed, in Traditional and in Simplified Chinese (duplicates removed, order kept)."""
    to_traditional, to_simplified = opencc_converter("s2t"), opencc_converter("t2s")
    return tuple(dict.fromkeys([text, to_traditional.convert(text), to_simplified.convert(text)]))


@dataclass(frozen=True)
class SearchTerms:
    text: str
    variants: tuple[str, ...]
    has_cjk: bool
    prefix_query: str  # a raw tsquery: every word as a prefix, all required


def search_terms(raw: str | None) -> SearchTerms | None:
    text = " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
    words = WORD.findall(text.lower())
    if not words:
        return None
    prefix_query = " & ".join(f"{word}:*" for word in words)
    return SearchTerms(
        text=text, variants=script_variants(text), has_cjk=bool(CJK.search(text)), prefix_query=prefix_query
    )


def search_filter(queryset: QuerySet, terms: SearchTerms, *, name_fields: list[str], similarity_field: str) -> QuerySet:
    """Keep what matches `terms` and annotate `relevance` (higher is better)."""
    if terms.has_cjk:
        matches = Q()
        exact = Q()
        starts = Q()
        for variant in terms.variants:
            for field in name_fields:
                matches |= Q(**{f"{field}__icontains": variant})
                exact |= Q(**{f"{field}__iexact": variant})
                starts |= Q(**{f"{field}__istartswith": variant})
        relevance = Case(
            When(exact, then=Value(3.0)),
            When(starts, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        return queryset.filter(matches).annotate(relevance=relevance)
    query = SearchQuery(terms.prefix_query, search_type="raw", config="simple")
    model = queryset.model
    # Two index scans (full text; trigram word similarity from settings.SEARCH_TYPO_SIMILARITY on),
    # each its own subquery: an OR inside one WHERE makes PostgreSQL compare every row instead.
    word_matches = model.objects.filter(search_document=query).values("pk")
    near_matches = model.objects.filter(**{f"{similarity_field}__trigram_word_similar": terms.text}).values("pk")
    return queryset.filter(Q(pk__in=word_matches) | Q(pk__in=near_matches)).annotate(
        relevance=Greatest(
            SearchRank(F("search_document"), query) * 2, TrigramWordSimilarity(terms.text, similarity_field)
        )
    )
