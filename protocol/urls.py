from django.urls import path

from protocol import views
from protocol.machinery import views_privacy

app_name = "protocol"
urlpatterns = [
    path("protocol/", views.profile, name="profile"),
    path("subject-access/", views_privacy.subject_access, name="subject_access"),
    path("subject-access/summary/", views_privacy.subject_access_summary,
         name="subject_access_summary"),
    path("subject-access/export.json", views_privacy.subject_access_json,
         name="subject_access_json"),
]
