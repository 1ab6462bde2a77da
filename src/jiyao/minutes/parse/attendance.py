"""Attendance (出席/请假/应邀/列席) and distribution (分送/抄送).

Formal minutes print labelled blocks (``出    席：包朝阳   陈兴立``, continued on the
next lines) or a table whose rows start with the label (``参  加 县政府办公室 柏  林``);
website reports write sentences (``县领导A、B出席会议。X应邀列席会议。``). Both give names
only: posts stripped, inner spaces removed, units without a person's name left out.
"""

from __future__ import annotations

import re

from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse.fields import Found, split_names

#: Builds a Found without the named tuple's Python-level ``__new__`` (names, units and
#: requirements are built by the dozen in every document).
_new = tuple.__new__

ROLES = ("present", "absent", "invited", "observers")

_VERB_RE = re.compile(
    r"(?=[应特邀出参列])(应邀|特邀|邀请)?(出席|参加|列席)(?:了)?(?:会议|本次会议)?(?:并讲话)?(?=[。；;，,]|$)"
)
_CUE_RE = re.compile("出席|参加|列席")
_BREAK_RE = re.compile(r"[，,、。；;\n]")


def block_names(source: str, windows: list[tuple[int, int]]) -> list[Found]:
    """Names in the windows of one labelled block (label already cut off)."""
    out: list[Found] = []
    for s, e in windows:
        out.extend(split_names(source[s:e], s))
    return out


def role_of(label: str) -> str | None:
    return P.ATTENDANCE_LABELS.get(label)


def sentence_attendance(source: str, start: int, end: int) -> dict[str, list[Found]]:
    """Names in report sentences such as ``副县长A、B出席会议`` inside the window: the
    subject runs back from the verb to the sentence start or the previous such verb."""
    out: dict[str, list[Found]] = {role: [] for role in ROLES}
    if _CUE_RE.search(source, start, end) is None:
        return out
    floor = start
    for m in _VERB_RE.finditer(source, start, end):
        s = max(source.rfind(ch, floor, m.start()) for ch in "。；;\n") + 1
        s = max(s, floor)
        floor = m.end()
        subject = source[s : m.start()]
        if len(subject) < 2 or "主持" in subject or "会议" in subject.replace("会议室", ""):
            continue
        role = "invited" if m.group(1) else ("observers" if m.group(2) == "列席" else "present")
        out[role].extend(split_names(subject, s))
    return out


def distribution(source: str, windows: list[tuple[int, int]]) -> list[Found]:
    """Recipients split on ，、。；and line breaks, as written."""
    out: list[Found] = []
    for s, e in windows:
        at = s
        # (split in C; the empty parts between two marks are skipped like blank ones)
        for part in _BREAK_RE.split(source[s:e]):
            word = part.strip()
            if word and not word.startswith(("（此件", "(此件")) and len(word) <= 40:
                lead = at + part.find(word)
                out.append(_new(Found, (word, lead, lead + len(word))))
            at += len(part) + 1
    return out
