from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site's own pages: the home page, the health probes, the service worker."""

    name = "pages"
    verbose_name = _("Pages")
