"""Reads: recommendations with their reasons, and shortlists.

A title's score for a buyer, computed in one SQL statement over the whole catalogue (after a small one that
reads the buyer's own shortlist and "not interested" marks):
  rights fit   up to 60  share of the buyer's (territory, medium) pairs the title's rights leave open, read
                         from exhibitors.MediumCoverage (the rights rows merged per medium)
  kind         10        the title's kind is one the buyer seeks
  genres       5 each    up to 3 of the buyer's genres
  language     10        original, subtitles or dubbing in one of the buyer's languages
  free text    up to 10  the buyer's "what I'm looking for" against title, company and synopsis
  shortlist    5         the buyer shortlisted the title's exhibitor
Mutual interest (the buyer shortlisted the exhibitor or one of its titles, and someone on the exhibitor's
team shortlisted the buyer) ranks first. Titles and exhibitors marked "not interested" never come back.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.utils.translation import gettext as _

from exhibitors.models import Exhibitor, TeamMember, Title
from exhibitors.selectors import catalogue_cached, catalogue_common_words, membership_of
from exhibitors.vocabulary import Genre, Language, Media, TitleKind, labels
from markets.models import Market
from matchmaking.models import BuyerProfile, Interest

TOP = 20
# What a recommendation card shows; nothing else is read.
CARD_FIELDS = (
    "slug", "english_title", "original_title", "kind", "year", "poster_thumbnail",
    "exhibitor__slug", "exhibitor__name", "exhibitor__name_zh_hant", "exhibitor__name_zh_hans",
)  # fmt: skip
# Words of the free text that carry no meaning for matching.
STOP_WORDS = {"the", "and", "for", "with", "from", "that", "this", "our", "we", "are", "looking", "into", "any"}

# Two steps in one statement: score every title with cheap expressions (no per-row subqueries), keep the
# top rows, and only for those work out the facts the reasons are written from. {genre_hit_count} is a sum
# of one boolean per genre the buyer seeks, filled in by genre_hit_count_sql().
# Whether a rights row is open in a territory is asked of rights_open_in(), the rule's one statement
# (exhibitors migration 0009, exhibitors.selectors.RightsOpenIn).
TITLES_FOR_BUYER_SQL = """
WITH buyer_territories AS (
    SELECT ARRAY(SELECT DISTINCT territory_number(t) FROM unnest(%(territories)s::varchar[]) AS t) AS numbers
),
open_pairs AS (
    -- One coverage row per (title, medium), so open pairs add up without double counting.
    SELECT c.title_id, sum(
        CASE WHEN c.worldwide_except THEN cardinality(b.numbers) - icount(c.territory_numbers & b.numbers)
             ELSE icount(c.territory_numbers & b.numbers) END
    ) AS open_count
    FROM exhibitors_mediumcoverage c, buyer_territories b
    WHERE c.medium = ANY(%(media)s::varchar[]) AND (c.worldwide_except OR c.territory_numbers && b.numbers)
    GROUP BY c.title_id
),
text_hits AS (
    SELECT id, ts_rank(search_document, to_tsquery('simple', %(words)s)) AS text_rank
    FROM exhibitors_title WHERE %(words)s <> '' AND search_document @@ to_tsquery('simple', %(words)s)
),
top AS (
    SELECT t.id, t.exhibitor_id = ANY(%(mutual_exhibitors)s::bigint[]) AS mutual,
        coalesce(x.text_rank, 0) AS text_rank,
        t.exhibitor_id = ANY(%(shortlisted_exhibitors)s::bigint[]) AS exhibitor_shortlisted,
        60 * coalesce(p.open_count, 0)::float8 / %(pair_count)s
        + (10 * (t.kind = ANY(%(kinds)s::varchar[]))::int
           + 5 * least({genre_hit_count}, 3)
           + 10 * (t.original_language = ANY(%(languages)s::varchar[])
                   OR t.subtitle_languages && %(languages)s::varchar[]
                   OR t.dubbing_languages && %(languages)s::varchar[])::int
           + 5 * (t.exhibitor_id = ANY(%(shortlisted_exhibitors)s::bigint[]))::int)
        + 10 * least(coalesce(x.text_rank, 0) * 10, 1) AS score
    FROM exhibitors_title t
    JOIN exhibitors_exhibitor e ON e.id = t.exhibitor_id AND e.market_id = %(market)s
    LEFT JOIN open_pairs p ON p.title_id = t.id
    LEFT JOIN text_hits x ON x.id = t.id
    WHERE t.id <> ALL(%(dismissed_titles)s::bigint[]) AND t.exhibitor_id <> ALL(%(dismissed_exhibitors)s::bigint[])
    ORDER BY mutual DESC, score DESC, t.id
    LIMIT %(limit)s
)
SELECT top.*,
    ARRAY(
        SELECT DISTINCT m || ':' || terr
        FROM exhibitors_rightsavailability r, unnest(r.media) AS m, unnest(%(territories)s::varchar[]) AS terr
        WHERE r.title_id = t.id AND m = ANY(%(media)s::varchar[])
          AND rights_open_in(r.worldwide_except, r.territories, terr)
    ) AS open_pairs,
    t.kind = ANY(%(kinds)s::varchar[]) AS kind_hit,
    ARRAY(SELECT unnest(t.genres) INTERSECT SELECT unnest(%(genres)s::varchar[])) AS genre_hits,
    ARRAY(SELECT unnest(t.subtitle_languages) INTERSECT SELECT unnest(%(languages)s::varchar[])) AS subtitle_hits,
    ARRAY(SELECT unnest(t.dubbing_languages) INTERSECT SELECT unnest(%(languages)s::varchar[])) AS dubbing_hits
