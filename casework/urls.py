from django.urls import path

from casework import views

app_name = "casework"
urlpatterns = [
    path("enquiries/", views.my_enquiries, name="mine"),
    path("enquiries/new/", views.new, name="new"),
    path("enquiries/queue/", views.queue, name="queue"),
    path("enquiries/queue.csv", views.queue_csv, name="queue_csv"),
    path("enquiries/<str:reference>/", views.detail, name="detail"),
    path("enquiries/<str:reference>/logged/", views.logged, name="logged"),
    path("enquiries/<str:reference>/attachments/", views.upload, name="upload"),
    path("enquiries/<str:reference>/attachments/<int:pk>/", views.attachment,
         name="attachment"),
    path("enquiries/<str:reference>/legal-hold/", views.legal_hold, name="legal_hold"),
    path("enquiries/<str:reference>/<slug:name>/", views.action, name="action"),
]
