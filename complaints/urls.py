from django.urls import path

from complaints import views, views_dashboard

app_name = "complaints"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases.csv", views.case_list_csv, name="list_csv"),
    path("cases/new/", views.new, name="new"),
    path("cases/from-enquiry/<str:reference>/", views.from_enquiry, name="from_enquiry"),
    path("cases/<str:reference>/", views.detail, name="detail"),
    path("cases/<str:reference>/legal-hold/", views.legal_hold, name="legal_hold"),
    path("cases/<str:reference>/<slug:name>/", views.action, name="action"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
]