FROM top JOIN exhibitors_title t ON t.id = top.id
ORDER BY top.mutual DESC, top.score DESC, top.id
"""

# The buyer's own opinions, read once so that the ranking statement stays simple to plan: what they hid, the
# exhibitors they shortlisted, and the exhibitors where the interest is mutual (the buyer shortlisted the
# company or one of its titles, and someone on its team shortlisted the buyer); and the catalogue's generation.
BUYER_OPINIONS_SQL = """
WITH mine AS (
    SELECT i.kind, i.title_id, coalesce(i.exhibitor_id, t.exhibitor_id) AS exhibitor_id,
        i.exhibitor_id IS NULL AS via_title
    FROM matchmaking_interest i LEFT JOIN exhibitors_title t ON t.id = i.title_id
    WHERE i.user_id = %(user)s AND i.buyer_id IS NULL
)
SELECT
    ARRAY(SELECT title_id FROM mine WHERE kind = 'dismissed' AND via_title),
    ARRAY(SELECT exhibitor_id FROM mine WHERE kind = 'dismissed' AND NOT via_title),
    ARRAY(SELECT exhibitor_id FROM mine WHERE kind = 'shortlist' AND NOT via_title),
    ARRAY(
        SELECT exhibitor_id FROM mine WHERE kind = 'shortlist'
        INTERSECT
        SELECT tm.exhibitor_id FROM matchmaking_interest i JOIN exhibitors_teammember tm ON tm.user_id = i.user_id
        WHERE i.buyer_id = %(buyer)s AND i.kind = 'shortlist'
    ),
    -- The catalogue's generation, moved on in the transaction of every change to it: rankings are kept per
    -- generation, so a reader never gets one from before a change it can see.
    (SELECT generation FROM exhibitors_cataloguegeneration WHERE id = 1)
"""


@dataclass
class Recommendation:
    title: Title
    score: float
    mutual: bool
    reasons: list[str] = field(default_factory=list)


def free_text_query(text: str, common_words: frozenset[str] = frozenset()) -> str:
    """The buyer's free text as an OR of its telling words, for to_tsquery('simple', ...).

    Words most titles contain are left out: they would match nearly everything and tell nothing.
    """
    ignored = STOP_WORDS | common_words
    words = [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 2 and w not in ignored]
    return " | ".join(dict.fromkeys(words))[:2000]


OPINION_PARAMS = (
    "dismissed_titles", "dismissed_exhibitors", "shortlisted_exhibitors", "mutual_exhibitors", "generation"
)  # fmt: skip
# Whose question it is: read by the opinions' statement, not by the ranking.
PERSONAL = ("user", "buyer")


def genre_hit_count_sql(genre_count: int) -> str:
    """How many of the buyer's genres a title has, as plain boolean sums (cheaper than an array intersection)."""
    terms = [f"(%(genre_{index})s = ANY(t.genres))::int" for index in range(genre_count)]
    return " + ".join(terms) or "0"


