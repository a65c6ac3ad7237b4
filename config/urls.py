"""URLs: sign-in and password reset, home, each app's pages, and the admin."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from protocol import views
from protocol.machinery.health import healthz

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("mfa/", include("protocol.machinery.mfa.urls")),
    path("", include("protocol.urls")),
    path("", include("casework.urls")),
    path("", include("complaints.urls")),
    path("", include("registers.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
