from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("People")


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the organisers' site, which signs people in through allauth."""

    default = False
    default_site = "accounts.admin_site.StaffAdminSite"
