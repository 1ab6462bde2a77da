"""Django admin for corrections, with the history of every change.

Every editable model is registered with simple_history's SimpleHistoryAdmin, so each
object has a "历史" page listing who changed what and when (the history middleware
records the user). Who may change what is plain Django permissions: the role groups
get them in jiyao.accounts.roles (``secretariat`` all archive permissions, the other
roles view only), and a user needs ``is_staff`` to enter the admin at all.

Organization aliases are editable (inline on an organization and on their own page):
the shipped table of abbreviations is a start that users extend. The source document
is read-only: the original bytes are evidence, corrections go to the record's rows.
Foreign keys use autocomplete/raw ids so the admin stays fast on a large archive.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiyao.archive import models

admin.site.site_header = "会议纪要档案 · 管理与更正"
admin.site.site_title = "纪要管理"
admin.site.index_title = "数据更正（每次修改都会记录修改人、时间和内容）"


class OrganizationAliasInline(admin.TabularInline):
    model = models.OrganizationAlias
    extra = 1


@admin.register(models.Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "full_name", "kind", "government")
    list_filter = ("kind",)
    search_fields = ("name", "full_name", "aliases__alias")
    autocomplete_fields = ("government",)
    inlines = (OrganizationAliasInline,)


@admin.register(models.OrganizationAlias)
class OrganizationAliasAdmin(SimpleHistoryAdmin):
    list_display = ("alias", "organization")
    search_fields = ("alias", "organization__name", "organization__full_name")
    autocomplete_fields = ("organization",)


@admin.register(models.Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "government")
    search_fields = ("name",)
    autocomplete_fields = ("government",)


@admin.register(models.MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("government", "kind")
    search_fields = ("government__name", "kind")
    autocomplete_fields = ("government",)


class MinutesInline(admin.StackedInline):
    model = models.Minutes
    fields = ("title", "issuer", "issued_on", "number", "visibility")
    extra = 0
    can_delete = False


@admin.register(models.Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "date", "session", "series", "chair")
    list_filter = ("series__kind", "date")
    date_hierarchy = "date"
    search_fields = ("minutes__title", "series__government__name")
    autocomplete_fields = ("series", "chair")
    inlines = (MinutesInline,)


@admin.register(models.Minutes)
class MinutesAdmin(SimpleHistoryAdmin):
    list_display = ("title", "number", "issued_on", "visibility")
    list_filter = ("visibility",)
    search_fields = ("title", "number", "issuer")
    raw_id_fields = ("meeting", "source")
    readonly_fields = ("warnings", "spans")


class ItemSubmitterInline(admin.TabularInline):
    model = models.ItemSubmitter
    extra = 0
    autocomplete_fields = ("organization",)


class DocumentInline(admin.TabularInline):
    model = models.Document
    extra = 0


class DecisionInline(admin.StackedInline):
    model = models.Decision
    extra = 0


@admin.register(models.AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("heading", "number", "action", "meeting")
    list_filter = ("action",)
    search_fields = ("heading",)
    raw_id_fields = ("meeting",)
    inlines = (ItemSubmitterInline, DocumentInline, DecisionInline)


@admin.register(models.Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "stage", "agenda_item")
    list_filter = ("stage",)
    search_fields = ("title",)
    raw_id_fields = ("agenda_item",)


@admin.register(models.Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("agenda_item", "outcome", "follow_up")
    list_filter = ("outcome",)
    search_fields = ("agenda_item__heading", "follow_up")
    raw_id_fields = ("agenda_item",)


@admin.register(models.Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ("person", "role", "meeting")
    list_filter = ("role",)
    search_fields = ("person__name",)
    raw_id_fields = ("meeting",)
    autocomplete_fields = ("person",)


@admin.register(models.Distribution)
class DistributionAdmin(SimpleHistoryAdmin):
    list_display = ("recipient", "organization", "minutes")
    search_fields = ("recipient",)
    raw_id_fields = ("minutes",)
    autocomplete_fields = ("organization",)


@admin.register(models.SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    """Read-only: the original file is the evidence every fact is checked against."""

    list_display = ("filename", "kind", "parser_version", "imported_at")
    search_fields = ("filename", "content_hash")
    exclude = ("original",)

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return [f.name for f in self.model._meta.fields if f.name != "original"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
