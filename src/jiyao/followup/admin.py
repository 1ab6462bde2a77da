"""Admin of follow-up: read the tasks and their log; changes go through the pages."""

from __future__ import annotations

from django.contrib import admin

from jiyao.followup import models


@admin.register(models.Task)
class TaskAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("action", "lead", "deadline", "state", "closed_on")
    list_filter = ("state", "government")
    search_fields = ("action",)
    raw_id_fields = ("decision", "meeting", "lead", "leader", "proposal", "government")
    readonly_fields = ("state", "version", "warn_from", "closed_on", "days_to_close")


@admin.register(models.TaskTransition)
class TaskTransitionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("task", "action", "source", "target", "by", "at")
    raw_id_fields = ("task",)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # append-only

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Proposal)
class ProposalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("action", "lead_name", "deadline", "status")
    list_filter = ("status",)
    raw_id_fields = ("decision", "meeting", "lead")


@admin.register(models.ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "day", "due", "overdue", "sent_at")
