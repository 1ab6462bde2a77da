"""The minutes record: the one value everything in jiyao turns around.

The shape is the JSON contract of ``shared/docs/record.md``; this module is its only
Python definition. A :class:`Record` is a tree of frozen dataclasses. ``to_json`` gives
exactly the contract's keys (plus the optional ``number`` and, when asked, ``spans`` and
``text``); ``from_json`` accepts any dict in that shape and raises :class:`RecordError`
naming the first field that is wrong.

Spans say where a value came from: character offsets ``[start, end)`` into the
normalized text the parser read. They are kept flat, keyed by the value's path
(``"meeting.chair"``, ``"items[2].documents[0]"``, ``"attendance.present[4]"``), and
turned into the contract's parallel ``spans`` object only on output.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from jiyao.minutes.errors import RecordError

#: 议题性质 — the fixed vocabulary of ``Item.action``.
ACTIONS: tuple[str, ...] = ("传达学习", "审议", "听取汇报", "研究", "其他")
#: 会议决定 — the fixed vocabulary of ``Item.decision``.
DECISIONS: tuple[str, ...] = ("原则同意", "同意", "原则通过", "通过", "暂缓", "不同意")
#: Glossary code names for the two vocabularies (AgendaItem.action, Decision.outcome).
ACTION_CODES: dict[str, str] = {
    "传达学习": "convey",
    "审议": "deliberate",
    "听取汇报": "hear_report",
    "研究": "study",
    "其他": "other",
}
DECISION_CODES: dict[str, str] = {
    "原则同意": "approved_in_principle",
    "同意": "approved",
    "原则通过": "adopted_in_principle",
    "通过": "adopted",
    "暂缓": "deferred",
    "不同意": "rejected",
}
#: Code name → Chinese label: the same two vocabularies the other way round, for choices,
#: filters and pages. (This module is the one place the vocabulary lives.)
ACTION_LABELS: dict[str, str] = {code: label for label, code in ACTION_CODES.items()}
DECISION_LABELS: dict[str, str] = {code: label for label, code in DECISION_CODES.items()}
#: The record's attendance fields, in the order minutes list them.
ATTENDANCE_ROLES: tuple[str, ...] = ("present", "absent", "invited", "observers")
#: Attendance field → the glossary's role code (``Attendance.role`` in the archive).
ATTENDANCE_CODES: dict[str, str] = {
    "present": "present",
    "absent": "absent",
    "invited": "invited",
    "observers": "observer",
}
#: Role code → attendance field (the other way round).
ATTENDANCE_FIELDS: dict[str, str] = {code: key for key, code in ATTENDANCE_CODES.items()}
#: Role code → the Chinese label minutes print before the names (出席：…), in order.
ATTENDANCE_LABELS: dict[str, str] = {
    "present": "出席",
    "absent": "请假",
    "invited": "应邀出席",
    "observer": "列席",
}

Span = tuple[int, int]


@dataclass(frozen=True)
class Meeting:
    """One sitting of a meeting series, as the minutes describe it."""

    body: str | None = None
    kind: str | None = None
    session: int | None = None
    date: dt.date | None = None
    time_of_day: str | None = None
    chair: str | None = None
    #: The chair's post as written beside the name (县长, 县委副书记、县长, 常务副县长 …).
    chair_post: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class Item:
    """One agenda item (议题): a top-level numbered matter of the minutes."""

    number: int
    heading: str = ""
    action: str = "其他"
    submitters: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    #: Parallel to ``documents``: 送审稿, 征求意见稿, 草案 … or None.
    document_stages: tuple[str | None, ...] = ()
    decision: str | None = None
    follow_up: str | None = None
    requirements: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Attendance:
    """Names only: no titles, no inner spaces."""

    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """A minutes record (会议纪要), the contract of ``docs/record.md``."""

    title: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    meeting: Meeting = field(default_factory=Meeting)
    items: tuple[Item, ...] = ()
    attendance: Attendance = field(default_factory=Attendance)
    distribution: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: 纪要编号 / 期号 (〔2021〕53号, 第15期) when the document prints one.
    number: str | None = None
    #: Flat map path → (start, end) into the normalized source text; empty when unknown.
    spans: Mapping[str, Span] = field(default_factory=dict, compare=False, hash=False)

    def replace(self, **changes: Any) -> Record:
        return replace(self, **changes)

    # -- JSON out -------------------------------------------------------------------

    def to_json(self, *, spans: bool = False) -> dict[str, Any]:
        """The contract's dict. With ``spans``, add the parallel ``spans`` object."""
        out: dict[str, Any] = {
            "title": self.title,
            "issuer": self.issuer,
            "issued_on": _iso(self.issued_on),
            "number": self.number,
            "meeting": {
                "body": self.meeting.body,
                "kind": self.meeting.kind,
                "session": self.meeting.session,
                "date": _iso(self.meeting.date),
                "time_of_day": self.meeting.time_of_day,
                "chair": self.meeting.chair,
                "chair_post": self.meeting.chair_post,
                "location": self.meeting.location,
            },
            "items": [_item_json(item) for item in self.items],
            "attendance": {role: list(getattr(self.attendance, role)) for role in ATTENDANCE_ROLES},
            "distribution": list(self.distribution),
            "warnings": list(self.warnings),
        }
        if spans:
            out["spans"] = nest_spans(self.spans, self)
        return out

    def dumps(self, *, spans: bool = False, indent: int | None = 2) -> str:
        return json.dumps(self.to_json(spans=spans), ensure_ascii=False, indent=indent)

    # -- JSON in --------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: object) -> Record:
        """Build a record from the contract's dict; RecordError names the bad field."""
        obj = _mapping(data, "record")
        meeting = _mapping(obj.get("meeting") or {}, "meeting")
        attendance = _mapping(obj.get("attendance") or {}, "attendance")
        items_raw = obj.get("items") or []
        if not isinstance(items_raw, list):
            raise RecordError("items: 应为列表")
        spans_raw = obj.get("spans")
        return cls(
            title=_opt_str(obj.get("title"), "title"),
            issuer=_opt_str(obj.get("issuer"), "issuer"),
            issued_on=_opt_date(obj.get("issued_on"), "issued_on"),
            number=_opt_str(obj.get("number"), "number"),
            meeting=Meeting(
                body=_opt_str(meeting.get("body"), "meeting.body"),
                kind=_opt_str(meeting.get("kind"), "meeting.kind"),
                session=_opt_int(meeting.get("session"), "meeting.session"),
                date=_opt_date(meeting.get("date"), "meeting.date"),
                time_of_day=_opt_str(meeting.get("time_of_day"), "meeting.time_of_day"),
                chair=_opt_str(meeting.get("chair"), "meeting.chair"),
                # Optional: records written before the key existed load without it.
                chair_post=_opt_str(meeting.get("chair_post"), "meeting.chair_post"),
                location=_opt_str(meeting.get("location"), "meeting.location"),
            ),
            items=tuple(_item_from(raw, i) for i, raw in enumerate(items_raw)),
            attendance=Attendance(
                **{
                    role: _str_list(attendance.get(role), f"attendance.{role}")
                    for role in ATTENDANCE_ROLES
                }
            ),
            distribution=_str_list(obj.get("distribution"), "distribution"),
            warnings=_str_list(obj.get("warnings"), "warnings"),
            spans=flatten_spans(spans_raw) if spans_raw is not None else {},
        )

    @classmethod
    def loads(cls, text: str, *, name: str = "record") -> Record:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(
                f"{name}: 不是 JSON（第 {exc.lineno} 行第 {exc.colno} 列有误）"
            ) from None
        return cls.from_json(data)


