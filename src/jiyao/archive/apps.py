"""App config for the archive (stored meetings, import, search)."""

from __future__ import annotations

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "jiyao.archive"
    label = "archive"
    verbose_name = "会议纪要档案"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jiyao.archive import signals
        from jiyao.archive.models import Meeting, MeetingSeries, Minutes

        post_save.connect(signals.minutes_saved, sender=Minutes, dispatch_uid="archive.minutes")
        post_delete.connect(
            signals.minutes_deleted, sender=Minutes, dispatch_uid="archive.minutes_deleted"
        )
        post_save.connect(signals.meeting_saved, sender=Meeting, dispatch_uid="archive.meeting")
        post_save.connect(signals.series_saved, sender=MeetingSeries, dispatch_uid="archive.series")
