from django.urls import path

from scheduling import plan_views, views, wish_views

app_name = "scheduling"
urlpatterns = [
    path("matches/wishes/", wish_views.buyer_wishes, name="buyer_wishes"),
    path("manage/wishes/", wish_views.team_wishes, name="team_wishes"),
    path("meetings/plan/", plan_views.plan, name="day_plan"),
    path("organiser/schedule/", views.rounds, name="rounds"),
    path("organiser/schedule/<id:pk>/", views.round_detail, name="round"),
]
