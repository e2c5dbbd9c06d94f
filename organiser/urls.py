from django.urls import path

from organiser import views

urlpatterns = [
    path("organiser/", views.console, name="organiser_console"),
    path("organiser/exports/", views.export_list, name="organiser_exports"),
    path("organiser/exports/<int:pk>/", views.export_progress, name="organiser_export"),
    path("organiser/exports/<int:pk>/download/", views.export_download, name="organiser_export_download"),
]
