from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from web.storage import private_storage_get


class ExportKind(models.TextChoices):
    MEETINGS = "meetings", _("Meetings")
    BUYERS = "buyers", _("Buyers")
    EXHIBITORS = "exhibitors", _("Exhibitors")
    TITLES = "titles", _("Titles")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Deleted")  # the file, after the market's export_retention_days


class Export(models.Model):
    """A file of one market's data an organiser asked for; a Celery task writes it, reporting its progress."""

    # The market the console showed when it was asked for: the worker writes that market's rows, whichever
    # market is current by the time it runs.
    market = models.ForeignKey("filmart.Market", on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    kind = models.CharField(_("what"), max_length=12, choices=ExportKind.choices)
    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    done_rows = models.PositiveIntegerField(_("rows written"), default=0)
    # Private storage under a random name: the file holds buyers' names and emails (see organiser.exports).
    file = models.FileField(_("file"), upload_to="exports/", storage=private_storage_get, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_file_format_display()})"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ExportStatus.DONE else 0
        return round(100 * self.done_rows / self.total_rows)


class Segment(models.TextChoices):
    ALL_BUYERS = "buyers", _("All buyers")
    VERIFIED_BUYERS = "verified", _("Verified buyers")
    EXHIBITORS = "exhibitors", _("All exhibitor teams")
    PAVILION = "pavilion", _("Exhibitor teams of one pavilion")
    DAY = "day", _("Everyone meeting on one day")


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")


class Announcement(models.Model):
    """An email from the organisers to a segment of one market; each recipient gets it once."""

    # The market the console showed when it was written: its segment is that market's people.
    market = models.ForeignKey("filmart.Market", on_delete=models.CASCADE, related_name="+", verbose_name=_("market"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    segment = models.CharField(_("to"), max_length=10, choices=Segment.choices)
    pavilion = models.ForeignKey(
        "exhibitors.Pavilion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pavilion"),
    )
    day = models.DateField(_("day"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=AnnouncementStatus.choices, default=AnnouncementStatus.DRAFT
    )
    recipients_total = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


# --- The console's counters ------------------------------------------------------------------------------
# Rows of +n / -n that PostgreSQL triggers append in the very transaction that inserts, changes or deletes
# meetings (or a meeting's titles), whatever wrote them (services, admin, bulk updates, the demo loader):
# see migration 0006. Only appended, so bookings never wait on each other for a counter; the organiser sweep
# folds them into one row per key every minute. The console sums them: its cost follows the number of days,
# hours, exhibitors and titles, not of meetings. Plain ids rather than foreign keys: a counter is not a
# reference, and deleting an exhibitor must not wait on its counters.


class SlotTally(models.Model):
    """Meetings by market day, hour (market time), status and attendance."""

    market_id = models.BigIntegerField()
    day = models.DateField()
    hour = models.SmallIntegerField()
    status = models.CharField(max_length=10)
    attendance = models.CharField(max_length=8)
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["market_id", "day"], name="slot_tally_market_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.hour}:00 {self.status}: {self.n:+d}"


class ExhibitorTally(models.Model):
    """Meetings by market day and exhibitor, accepted or not."""

    market_id = models.BigIntegerField()
    day = models.DateField()
    exhibitor_id = models.BigIntegerField()
    accepted = models.BooleanField()
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["market_id", "day"], name="exhibitor_tally_market_day")]

    def __str__(self) -> str:
        return f"{self.day} exhibitor {self.exhibitor_id}: {self.n:+d}"


class TitleTally(models.Model):
    """Meetings asking about a title, by market day."""

    market_id = models.BigIntegerField()
    day = models.DateField()
    title_id = models.BigIntegerField()
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["market_id", "day"], name="title_tally_market_day")]

    def __str__(self) -> str:
        return f"{self.day} title {self.title_id}: {self.n:+d}"
