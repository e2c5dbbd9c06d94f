from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilmartConfig(AppConfig):
    name = "filmart"
    verbose_name = _("Market")
