from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("No longer needed")


class OutboundEmail(models.Model):
    """An email the app sends: written in the transaction that causes it, delivered by a Celery task."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    from_email = models.CharField(_("from"), max_length=254)
    recipients = ArrayField(models.CharField(max_length=254), verbose_name=_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    raw_message = models.BinaryField(_("MIME message"), default=bytes)
    # A message the worker writes: `template` names the renderer (registered by the app that knows the
    # subject, see notifications.rendering) and `facts` is what it needs, e.g. a meeting as it stood at that
    # version. The request that causes the email stores only these; subject, bodies and MIME come at delivery.
    template = models.CharField(_("written by"), max_length=32, blank=True)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    # At most one row per key, e.g. "meeting:42:accepted:v3:user:7": a second write of the same message is
    # refused by the unique index, however many processes try.
    key = models.CharField(_("key"), max_length=200, null=True, blank=True, unique=True)
    # What the message is about ("meeting:42") and what kind it is ("reminder"), so that reminders of a
    # meeting that moved or was cancelled can be called off.
    topic = models.CharField(_("about"), max_length=64, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboundStatus.choices, default=OutboundStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=models.Q(status="pending"), name="outbox_due"),
        ]

    def __str__(self) -> str:
        return self.subject
