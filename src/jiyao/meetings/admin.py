"""Admin of the meeting workflow: read and correct with history (django-simple-history).

Signed versions and the transition log are shown read-only: they are never edited in
place (a correction is a new version, a state change a new log row).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiyao.meetings import models


@admin.register(models.Workflow)
class WorkflowAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "state", "notice_sent_at")
    list_filter = ("state",)
    readonly_fields = ("meeting", "state", "version")


@admin.register(models.AgendaEntry)
class AgendaEntryAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "position", "topic", "outcome")
    raw_id_fields = ("meeting", "topic", "carried_over_from")


@admin.register(models.Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "person", "role", "status", "leave_reason")
    list_filter = ("role", "status")
    raw_id_fields = ("meeting", "person", "leave_approved_by", "organization", "agenda_entry")


@admin.register(models.MinutesDraft)
class MinutesDraftAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "version", "updated_at", "updated_by")
    readonly_fields = ("meeting", "version")


class _ReadOnly(admin.ModelAdmin):
    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(models.MinutesVersion)
class MinutesVersionAdmin(_ReadOnly):
    list_display = (
        "meeting",
        "number_in_meeting",
        "number",
        "issued_on",
        "visibility",
        "signed_by",
    )


@admin.register(models.MeetingTransition)
class MeetingTransitionAdmin(_ReadOnly):
    list_display = ("workflow", "action", "source", "target", "by", "at")


@admin.register(models.Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ("version", "organization", "acknowledged_at", "reminders")
    raw_id_fields = ("version", "organization", "acknowledged_by")
