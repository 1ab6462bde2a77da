"""URLs of accounts, included at ``accounts/``."""

from __future__ import annotations

from django.urls import path

from jiyao.accounts import user_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_edit, name="user_new"),
    path("users/<int:pk>/", user_views.user_edit, name="user_edit"),
]
