from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _organiser_group_sync(sender, **kwargs) -> None:
    from organiser.permissions import organiser_group_sync

    organiser_group_sync()


class OrganiserConfig(AppConfig):
    name = "organiser"
    verbose_name = _("Organiser console")

    def ready(self) -> None:
        # Permissions exist once every app has migrated; this app is last in INSTALLED_APPS.
        post_migrate.connect(_organiser_group_sync, sender=self, dispatch_uid="organiser_group_sync")
