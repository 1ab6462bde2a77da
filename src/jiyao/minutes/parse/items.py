"""Agenda items: the draft every genre fills, and the formal genre's numbered items.

A formal item runs from its top-level heading (一、 or 1.) to the next one; sub-items
（一）（二） stay inside and their documents, submitters and decisions fold into the
parent. The item's fields come from its heading first, then its body: action from the
heading's first verb (关于…问题 without a verb → 研究), submitters from 提交/送审/起草/提出
phrases and from units written before 《 or 关于, documents from deliberated titles,
decision from the first decision phrase, follow-up from the 要求 after it, requirements
from 会议要求/强调 sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse.fields import (
    HAN,
    Document,
    Found,
    action_of,
    documents,
    first_decision,
    last_match,
    org_before,
    orgs,
    submitters_by_verb,
    unique_documents,
)

#: Builds a Found without the named tuple's Python-level ``__new__`` (names, units and
#: requirements are built by the dozen in every document).
_new = tuple.__new__


@dataclass(eq=False)
class Draft:
    """An item being built; ``start``/``end`` bound its whole text."""

    start: int
    end: int
    heading: Found | None = None
    action: str | None = None
    submitters: list[Found] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    decision: Found | None = None
    follow_up: Found | None = None
    requirements: list[Found] = field(default_factory=list)
    topic: str = ""
    #: Report items: the clauses that are this item's text, in order (a summary sentence
    #: or a decision shared by several items is not one contiguous run). Empty: the
    #: text is ``source[start:end]``.
    pieces: list[tuple[int, int]] = field(default_factory=list)
    #: Report items: the sentence the item was first named in (two matters named in one
    #: sentence are never the same item), and whether that was the opening summary.
    sentence: int = -1
    summary: bool = False
    #: A summary item that a later sentence named again (its detail).
    confirmed: bool = False

    def add_piece(self, start: int, end: int) -> None:
        if (start, end) not in self.pieces:
            self.pieces.append((start, end))
        self.start, self.end = min(self.start, start), max(self.end, end)

    def text(self, source: str) -> str:
        if not self.pieces:
            return source[self.start : self.end].strip()
        parts = [source[s:e].strip().rstrip("，,；;。") for s, e in sorted(self.pieces)]
        return "。".join(p for p in parts if p) + "。"

    def add_submitters(self, found: list[Found]) -> None:
        if not found:
            return  # (most lookups find nothing)
        have = {f.value for f in self.submitters}
        for f in found:
            if f.value not in have:
                self.submitters.append(f)
                have.add(f.value)

    def add_documents(self, docs: list[Document]) -> None:
        self.documents = unique_documents([*self.documents, *docs])


_HEAR_ORG_RE = re.compile(r"听取(?:了)?([^，。；《\n]{2,40}?)(?:提交的|报送的)?关于")
_REPORTED_RE = re.compile(rf"([{HAN}]{{2,40}}?)(?:同志)?汇报了")
_FIRST_ORG_RE = re.compile(rf"[{HAN}]{{1,20}}?(?:{'|'.join(P.ORG_ENDINGS)})")
_FOLLOW_RE = re.compile(r"(?:要求|(?<!申)请(?!示)|责成|由)([^。；\n]{4,120})")
_LEAD_WORD_RE = re.compile(r"^(?:了|会议)")
_PART_RE = re.compile(r"[^；;]+")


def reported_by(source: str, start: int, pos: int) -> list[Found]:
    """The unit of the reporter in ``县商务局局长钱沐阳汇报了`` ending at ``pos``
    (the end of 汇报了), looking back no further than ``start``."""
    m = last_match(_REPORTED_RE, source, start, pos)
    if m is None or m.end() != pos:
        return []
    run = m.group(1)
    cut = max(run.rfind(ch) for ch in "，,。；;：:、）)")
    run_start = m.start(1) + cut + 1
    run = source[run_start : m.end(1)]
    org = _FIRST_ORG_RE.match(run)
    return orgs(org.group(), run_start) if org else []


def fill(source: str, draft: Draft, heading: tuple[int, int] | None) -> Draft:
    """Fill a formal item's fields from its heading (span) and whole text."""
    s, e = draft.start, draft.end
    head_text = source[heading[0] : heading[1]] if heading else ""
    heading_docs = []
    if heading is not None:
        draft.heading = _new(Found, (head_text, heading[0], heading[1]))
        heading_docs = documents(source, heading[0], heading[1], strict=False)
    # the heading's titles are read above (leniently); the body's, strictly
    body_docs = documents(source, heading[1] if heading else s, e)
    if heading_docs or body_docs:  # (one merge: the draft is new)
        draft.add_documents([*heading_docs, *body_docs])
    window = source[s:e]
    draft.add_submitters(submitters_by_verb(source, s, e))
    if "听取" in window:
        for m in _HEAR_ORG_RE.finditer(source, s, e):
            unit = _lead_stripped(m.group(1))
            draft.add_submitters(orgs(unit, m.end(1) - len(unit)))
    for doc in draft.documents:
        draft.add_submitters(org_before(source, doc.start - 1, s))
    at = window.find("汇报了")
    while at >= 0:
        draft.add_submitters(reported_by(source, max(s, s + at - 40), s + at + 3))
        at = window.find("汇报了", at + 3)
    action = action_of(head_text) if head_text else None
    if action is None and "汇报了" in head_text:
        action = "听取汇报"  # 县商务局局长X汇报了…
    if action is None:
        if head_text.startswith("关于") and head_text.rstrip("。；; ").endswith(P.REPORT_NOUNS):
            action = "听取汇报"  # an agenda entry 关于…的汇报 names a report heard (H4)
        elif head_text.startswith("关于"):
            action = "研究"
        elif "其他" in head_text or "其它" in head_text:
            action = "其他"
        else:
            action = action_of(window) or ("审议" if draft.documents else "其他")
    draft.action = action
    decision = first_decision(source, s, e)
    if decision is not None:
        draft.decision = decision
        follow_up(source, draft, decision.end, e)
    if "要求" in window or "强调" in window:
        requirements(source, draft, s, e)
    return draft


