from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        import_module("meetings.notify")  # registers the renderer the outbox's worker writes meeting emails with
