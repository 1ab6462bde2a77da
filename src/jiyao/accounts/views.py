"""Login and logout pages (Django's auth views with our templates and form), and the page
a locked-out login gets (django-axes, see jiyao.accounts.throttle)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jiyao.accounts.forms import LoginForm
from jiyao.accounts.throttle import cool_off_minutes


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): the logout button in base.html is a small form."""

    template_name = "accounts/logged_out.html"


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, saying the login is locked and for how long (status 429).

    axes calls this (AXES_LOCKOUT_CALLABLE) for every login attempt while locked out, the
    right password included; the username typed stays in the form.
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LoginForm(request, initial={"username": username})
    context = {
        "form": form,
        "locked_minutes": cool_off_minutes(),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/login.html", context, status=429)
