from django.urls import path

from exhibitors import views

app_name = "exhibitors"
urlpatterns = [
    path("exhibitors/", views.directory, name="directory"),
    path("exhibitors/<slug:slug>/", views.exhibitor_page, name="exhibitor"),
    path("titles/", views.catalogue, name="catalogue"),
    path("titles/<slug:slug>/", views.title_page, name="title"),
    path("titles/<slug:slug>/poster.svg", views.title_poster_art, name="title_poster_art"),
]