def _rights_reason(open_pairs: list[str]) -> str:
    """'SVOD, AVOD open in Thailand, Laos' from ['svod:TH', 'avod:TH', 'svod:LA', ...]."""
    media = sorted({pair.split(":")[0] for pair in open_pairs})
    territories = sorted({pair.split(":")[1] for pair in open_pairs})
    return _("%(media)s open in %(territories)s") % {
        "media": ", ".join(labels(media, Media)),
        "territories": ", ".join(labels(territories)),
    }


def reasons_for(row: dict) -> list[str]:
    reasons = []
    if row["mutual"]:
        reasons.append(_("You and the exhibitor shortlisted each other"))
    if row["open_pairs"]:
        reasons.append(_rights_reason(row["open_pairs"]))
    else:
        reasons.append(_("Rights not listed as open in your territories yet"))
    if row["kind_hit"]:
        reasons.append(_("A kind you acquire"))
    if row["genre_hits"]:
        reasons.append(", ".join(labels(row["genre_hits"], Genre)))
    for codes, template in [
        (row["subtitle_hits"], _("%(languages)s subtitles")),
        (row["dubbing_hits"], _("%(languages)s dubbing")),
    ]:
        if codes:
            reasons.append(template % {"languages": ", ".join(labels(codes, Language))})
    if row["text_rank"] > 0:
        reasons.append(_("Matches what you are looking for"))
    if row["exhibitor_shortlisted"]:
        reasons.append(_("From an exhibitor on your shortlist"))
    return reasons


def titles_for_buyer(*, profile: BuyerProfile, market: Market, limit: int = TOP) -> list[Recommendation]:
    territories = profile.territories or [profile.country]
    media = profile.media or [choice for choice, _label in Media.choices]
    params = {
        "territories": territories,
        "media": media,
        "pair_count": len(set(territories)) * len(media),
        "kinds": profile.kinds,
        "genres": profile.genres,
        "languages": profile.languages,
        "words": free_text_query(profile.looking_for, catalogue_common_words(market)),
        "user": profile.user_id,
        "buyer": profile.pk,
        "market": market.pk,
        "limit": limit,
    }
    for index, genre in enumerate(profile.genres):
        params[f"genre_{index}"] = genre
    with connection.cursor() as cursor:
        cursor.execute(BUYER_OPINIONS_SQL, params)
        opinions = cursor.fetchone()
    params.update(zip(OPINION_PARAMS, opinions, strict=True))

    def compute() -> list[dict]:
        sql = TITLES_FOR_BUYER_SQL.format(genre_hit_count=genre_hit_count_sql(len(profile.genres)))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column.name for column in cursor.description]
            return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]

    # Ranked once per catalogue version and buyer's question: the profile's wishes and the buyer's opinions are
    # all in the key (whose rows they are is not: two buyers asking the same get the same titles).
    question = ("recommendations", *((name, value) for name, value in sorted(params.items()) if name not in PERSONAL))
    rows = catalogue_cached(market, question, compute)
    titles = Title.objects.select_related("exhibitor").only(*CARD_FIELDS).in_bulk([row["id"] for row in rows])
    return [
        Recommendation(
            title=titles[row["id"]], score=round(float(row["score"]), 1), mutual=row["mutual"], reasons=reasons_for(row)
        )
        for row in rows
    ]


def shortlist_for_user(*, user, market: Market) -> dict[str, list]:
    """The user's shortlist at this market: its titles and companies (and the buyers a team keeps)."""
    at_market = Q(title__exhibitor__market=market) | Q(exhibitor__market=market) | Q(buyer__isnull=False)
    entries = (
        Interest.objects.filter(at_market, user=user, kind=Interest.Kind.SHORTLIST)
        .select_related("title", "title__exhibitor", "exhibitor", "exhibitor__region", "buyer", "buyer__user")
        .order_by("-created_at")
    )
    grouped: dict[str, list] = {"titles": [], "exhibitors": [], "buyers": []}
    for entry in entries:
        if entry.title_id:
            grouped["titles"].append(entry.title)
        elif entry.exhibitor_id:
            grouped["exhibitors"].append(entry.exhibitor)
        else:
            grouped["buyers"].append(entry.buyer)
    return grouped


