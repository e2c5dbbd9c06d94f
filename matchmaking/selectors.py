"""Reads: recommendations with their reasons, and shortlists.

A title's score for a buyer, computed in one SQL statement over the whole catalogue:
  rights fit   up to 60  share of the buyer's (territory, medium) pairs the title's rights leave open
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
from django.utils.translation import gettext as _
from django_countries import countries

from exhibitors.models import Title
from exhibitors.vocabulary import Genre, Language, Media
from filmart.models import Market
from matchmaking.models import BuyerProfile, Interest

TOP = 20
# Words of the free text that carry no meaning for matching.
STOP_WORDS = {"the", "and", "for", "with", "from", "that", "this", "our", "we", "are", "looking", "into", "any"}

TITLES_FOR_BUYER_SQL = """
WITH pairs AS (
    SELECT r.title_id, array_agg(DISTINCT m || ':' || t) AS open_pairs
    FROM exhibitors_rightsavailability r, unnest(r.media) AS m, unnest(%(territories)s::varchar[]) AS t
    WHERE r.media && %(media)s::varchar[] AND m = ANY(%(media)s::varchar[])
      AND CASE WHEN r.worldwide_except THEN NOT (t = ANY(r.territories)) ELSE t = ANY(r.territories) END
    GROUP BY r.title_id
),
mine AS (
    SELECT title_id, exhibitor_id, kind FROM matchmaking_interest WHERE user_id = %(user)s
),
scored AS (
    SELECT t.id, t.exhibitor_id,
        coalesce(p.open_pairs, ARRAY[]::text[]) AS open_pairs,
        t.kind = ANY(%(kinds)s::varchar[]) AS kind_hit,
        ARRAY(SELECT unnest(t.genres) INTERSECT SELECT unnest(%(genres)s::varchar[])) AS genre_hits,
        t.original_language = ANY(%(languages)s::varchar[]) AS original_hit,
        ARRAY(SELECT unnest(t.subtitle_languages) INTERSECT SELECT unnest(%(languages)s::varchar[]))
            AS subtitle_hits,
        ARRAY(SELECT unnest(t.dubbing_languages) INTERSECT SELECT unnest(%(languages)s::varchar[])) AS dubbing_hits,
        CASE WHEN %(words)s = '' THEN 0 ELSE ts_rank(t.search_document, to_tsquery('simple', %(words)s)) END
            AS text_rank,
        EXISTS (SELECT 1 FROM mine WHERE mine.kind = 'shortlist' AND mine.exhibitor_id = t.exhibitor_id)
            AS exhibitor_shortlisted,
        EXISTS (
            SELECT 1 FROM matchmaking_interest i JOIN exhibitors_teammember tm ON tm.user_id = i.user_id
            WHERE i.buyer_id = %(buyer)s AND i.kind = 'shortlist' AND tm.exhibitor_id = t.exhibitor_id
        ) AND EXISTS (
            SELECT 1 FROM mine WHERE mine.kind = 'shortlist'
              AND (mine.exhibitor_id = t.exhibitor_id OR mine.title_id IN (
                  SELECT id FROM exhibitors_title WHERE exhibitor_id = t.exhibitor_id))
        ) AS mutual
    FROM exhibitors_title t
    JOIN exhibitors_exhibitor e ON e.id = t.exhibitor_id AND e.market_id = %(market)s
    LEFT JOIN pairs p ON p.title_id = t.id
    WHERE NOT EXISTS (
        SELECT 1 FROM mine
        WHERE mine.kind = 'dismissed' AND (mine.title_id = t.id OR mine.exhibitor_id = t.exhibitor_id)
    )
)
SELECT *,
    60.0 * cardinality(open_pairs) / %(pair_count)s
    + CASE WHEN kind_hit THEN 10 ELSE 0 END
    + 5 * least(cardinality(genre_hits), 3)
    + CASE WHEN original_hit OR cardinality(subtitle_hits) > 0 OR cardinality(dubbing_hits) > 0 THEN 10 ELSE 0 END
    + 10 * least(text_rank * 10, 1)
    + CASE WHEN exhibitor_shortlisted THEN 5 ELSE 0 END AS score
