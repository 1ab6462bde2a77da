"""App config for follow-up (督办): tasks split from decisions, progress, closing."""

from __future__ import annotations

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "jiyao.followup"
    label = "followup"
    verbose_name = "督查督办"
    default_auto_field = "django.db.models.BigAutoField"
