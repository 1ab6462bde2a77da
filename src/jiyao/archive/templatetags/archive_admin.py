"""Filters for the Chinese history pages of the admin (templates/simple_history)."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()

_TYPES = {"+": "新建", "~": "修改", "-": "删除"}


@register.filter
def history_type_label(value: Any) -> str:
    """simple_history's history_type (+ ~ -) in Chinese."""
    return _TYPES.get(str(value), str(value))


@register.filter
def field_label(opts: Any, name: str) -> str:
    """A field's verbose name (标题, 会议决定) instead of its attribute name."""
    try:
        return str(opts.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name
