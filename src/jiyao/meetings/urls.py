"""URLs of the meetings app (namespace ``meetings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "meetings"

urlpatterns: list[URLPattern] = []
