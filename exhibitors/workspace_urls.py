from django.urls import path

from exhibitors import workspace

urlpatterns = [
    path("", workspace.home, name="workspace_home"),
    path("profile/", workspace.profile, name="workspace_profile"),
    path("titles/new/", workspace.title_new, name="workspace_title_new"),
    path("titles/<slug:slug>/", workspace.title_edit, name="workspace_title"),
    path("titles/<slug:slug>/delete/", workspace.title_delete, name="workspace_title_delete"),
    path("titles/<slug:slug>/rights/", workspace.rights_add, name="workspace_rights_add"),
    path("titles/<slug:slug>/rights/<int:pk>/", workspace.rights_edit, name="workspace_rights_edit"),
    path("titles/<slug:slug>/rights/<int:pk>/delete/", workspace.rights_delete, name="workspace_rights_delete"),
    path("team/", workspace.team, name="workspace_team"),
    path("team/<int:pk>/remove/", workspace.team_member_remove, name="workspace_member_remove"),
    path("team/invitations/<int:pk>/withdraw/", workspace.invitation_withdraw, name="workspace_invitation_withdraw"),
    path("join/<str:token>/", workspace.join, name="workspace_join"),
]
