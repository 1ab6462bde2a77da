"""Admin of user profiles (organization and person of each user), with history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiyao.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organization", "person")
    search_fields = ("user__username", "user__first_name", "organization__name", "person__name")
    autocomplete_fields = ()
    raw_id_fields = ("organization", "person")
