from django.conf import settings

from accounts.models import User


def user_language_set(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES):
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


def user_settings_update(
    *,
    user: User,
    full_name: str,
    language: str,
    time_zone: str,
    email_reminders: bool = True,
    email_daily_agenda: bool = True,
) -> User:
    user.full_name = full_name
    user.language = language
    user.time_zone = time_zone
    user.email_reminders = email_reminders
    user.email_daily_agenda = email_daily_agenda
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "language", "time_zone", "email_reminders", "email_daily_agenda"])
    return user
