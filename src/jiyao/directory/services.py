"""Who may see and edit a government's directory, and the writes that keep its history.

Theory of operation: a government's directory (posts, series members, fixed observers,
portfolios, local rules) is readable by the people who work for that government in a
workflow role (secretariat, supervisor, department, leader) and by superusers; it is
edited by the secretariat of that government (or a superuser). Readers and users
without a role see nothing. Every write goes through :func:`save` or :func:`delete`,
which set ``history_change_reason`` (django-simple-history) to the reason the user gave,
so each object's history page says who changed what, when and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from jiyao.accounts.models import government_of
from jiyao.accounts.roles import DEPARTMENT, LEADER, SECRETARIAT, SUPERVISOR, user_roles

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

VIEW_ROLES = frozenset({SECRETARIAT, SUPERVISOR, DEPARTMENT, LEADER})


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def may_use_directory(user: Any) -> bool:
    """Whether ``user`` may see some directory at all (403 otherwise)."""
    return _active(user) and (user.is_superuser or bool(user_roles(user) & VIEW_ROLES))


def visible_governments(user: Any) -> QuerySet[Any]:
    """The governments whose directory ``user`` may read."""
    from jiyao.archive.models import Organization

    governments = Organization.objects.filter(kind=Organization.GOVERNMENT)
    if not may_use_directory(user):
        return governments.none()
    if user.is_superuser:
        return governments.order_by("name")
    gov = government_of(user)
    return governments.filter(pk=gov.pk if gov is not None else -1)


def get_government_for_user(request: HttpRequest, pk: Any) -> Any:
    """The government ``pk`` if the user may read its directory; 403 for users without a
    workflow role, 404 for a government that is not theirs (or does not exist)."""
    if not may_use_directory(request.user):
        raise PermissionDenied("您的角色不能查看人员与分管信息。")
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("没有这个政府") from None
    gov = visible_governments(request.user).filter(pk=key).first()
    if gov is None:
        raise Http404("没有这个政府，或您无权查看")
    return gov


def can_edit(user: Any, government: Any) -> bool:
    """Whether ``user`` may change ``government``'s directory."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    gov = government_of(user)
    return SECRETARIAT in user_roles(user) and gov is not None and gov.pk == government.pk


def require_edit(user: Any, government: Any) -> None:
    if not can_edit(user, government):
        raise PermissionDenied("只有政府办可以修改人员与分管信息。")


def save(obj: Any, user: Any, reason: str) -> Any:
    """Save ``obj`` with ``reason`` in its history (who: the request's user)."""
    with transaction.atomic():
        obj._change_reason = (reason or "").strip()[:100] or None
        obj._history_user = user
        obj.save()
    return obj


def delete(obj: Any, user: Any, reason: str) -> None:
    """Delete ``obj``; the history keeps a row saying who deleted it and why."""
    with transaction.atomic():
        obj._change_reason = (reason or "").strip()[:100] or None
        obj._history_user = user
        obj.delete()


def history_rows(model: Any, pk: int) -> list[dict[str, Any]]:
    """The history of the object ``pk`` of ``model``, newest first, each with its changes
    as (field label, old, new) — deleted objects included."""
    records = list(
        model.history.filter(id=pk).select_related("history_user").order_by("-history_date")
    )
    rows = []
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changes: list[tuple[str, str, str]] = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    (
                        str(field.verbose_name),
                        _shown(model, field, change.old),
                        _shown(model, field, change.new),
                    )
                )
        rows.append(
            {
                "record": record,
                "kind": {"+": "新增", "~": "修改", "-": "删除"}.get(record.history_type, ""),
                "changes": changes,
            }
        )
    return rows


def _shown(model: Any, field: Any, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if field.is_relation:
        target = field.related_model
        obj = target.objects.filter(pk=value).first()
        return str(obj) if obj is not None else f"（已删除 #{value}）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return str(value)


def recent_changes(government: Any, kinds: dict[str, Any], limit: int = 20) -> list[dict[str, Any]]:
    """The latest history rows of every kind of directory object of ``government``, newest
    first: ``kind`` (the URL code), ``label``, ``record`` (the historical row) and ``verb``."""
    rows: list[dict[str, Any]] = []
    for code, kind in kinds.items():
        records = (
            kind.model.history.filter(**{kind.scope: government})
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        for record in records:
            rows.append(
                {
                    "kind": code,
                    "label": kind.label,
                    "record": record,
                    "verb": {"+": "新增", "~": "修改", "-": "删除"}.get(record.history_type, ""),
                }
            )
    rows.sort(key=lambda row: row["record"].history_date, reverse=True)
    return rows[:limit]
