from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor, Title
from exhibitors.vocabulary import Genre, Language, Media, TitleKind
from web.validators import validate_single_line


class BuyerType(models.TextChoices):
    BROADCASTER = "broadcaster", _("Broadcaster")
    PLATFORM = "platform", _("Streaming platform")
    DISTRIBUTOR = "distributor", _("Distributor")
    SALES_AGENT = "sales_agent", _("Sales agent")
    PRODUCER = "producer", _("Producer")
    OTHER = "other", _("Other")


class Verification(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Not verified")


def _codes(choices, label):
    return ArrayField(models.CharField(max_length=16, choices=choices), verbose_name=label, default=list, blank=True)


class BuyerProfile(models.Model):
    """What a buyer acquires: the facts recommendations are computed from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buyer_profile", verbose_name=_("user")
    )
    company = models.CharField(_("company"), max_length=200, validators=[validate_single_line])
    buyer_type = models.CharField(_("buyer type"), max_length=16, choices=BuyerType.choices)
    country = models.CharField(_("country"), max_length=2)
    territories = ArrayField(models.CharField(max_length=2), verbose_name=_("territories acquired for"), default=list)
    media = _codes(Media.choices, _("media sought"))
    kinds = _codes(TitleKind.choices, _("kinds sought"))
    genres = _codes(Genre.choices, _("genres sought"))
    languages = _codes(Language.choices, _("languages"))
    looking_for = models.TextField(_("what I'm looking for"), blank=True, max_length=1000)
    verification = models.CharField(
        _("verification"), max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason shown to the buyer"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("buyer profile")
        verbose_name_plural = _("buyer profiles")
        # The organisers' console counts a market's buyers by country and verification from this index alone.
        indexes = [models.Index(fields=["user"], include=["country", "verification"], name="buyer_profile_counts")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(verification="rejected") | ~Q(rejection_reason=""),
                name="buyer_rejection_has_reason",
                violation_error_message=_("Say why the buyer is not verified: they will see the reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.user})"


class Interest(models.Model):
    """A shortlisted title, exhibitor or buyer (positive), or a "not interested" (negative), of one user."""

    class Kind(models.TextChoices):
        SHORTLIST = "shortlist", _("Shortlisted")
        NOT_INTERESTED = "dismissed", _("Not interested")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.ForeignKey(Title, on_delete=models.CASCADE, null=True, blank=True, related_name="interests")
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, null=True, blank=True, related_name="interests")
    buyer = models.ForeignKey(BuyerProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="interests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shortlist entry")
        verbose_name_plural = _("shortlists")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(title__isnull=False, exhibitor__isnull=True, buyer__isnull=True)
                    | Q(title__isnull=True, exhibitor__isnull=False, buyer__isnull=True)
                    | Q(title__isnull=True, exhibitor__isnull=True, buyer__isnull=False)
                ),
                name="interest_in_exactly_one_thing",
            ),
            # One opinion per user and thing: shortlisting replaces "not interested" and back.
            models.UniqueConstraint(fields=["user", "title"], name="one_interest_per_title"),
            models.UniqueConstraint(fields=["user", "exhibitor"], name="one_interest_per_exhibitor"),
            models.UniqueConstraint(fields=["user", "buyer"], name="one_interest_per_buyer"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.title or self.exhibitor or self.buyer}"
