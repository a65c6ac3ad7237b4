from django.urls import path

from . import views

app_name = "mfa"
urlpatterns = [
    path("set-up/", views.enrol, name="enrol"),
    path("code/", views.verify, name="verify"),
]
