from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class FilmartConfig(AppConfig):
    default = True
    name = "filmart"
    verbose_name = _("Market")

    def ready(self) -> None:
        from django.urls import register_converter

        from filmart.converters import IdConverter, TokenConverter

        # Before any app's URL conf is imported: they name ids as <id:pk> and secrets as <token:token>.
        register_converter(IdConverter, "id")
        register_converter(TokenConverter, "token")


class FilmartAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the organisers' site, which signs people in through allauth."""

    default = False
    default_site = "filmart.admin_site.FilmartAdminSite"