def _lead_stripped(text: str) -> str:
    return _LEAD_WORD_RE.sub("", text)


def follow_up(source: str, draft: Draft, pos: int, end: int | None = None) -> None:
    """What the decision asks next: the 要求/请/由 clause after it, in its sentence.

    The sentence ends at 。 or at the end of its line (a heading that carries its decision
    has no 。, and the next line may be another item's), and never past ``end``."""
    limit = len(source) if end is None else end
    stop = min(_find_or(source, "。", pos, limit), _find_or(source, "\n", pos, limit))
    m = _FOLLOW_RE.search(source, pos, stop)
    if m:
        draft.follow_up = _new(Found, (m.group(1).strip("，, "), m.start(1), m.end(1)))


def requirements(source: str, draft: Draft, start: int, end: int) -> None:
    for r_start, text in _requirement_runs(source, start, end):
        if ";" not in text:
            if "；" not in text:
                # one requirement, the common case (what the split below would give)
                value = text.strip()
                if len(value) >= 4:
                    draft.requirements.append(_new(Found, (value, r_start, r_start + len(text))))
                continue
            # the runs between full-width semicolons, as _PART_RE finds them (the empty
            # pieces split leaves between two semicolons are too short to count)
            at = r_start
            for piece in text.split("；"):
                value = piece.strip()
                if len(value) >= 4:
                    draft.requirements.append(_new(Found, (value, at, at + len(piece))))
                at += len(piece) + 1
            continue
        for part in _PART_RE.finditer(text):
            value = part.group().strip()
            if len(value) >= 4:
                draft.requirements.append(
                    _new(Found, (value, r_start + part.start(), r_start + part.end()))
                )


#: A requirement cue: 要求 or 强调 and the mark after it.
_CUE_RE = re.compile(r"(?:要求|强调)[，,：:]")
#: How far into a sentence its 要 may stand for the sentence to continue a 要求 chain
#: (要加强…, 同时要…, 各有关部门要…).
_CHAIN_HEAD = 10
#: Sentence openings that start something new rather than continue the chain.
_CHAIN_BREAKS = ("会议", "据悉", "会上", "会前", "此外")
#: What follows 要求，/强调，: the requirement's sentence, ``[^。\n]{4,400}``, then the 要…
#: sentences that continue it in the same paragraph (会议要求，各地各部门要甲。要乙。要丙。 —
#: domain.md §3.4 "要⟨动词⟩… chains"): each one opens within its first _CHAIN_HEAD
#: characters with 要, and not with a chain break. Every part holds no 。, so the match
#: split on 。 gives the runs.
_RUN_RE = re.compile(
    r"[^。\n]{4,400}"
    rf"(?:。(?!{'|'.join(_CHAIN_BREAKS)})(?=[^。\n]{{0,{_CHAIN_HEAD - 1}}}要)[^。\n]{{4,}})*"
)


def _find_or(source: str, needle: str, start: int, end: int) -> int:
    """``source.find`` within [start, end), or ``end`` when absent."""
    at = source.find(needle, start, end)
    return end if at < 0 else at


def _requirement_runs(source: str, start: int, end: int) -> list[tuple[int, str]]:
    """The runs (start, text) of requirements in the window: after each 要求 or 强调
    followed by ，,：:, the sentence and its 要… chain, from one match of
    :data:`_RUN_RE`. A cue inside a run found already does not count (as ``finditer``)."""
    out: list[tuple[int, str]] = []
    cue = _CUE_RE.search(source, start, end)
    while cue is not None:
        q = cue.end()
        m = _RUN_RE.match(source, q, end)
        if m is None:
            cue = _CUE_RE.search(source, cue.start() + 1, end)
            continue
        for run in m.group().split("。"):
            out.append((q, run))
            q += len(run) + 1
        cue = _CUE_RE.search(source, m.end(), end)
    return out
