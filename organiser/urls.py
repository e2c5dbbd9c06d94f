from django.urls import path

from organiser import views

urlpatterns = [
    path("organiser/", views.console, name="organiser_console"),
]
