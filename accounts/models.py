from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.managers import UserManager
from web.validators import validate_single_line, validate_time_zone


class Role(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    EXHIBITOR = "exhibitor", _("Exhibitor team member")
    ORGANISER = "organiser", _("Organiser")


class User(AbstractBaseUser, PermissionsMixin):
    """A person, known by email address. Organisers are staff; buyers and exhibitors are not."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True, validators=[validate_single_line])
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.BUYER)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    time_zone = models.CharField(
        _("home time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Meeting times are shown in market time, with this zone beside them."),
    )
    email_reminders = models.BooleanField(
        _("meeting reminders by email"),
        default=True,
        help_text=_("A day and a quarter of an hour before each meeting."),
    )
    email_daily_agenda = models.BooleanField(
        _("daily agenda by email"), default=True, help_text=_("Each market morning, the day's meetings.")
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(condition=~Q(role="organiser") | Q(is_staff=True), name="user_organiser_is_staff"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_buyer(self) -> bool:
        return self.role == Role.BUYER

    @property
    def is_exhibitor(self) -> bool:
        return self.role == Role.EXHIBITOR

    @property
    def is_organiser(self) -> bool:
        return self.role == Role.ORGANISER

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.email])[0]
