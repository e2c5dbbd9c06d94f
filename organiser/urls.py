from django.urls import path

from organiser import views

app_name = "organiser"
urlpatterns = [
    path("organiser/", views.console, name="console"),
    path("organiser/exports/", views.export_list, name="exports"),
    path("organiser/exports/<id:pk>/", views.export_progress, name="export"),
    path("organiser/exports/<id:pk>/download/", views.export_download, name="export_download"),
    path("organiser/announcements/", views.announcement_list, name="announcements"),
    path("organiser/announcements/<id:pk>/", views.announcement_detail, name="announcement"),
]