FROM scored
ORDER BY mutual DESC, score DESC, id
LIMIT %(limit)s
"""


@dataclass
class Recommendation:
    title: Title
    score: float
    mutual: bool
    reasons: list[str] = field(default_factory=list)


def free_text_query(text: str) -> str:
    """The buyer's free text as an OR of its meaningful words, for to_tsquery('simple', ...)."""
    words = [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 2 and w not in STOP_WORDS]
    return " | ".join(dict.fromkeys(words))[:2000]


def _labels(codes, choices) -> list[str]:
    names = dict(choices)
    return [str(names.get(code, code)) for code in codes]


def _rights_reason(open_pairs: list[str]) -> str:
    """'SVOD, AVOD open in Thailand, Laos' from ['svod:TH', 'avod:TH', 'svod:LA', ...]."""
    media = sorted({pair.split(":")[0] for pair in open_pairs})
    territories = sorted({pair.split(":")[1] for pair in open_pairs})
    return _("%(media)s open in %(territories)s") % {
        "media": ", ".join(_labels(media, Media.choices)),
        "territories": ", ".join(countries.name(code) or code for code in territories),
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
        reasons.append(", ".join(_labels(row["genre_hits"], Genre.choices)))
    for codes, template in [
        (row["subtitle_hits"], _("%(languages)s subtitles")),
        (row["dubbing_hits"], _("%(languages)s dubbing")),
    ]:
        if codes:
            reasons.append(template % {"languages": ", ".join(_labels(codes, Language.choices))})
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
        "pair_count": len(territories) * len(media),
        "kinds": profile.kinds,
        "genres": profile.genres,
        "languages": profile.languages,
        "words": free_text_query(profile.looking_for),
        "user": profile.user_id,
        "buyer": profile.pk,
        "market": market.pk,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(TITLES_FOR_BUYER_SQL, params)
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    titles = Title.objects.select_related("exhibitor").in_bulk([row["id"] for row in rows])
    return [
        Recommendation(
            title=titles[row["id"]], score=round(float(row["score"]), 1), mutual=row["mutual"], reasons=reasons_for(row)
        )
        for row in rows
    ]


def shortlist_for_user(*, user) -> dict[str, list]:
    entries = (
        Interest.objects.filter(user=user, kind=Interest.Kind.SHORTLIST)
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
    WHERE m = ANY(r.media)
      AND CASE WHEN r.worldwide_except THEN NOT (terr = ANY(r.territories)) ELSE terr = ANY(r.territories) END
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
)
SELECT *, buyer_interested AND team_interested AS mutual,
    60.0 * cardinality(open_pairs) / pair_count
    + CASE WHEN cardinality(kind_hits) > 0 THEN 10 ELSE 0 END
    + 5 * least(cardinality(genre_hits), 3)
    + CASE WHEN cardinality(language_hits) > 0 THEN 10 ELSE 0 END
    + CASE WHEN buyer_interested THEN 5 ELSE 0 END AS score
FROM scored
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
    from exhibitors.vocabulary import TitleKind

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
        reasons.append(", ".join(_labels(row["kind_hits"], TitleKind.choices)))
    if row["genre_hits"]:
        reasons.append(", ".join(_labels(row["genre_hits"], Genre.choices)))
    if row["language_hits"]:
        reasons.append(", ".join(_labels(row["language_hits"], Language.choices)))
    return reasons


def buyers_for_exhibitor(*, exhibitor, limit: int = TOP) -> list[BuyerMatch]:
    with connection.cursor() as cursor:
        cursor.execute(BUYERS_FOR_EXHIBITOR_SQL, {"exhibitor": exhibitor.pk, "limit": limit})
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
