from django.urls import path

from exhibitors import workspace

app_name = "workspace"
urlpatterns = [
    path("", workspace.home, name="home"),
    path("profile/", workspace.profile, name="profile"),
    path("titles/new/", workspace.title_new, name="title_new"),
    path("titles/<slug:slug>/", workspace.title_edit, name="title"),
    path("titles/<slug:slug>/delete/", workspace.title_delete, name="title_delete"),
    path("titles/<slug:slug>/rights/", workspace.rights_add, name="rights_add"),
    path("titles/<slug:slug>/rights/<id:pk>/", workspace.rights_edit, name="rights_edit"),
    path("titles/<slug:slug>/rights/<id:pk>/delete/", workspace.rights_delete, name="rights_delete"),
    path("team/", workspace.team, name="team"),
    # team/<id:pk>/remove/ is meetings.team_views (removing a rep moves their meetings): see meetings/urls.py
    path("team/invitations/<id:pk>/withdraw/", workspace.invitation_withdraw, name="invitation_withdraw"),
    path("join/<token:token>/", workspace.join, name="join"),
]
