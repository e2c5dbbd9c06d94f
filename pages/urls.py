from django.conf import settings
from django.templatetags.static import static
from django.urls import path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("signed-in/", views.floor, name="floor"),
    path("sw.js", views.service_worker, name="service_worker"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's). In production the target carries
    # a content hash from collectstatic's manifest: looked up lazily (`manage.py check` must not need the
    # manifest) and not a permanent redirect (the hash changes with the icon).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg")), name="favicon"),
]
if settings.SERVE_MEDIA:
    # Uploaded posters and logos; in production a web server or object storage serves MEDIA_ROOT instead.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media_file, name="media")]
