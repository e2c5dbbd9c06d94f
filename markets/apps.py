from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    """The market: its days, halls and meeting tables. It keeps the app label `filmart`, under which its tables,
    migrations and permissions were first made, so a deployment's data and history stay as they are."""

    name = "markets"
    label = "filmart"
    verbose_name = _("Market")
