"""Availability, busy times, meetings (a request is a meeting not yet accepted) and calendar feeds.

What must never happen is refused by PostgreSQL itself, so no race between two requests can get past it:
exclusion constraints keep accepted meetings from overlapping for a rep or a buyer, and triggers (in the
migrations) keep availability inside the market's meeting hours and live meetings inside the rep's
availability and out of the past.
"""

import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor, Title
from markets.models import Market, MeetingTable
from web.validators import validate_single_line

# Raised by the triggers of migration 0002, by these names.
AVAILABILITY_INSIDE_MARKET_HOURS = "availability_inside_market_hours"
AVAILABILITY_KEEPS_ITS_MEETINGS = "availability_keeps_its_meetings"
MEETING_NOT_IN_PAST = "meeting_not_in_past"
MEETING_INSIDE_AVAILABILITY = "meeting_inside_availability"

# A request's message and a reason for declining, cancelling or moving: read in an email, so a few paragraphs.
MESSAGE_MAX_LENGTH = 1000


def new_ical_uid() -> str:
    """A meeting's calendar identity for life: random, and naming this deployment, so that two markets run by
    the same organisers never send a calendar the same UID for different meetings."""
    host = urlsplit(settings.SITE_URL).hostname or "filmart.invalid"
    return f"{uuid.uuid4()}@{host}"


class Place(models.TextChoices):
    BOOTH = "booth", _("At the booth")
    TABLE = "table", _("Meeting table or room")
    ONLINE = "online", _("Online")


def _finite_range(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isempty": False, f"{field}__lower_inf": False, f"{field}__upper_inf": False}),
        name=name,
        violation_error_message=_("A time range needs a start and an end."),
    )