# -- helpers: output ----------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "heading": item.heading,
        "action": item.action,
        "submitters": list(item.submitters),
        "documents": list(item.documents),
        "document_stages": list(item.document_stages),
        "decision": item.decision,
        "follow_up": item.follow_up,
        "requirements": list(item.requirements),
        "text": item.text,
    }


_PATH_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def _path_parts(path: str) -> Iterator[tuple[str, int | None]]:
    for part in path.split("."):
        m = _PATH_PART.fullmatch(part)
        if m is None:
            raise RecordError(f"spans: 路径 {path!r} 有误")
        yield m.group(1), (int(m.group(2)) if m.group(2) is not None else None)


def nest_spans(flat: Mapping[str, Span], record: Record) -> dict[str, Any]:
    """Turn ``{"items[2].documents[0]": (s, e)}`` into the contract's parallel object.

    Lists are padded with ``null`` to the length of the value they mirror, so that
    ``spans.items[i]`` always lines up with ``items[i]``.
    """
    out: dict[str, Any] = {}
    for path, (start, end) in sorted(flat.items()):
        node: Any = out
        parts = list(_path_parts(path))
        for depth, (key, index) in enumerate(parts):
            last = depth == len(parts) - 1
            if index is None:
                if last:
                    if isinstance(node.get(key), dict):
                        node[key]["_"] = [start, end]
                    else:
                        node[key] = [start, end]
                else:
                    node = node.setdefault(key, {})
                continue
            seq = node.setdefault(key, [])
            while len(seq) <= index:
                seq.append(None)
            if last:
                seq[index] = [start, end]
            else:
                if not isinstance(seq[index], dict):
                    whole = seq[index]
                    seq[index] = {} if whole is None else {"_": whole}
                node = seq[index]
    items = out.get("items")
    if isinstance(items, list):
        while len(items) < len(record.items):
            items.append(None)
    return out


