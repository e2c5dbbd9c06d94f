"""Writes: exhibitor profiles, titles and their rights, team invitations. Views call these; nothing else writes."""

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from exhibitors.models import (
    CatalogueCounts,
    CatalogueGeneration,
    Exhibitor,
    Invitation,
    RightsAvailability,
    TeamMember,
    TeamRole,
    Title,
)
from exhibitors.selectors import catalogue_version_key, invitation_problem, usual_count_questions
from markets.models import Market
from web.caching import CACHE_ERRORS
from web.caps import cap_enforce, per_day
from web.i18n import opencc_converter
from web.images import ProcessedImage
from web.queue import publish_on_commit

logger = logging.getLogger(__name__)

# --- What is derived from the catalogue ----------------------------------------------------------------
# Search documents, facet keys and rights coverage are built from titles, rights rows and exhibitors (and
# cached facet counts from those): catalogue_changed() is the one place that keeps them current.

EXHIBITOR_DOCUMENT_SQL = """
UPDATE exhibitors_exhibitor e SET search_document =
    setweight(to_tsvector('simple', e.name || ' ' || e.name_zh_hant || ' ' || e.name_zh_hans), 'A')
    || setweight(to_tsvector('simple', coalesce(r.name, '') || ' ' || coalesce(p.name, '')), 'B')
    || setweight(to_tsvector('simple', e.description), 'C')
FROM exhibitors_region r, exhibitors_exhibitor e2 LEFT JOIN exhibitors_pavilion p ON p.id = e2.pavilion_id
WHERE e2.id = e.id AND r.id = e.region_id AND (%(all)s OR e.id = ANY(%(ids)s))
"""

TITLE_DOCUMENT_SQL = """
UPDATE exhibitors_title t SET
    search_document =
        setweight(to_tsvector('simple', t.english_title || ' ' || t.original_title), 'A')
        || setweight(to_tsvector('simple', e.name || ' ' || e.name_zh_hant || ' ' || e.name_zh_hans), 'B')
        || setweight(to_tsvector('simple', t.synopsis), 'C'),
    facet_keys =
        ARRAY['kind:' || t.kind, 'region:' || r.code]::varchar[]
        || ARRAY(SELECT 'genre:' || g FROM unnest(t.genres) AS g)::varchar[]
        || ARRAY(
            SELECT DISTINCT 'language:' || l
            FROM unnest(array_append(t.subtitle_languages || t.dubbing_languages, t.original_language)) AS l
        )::varchar[]
        || ARRAY(
            SELECT DISTINCT 'media:' || m FROM exhibitors_rightsavailability ra, unnest(ra.media) AS m
            WHERE ra.title_id = t.id
        )::varchar[]
FROM exhibitors_exhibitor e JOIN exhibitors_region r ON r.id = e.region_id
WHERE e.id = t.exhibitor_id AND (%(all)s OR t.id = ANY(%(ids)s) OR t.exhibitor_id = ANY(%(exhibitor_ids)s))
"""

# Each (title, medium) in one row: open = listed territories, or, when any row says "worldwide except",
# worldwide except the territories every such row excepts and no row lists.
COVERAGE_DELETE_SQL = "DELETE FROM exhibitors_mediumcoverage WHERE %(all)s OR title_id = ANY(%(ids)s)"
COVERAGE_INSERT_SQL = """
WITH per_medium AS (
    SELECT r.id, r.title_id, m AS medium, r.worldwide_except, r.territories
    FROM exhibitors_rightsavailability r, unnest(r.media) AS m
    WHERE %(all)s OR r.title_id = ANY(%(ids)s)
),
listed AS (
    SELECT title_id, medium, array_agg(DISTINCT territory_number(t)) AS numbers
    FROM per_medium, unnest(territories) AS t WHERE NOT worldwide_except GROUP BY title_id, medium
),
excepting AS (
    SELECT title_id, medium, count(*) AS row_count FROM per_medium WHERE worldwide_except GROUP BY title_id, medium
),
excepted_by_all AS (
    SELECT p.title_id, p.medium, array_agg(territory_number(t)) AS numbers
    FROM per_medium p JOIN excepting x USING (title_id, medium), unnest(p.territories) AS t
    WHERE p.worldwide_except GROUP BY p.title_id, p.medium, x.row_count, t HAVING count(*) = x.row_count
)
INSERT INTO exhibitors_mediumcoverage (title_id, medium, worldwide_except, territory_numbers)
SELECT k.title_id, k.medium, x.title_id IS NOT NULL,
    CASE WHEN x.title_id IS NULL THEN coalesce(l.numbers, '{}')
         ELSE ARRAY(SELECT unnest(coalesce(e.numbers, '{}')) EXCEPT SELECT unnest(coalesce(l.numbers, '{}'))) END
FROM (SELECT DISTINCT title_id, medium FROM per_medium) k
LEFT JOIN listed l USING (title_id, medium)
LEFT JOIN excepting x USING (title_id, medium)
LEFT JOIN (
    SELECT title_id, medium, array_agg(n) AS numbers FROM excepted_by_all, unnest(numbers) AS n GROUP BY 1, 2
) e USING (title_id, medium)
"""


