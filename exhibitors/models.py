from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from filmart.models import Market


class Region(models.Model):
    """A country or region exhibitors come from (FILMART counts 34)."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 3166 code, e.g. HK, TH."))
    name = models.CharField(_("name"), max_length=80, unique=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=80, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=80, blank=True)
    is_asean = models.BooleanField(_("ASEAN member"), default=False)

    class Meta:
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Pavilion(models.Model):
    """A regional pavilion on the show floor, e.g. the Guangdong Pavilion."""

    market = models.ForeignKey(
        Market, on_delete=models.CASCADE, related_name="pavilions", verbose_name=_("market")
    )
    name = models.CharField(_("name"), max_length=120)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=120, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=120, blank=True)
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
        constraints = [
            models.UniqueConstraint(fields=["market", "slug"], name="pavilion_slug_unique_per_market")
        ]

    def __str__(self) -> str:
        return self.name


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

    market = models.ForeignKey(
        Market, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("market")
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="exhibitors", verbose_name=_("region")
    )
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
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

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
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def booth(self) -> str:
        """As printed in the floor plan, e.g. 1E-C01."""
        return "-".join(part for part in (self.hall, self.stand) if part)


class TeamRole(models.TextChoices):
    ADMIN = "admin", _("Company admin")
    REP = "rep", _("Sales rep")


class TeamMember(models.Model):
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="team", verbose_name=_("exhibitor")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("team role"), max_length=10, choices=TeamRole.choices, default=TeamRole.REP)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["exhibitor", "user"], name="team_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.exhibitor}"
