"""Arranged meetings: who wishes to meet whom, the walk between halls, and the organisers' matchmaking rounds
with the schedule each proposes before anything is written."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor
from markets.models import Hall, Market, MeetingTable
from meetings.models import Availability, Meeting, Place
from web.validators import validate_single_line


class Priority(models.TextChoices):
    MUST = "must", _("Must meet")
    WOULD = "would", _("Would like to meet")


class WishSide(models.TextChoices):
    BUYER = "buyer", _("Buyer's wish")
    EXHIBITOR = "exhibitor", _("Exhibitor's wish")


class Wish(models.Model):
    """A buyer's wish to meet an exhibitor, or an exhibitor team's wish to meet a buyer."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    side = models.CharField(_("whose wish"), max_length=10, choices=WishSide.choices)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("buyer")
    )
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("exhibitor")
    )
    priority = models.CharField(_("priority"), max_length=5, choices=Priority.choices, default=Priority.WOULD)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("made by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["side", "buyer", "exhibitor"],
                name="one_wish_per_side_and_pair",
                violation_error_message=_("This wish is already on the list."),
            ),
        ]
        indexes = [models.Index(fields=["market", "side", "created_at"], name="wish_market_side")]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.buyer} / {self.exhibitor} ({self.priority})"


class HallWalk(models.Model):
    """Minutes to walk between two halls of a market, either way (the matrix the organisers keep)."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="hall_walks", verbose_name=_("market"))
    from_hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="+", verbose_name=_("from hall"))
    to_hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="+", verbose_name=_("to hall"))
    minutes = models.PositiveSmallIntegerField(
        _("walking minutes"), validators=[MaxValueValidator(120)], help_text=_("Either way, door to door.")
    )

    class Meta:
        verbose_name = _("walking time between halls")
        verbose_name_plural = _("walking times between halls")
        ordering = ["from_hall__code", "to_hall__code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_hall=F("to_hall")),
                name="hall_walk_two_halls",
                violation_error_message=_("Choose two different halls."),
            ),
            models.UniqueConstraint(
                fields=["from_hall", "to_hall"],
                name="hall_walk_once_per_pair",
                violation_error_message=_("These two halls already have a walking time."),
            ),
            models.CheckConstraint(
                condition=Q(minutes__lte=120),
                name="hall_walk_minutes",
                violation_error_message=_("At most 120 minutes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_hall} ↔ {self.to_hall}: {self.minutes} min"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Ready to solve")
    SOLVING = "solving", _("Being solved")
    SOLVED = "solved", _("Preview ready")
    PUBLISHING = "publishing", _("Being published")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Could not be solved")


class Round(models.Model):
    """A matchmaking round: the organisers arrange meetings from the wishes, inside these days and hours."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    days = ArrayField(models.DateField(), verbose_name=_("days"))
    day_starts = models.TimeField(_("meetings from"))
    day_ends = models.TimeField(_("meetings until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    per_person_per_day = models.PositiveSmallIntegerField(
        _("most arranged meetings per person per day"), default=4, validators=[MinValueValidator(1)]
    )
    floor = models.PositiveSmallIntegerField(
        _("meetings every buyer gets first"),
        default=2,
        help_text=_("Every buyer who wished gets this many (or all their wishes) before anyone gets more."),
    )
    only_verified = models.BooleanField(_("verified buyers only"), default=True)
    confirm_at_once = models.BooleanField(
        _("confirmed at once"), default=False, help_text=_("Untick to let both sides confirm each meeting.")
    )
    seconds = models.PositiveSmallIntegerField(
        _("time limit for the optimiser (seconds)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    version = models.PositiveIntegerField(default=0)  # compare-and-swap token for solve and publish
    figures = models.JSONField(_("preview"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("matchmaking round")
        verbose_name_plural = _("matchmaking rounds")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(day_ends__gt=F("day_starts")),
                name="round_hours_in_order",
                violation_error_message=_("The end must come after the start."),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="round_slot_length",
                violation_error_message=_("A meeting lasts between 5 and 240 minutes."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """One meeting of a solved round's schedule; publishing makes it a meeting (or says why it could not)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("round"))
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="+")
    rep = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    availability = models.ForeignKey(Availability, on_delete=models.CASCADE, related_name="+")
    during = DateTimeRangeField(_("when"))
    hall = models.CharField(_("hall"), max_length=20, blank=True)
    place = models.CharField(_("meeting place"), max_length=10, choices=Place.choices)
    table = models.ForeignKey(MeetingTable, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    buyer_wish = models.CharField(max_length=5, choices=Priority.choices, blank=True)
    exhibitor_wish = models.CharField(max_length=5, choices=Priority.choices, blank=True)
    value = models.PositiveIntegerField(default=0)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    skipped_because = models.CharField(_("not published because"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("proposed meeting")
        verbose_name_plural = _("proposed meetings")
        ordering = ["during"]
        constraints = [
            # A schedule never holds a person twice at once (the solver's promise, kept by the database too).
            ExclusionConstraint(
                name="proposal_buyer_in_one_place",
                expressions=[
                    ("round", RangeOperators.EQUAL),
                    ("buyer", RangeOperators.EQUAL),
                    ("during", RangeOperators.OVERLAPS),
                ],
            ),
            ExclusionConstraint(
                name="proposal_rep_in_one_place",
                expressions=[
                    ("round", RangeOperators.EQUAL),
                    ("rep", RangeOperators.EQUAL),
                    ("during", RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} / {self.rep} {self.during}"
