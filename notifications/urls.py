from django.urls import path

from notifications import views

urlpatterns = [
    path("", views.mailbox, name="mailbox"),
    path("<id:pk>/", views.mailbox_message, name="mailbox_message"),
]
