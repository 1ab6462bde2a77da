"""Admin of the directory (the web pages under /directory/ are the everyday way)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiyao.directory.models import FixedObserver, LocalRules, Portfolio, Post, SeriesMember


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ("person", "organization", "title", "start", "end")
    search_fields = ("person__name", "organization__name", "title")
    raw_id_fields = ("person", "organization")


@admin.register(SeriesMember)
class SeriesMemberAdmin(SimpleHistoryAdmin):
    list_display = ("series", "position", "person", "post", "start", "end")
    raw_id_fields = ("series", "person", "post")


@admin.register(FixedObserver)
class FixedObserverAdmin(SimpleHistoryAdmin):
    list_display = ("series", "position", "organization")
    raw_id_fields = ("series", "organization")


@admin.register(Portfolio)
class PortfolioAdmin(SimpleHistoryAdmin):
    list_display = ("government", "leader", "department", "start", "end")
    search_fields = ("leader__name", "department__name")
    raw_id_fields = ("government", "leader", "department")


@admin.register(LocalRules)
class LocalRulesAdmin(SimpleHistoryAdmin):
    list_display = ("government", "quorum_share", "material_deadline_days", "max_topics")
    raw_id_fields = ("government",)
