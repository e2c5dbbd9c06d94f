from django.urls import path

from meetings import team_views, views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.agenda, name="agenda"),
    path("meetings/team/", views.team_agenda, name="team_agenda"),
    path("meetings/requests/", views.meeting_requests, name="requests"),
    path("meetings/hours/", views.hours, name="hours"),
    path("meetings/hours/<id:pk>/remove/", views.hours_remove, name="hours_remove"),
    path("meetings/hours/auto-accept/", views.auto_accept, name="auto_accept"),
    path("meetings/calendar/", views.calendar_settings, name="calendar_settings"),
    path("meetings/book/<slug:slug>/", views.book, name="book"),
    path("meetings/invite/<id:buyer_id>/", views.invite, name="invite"),
    path("meetings/<id:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<id:pk>/invite.ics", views.meeting_ics, name="ics"),
    path("meetings/<id:pk>/<slug:action>/", views.meeting_act, name="act"),
    path("calendar/<token:token>.ics", views.calendar_feed, name="calendar_feed"),
    # In the exhibitor workspace's address space: removing a member hands over or cancels their meetings.
    path("manage/team/<id:pk>/remove/", team_views.team_member_remove, name="team_member_remove"),
]