def shortlisted_ids(*, user) -> dict[str, set[int]]:
    """What this user has shortlisted, to draw the ☆/★ buttons without a query per card."""
    rows = Interest.objects.filter(user=user, kind=Interest.Kind.SHORTLIST).values_list("title_id", "exhibitor_id")
    return {
        "titles": {title for title, _exhibitor in rows if title},
        "exhibitors": {exhibitor for _title, exhibitor in rows if exhibitor},
    }


BUYERS_FOR_EXHIBITOR_SQL = """
WITH catalogue AS (
    SELECT array_agg(DISTINCT t.kind) AS kinds,
        ARRAY(SELECT DISTINCT unnest(t2.genres) FROM exhibitors_title t2 WHERE t2.exhibitor_id = %(exhibitor)s)
            AS genres,
        ARRAY(SELECT DISTINCT l FROM exhibitors_title t3,
              unnest(array_append(t3.subtitle_languages || t3.dubbing_languages, t3.original_language)) AS l
              WHERE t3.exhibitor_id = %(exhibitor)s) AS languages
    FROM exhibitors_title t WHERE t.exhibitor_id = %(exhibitor)s
),
open_pairs AS (
    SELECT b.id AS buyer_id, array_agg(DISTINCT m || ':' || terr) AS pairs
    FROM matchmaking_buyerprofile b, unnest(b.territories) AS terr, unnest(b.media) AS m,
         exhibitors_rightsavailability r JOIN exhibitors_title t ON t.id = r.title_id AND t.exhibitor_id = %(exhibitor)s
    WHERE m = ANY(r.media) AND rights_open_in(r.worldwide_except, r.territories, terr)
    GROUP BY b.id
),
scored AS (
    SELECT b.id, coalesce(o.pairs, ARRAY[]::text[]) AS open_pairs,
        ARRAY(SELECT unnest(b.kinds) INTERSECT SELECT unnest(c.kinds)) AS kind_hits,
        ARRAY(SELECT unnest(b.genres) INTERSECT SELECT unnest(c.genres)) AS genre_hits,
        ARRAY(SELECT unnest(b.languages) INTERSECT SELECT unnest(c.languages)) AS language_hits,
        greatest(cardinality(b.territories) * cardinality(b.media), 1) AS pair_count,
        EXISTS (
            SELECT 1 FROM matchmaking_interest i WHERE i.user_id = b.user_id AND i.kind = 'shortlist'
              AND (i.exhibitor_id = %(exhibitor)s
                   OR i.title_id IN (SELECT id FROM exhibitors_title WHERE exhibitor_id = %(exhibitor)s))
        ) AS buyer_interested,
        EXISTS (
            SELECT 1 FROM matchmaking_interest i JOIN exhibitors_teammember tm ON tm.user_id = i.user_id
            WHERE tm.exhibitor_id = %(exhibitor)s AND i.buyer_id = b.id AND i.kind = 'shortlist'
        ) AS team_interested
    FROM matchmaking_buyerprofile b CROSS JOIN catalogue c LEFT JOIN open_pairs o ON o.buyer_id = b.id
    WHERE NOT EXISTS (
        SELECT 1 FROM matchmaking_interest i JOIN exhibitors_teammember tm ON tm.user_id = i.user_id
        WHERE tm.exhibitor_id = %(exhibitor)s AND i.buyer_id = b.id AND i.kind = 'dismissed'
    )
    -- Buyers at the exhibitor's market only (the rule: meetings.selectors.buyers_of_market).
    AND buyer_takes_part(b.user_id, %(market)s, %(market_is_current)s)
)
SELECT *, buyer_interested AND team_interested AS mutual,
    60.0 * cardinality(open_pairs) / pair_count
    + CASE WHEN cardinality(kind_hits) > 0 THEN 10 ELSE 0 END
    + 5 * least(cardinality(genre_hits), 3)
    + CASE WHEN cardinality(language_hits) > 0 THEN 10 ELSE 0 END
    + CASE WHEN buyer_interested THEN 5 ELSE 0 END AS score
FROM scored
-- A team sees buyers its catalogue fits in some way, or who showed interest: never a list of everyone.
WHERE cardinality(open_pairs) > 0 OR cardinality(kind_hits) > 0 OR cardinality(genre_hits) > 0
    OR cardinality(language_hits) > 0 OR buyer_interested OR team_interested
ORDER BY mutual DESC, score DESC, id
LIMIT %(limit)s
"""


