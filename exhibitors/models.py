from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Lower
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibitors.vocabulary import Genre, Language, Media, TitleKind, TitleStatus
from markets.models import Market
from markets.selectors import unknown_hall_message
from web.validators import validate_single_line

# A description or synopsis: a few paragraphs a buyer reads, well inside what full-text search can index.
TEXT_MAX_LENGTH = 5000


class Region(models.Model):
    """A country or region exhibitors come from (FILMART counts 34)."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 3166 code, e.g. HK, TH."))
    name = models.CharField(_("name"), max_length=80, unique=True, validators=[validate_single_line])
    name_zh_hant = models.CharField(
        _("name (Traditional Chinese)"), max_length=80, blank=True, validators=[validate_single_line]
    )
    name_zh_hans = models.CharField(
        _("name (Simplified Chinese)"), max_length=80, blank=True, validators=[validate_single_line]
    )
    is_asean = models.BooleanField(_("ASEAN member"), default=False)

    class Meta:
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Pavilion(models.Model):
    """A regional pavilion on the show floor, e.g. the Guangdong Pavilion."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="pavilions", verbose_name=_("market"))
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    name_zh_hant = models.CharField(
        _("name (Traditional Chinese)"), max_length=120, blank=True, validators=[validate_single_line]
    )
    name_zh_hans = models.CharField(
        _("name (Simplified Chinese)"), max_length=120, blank=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("slug"))
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pavilions",
        verbose_name=_("region"),
    )
    hall = models.CharField(_("hall"), max_length=20, blank=True)
    is_debut = models.BooleanField(_("first time at the market"), default=False)

    class Meta:
        verbose_name = _("pavilion")
        verbose_name_plural = _("pavilions")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["market", "slug"], name="pavilion_slug_unique_per_market")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if problem := unknown_hall_message(getattr(self, "market", None), self.hall):
            raise ValidationError({"hall": problem})


class CompanyType(models.TextChoices):
    STUDIO = "studio", _("Studio")
    PLATFORM = "platform", _("Streaming or internet platform")
    BROADCASTER = "broadcaster", _("Broadcaster")
    DISTRIBUTOR = "distributor", _("Distributor / sales agent")
    PRODUCTION = "production", _("Production house")
    POST_PRODUCTION = "post", _("Post-production and technology")
    ASSOCIATION = "association", _("Pavilion organiser or association")


class Exhibitor(models.Model):
    """A company at the market, with a booth (hall + stand) and a team."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("market"))
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    name_zh_hant = models.CharField(
        _("name (Traditional Chinese)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    name_zh_hans = models.CharField(
        _("name (Simplified Chinese)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("slug"), max_length=220)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="exhibitors", verbose_name=_("region"))
    pavilion = models.ForeignKey(
        Pavilion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibitors",
        verbose_name=_("pavilion"),
    )
    company_type = models.CharField(_("company type"), max_length=20, choices=CompanyType.choices)
    hall = models.CharField(_("hall"), max_length=20, blank=True)
    stand = models.CharField(_("stand"), max_length=20, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    website = models.URLField(_("website"), blank=True)
    auto_accept_meetings = models.BooleanField(
        _("accept meeting requests automatically"),
        default=False,
        help_text=_("A buyer's request for a free slot becomes a meeting at once, without a rep answering."),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_thumbnail = models.ImageField(_("logo thumbnail"), upload_to="logos/thumbnails/", blank=True)
    search_document = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["market", "slug"], name="exhibitor_slug_unique_per_market"),
            models.UniqueConstraint(
                fields=["market", "hall", "stand"],
                condition=~Q(stand=""),
                name="exhibitor_booth_unique_per_market",
                violation_error_message=_("Another exhibitor already has this booth."),
            ),
        ]
        indexes = [
            GinIndex(fields=["search_document"], name="exhibitor_search"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="exhibitor_name_trgm"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def booth(self) -> str:
        """As printed in the floor plan, e.g. 1E-C01."""
        return "-".join(part for part in (self.hall, self.stand) if part)

    def clean(self):
        super().clean()
        if problem := unknown_hall_message(getattr(self, "market", None), self.hall):
            raise ValidationError({"hall": problem})


class TeamRole(models.TextChoices):
    ADMIN = "admin", _("Company admin")
    REP = "rep", _("Sales rep")


class TeamMember(models.Model):
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="team", verbose_name=_("exhibitor"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("team role"), max_length=10, choices=TeamRole.choices, default=TeamRole.REP)
    job_title = models.CharField(_("job title"), max_length=120, blank=True, validators=[validate_single_line])

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["exhibitor", "user"], name="team_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.exhibitor}"


# A team invitation is a key to the company's catalogue and meetings: it works once, and for a week at most.
INVITATION_VALID_FOR = timedelta(days=7)


def invitation_expiry():
    return timezone.now() + INVITATION_VALID_FOR


class Invitation(models.Model):
    """A company admin's invitation for a colleague to join the team; accepted by signing in with that address."""

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("exhibitor")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("team role"), max_length=10, choices=TeamRole.choices, default=TeamRole.REP)
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    # Kept, not deleted, when withdrawn: the invitations an admin sent in a day are counted against a cap.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "exhibitor",
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.exhibitor}"


class Cardinality(Func):
    function = "cardinality"
    output_field = models.IntegerField()


