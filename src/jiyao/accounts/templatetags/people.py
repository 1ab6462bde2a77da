"""``{% load people %}``: ``{{ row.by|display_name }}`` names a user as logs show people
(jiyao.accounts.names); ``{{ row.by|display_name:"—" }}`` when nobody is named otherwise."""

from __future__ import annotations

from typing import Any

from django import template

from jiyao.accounts.names import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user: Any, nobody: str = "系统") -> str:
    return _display_name(user, nobody)