class Availability(models.Model):
    """A window of a rep's open hours on one market day, cut into slots of the market's length."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="availability", verbose_name=_("exhibitor")
    )
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability", verbose_name=_("rep")
    )
    during = DateTimeRangeField(_("open"))
    place = models.CharField(_("meeting place"), max_length=10, choices=Place.choices, default=Place.BOOTH)
    place_detail = models.CharField(
        _("table, room or link"),
        max_length=300,
        blank=True,
        help_text=_("The table or room name, or the link."),
        validators=[validate_single_line],
    )
    table = models.ForeignKey(
        MeetingTable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="availability",
        verbose_name=_("meeting table"),
    )

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        ordering = ["during"]
        constraints = [
            _finite_range("during", "availability_finite"),
            ExclusionConstraint(
                name="availability_no_overlap",
                expressions=[("rep", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                violation_error_message=_("This overlaps open hours you already have."),
            ),
            ExclusionConstraint(
                name="availability_table_one_rep",
                expressions=[("table", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                condition=Q(table__isnull=False),
                violation_error_message=_("Another rep holds this table at these times."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rep} {self.during}"


class BusyTime(models.Model):
    """A time a buyer keeps for themselves: nobody can book them then."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="busy_times", verbose_name=_("user")
    )
    during = DateTimeRangeField(_("busy"))
    note = models.CharField(_("note"), max_length=120, blank=True, validators=[validate_single_line])

    class Meta:
        verbose_name = _("busy time")
        verbose_name_plural = _("busy times")
        ordering = ["during"]
        constraints = [
            _finite_range("during", "busy_time_finite"),
            ExclusionConstraint(
                name="busy_time_no_overlap",
                expressions=[("user", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                violation_error_message=_("This overlaps a busy time you already have."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.during}"


class Status(models.TextChoices):
    PENDING = "pending", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    REP = "rep", _("Exhibitor")


class ClosedBecause(models.TextChoices):
    """Why the app, not a person, closed or moved a request; shown in the reader's language."""

    SLOT_TAKEN = "slot_taken", _("The rep accepted another meeting at this time.")
    BUYER_BOOKED = "buyer_booked", _("The buyer now has another meeting at this time.")
    WINDOW_REMOVED = "window_removed", _("The rep removed these open hours.")
    ORGANISERS = "organisers", _("The market's organisers cancelled this meeting.")
    REP_LEFT = "rep_left", _("The rep left the exhibitor's team.")


class Attendance(models.TextChoices):
    MET = "met", _("Met")
    NO_SHOW = "no_show", _("Did not happen")


class Meeting(models.Model):
    """A request between a buyer and a rep for one slot; once accepted, a meeting. It keeps its identity
    through proposals and reschedules: `version` grows with every change (the compare-and-swap token a
    page or an email link carries), `sequence` with every change a calendar must pick up."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("exhibitor")
    )
    # Indexed below with the status and time (meeting_rep_status, meeting_buyer_status) rather than alone.
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meetings_as_rep",
        verbose_name=_("rep"),
        db_index=False,
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meetings_as_buyer",
        verbose_name=_("buyer"),
        db_index=False,
    )
    availability = models.ForeignKey(
        Availability,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("window"),
    )
    during = DateTimeRangeField(_("when"))
    place = models.CharField(_("meeting place"), max_length=10, choices=Place.choices)
    place_detail = models.CharField(_("table, room or link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    initiated_by = models.CharField(_("asked by"), max_length=5, choices=Side.choices, default=Side.BUYER)
    awaiting = models.CharField(
        _("waiting for"),
        max_length=5,
        choices=Side.choices,
        default=Side.REP,
        help_text=_("Whose answer a request waits for."),
    )
    message = models.TextField(
        _("message"), blank=True, max_length=MESSAGE_MAX_LENGTH, validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)]
    )
    titles = models.ManyToManyField(Title, blank=True, related_name="+", verbose_name=_("titles of interest"))
    reason = models.TextField(
        _("reason"),
        blank=True,
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
        help_text=_("Why it was declined, cancelled or moved."),
    )
    closed_because = models.CharField(
        _("closed by the app because"), max_length=20, choices=ClosedBecause.choices, blank=True
    )
    attendance = models.CharField(_("did it happen?"), max_length=8, choices=Attendance.choices, blank=True)
    attendance_by = models.CharField(_("answered by"), max_length=5, choices=Side.choices, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    ical_uid = models.CharField(_("calendar UID"), max_length=255, unique=True, default=new_ical_uid, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    # Arranged by the organisers' matchmaking round: it holds the slot as an accepted meeting from the start (so
    # nothing can be booked over it) and each side confirms it, or declines it, which cancels it with notice.
    arranged = models.BooleanField(_("arranged by the organisers"), default=False, db_default=False)
    buyer_confirmed = models.BooleanField(_("confirmed by the buyer"), default=True, db_default=True)
    rep_confirmed = models.BooleanField(_("confirmed by the exhibitor"), default=True, db_default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["during"]
        constraints = [
            _finite_range("during", "meeting_finite"),
            models.CheckConstraint(
                condition=~Q(rep=F("buyer")),
                name="meeting_two_people",
                violation_error_message=_("Nobody meets themselves."),
            ),
            ExclusionConstraint(
                name="meeting_rep_in_one_place",
                expressions=[("rep", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                condition=Q(status="accepted"),
                violation_error_message=_("The rep already has a meeting at this time."),
            ),
            ExclusionConstraint(
                name="meeting_buyer_in_one_place",
                expressions=[("buyer", RangeOperators.EQUAL), ("during", RangeOperators.OVERLAPS)],
                condition=Q(status="accepted"),
                violation_error_message=_("The buyer already has a meeting at this time."),
            ),
            ExclusionConstraint(
                name="meeting_one_open_request_per_slot",
                expressions=[
                    ("buyer", RangeOperators.EQUAL),
                    ("rep", RangeOperators.EQUAL),
                    ("during", RangeOperators.OVERLAPS),
                ],
                condition=Q(status="pending"),
                violation_error_message=_("There is already an open request between you for this time."),
            ),
        ]
        indexes = [
            models.Index(fields=["expires_at"], condition=Q(status="pending"), name="meeting_pending_expiry"),
            # A person's meetings in one state at a time ("does the rep have an accepted meeting then?"), read
            # from the index alone. The exclusion constraints' GiST indexes cannot serve these lookups: the
            # columns are bigint and a query's literal id is an integer, an operator btree_gist lacks, so the
            # planner would scan every meeting's time in the GiST index instead.
            models.Index(fields=["rep", "status"], include=["during"], name="meeting_rep_status"),
            models.Index(fields=["buyer", "status"], include=["during"], name="meeting_buyer_status"),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} / {self.rep} {self.during}"

    @property
    def start(self):
        return self.during.lower

    @property
    def end(self):
        return self.during.upper


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A personal calendar address; the token is the only key, so the user can reset it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class Participation(models.Model):
    """How many of a buyer's meetings at a market make them take part in it (asked for, or agreed to: see
    meetings.selectors.buyers_of_market). PostgreSQL keeps it in the transaction of every change to meetings
    (triggers of migration 0011), so the rule reads one row per buyer rather than their meetings. Plain ids,
    not foreign keys: the triggers are its only writers."""

    buyer_id = models.BigIntegerField()
    market_id = models.BigIntegerField()
    meetings = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["buyer_id", "market_id"], name="participation_buyer_market")]

    def __str__(self) -> str:
        return f"buyer {self.buyer_id} at market {self.market_id}: {self.meetings}"
