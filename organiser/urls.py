from django.urls import path

from organiser import views

urlpatterns = [
    path("organiser/", views.console, name="organiser_console"),
    path("organiser/exports/", views.export_list, name="organiser_exports"),
    path("organiser/exports/<id:pk>/", views.export_progress, name="organiser_export"),
    path("organiser/exports/<id:pk>/download/", views.export_download, name="organiser_export_download"),
    path("organiser/announcements/", views.announcement_list, name="organiser_announcements"),
    path("organiser/announcements/<id:pk>/", views.announcement_detail, name="organiser_announcement"),
]