def flatten_spans(nested: object, prefix: str = "") -> dict[str, Span]:
    """The inverse of :func:`nest_spans` (``_`` keys hold a whole object's span)."""
    flat: dict[str, Span] = {}
    if nested is None:
        return flat
    if isinstance(nested, dict):
        for key, value in nested.items():
            if key == "_":
                flat[prefix] = _span(value, prefix)
            else:
                flat.update(flatten_spans(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(nested, list):
        if len(nested) == 2 and all(isinstance(v, int) for v in nested):
            flat[prefix] = _span(nested, prefix)
            return flat
        for i, value in enumerate(nested):
            flat.update(flatten_spans(value, f"{prefix}[{i}]"))
        return flat
    raise RecordError(f"spans.{prefix}: 应为 [start, end]、对象或列表")


def _span(value: object, path: str) -> Span:
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] <= value[1]
    ):
        return (value[0], value[1])
    raise RecordError(f"spans.{path}: 应为 [start, end]，且 0 <= start <= end")


# -- helpers: input validation --------------------------------------------------------


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RecordError(f"{name}: 应为对象，实为 {type(value).__name__}")
    return value


def _opt_str(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{name}: 应为字符串或 null，实为 {type(value).__name__}")
    return value


def _opt_int(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RecordError(f"{name}: 应为整数或 null，实为 {value!r}")
    return value


def _opt_date(value: object, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise RecordError(f"{name}: 应为 ISO 日期字符串或 null，实为 {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{name}: {value!r} 不是 ISO 日期（YYYY-MM-DD）") from None


def _str_list(value: object, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise RecordError(f"{name}: 应为字符串列表")
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise RecordError(f"{name}[{i}]: 应为字符串，实为 {type(v).__name__}")
    return tuple(value)


def _item_from(raw: object, index: int) -> Item:
    where = f"items[{index}]"
    obj = _mapping(raw, where)
    number = obj.get("number", index + 1)
    if isinstance(number, bool) or not isinstance(number, int):
        raise RecordError(f"{where}.number: 应为整数，实为 {number!r}")
    action = obj.get("action") or "其他"
    if action not in ACTIONS:
        raise RecordError(f"{where}.action: {action!r} 不在可选值之中（{'、'.join(ACTIONS)}）")
    decision = obj.get("decision")
    if decision is not None and decision not in DECISIONS:
        raise RecordError(
            f"{where}.decision: {decision!r} 不在可选值之中（{'、'.join(DECISIONS)}）"
        )
    documents = _str_list(obj.get("documents"), f"{where}.documents")
    stages_raw = obj.get("document_stages")
    if stages_raw is None:
        stages: tuple[str | None, ...] = (None,) * len(documents)
    else:
        if not isinstance(stages_raw, list | tuple):
            raise RecordError(f"{where}.document_stages: 应为列表")
        stages = tuple(
            _opt_str(s, f"{where}.document_stages[{i}]") for i, s in enumerate(stages_raw)
        )
        if len(stages) != len(documents):
            raise RecordError(
                f"{where}.document_stages: 有 {len(stages)} 个阶段，文件却有 {len(documents)} 个"
            )
    return Item(
        number=number,
        heading=_opt_str(obj.get("heading"), f"{where}.heading") or "",
        action=action,
        submitters=_str_list(obj.get("submitters"), f"{where}.submitters"),
        documents=documents,
        document_stages=stages,
        decision=decision,
        follow_up=_opt_str(obj.get("follow_up"), f"{where}.follow_up"),
        requirements=_str_list(obj.get("requirements"), f"{where}.requirements"),
        text=_opt_str(obj.get("text"), f"{where}.text") or "",
    )


def record_fields() -> tuple[str, ...]:
    """Names of the record's top-level fields (for tests that guard the contract)."""
    return tuple(f.name for f in fields(Record))