@dataclass
class BuyerMatch:
    buyer: BuyerProfile
    score: float
    mutual: bool
    reasons: list[str] = field(default_factory=list)


def _buyer_reasons(row: dict) -> list[str]:
    reasons = []
    if row["mutual"]:
        reasons.append(_("You and the buyer shortlisted each other"))
    elif row["buyer_interested"]:
        reasons.append(_("Shortlisted your company or one of your titles"))
    if row["open_pairs"]:
        reasons.append(
            _("Your rights are open where they buy: %(rights)s") % {"rights": _rights_reason(row["open_pairs"])}
        )
    if row["kind_hits"]:
        reasons.append(", ".join(labels(row["kind_hits"], TitleKind)))
    if row["genre_hits"]:
        reasons.append(", ".join(labels(row["genre_hits"], Genre)))
    if row["language_hits"]:
        reasons.append(", ".join(labels(row["language_hits"], Language)))
    return reasons


def buyers_for_exhibitor(*, exhibitor, limit: int = TOP) -> list[BuyerMatch]:
    with connection.cursor() as cursor:
        cursor.execute(
            BUYERS_FOR_EXHIBITOR_SQL,
            {
                "exhibitor": exhibitor.pk,
                "market": exhibitor.market_id,
                "market_is_current": exhibitor.market.is_current,
                "limit": limit,
            },
        )
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    buyers = BuyerProfile.objects.select_related("user").in_bulk([row["id"] for row in rows])
    return [
        BuyerMatch(
            buyer=buyers[row["id"]],
            score=round(float(row["score"]), 1),
            mutual=row["mutual"],
            reasons=_buyer_reasons(row),
        )
        for row in rows
    ]


def buyer_visible_to_team(*, exhibitor, buyer_id: int) -> bool:
    """A team sees the buyers its matches list shows it, and those a teammate already shortlisted or set aside;
    never any buyer by guessing ids."""
    teammates = TeamMember.objects.filter(exhibitor=exhibitor).values("user_id")
    kept = Interest.objects.filter(buyer_id=buyer_id, user_id__in=teammates)
    if kept.filter(BuyerTakesPart(F("buyer__user_id"), exhibitor.market)).exists():
        return True
    return any(match.buyer.pk == buyer_id for match in buyers_for_exhibitor(exhibitor=exhibitor))


class BuyerTakesPart(Func):
    """Whether a buyer (by user id) takes part in a market: the SQL function buyer_takes_part, written in
    meetings' migration 0011 (it reads the buyers' participation counts) and used by the matching SQL above too.
    The rule is explained at meetings.selectors.buyers_of_market."""

    function = "buyer_takes_part"
    output_field = BooleanField()

    def __init__(self, user_id, market: Market):
        super().__init__(user_id, Value(market.pk), Value(market.is_current))


def shortlisted_buyer_ids(*, user) -> set[int]:
    """The buyers this team member keeps, to draw the ☆/★ buttons of a team's matches."""
    kept = Interest.objects.filter(user=user, kind=Interest.Kind.SHORTLIST, buyer__isnull=False)
    return set(kept.values_list("buyer_id", flat=True))


def interest_target(*, user, market: Market, kind: str, pk: int):
    """The title, exhibitor or buyer a shortlist button names, when this user may keep it; else None. Titles and
    companies of this market; buyers only for teams, and only those their matches show them (no reading
    companies by walking ids)."""
    if kind == "title":
        return Title.objects.filter(pk=pk, exhibitor__market=market).first()
    if kind == "exhibitor":
        return Exhibitor.objects.filter(pk=pk, market=market).first()
    membership = membership_of(user=user, market=market)
    if membership is None or not buyer_visible_to_team(exhibitor=membership.exhibitor, buyer_id=pk):
        return None
    return BuyerProfile.objects.filter(pk=pk).first()
