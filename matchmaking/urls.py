from django.urls import path

from matchmaking import views

app_name = "matchmaking"
urlpatterns = [
    path("matches/", views.matches, name="matches"),
    path("shortlist/", views.shortlist, name="shortlist"),
    path("shortlist/change/", views.interest, name="interest"),
    path("account/buyer-profile/", views.buyer_profile, name="buyer_profile"),
]
