from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.mailbox, name="mailbox"),
    path("<id:pk>/", views.mailbox_message, name="mailbox_message"),
]
