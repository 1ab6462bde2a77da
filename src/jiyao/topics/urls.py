"""URLs of the topics app (namespace ``topics``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "topics"

urlpatterns: list[URLPattern] = []
