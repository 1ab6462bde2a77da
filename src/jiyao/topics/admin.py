"""Admin of topics: contents may be inspected; the state and the transition log are
read-only here, since a state changes only through services.transition."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiyao.topics.models import Check, Material, Topic, TopicTransition


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    fields = ("original_name", "stage", "size", "sha256", "uploaded_at")
    readonly_fields = fields
    can_delete = False


class TransitionInline(admin.TabularInline):
    model = TopicTransition
    extra = 0
    fields = ("at", "by", "source", "target", "action", "reason")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ("title", "department", "state", "leader", "updated_at")
    list_filter = ("state", "kind", "action")
    search_fields = ("title", "department__name")
    readonly_fields = ("state", "version", "leader", "created_by", "created_at", "updated_at")
    raw_id_fields = ("government", "series", "department")
    inlines = (MaterialInline, TransitionInline)


@admin.register(Check)
class CheckAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "kind", "passed_on", "recorded_by")
    raw_id_fields = ("topic",)


@admin.register(TopicTransition)
class TopicTransitionAdmin(admin.ModelAdmin):
    """Append-only: nobody adds, changes or deletes rows here."""

    list_display = ("topic", "at", "by", "source", "target", "reason")
    readonly_fields = ("topic", "at", "by", "source", "target", "action", "reason")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
