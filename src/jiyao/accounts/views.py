"""Login and logout pages (Django's auth views with our templates and form)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from jiyao.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): the logout button in base.html is a small form."""

    template_name = "accounts/logged_out.html"
