from django.urls import path

from . import setup_views, views

app_name = "mfa"
urlpatterns = [
    path("set-up/", views.enrol, name="enrol"),
    path("code/", views.verify, name="verify"),
    path("set-up/send-link/", setup_views.send_link, name="send_link"),
    path("set-up/link/<str:token>/", setup_views.link, name="link"),
]