def catalogue_changed(*, title_ids: Iterable[int] | None = None, exhibitor_ids: Iterable[int] | None = None) -> None:
    """Bring what is derived from the catalogue up to date after titles, rights rows or exhibitors changed.

    Every write to those calls this, in its transaction, after the change, naming what it touched (all when
    neither is given; ids of rows just deleted are fine). It rebuilds the exhibitors' search documents, the
    search documents and facet keys of their titles and of the titles named, and those titles' rights coverage;
    then, once the change is committed, it moves the catalogue version on, so cached facet counts are dropped.
    """
    everything = title_ids is None and exhibitor_ids is None
    titles = sorted({pk for pk in title_ids or () if pk is not None})
    exhibitors = sorted({pk for pk in exhibitor_ids or () if pk is not None})
    if not (everything or titles or exhibitors):
        return
    with connection.cursor() as cursor:
        if everything or exhibitors:
            cursor.execute(EXHIBITOR_DOCUMENT_SQL, {"all": everything, "ids": exhibitors})
        # A title's document carries its company's names and its facet keys the company's region.
        cursor.execute(TITLE_DOCUMENT_SQL, {"all": everything, "ids": titles, "exhibitor_ids": exhibitors})
    if everything or titles:
        coverage_rebuild(connection, ids=None if everything else titles)
    # The usual questions' counts are void from this change on; a worker counts them again once it commits.
    with connection.cursor() as cursor:
        cursor.execute(GENERATION_NEXT_SQL)
    CatalogueCounts.objects.all().delete()
    # After commit: a reader must not cache counts of rows that are not visible yet.
    transaction.on_commit(catalogue_version_bump)
    publish_on_commit(PRECOMPUTE_TASK)


PRECOMPUTE_TASK = "exhibitors.tasks.catalogue_counts_precompute"


# The one row of CatalogueGeneration, moved on (made, if a test's flush emptied the table).
GENERATION_NEXT_SQL = """
    INSERT INTO exhibitors_cataloguegeneration (id, generation) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET generation = exhibitors_cataloguegeneration.generation + 1
"""


def _generation(*, lock: bool = False) -> int:
    rows = CatalogueGeneration.objects.filter(pk=1)
    return (rows.select_for_update() if lock else rows).values_list("generation", flat=True).first() or 0


def catalogue_counts_precompute(*, market_id: int) -> int:
    """Count the usual questions of a market's catalogue and directory (see selectors.usual_count_questions),
    so their first reader gets them at once. Counted outside any transaction, then stored only if no catalogue
    changed meanwhile (the generation, read under its row's lock, which a change holds until it commits): a
    change during the count leaves its own precompute to do. Returns the questions stored."""
    market = Market.objects.get(pk=market_id)
    generation = _generation()
    rows = [
        CatalogueCounts(market=market, question=key, generation=generation, counts=count())
        for key, count in usual_count_questions(market=market)
    ]
    with transaction.atomic():
        if _generation(lock=True) != generation:
            return 0
        CatalogueCounts.objects.filter(market=market).delete()
        CatalogueCounts.objects.bulk_create(rows)
    return len(rows)


