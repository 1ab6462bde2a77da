"""Task proposals from a decision: who leads, who helps, what must be done, by when.

:func:`propose` reads one agenda item (:class:`~jiyao.minutes.record.Item`) and proposes
the tasks (督办事项) a supervisor would register from it; :func:`propose_record` does it
for every item of a record. They are proposals: a person confirms, edits or drops each.

Rules, in the words of domain.md §1.20 and §3.4:

* A sentence (up to 。；！？ or a line end) that names a lead unit — 由X牵头 / 由X负责 /
  X牵头 / X负责 / 责成X / 由X会同Y / X要… (a named unit, not 各地各部门) — is one task.
  Its co-units are the units of 配合 / 协助 / 参与 / 会同 / 协同 in the same sentence.
* The item's follow-up (会后修改完善后印发实施 …), when no task sentence already covers
  it, is one task led by the submitting department (``lead_source == "submitter"``),
  or by nobody (``"none"``) when the item names no submitter.
* A convey item (传达学习) whose requirements address 各地各部门 (or 各有关部门 …) is
  one ``notice`` when ``convey_tracked`` is true, else nothing.
* Anything else (a report heard without a decision or a named unit) gives nothing.
* The deadline is the first deadline phrase of the task's sentence (see
  :mod:`.deadlines`); none is invented: without one, ``deadline`` is None and
  ``notes`` says 未写明期限.

All spans of a :class:`Proposal` index the item's text (``item.text``). When the record
carries the item's span in the document (``record.spans["items[i]"]``),
:func:`document_offset` gives the shift and :meth:`Proposal.shifted` applies it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jiyao.minutes.followup.deadlines import Deadline, find_deadlines
from jiyao.minutes.followup.workdays import NO_HOLIDAYS
from jiyao.minutes.orgs import canonical
from jiyao.minutes.parse.fields import Found, orgs
from jiyao.minutes.parse.phrases import HAN
from jiyao.minutes.record import Item, Record

KINDS: tuple[str, ...] = ("task", "notice")
LEAD_SOURCES: tuple[str, ...] = ("text", "submitter", "none")

NOTE_NO_DEADLINE = "未写明期限"
NOTE_LEAD_FROM_SUBMITTER = "未写明牵头单位，按提交单位拟定"
NOTE_NO_LEAD = "未写明牵头单位"
NOTE_LEAD_FROM_ITEM = "未写明牵头单位，按本议题点名的单位拟定"

Span = tuple[int, int]


@dataclass(frozen=True)
class Proposal:
    """One proposed task (or notice) from an agenda item.

    Spans index the item's text (``item.text``); :meth:`shifted` moves them to document
    offsets. ``lead`` is the unit as written (县发改局); :attr:`lead_full` is its full
    name (县发展和改革局). ``lead_source``: ``text`` (the words name it), ``submitter``
    (taken from ``item.submitters[0]``, then ``lead_span`` points at the submitter in the
    text when it is there), ``none``. ``kind``: ``task``, or ``notice`` for a convey item
    addressed to 各地各部门 (``lead`` is then the addressee as written). ``notes`` are
    Chinese, for the supervisor (未写明期限, 未写明牵头单位 …).
    """

    item_number: int
    lead: str | None
    lead_span: Span | None
    lead_source: str
    co_units: tuple[str, ...]
    co_unit_spans: tuple[Span, ...]
    action: str
    action_span: Span | None
    deadline: Deadline | None
    kind: str = "task"
    notes: tuple[str, ...] = field(default=())

    @property
    def lead_full(self) -> str | None:
        """The lead's full name (县发改局 → 县发展和改革局); None without a lead."""
        return canonical(self.lead) if self.lead else None

    @property
    def co_units_full(self) -> tuple[str, ...]:
        return tuple(canonical(u) for u in self.co_units)

    def shifted(self, offset: int) -> Proposal:
        """The same proposal with every span moved by ``offset`` (item → document)."""

        def move(span: Span | None) -> Span | None:
            return None if span is None else (span[0] + offset, span[1] + offset)

        return Proposal(
            item_number=self.item_number,
            lead=self.lead,
            lead_span=move(self.lead_span),
            lead_source=self.lead_source,
            co_units=self.co_units,
            co_unit_spans=tuple((s + offset, e + offset) for s, e in self.co_unit_spans),
            action=self.action,
            action_span=move(self.action_span),
            deadline=self.deadline.shifted(offset) if self.deadline else None,
            kind=self.kind,
            notes=self.notes,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "item_number": self.item_number,
            "kind": self.kind,
            "lead": self.lead,
            "lead_full": self.lead_full,
            "lead_span": list(self.lead_span) if self.lead_span else None,
            "lead_source": self.lead_source,
            "co_units": list(self.co_units),
            "co_unit_spans": [list(s) for s in self.co_unit_spans],
            "action": self.action,
            "action_span": list(self.action_span) if self.action_span else None,
            "deadline": self.deadline.to_json() if self.deadline else None,
            "notes": list(self.notes),
        }


