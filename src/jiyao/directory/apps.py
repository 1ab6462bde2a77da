"""App config for the directory: who is who in each government (posts, members, portfolios,
fixed observers) and the locality's rules for its meetings."""

from __future__ import annotations

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "jiyao.directory"
    label = "directory"
    verbose_name = "人员与规则"
    default_auto_field = "django.db.models.BigAutoField"
