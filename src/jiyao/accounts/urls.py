"""URLs of accounts, included at ``accounts/``."""

from __future__ import annotations

from django.urls import path

from jiyao.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
]
