"""App config for the archive (stored meetings, import, search)."""

from __future__ import annotations

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "jiyao.archive"
    label = "archive"
    verbose_name = "会议纪要档案"
    default_auto_field = "django.db.models.BigAutoField"