# -- sentences and units ------------------------------------------------------------------

_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+")
#: Words that end a unit name when reading forwards (责成X根据…, 会同X修改…).
_AFTER_UNIT_RE = re.compile(
    r"根据|按照|依照|结合|针对|要|须|必须|务必|应|于|在|抓紧|尽快|尽早|立即|做好|进一步|对|将|就|把"
    r"|并|切实|认真|加快|组织|制定|制订|完善|修改|研究|起草|编制|牵头|负责|配合|会同|协助|协同"
    r"|参与|落实|开展|推进|加强|统筹|提出|拿出|形成|完成|督促|指导|协调|及时|继续|确保|积极|全力"
    r"|共同|联合|具体|履行|按程序|报|提交|做|抓|限期|办理|整改|等"
)
#: Words before a unit name when reading backwards (会议要求县财政局牵头 …).
_BEFORE_UNIT_RE = re.compile(
    r"会议|要求|明确|决定|议定|同意|强调|指出|由|请|并|责成|指定|确定|安排|其中"
)
#: Adverbs between a unit and its cue word (县审计局积极配合).
_ADVERB_TAIL_RE = re.compile(r"(?:积极|全力|密切|主动|共同|具体|要|做好|负责|予以)+$")
_GENERIC_TAIL_RE = re.compile(r"等(?:有关|相关|其他)?(?:部门|单位)?$")
_LEAD_CUE_RE = re.compile(r"牵头|负责(?!人|同志)|(?<![要须])(?:要|须|必须|务必)(?=[^求])")
_CO_CUE_RE = re.compile(r"配合|协助|参与")
_FORWARD_CO_RE = re.compile(r"会同|协同")
#: Openings dropped from an action: 会议要求， / 包朝阳强调： (news style names the chair).
_PREFIX_RE = re.compile(rf"(?:会议|[{HAN}]{{2,4}}?)?(?:要求|强调|决定|明确|议定|指出|认为)[，,：:]")
_ADDRESSEE_RE = re.compile(
    r"各地各部门|各乡镇（街道）、各部门|各乡镇（街道）和各部门|各乡镇、各部门|各有关部门|各部门|各地"
)


def sentences(text: str) -> Iterator[Span]:
    """Spans of the sentences of ``text`` (split at 。；！？ and line ends, trimmed)."""
    for m in _SENTENCE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _units(text: str, start: int, end: int) -> list[Found]:
    """The named units in ``text[start:end]`` (a 、/和 list; 等有关部门 dropped); [] when
    the run is not a unit list."""
    run = text[start:end]
    run = _GENERIC_TAIL_RE.sub("", run)
    run = _ADVERB_TAIL_RE.sub("", run)
    if not run or run.startswith(("各", "有关", "相关")):
        return []
    return [f for f in orgs(run, start) if not f.value.startswith(("各", "有关", "相关"))]


def _units_before(text: str, lo: int, pos: int) -> list[Found]:
    """Units written right before ``pos`` in the clause that ends there."""
    floor = max(lo, text.rfind("，", lo, pos) + 1, text.rfind(",", lo, pos) + 1)
    run_start = floor
    for m in _BEFORE_UNIT_RE.finditer(text, floor, pos):
        run_start = m.end()
    return _units(text, run_start, pos)