def catalogue_counts_missing() -> list[int]:
    """Markets whose usual questions are not counted at the catalogue's generation."""
    counted = CatalogueCounts.objects.filter(market=OuterRef("pk"), generation=_generation())
    return list(Market.objects.exclude(Exists(counted)).values_list("pk", flat=True))


def coverage_rebuild(db_connection, *, ids: list[int] | None = None) -> None:
    """Only catalogue_changed() (and the migration that created the table) calls this."""
    params = {"all": ids is None, "ids": ids or []}
    with db_connection.cursor() as cursor:
        cursor.execute(COVERAGE_DELETE_SQL, params)
        cursor.execute(COVERAGE_INSERT_SQL, params)


def catalogue_version_bump(*, market_id: int | None = None) -> None:
    """A new catalogue version: facet counts cached under the old one are no longer read."""
    for pk in [market_id] if market_id else Market.objects.values_list("pk", flat=True):
        try:
            cache.incr(catalogue_version_key(pk))
        except ValueError:
            cache.set(catalogue_version_key(pk), 1, None)
        except CACHE_ERRORS:
            logger.warning("Cache unreachable: facet counts may lag until it returns", exc_info=True)


# --- Names in two scripts ------------------------------------------------------------------------------


def chinese_names_complete(*, traditional: str, simplified: str) -> tuple[str, str]:
    """Fill whichever Chinese script is missing from the other, so both readers see a name in their script."""
    if traditional and not simplified:
        simplified = opencc_converter("t2s").convert(traditional)
    elif simplified and not traditional:
        traditional = opencc_converter("s2hk").convert(simplified)
    return traditional, simplified


# --- Exhibitors ----------------------------------------------------------------------------------------


def _store_image(instance, field: str, thumbnail_field: str, image: ProcessedImage, stem: str) -> None:
    token = secrets.token_hex(4)
    getattr(instance, field).save(f"{stem}-{token}.webp", image.full, save=False)
    getattr(instance, thumbnail_field).save(f"{stem}-{token}.webp", image.thumbnail, save=False)


@transaction.atomic
def exhibitor_profile_update(*, exhibitor: Exhibitor, data: dict, logo: ProcessedImage | None = None) -> Exhibitor:
    """Write the profile's own fields only: the page was drawn (and the logo re-encoded) a while ago, and a
    switch changed meanwhile (auto-accept, the booth) must not be put back as it was then."""
    for name, value in data.items():
        setattr(exhibitor, name, value)
    exhibitor.name_zh_hant, exhibitor.name_zh_hans = chinese_names_complete(
        traditional=exhibitor.name_zh_hant, simplified=exhibitor.name_zh_hans
    )
    fields = {*data, "name_zh_hant", "name_zh_hans", "updated_at"}
    if logo:
        _store_image(exhibitor, "logo", "logo_thumbnail", logo, exhibitor.slug)
        fields |= {"logo", "logo_thumbnail"}
    exhibitor.full_clean(exclude=["market", "region", "pavilion", "slug"])
    exhibitor.save(update_fields=sorted(fields))
    catalogue_changed(exhibitor_ids=[exhibitor.pk])
    return exhibitor


@transaction.atomic
def exhibitors_delete(*, ids: Iterable[int]) -> int:
    """Delete exhibitor companies with their titles, team and invitations; returns how many companies went."""
    ids = list(ids)
    _total, per_model = Exhibitor.objects.filter(pk__in=ids).delete()
    catalogue_changed(exhibitor_ids=ids)
    return per_model.get(Exhibitor._meta.label, 0)


# --- Titles --------------------------------------------------------------------------------------------


def _unique_title_slug(english_title: str, year: int) -> str:
    base = slugify(f"{english_title} {year}")[:80] or "title"
    slug, n = base, 2
    while Title.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# Namespace of the advisory lock that makes one company's title creations take turns.
TITLE_CREATE_LOCK = 7302
# The same title submitted again this soon is the same click twice (a double submit), not a second title.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)


