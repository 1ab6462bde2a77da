"""The secretariat's review queue and its corrections (business rules; the views are
:mod:`jiyao.archive.review`).

What needs a person is a :class:`~jiyao.archive.models.ReviewFlag` the importer raised
(a placeholder government, a copy that disagrees, values the parser doubted, a
correction kept against a newer parser). A correction changes one value of a meeting,
with a reason: the change is saved through the ORM, so django-simple-history keeps who
changed what, when and why (``history_change_reason``), exactly like an admin edit, and
the importer's :func:`jiyao.archive.identity.corrected` sees it (a newer parser never
overwrites it). Every correction or resolution is one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from jiyao.minutes.orgs import government_of
from jiyao.minutes.record import DECISION_CODES, DECISION_LABELS

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from jiyao.archive.models import Meeting, ReviewFlag


class CorrectionRefused(ValueError):
    """A correction that cannot be made; the message (Chinese) says why."""


@dataclass(frozen=True)
class Field:
    """One value the review form may correct: its record path and Chinese label."""

    path: str
    label: str
    current: str


def open_flags() -> QuerySet[ReviewFlag]:
    """Unresolved flags, oldest meeting problems first, with what the list shows."""
    from jiyao.archive.models import ReviewFlag

    return (
        ReviewFlag.objects.filter(resolved_at__isnull=True)
        .select_related("meeting__series__government", "meeting__minutes", "source")
        .order_by("created_at", "pk")
    )


def highlight_path(flag: ReviewFlag) -> str:
    """The record path the meeting page should mark for this flag."""
    if flag.kind == "disagrees" or flag.kind == "correction_kept":
        m = re.search(r"第(\d+)项议题", flag.detail)
        if m:
            return f"items[{int(m.group(1)) - 1}].heading"
    return "title"


def fields_of(meeting: Meeting) -> list[Field]:
    """The values the review form offers, with their current values."""
    fields = [
        Field("government", "政府", meeting.series.government.name),
        Field("title", "标题", getattr(meeting.minutes, "title", None) or ""),
        Field("meeting.session", "会次（第N次）", str(meeting.session or "")),
        Field("meeting.date", "会议日期（如 2021-06-08）", str(meeting.date or "")),
    ]
    for item in meeting.items.order_by("position").select_related("decision"):
        n = item.position + 1
        fields.append(Field(f"items[{item.position}].heading", f"第{n}项议题标题", item.heading))
        decision = getattr(item, "decision", None)
        label = DECISION_LABELS.get(decision.outcome, "") if decision and decision.outcome else ""
        fields.append(Field(f"items[{item.position}].decision", f"第{n}项会议决定", label))
    return fields


def correct(meeting: Meeting, path: str, value: str, reason: str, user: Any) -> str:
    """Set the value at ``path`` of ``meeting`` to ``value`` because of ``reason``.

    Returns the Chinese label of what changed. Raises :class:`CorrectionRefused` for an
    unknown path, a value the field cannot hold or a missing reason; nothing is stored
    then.
    """
    from jiyao.archive import models as m
    from jiyao.archive.admin import ensure_baseline
    from jiyao.archive.search import reindex_meeting

    reason = (reason or "").strip()
    value = (value or "").strip()
    if not reason:
        raise CorrectionRefused("请写明更正原因（会记入修改历史）")
    fields = {f.path: f for f in fields_of(meeting)}
    if path not in fields:
        raise CorrectionRefused("没有这一项可更正")
    with transaction.atomic():
        target: Any
        if path == "government":
            target = meeting
            name = government_of(value)
            if name is None:
                raise CorrectionRefused(
                    f"“{value}”不是有效的政府名称（如 象山县 或 象山县人民政府）"
                )
            government, _ = m.Organization.objects.get_or_create(
                government=None,
                name=name,
                defaults={"kind": m.Organization.GOVERNMENT, "full_name": name},
            )
            series, _ = m.MeetingSeries.objects.get_or_create(
                government=government, kind=meeting.series.kind
            )
            ensure_baseline(meeting)
            meeting.series = series
        elif path == "title":
            target = meeting.minutes
            ensure_baseline(target)
            target.title = value or None
        elif path == "meeting.session":
            target = meeting
            if value and not (value.isdigit() and 0 < int(value) < 10_000):
                raise CorrectionRefused(f"会次应为正整数，不是“{value}”")
            ensure_baseline(meeting)
            meeting.session = int(value) if value else None
        elif path == "meeting.date":
            target = meeting
            try:
                day = dt.date.fromisoformat(value) if value else None
            except ValueError:
                raise CorrectionRefused(f"日期应写成 2021-06-08 的形式，不是“{value}”") from None
            ensure_baseline(meeting)
            meeting.date = day
        else:
            position = int(path[len("items[") : path.index("]")])
            item = meeting.items.get(position=position)
            if path.endswith(".heading"):
                target = item
                if not value:
                    raise CorrectionRefused("议题标题不能为空")
                ensure_baseline(item)
                item.heading = value
            else:
                target = m.Decision.objects.get(agenda_item=item)
                if value and value not in DECISION_CODES:
                    choices = "、".join(DECISION_LABELS.values())
                    raise CorrectionRefused(f"会议决定应为以下之一：{choices}")
                ensure_baseline(target)
                target.outcome = DECISION_CODES[value] if value else None
        target._change_reason = reason
        target._history_user = user
        target.save()
        reindex_meeting(meeting.pk)
    return fields[path].label


def resolve(flag: ReviewFlag, user: Any, note: str) -> None:
    """Mark ``flag`` handled by ``user``, with ``note`` (why no correction was needed, or
    what was corrected)."""
    flag.resolved_at = timezone.now()
    flag.resolved_by = user
    flag.resolution = (note or "").strip()[:1000] or "已核实"
    flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])


def history_of(meeting: Meeting) -> list[tuple[Any, Any, str, str]]:
    """The corrections of a meeting, newest first: (when, the user who made it or None,
    what, reason) — what and reason in Chinese."""
    from jiyao.archive import models as m

    rows: list[tuple[Any, Any, str, str]] = []
    item_ids = list(meeting.items.values_list("pk", flat=True))
    sources = [
        ("会议", m.Meeting.history.filter(id=meeting.pk)),
        ("纪要", m.Minutes.history.filter(meeting_id=meeting.pk)),
        ("议题", m.AgendaItem.history.filter(meeting_id=meeting.pk)),
        ("会议决定", m.Decision.history.filter(agenda_item_id__in=item_ids)),
    ]
    for what, history in sources:
        for h in history.select_related("history_user__profile__person").exclude(history_type="-"):
            if h.history_change_reason == "导入时的状态":
                continue
            who = h.history_user  # named in the page (jiyao.accounts.names.display_name)
            rows.append((h.history_date, who, what, h.history_change_reason or "（未写原因）"))
    rows.sort(key=lambda r: r[0], reverse=True)
    return rows