class Title(models.Model):
    """An item in an exhibitor's catalogue."""

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="titles", verbose_name=_("exhibitor")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=TitleKind.choices)
    original_title = models.CharField(_("original title"), max_length=200, validators=[validate_single_line])
    english_title = models.CharField(_("English title"), max_length=200, validators=[validate_single_line])
    genres = ArrayField(
        models.CharField(max_length=16, choices=Genre.choices),
        verbose_name=_("genres"),
        default=list,
        blank=True,
    )
    episodes = models.PositiveIntegerField(_("episodes"), null=True, blank=True)
    episode_minutes = models.PositiveSmallIntegerField(
        _("minutes"), null=True, blank=True, help_text=_("Running time of a film, or of one episode.")
    )
    original_language = models.CharField(_("original language"), max_length=8, choices=Language.choices)
    subtitle_languages = ArrayField(
        models.CharField(max_length=8, choices=Language.choices),
        verbose_name=_("subtitles"),
        default=list,
        blank=True,
    )
    dubbing_languages = ArrayField(
        models.CharField(max_length=8, choices=Language.choices),
        verbose_name=_("dubbing"),
        default=list,
        blank=True,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=TitleStatus.choices, default=TitleStatus.COMPLETED)
    synopsis = models.TextField(
        _("synopsis"), blank=True, max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    poster = models.ImageField(_("poster"), upload_to="posters/", blank=True)
    poster_thumbnail = models.ImageField(_("poster thumbnail"), upload_to="posters/thumbnails/", blank=True)
    trailer_url = models.URLField(_("trailer link"), blank=True)
    search_document = SearchVectorField(null=True, editable=False)
    # "kind:series", "genre:drama", "language:th", "region:CN", "media:svod": what the catalogue filters and counts by,
    # kept with the search document (services.catalogue_changed) so one index serves every filter.
    facet_keys = ArrayField(models.CharField(max_length=40), default=list, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("title")
        verbose_name_plural = _("titles")
        ordering = ["english_title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="title_year_plausible",
                violation_error_message=_("Give a year between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(episodes__isnull=True) | Q(episodes__gte=1),
                name="title_episodes_positive",
                violation_error_message=_("A series has at least one episode."),
            ),
        ]
        indexes = [
            GinIndex(fields=["search_document"], name="title_search"),
            GinIndex(fields=["english_title"], opclasses=["gin_trgm_ops"], name="title_english_trgm"),
            GinIndex(fields=["facet_keys"], name="title_facet_keys"),
            models.Index(F("year").desc(), "english_title", name="title_newest_first"),
        ]

    def __str__(self) -> str:
        return self.english_title

    @property
    def is_series(self) -> bool:
        return self.episodes is not None


# The facts an exhibitor states about a title, in the order forms and files list them.
TITLE_FACTS = [
    "kind",
    "english_title",
    "original_title",
    "genres",
    "episodes",
    "episode_minutes",
    "original_language",
    "subtitle_languages",
    "dubbing_languages",
    "year",
    "status",
    "synopsis",
    "trailer_url",
]


class RightsAvailability(models.Model):
    """One row of a title's avails: these media, in these territories (or worldwide except them), from a date."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="rights", verbose_name=_("title"))
    media = ArrayField(models.CharField(max_length=16, choices=Media.choices), verbose_name=_("media"))
    territories = ArrayField(models.CharField(max_length=2), verbose_name=_("territories"), default=list, blank=True)
    worldwide_except = models.BooleanField(
        _("worldwide except"),
        default=False,
        help_text=_("Available worldwide except the territories listed."),
    )
    exclusive = models.BooleanField(_("exclusive"), default=False)
    available_from = models.DateField(_("available from"))

    class Meta:
        verbose_name = _("rights availability")
        verbose_name_plural = _("rights availability")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Cardinality("media"), 0),
                name="rights_name_a_medium",
                violation_error_message=_("Choose at least one medium."),
            ),
            models.CheckConstraint(
                condition=Q(worldwide_except=True) | Q(GreaterThan(Cardinality("territories"), 0)),
                name="rights_name_a_territory",
                violation_error_message=_("Choose at least one territory, or worldwide."),
            ),
        ]
        indexes = [
            GinIndex(fields=["media"], name="rights_media"),
            GinIndex(fields=["territories"], name="rights_territories"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {', '.join(self.media)}"


class MediumCoverage(models.Model):
    """Where a title's rights are open for one medium: all its rights rows for that medium merged into one.

    Derived from RightsAvailability by services.catalogue_changed, never edited. Territories are numbers
    (territory_number() in SQL) so that matching counts them with intarray's fast array operators instead of
    expanding every rights row into (medium, territory) pairs.
    """

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="coverage")
    medium = models.CharField(max_length=16, choices=Media.choices)
    worldwide_except = models.BooleanField(default=False)
    territory_numbers = ArrayField(models.IntegerField(), default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["title", "medium"], name="one_coverage_per_medium")]

    def __str__(self) -> str:
        return f"{self.title_id}: {self.medium}"


class CatalogueGeneration(models.Model):
    """One row: moves on with every change to any catalogue (services.catalogue_changed updates it, so the row
    is locked until the change commits). Counts precomputed at an older generation are void."""

    generation = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.generation)


class CatalogueCounts(models.Model):
    """The facet counts of one of the catalogue's and the directory's usual questions (nothing chosen, or one
    filter), worked out by a worker whenever the catalogue changes (services.catalogue_counts_precompute), so
    that even the first reader of a question gets them at once. Dropped in the transaction of every change
    (services.catalogue_changed); `generation` is the catalogue generation they were counted at."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=64)  # selectors.question_key()
    generation = models.PositiveIntegerField()
    counts = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["market", "question"], name="one_count_per_question")]

    def __str__(self) -> str:
        return f"{self.market_id}: {self.question[:12]}"
