from django.urls import path

from exhibitors import workspace

urlpatterns = [
    path("", workspace.home, name="workspace_home"),
    path("profile/", workspace.profile, name="workspace_profile"),
    path("titles/new/", workspace.title_new, name="workspace_title_new"),
    path("titles/<slug:slug>/", workspace.title_edit, name="workspace_title"),
    path("titles/<slug:slug>/delete/", workspace.title_delete, name="workspace_title_delete"),
    path("titles/<slug:slug>/rights/", workspace.rights_add, name="workspace_rights_add"),
    path("titles/<slug:slug>/rights/<id:pk>/", workspace.rights_edit, name="workspace_rights_edit"),
    path("titles/<slug:slug>/rights/<id:pk>/delete/", workspace.rights_delete, name="workspace_rights_delete"),
    path("team/", workspace.team, name="workspace_team"),
    # team/<id:pk>/remove/ is meetings.team_views (removing a rep moves their meetings): see meetings/urls.py
    path("team/invitations/<id:pk>/withdraw/", workspace.invitation_withdraw, name="workspace_invitation_withdraw"),
    path("join/<token:token>/", workspace.join, name="workspace_join"),
]
