from datetime import time

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from web.validators import validate_single_line, validate_time_zone


def default_reminder_minutes() -> list[int]:
    return [24 * 60, 15]


class Market(models.Model):
    """One edition of the fair. Meeting hours are wall-clock times in the market's own zone."""

    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    name_zh_hant = models.CharField(
        _("name (Traditional Chinese)"), max_length=120, blank=True, validators=[validate_single_line]
    )
    name_zh_hans = models.CharField(
        _("name (Simplified Chinese)"), max_length=120, blank=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("slug"), unique=True)
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, validators=[validate_single_line])
    city = models.CharField(_("city"), max_length=80, validators=[validate_single_line])
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.MARKET_DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )
    meeting_day_start = models.TimeField(_("meetings start at"), default=time(10, 0))
    meeting_day_end = models.TimeField(_("meetings end at"), default=time(18, 0))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    wishes_close_at = models.DateTimeField(
        _("wishes close"),
        null=True,
        blank=True,
        help_text=_("Buyers and exhibitors list whom they wish to meet until then; reminders go out the day before."),
    )
    daily_meeting_cap = models.PositiveSmallIntegerField(
        _("meetings per participant per day"),
        null=True,
        blank=True,
        help_text=_("The most meetings one buyer or rep may have on one market day; empty for no limit."),
    )
    request_expiry_hours = models.PositiveSmallIntegerField(
        _("requests expire after (hours)"),
        default=48,
        help_text=_("An unanswered request expires this long after it was made, and always when its slot starts."),
    )
    reminder_minutes = ArrayField(
        models.PositiveIntegerField(),
        verbose_name=_("reminders (minutes before each meeting)"),
        default=default_reminder_minutes,
        blank=True,
        help_text=_("For example 1440, 15: a day before and a quarter of an hour before."),
    )
    daily_agenda_at = models.TimeField(
        _("daily agenda sent at"), default=time(7, 30), help_text=_("Market time, each market morning.")
    )
    is_current = models.BooleanField(_("current market"), default=False)
    unverified_buyers_may_request = models.BooleanField(
        _("unverified buyers may request meetings"),
        default=False,
        help_text=_("Otherwise a buyer waits for an organiser's verification before requesting meetings."),
    )
    # Caps on what one person's clicks can send (each is an email to someone): sensible by default, set per market.
    request_cap_per_hour = models.PositiveSmallIntegerField(
        _("meeting requests per buyer per hour"), default=20, validators=[MinValueValidator(1)]
    )
    request_cap_per_day = models.PositiveSmallIntegerField(
        _("meeting requests per buyer per day"), default=60, validators=[MinValueValidator(1)]
    )
    open_requests_per_exhibitor = models.PositiveSmallIntegerField(
        _("open requests per buyer per exhibitor"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Requests waiting for an answer that one buyer may have with one exhibitor at a time."),
    )
    invitation_cap_per_hour = models.PositiveSmallIntegerField(
        _("meeting invitations per rep per hour"), default=20, validators=[MinValueValidator(1)]
    )
    invitation_cap_per_day = models.PositiveSmallIntegerField(
        _("meeting invitations per rep per day"), default=60, validators=[MinValueValidator(1)]
    )
    team_invitation_cap_per_day = models.PositiveSmallIntegerField(
        _("team invitations per company admin per day"), default=20, validators=[MinValueValidator(1)]
    )
    export_retention_days = models.PositiveSmallIntegerField(
        _("keep export files for (days)"),
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_("Export files hold buyers' names and emails; they are deleted this long after being written."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="market_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(meeting_day_end__gt=F("meeting_day_start")),
                name="market_meeting_hours_ordered",
                violation_error_message=_("Meetings must end after they start."),
            ),
            models.CheckConstraint(
                condition=Q(request_expiry_hours__gte=1),
                name="market_request_expiry_positive",
                violation_error_message=_("Requests must stay open at least an hour."),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="market_slot_length",
                violation_error_message=_("A slot lasts between 5 and 240 minutes."),
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_market",
                violation_error_message=_("Another market is already the current one; untick it first."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def day_count(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Hall(models.Model):
    """A hall of the venue as the floor plan names it (e.g. 1E); booths and meeting tables are in halls."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="halls", verbose_name=_("market"))
    code = models.CharField(_("code"), max_length=20, help_text=_("As printed on the floor plan, e.g. 1E."))
    name = models.CharField(
        _("name"), max_length=120, blank=True, help_text=_("e.g. Hall 1E, Level 1."), validators=[validate_single_line]
    )
    name_zh_hant = models.CharField(
        _("name (Traditional Chinese)"), max_length=120, blank=True, validators=[validate_single_line]
    )
    name_zh_hans = models.CharField(
        _("name (Simplified Chinese)"), max_length=120, blank=True, validators=[validate_single_line]
    )

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["market", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["market", "code"],
                name="hall_code_unique_per_market",
                violation_error_message=_("The market already has a hall with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class MeetingTable(models.Model):
    """A table or room the organisers set up for meetings; one rep holds it at a time."""

    market = models.ForeignKey(
        Market, on_delete=models.CASCADE, related_name="meeting_tables", verbose_name=_("market")
    )
    hall = models.ForeignKey(
        Hall, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_tables", verbose_name=_("hall")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("As signed at the table, e.g. BL-12."))
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("As people will read it, e.g. Business Lounge table 12."),
        validators=[validate_single_line],
    )
    seats = models.PositiveSmallIntegerField(_("seats"), default=4)
    is_active = models.BooleanField(_("in use"), default=True, help_text=_("Untick to stop reps choosing it."))

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        db_table = "meetings_meetingtable"  # made by the meetings app, whose table it was
        ordering = ["market", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["market", "code"],
                name="meeting_table_code_unique_per_market",
                violation_error_message=_("The market already has a table with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