def _units_after(text: str, pos: int, hi: int) -> list[Found]:
    """Units written right after ``pos`` (责成X…, 会同X…), up to the first verb."""
    stop = hi
    for ch in "，,：:":
        at = text.find(ch, pos, stop)
        if at != -1:
            stop = at
    m = _AFTER_UNIT_RE.search(text, pos, stop)
    end = m.start() if m else stop
    found = _units(text, pos, end)
    if found or m is None:
        return found
    # A unit whose name holds a cue word (县委办公室 …): try the next cue.
    for m2 in _AFTER_UNIT_RE.finditer(text, m.end(), stop):
        found = _units(text, pos, m2.start())
        if found:
            return found
    return []


@dataclass
class _Sentence:
    span: Span
    lead: Found | None = None
    co: list[Found] = field(default_factory=list)


def _read_sentence(text: str, s: int, e: int) -> _Sentence:
    out = _Sentence((s, e))
    leads: list[Found] = []
    for m in re.finditer("由|责成", text[s:e]):
        pos = s + m.end()
        found = _units_after(text, pos, e)
        if found:
            leads.append(found[0])
            # 由X、Y牵头: joint leads; the first leads, the others help.
            out.co.extend(found[1:])
    for m in _LEAD_CUE_RE.finditer(text, s, e):
        found = _units_before(text, s, m.start())
        if found:
            leads.append(found[0])
            out.co.extend(found[1:])
    for m in _CO_CUE_RE.finditer(text, s, e):
        out.co.extend(_units_before(text, s, m.start()))
    for m in _FORWARD_CO_RE.finditer(text, s, e):
        out.co.extend(_units_after(text, m.end(), e))
    if leads:
        out.lead = min(leads, key=lambda f: f.start)
    seen: set[str] = set() if out.lead is None else {out.lead.value}
    co: list[Found] = []
    for f in sorted(out.co, key=lambda f: f.start):
        if f.value not in seen:
            seen.add(f.value)
            co.append(f)
    out.co = co
    return out


def _action_span(text: str, span: Span) -> Span:
    s, e = span
    m = _PREFIX_RE.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    return s, e


def _deadline(
    text: str,
    span: Span,
    meeting_date: dt.date | None,
    next_meeting: dt.date | None,
    holidays: frozenset[dt.date],
) -> Deadline | None:
    s, e = span
    window = text[s:e]
    found = find_deadlines(
        window, meeting_date or dt.date(2000, 1, 1), next_meeting=next_meeting, holidays=holidays
    )
    if not found:
        return None
    first = found[0].shifted(s)
    if meeting_date is None and first.date is not None:
        return Deadline(None, first.phrase, first.span, "unresolved", "会议日期不详，无法推算")
    return first


def _notes(lead_source: str, deadline: Deadline | None) -> tuple[str, ...]:
    notes: list[str] = []
    if lead_source == "submitter":
        notes.append(NOTE_LEAD_FROM_SUBMITTER)
    elif lead_source == "none":
        notes.append(NOTE_NO_LEAD)
    if deadline is None:
        notes.append(NOTE_NO_DEADLINE)
    elif deadline.note:
        notes.append(deadline.note)
    return tuple(notes)


# -- the public functions -----------------------------------------------------------------


def propose(
    item: Item,
    meeting_date: dt.date | None,
    *,
    convey_tracked: bool = False,
    next_meeting: dt.date | None = None,
    holidays: frozenset[dt.date] = NO_HOLIDAYS,
) -> list[Proposal]:
    """The tasks (and notices) proposed from one item; spans index ``item.text``.

    ``meeting_date`` resolves the deadlines; without it a dated phrase is kept as
    ``unresolved``. ``convey_tracked`` makes a convey item addressed to 各地各部门 a
    ``notice``.
    """
    text = item.text
    if item.action == "传达学习":
        return _notice(item, meeting_date, next_meeting, holidays) if convey_tracked else []
    out: list[Proposal] = []
    follow_at = text.find(item.follow_up) if item.follow_up else -1
    follow_span = (follow_at, follow_at + len(item.follow_up or "")) if follow_at >= 0 else None
    follow_sentence: _Sentence | None = None
    covered = False
    for s, e in sentences(text):
        read = _read_sentence(text, s, e)
        holds_follow = follow_span is not None and s <= follow_span[0] < e
        if holds_follow:
            follow_sentence = read
        if read.lead is None:
            continue
        if holds_follow:
            covered = True
        span = _action_span(text, (s, e))
        deadline = _deadline(text, (s, e), meeting_date, next_meeting, holidays)
        out.append(
            Proposal(
                item_number=item.number,
                lead=read.lead.value,
                lead_span=(read.lead.start, read.lead.end),
                lead_source="text",
                co_units=tuple(f.value for f in read.co),
                co_unit_spans=tuple((f.start, f.end) for f in read.co),
                action=text[span[0] : span[1]],
                action_span=span,
                deadline=deadline,
                notes=_notes("text", deadline),
            )
        )
    if item.follow_up and not covered:
        named = out[0].lead_span if out else None
        out.append(
            _follow_up_task(
                item, follow_span, follow_sentence, named, meeting_date, next_meeting, holidays
            )
        )
    return out


