"""One meeting per meeting: which stored meeting a document is, and whether people
corrected it.

The same minutes arrive as HTML, PDF and DOCX, in GBK and UTF-8, or typeset again by
``jiyao render``: every copy has other bytes (another content hash) but names the same
sitting. A meeting's identity is its series (government + kind of meeting) and its
session (第N次, with its date: sessions restart every term); a meeting without a session
is identified by its date instead; one with neither has no identity and is always a
meeting of its own.

A copy that joins a meeting is compared with it by :func:`signature` — the items' numbers,
headings, natures and decisions. When they differ the copy is still kept (its own source
row and spans) and the meeting is flagged for review: never merged value by value, never
dropped.

A *correction* is an edit a person made after the import (the admin or the web pages
write django-simple-history rows; imports write none, except the deletions of a rewrite).
A corrected meeting is never rewritten by a newer parser: :func:`corrected`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from jiyao.minutes.record import ACTION_CODES, DECISION_CODES

if TYPE_CHECKING:
    from jiyao.minutes.record import Record

Key = tuple[Any, ...]
Signature = tuple[tuple[int, str, str, str | None], ...]

_NOISE = re.compile(r"[\s\W_]+")


def meeting_key(session: int | None, date: dt.date | None) -> Key | None:
    """("session", N, date), else ("date", date), else None (no identity).

    The date stays in a session's key: sessions count per term of government (five
    years), so 第十二次 recurs, and copies of one minutes agree on their date."""
    if session is not None:
        return ("session", session, date)
    if date is not None:
        return ("date", date)
    return None


def _plain(text: str | None) -> str:
    return _NOISE.sub("", text or "")


def signature(record: Record) -> Signature:
    """What two copies of the same minutes must agree on: per item, its number, heading
    (spacing and punctuation aside), nature and decision."""
    return tuple(
        (
            item.number,
            _plain(item.heading),
            ACTION_CODES.get(item.action, "other"),
            DECISION_CODES.get(item.decision) if item.decision else None,
        )
        for item in record.items
    )


def stored_signature(meeting_id: int) -> Signature:
    """:func:`signature` of a stored meeting's rows (one query)."""
    from jiyao.archive.models import AgendaItem

    rows = (
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .order_by("position", "pk")
        .values_list("number", "heading", "action", "decision__outcome")
    )
    return tuple((n, _plain(h), a, o) for n, h, a, o in rows)


def difference(first: Signature, second: Signature) -> str:
    """Where ``second`` disagrees with ``first``, in Chinese ("" when they agree)."""
    if first == second:
        return ""
    if len(first) != len(second):
        return f"议题数不同：已存 {len(first)} 项，本文件 {len(second)} 项"
    for a, b in zip(first, second, strict=True):
        if a[1] != b[1] or a[0] != b[0]:
            return f"第{a[0]}项议题不同：已存“{a[1][:20]}”，本文件“{b[1][:20]}”"
        if a[2:] != b[2:]:
            return f"第{a[0]}项议题的性质或会议决定不同"
    return "议题内容不同"  # pragma: no cover - the loop finds every difference


def corrected(meeting_id: int) -> bool:
    """Whether a person edited this meeting's rows after the import (see the module
    docstring): any history row that is not an unattributed deletion (a rewrite's)."""
    from django.db.models import Q

    from jiyao.archive import models as m

    by_person = ~Q(history_type="-") | Q(history_user__isnull=False)
    item_ids = m.AgendaItem.objects.filter(meeting_id=meeting_id).values("pk")
    checks: list[Any] = [
        m.Meeting.history.filter(by_person, id=meeting_id),
        m.Minutes.history.filter(by_person, meeting_id=meeting_id),
        m.AgendaItem.history.filter(by_person, meeting_id=meeting_id),
        m.Attendance.history.filter(by_person, meeting_id=meeting_id),
        m.Decision.history.filter(by_person, agenda_item_id__in=item_ids),
        m.Document.history.filter(by_person, agenda_item_id__in=item_ids),
        m.ItemSubmitter.history.filter(by_person, agenda_item_id__in=item_ids),
        m.Distribution.history.filter(by_person, minutes__meeting_id=meeting_id),
    ]
    return any(q.exists() for q in checks)


class MeetingIndex:
    """Series id → {meeting key → meeting id}, read once per series and kept in step
    with what the import writes.

    Like the importer's name caches it learns only from committed work: a meeting
    planned in the open transaction is held aside (``remember``, with its plan, whose id
    the writer allocates) and kept by ``commit`` or forgotten by ``rollback``.
    """

    def __init__(self) -> None:
        self.committed: dict[int, dict[Key, int]] = {}
        self.pending: dict[tuple[int, Key], Any] = {}
        self._loaded_now: set[int] = set()

    def find(self, series_id: int, key: Key) -> Any:
        """The meeting id or pending plan with this identity, or None."""
        plan = self.pending.get((series_id, key))
        if plan is not None:
            return plan
        if series_id not in self.committed:
            self.committed[series_id] = self._load(series_id)
            self._loaded_now.add(series_id)
        return self.committed[series_id].get(key)

    @staticmethod
    def _load(series_id: int) -> dict[Key, int]:
        from jiyao.archive.models import Meeting

        out: dict[Key, int] = {}
        rows = Meeting.objects.filter(series_id=series_id).order_by("pk")
        for pk, session, date in rows.values_list("pk", "session", "date"):
            key = meeting_key(session, date)
            if key is not None:
                out.setdefault(key, pk)  # the first stored is the meeting copies join
        return out

    def remember(self, series_id: int, key: Key, plan: Any) -> None:
        self.pending[(series_id, key)] = plan

    def commit(self) -> None:
        for (series_id, key), plan in self.pending.items():
            if plan.meeting_id is not None:
                self.committed.setdefault(series_id, {}).setdefault(key, plan.meeting_id)
        self.pending.clear()
        self._loaded_now.clear()

    def rollback(self) -> None:
        self.pending.clear()
        for series_id in self._loaded_now:
            self.committed.pop(series_id, None)
        self._loaded_now.clear()