@transaction.atomic
def title_create(*, exhibitor: Exhibitor, data: dict, poster: ProcessedImage | None = None) -> Title:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [TITLE_CREATE_LOCK, exhibitor.pk])
    twin = Title.objects.filter(
        exhibitor=exhibitor,
        kind=data.get("kind"),
        english_title=data.get("english_title"),
        original_title=data.get("original_title"),
        year=data.get("year"),
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if twin is not None:
        return twin
    title = Title(exhibitor=exhibitor, **data)
    title.slug = _unique_title_slug(title.english_title, title.year)
    title.full_clean(exclude=["slug"])
    for _attempt in range(5):
        try:
            # A double submit (or a colleague adding the same title) can take the slug between the look and
            # the insert: then the next free slug is taken instead, never a database error.
            with transaction.atomic():
                title.save(force_insert=True)
            break
        except IntegrityError:
            title.pk = None
            title.slug = _unique_title_slug(title.english_title, title.year)
    else:
        raise ValidationError(_("The catalogue is busy: please try again."))
    if poster:
        _store_image(title, "poster", "poster_thumbnail", poster, title.slug)
        title.save(update_fields=["poster", "poster_thumbnail"])
    catalogue_changed(title_ids=[title.pk])
    return title


@transaction.atomic
def title_update(*, title: Title, data: dict, poster: ProcessedImage | None = None) -> Title:
    for name, value in data.items():
        setattr(title, name, value)
    if poster:
        _store_image(title, "poster", "poster_thumbnail", poster, title.slug)
    title.full_clean()
    title.save()
    catalogue_changed(title_ids=[title.pk])
    return title


def title_delete(*, title: Title) -> None:
    titles_delete(ids=[title.pk])


@transaction.atomic
def titles_delete(*, ids: Iterable[int]) -> int:
    """Delete titles with their rights rows; returns how many titles went."""
    ids = list(ids)
    _total, per_model = Title.objects.filter(pk__in=ids).delete()
    catalogue_changed(title_ids=ids)
    return per_model.get(Title._meta.label, 0)


# --- Rights --------------------------------------------------------------------------------------------


@transaction.atomic
def rights_save(*, title: Title, data: dict, rights: RightsAvailability | None = None) -> RightsAvailability:
    rights = rights or RightsAvailability(title=title)
    # A row moved to another title (organisers can) leaves the title it came from to rebuild as well.
    came_from = None
    if rights.pk is not None:
        came_from = RightsAvailability.objects.filter(pk=rights.pk).values_list("title_id", flat=True).first()
    for name, value in data.items():
        setattr(rights, name, value)
    rights.territories = sorted(set(rights.territories))
    rights.full_clean()
    rights.save()
    catalogue_changed(title_ids=[title.pk, rights.title_id, came_from])
    return rights


def rights_delete(*, rights: RightsAvailability) -> None:
    rights_rows_delete(ids=[rights.pk])


@transaction.atomic
def rights_rows_delete(*, ids: Iterable[int]) -> int:
    """Delete rights rows; returns how many went."""
    rows = RightsAvailability.objects.filter(pk__in=list(ids))
    title_ids = list(rows.select_for_update().values_list("title_id", flat=True))
    _total, per_model = rows.delete()
    catalogue_changed(title_ids=title_ids)
    return per_model.get(RightsAvailability._meta.label, 0)


# --- Team ----------------------------------------------------------------------------------------------


def _require_admin(exhibitor: Exhibitor, user: User) -> None:
    if not TeamMember.objects.filter(exhibitor=exhibitor, user=user, role=TeamRole.ADMIN).exists():
        raise PermissionDenied(_("Only a company admin can change the team."))


# Namespace of the advisory lock that makes one admin's invitations take turns (for the daily cap).
INVITER_LOCK = 7303


@transaction.atomic
def invitation_create(
    *, exhibitor: Exhibitor, email: str, role: str, invited_by: User, accept_url_base: str
) -> Invitation:
    """Invite a colleague by email. The mail goes through the outbox, in the same transaction."""
    _require_admin(exhibitor, invited_by)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [INVITER_LOCK, invited_by.pk])
    cap_enforce(
        rows=Invitation.objects.filter(invited_by=invited_by),
        caps=[per_day(exhibitor.market.team_invitation_cap_per_day)],
        what=gettext_lazy("team invitations"),
        zone=ZoneInfo(exhibitor.market.time_zone),
    )
    email = email.strip().lower()
    if TeamMember.objects.filter(exhibitor=exhibitor, user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already on the team."), params={"email": email})
    now = timezone.now()
    # An expired invitation to the same address gives way to the new one.
    expired = Invitation.objects.filter(exhibitor=exhibitor, email__iexact=email, expires_at__lte=now)
    expired.filter(accepted_at__isnull=True, withdrawn_at__isnull=True).update(withdrawn_at=now)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                exhibitor=exhibitor, email=email, role=role, invited_by=invited_by, token=secrets.token_urlsafe(32)
            )
    except IntegrityError as exc:
        raise ValidationError(_("%(email)s has already been invited."), params={"email": email}) from exc
    link = accept_url_base + reverse("workspace:join", args=[invitation.token])
    context = {"invitation": invitation, "link": link, "inviter": invited_by, "exhibitor": exhibitor}
    message = EmailMultiAlternatives(
        subject=_("%(name)s invites you to their FILMART team") % {"name": exhibitor.name},
        body=render_to_string("exhibitors/email/invitation.txt", context),
        to=[email],
    )
    message.send()
    return invitation


