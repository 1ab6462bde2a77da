"""App config for meetings: agenda, notice, attendance, decisions, minutes drafting and
signing, distribution and receipts."""

from __future__ import annotations

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "jiyao.meetings"
    label = "meetings"
    verbose_name = "会议"
    default_auto_field = "django.db.models.BigAutoField"