def _follow_up_task(
    item: Item,
    follow_span: Span | None,
    sentence: _Sentence | None,
    named: Span | None,
    meeting_date: dt.date | None,
    next_meeting: dt.date | None,
    holidays: frozenset[dt.date],
) -> Proposal:
    """The task of an item's follow-up. Its lead, by preference: the unit the follow-up
    opens with (县X局进一步调研论证后…), the submitter, the first unit a task sentence
    of the item names (``named``), nobody."""
    text = item.text
    lead: str | None = None
    lead_span: Span | None = None
    source = "none"
    notes: tuple[str, ...] = ()
    opening = _units_after(text, follow_span[0], follow_span[1]) if follow_span else []
    if opening and follow_span and opening[0].start == follow_span[0]:
        lead, lead_span, source = opening[0].value, (opening[0].start, opening[0].end), "text"
    elif item.submitters:
        lead, source = item.submitters[0], "submitter"
        at = text.find(lead)
        lead_span = (at, at + len(lead)) if at >= 0 else None
    elif named is not None:
        lead, lead_span, source = text[named[0] : named[1]], named, "text"
        notes = (NOTE_LEAD_FROM_ITEM,)
    co = sentence.co if sentence else []
    window = sentence.span if sentence else follow_span
    deadline = _deadline(text, window, meeting_date, next_meeting, holidays) if window else None
    return Proposal(
        item_number=item.number,
        lead=lead,
        lead_span=lead_span,
        lead_source=source,
        co_units=tuple(f.value for f in co if f.value != lead),
        co_unit_spans=tuple((f.start, f.end) for f in co if f.value != lead),
        action=item.follow_up or "",
        action_span=follow_span,
        deadline=deadline,
        notes=notes + _notes(source, deadline),
    )


def _notice(
    item: Item,
    meeting_date: dt.date | None,
    next_meeting: dt.date | None,
    holidays: frozenset[dt.date],
) -> list[Proposal]:
    text = item.text
    for s, e in sentences(text):
        m = _ADDRESSEE_RE.search(text, s, e)
        if m is None:
            continue
        span = (m.start(), e)
        deadline = _deadline(text, span, meeting_date, next_meeting, holidays)
        return [
            Proposal(
                item_number=item.number,
                lead=m.group(0),
                lead_span=(m.start(), m.end()),
                lead_source="text",
                co_units=(),
                co_unit_spans=(),
                action=text[span[0] : span[1]],
                action_span=span,
                deadline=deadline,
                kind="notice",
                notes=_notes("text", deadline),
            )
        ]
    return []


def propose_record(
    record: Record,
    *,
    convey_tracked: bool = False,
    next_meeting: dt.date | None = None,
    holidays: frozenset[dt.date] = NO_HOLIDAYS,
) -> list[Proposal]:
    """:func:`propose` over every item of ``record`` (meeting date from the record).

    Spans index each item's own text; see :func:`document_offset` for document offsets.
    """
    out: list[Proposal] = []
    for item in record.items:
        out.extend(
            propose(
                item,
                record.meeting.date,
                convey_tracked=convey_tracked,
                next_meeting=next_meeting,
                holidays=holidays,
            )
        )
    return out


def document_offset(record: Record, item_index: int) -> int | None:
    """Where ``record.items[item_index].text`` starts in the parsed document, when the
    record carries spans (``jiyao parse --spans``); None otherwise. Add it with
    :meth:`Proposal.shifted` to turn item offsets into document offsets."""
    span = record.spans.get(f"items[{item_index}]")
    return span[0] if span is not None else None
