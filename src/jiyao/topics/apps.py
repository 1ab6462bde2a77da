"""App config for topics (议题): submission by departments, review, readiness to schedule."""

from __future__ import annotations

from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "jiyao.topics"
    label = "topics"
    verbose_name = "议题"
    default_auto_field = "django.db.models.BigAutoField"
