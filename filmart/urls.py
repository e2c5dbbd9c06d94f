"""Every app's URLs, each in its namespace (`meetings:detail`, `workspace:title` ...)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("mailbox/", include("notifications.urls")),
    path("manage/", include("exhibitors.workspace_urls")),
    path("", include("exhibitors.urls")),
    path("", include("matchmaking.urls")),
    path("", include("meetings.urls")),
    path("", include("scheduling.urls")),
    path("", include("organiser.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
