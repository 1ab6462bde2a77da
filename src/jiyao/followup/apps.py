"""App config for follow-up (督办): tasks split from decisions, progress, closing."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "jiyao.followup"
    label = "followup"
    verbose_name = "督查督办"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from jiyao.archive.extensions import register_meeting_panel
        from jiyao.directory.models import LocalRules
        from jiyao.followup.panel import meeting_panel

        register_meeting_panel("followup", meeting_panel)
        post_save.connect(_rules_saved, sender=LocalRules, dispatch_uid="followup_rules_saved")


def _rules_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A government's warning days changed: its open tasks turn yellow on other days."""
    from jiyao.followup.colour import refresh_warn_from

    refresh_warn_from(instance.government_id, int(instance.followup_warning_days))