@dataclass(frozen=True)
class JoinOutcome:
    exhibitor: Exhibitor
    joined: bool


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> JoinOutcome:
    """Join the team named by an open invitation addressed to this user's email. An invitation works once."""
    invitation = Invitation.objects.select_for_update().select_related("exhibitor").filter(token=token).first()
    if invitation_problem(invitation=invitation, user=user):
        if invitation is not None and invitation.accepted_at and invitation.email.lower() == user.email.lower():
            return JoinOutcome(invitation.exhibitor, joined=False)  # the same person clicking again
        raise Invitation.DoesNotExist
    TeamMember.objects.get_or_create(exhibitor=invitation.exhibitor, user=user, defaults={"role": invitation.role})
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    if user.role == Role.BUYER:
        User.objects.filter(pk=user.pk).update(role=Role.EXHIBITOR)
    return JoinOutcome(invitation.exhibitor, joined=True)


@transaction.atomic
def invitation_withdraw(*, exhibitor: Exhibitor, invitation_id: int, acting_user: User) -> None:
    _require_admin(exhibitor, acting_user)
    invitations = Invitation.objects.filter(exhibitor=exhibitor, pk=invitation_id)
    if not invitations.exists():
        raise Invitation.DoesNotExist  # another company's: as if it did not exist
    invitations.filter(accepted_at__isnull=True, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())


@transaction.atomic
def team_member_remove(*, exhibitor: Exhibitor, member_id: int, acting_user: User) -> User:
    """Take a person off the team; returns them. Their meetings are the caller's business (meetings.services)."""
    # Every member row locked, in one order, before anything is checked: two admins removing each other at once
    # go one after the other, and the second finds they are no longer on the team.
    members = list(TeamMember.objects.select_for_update().filter(exhibitor=exhibitor).order_by("pk"))
    if not any(m.user_id == acting_user.pk and m.role == TeamRole.ADMIN for m in members):
        raise PermissionDenied(_("Only a company admin can change the team."))
    member = next((m for m in members if m.pk == member_id), None)
    if member is None:
        raise TeamMember.DoesNotExist
    if member.role == TeamRole.ADMIN and sum(m.role == TeamRole.ADMIN for m in members) == 1:
        raise ValidationError(_("The company needs at least one admin: make someone else admin first."))
    if member.user_id == acting_user.pk:
        raise ValidationError(_("You cannot remove yourself: another company admin can."))
    member.delete()
    return member.user


# --- Meeting requests ----------------------------------------------------------------------------------


def exhibitor_auto_accept_set(*, exhibitor: Exhibitor, on: bool) -> None:
    """Whether a buyer's request for a free slot becomes a meeting at once (a company admin's switch)."""
    Exhibitor.objects.filter(pk=exhibitor.pk).update(auto_accept_meetings=on)
