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

_NOUN_AFTER_VERB = "|".join(P.ATTENDANCE_NOUNS)
_VERB_RE = re.compile(
    # 出席会议, 应邀列席, 常务列席, 出席会议并讲话强调, 出席区政府全体会议 (A3): the verb ends
    # its clause, or the meeting's name follows it
    # (固定列席单位, 参加人员: the verb inside a noun is no verb; 固定列席单位主要领导参加了会议:
    # the meeting's name holds no second attendance verb)
    rf"(?=[应特邀出参列常])(应邀|特邀|邀请)?(?:常务)?(出席|参加|列席)(?!{_NOUN_AFTER_VERB})(?:了)?"
    rf"(?:(?:(?!出席|参加|列席)[{P.HAN}]){{0,12}}?会议?|本次会议)?(?:并(?:作)?讲话(?:强调|指出)?)?"
    rf"(?=[^{P.HAN}]|$)"
)
_CUE_RE = re.compile("出席|参加|列席")
_BREAK_RE = re.compile(r"[，,、。；;\n]")
_CLAUSE_SEP_RE = re.compile(r"[，,]")
#: A clause that tells what the meeting did, not who attended (…主持召开…会议, 研究…).
_NOT_SUBJECT_RE = re.compile(
    r"主持|召开|举行|会议(?!室)|精神|事宜|研究|学习|审议|听取|传达|部署|[要强]调|指出"
)
#: 等 ending a list (A、B、C等县人民政府常务会议组成人员): the names stand before it.
_ETC_RE = re.compile(rf"等[^、，,{P.PLACEHOLDER}]*$")
_JOIN_RE = re.compile("|".join(P.NAME_JOINERS))
#: A list that goes on after a comma (A、B等县领导，以及X单位负责人): read part by part.
_MORE_RE = re.compile(r"[，,](?=以及|及|和)")
_LIST_LEAD_RE = re.compile(P.ATTENDANCE_LIST_LEAD)
#: 等… closing one part of a subject joined by 以及 (A、B等县领导以及…).
_PART_ETC_RE = re.compile(r"等[^、，,]*[，,]?\s*$")
_LIST_MARK_RE = re.compile(r"[、，,]")


def block_names(source: str, windows: list[tuple[int, int]]) -> list[Found]:
    """Names in the windows of one labelled block (label already cut off)."""
    out: list[Found] = []
    for s, e in windows:
        out.extend(split_names(source[s:e], s))
    return out


def role_of(label: str) -> str | None:
    return P.ATTENDANCE_LABELS.get(label)


def _subject_start(source: str, floor: int, pos: int) -> int:
    """Where the people before an attendance verb at ``pos`` begin: the sentence start or
    ``floor``, moved past the clauses that tell what the meeting did (A1: …主持召开…常务
    会议，副县长A、B出席会议)."""
    s = max(source.rfind(ch, floor, pos) for ch in "。；;\n") + 1
    s = max(s, floor)
    cut = s
    for m in _CLAUSE_SEP_RE.finditer(source, s, pos):
        if _NOT_SUBJECT_RE.search(source, cut, m.start()):
            s = m.end()
        cut = m.end()
    last = source[cut:pos]
    etc = _ETC_RE.search(last)
    if _NOT_SUBJECT_RE.search(last[: etc.start()] if etc else last):
        return pos  # the last clause itself is about the meeting: no people here
    return s


def _names(subject: str, start: int) -> list[Found]:
    """The names of one attendance subject: 等… cut, names joined by 和/及 split; a list
    that goes on after a comma (A、B等县领导，以及X单位负责人) is read part by part."""
    parts = _MORE_RE.split(subject)
    if len(parts) > 1:
        found: list[Found] = []
        at = 0
        for part in parts:
            at = subject.find(part, at)
            found.extend(_names(part, start + at))
            at += len(part)
        return found
    m = _ETC_RE.search(subject)
    if m:
        subject = subject[: m.start()]
    lead = _LIST_LEAD_RE.match(subject)  # 县政府A、B等县领导: the government, then its people
    if lead and lead.end() < len(subject) and subject[lead.end()] not in "、，,":
        subject, start = subject[lead.end() :], start + lead.end()
    out: list[Found] = []
    at = 0
    for j in _JOIN_RE.finditer(subject):
        # a joiner between two names has a name's worth of text on either side up to the
        # list marks (庞志恒和祁海川); 和 inside a name (晋永和、王和平) has not
        before = subject[at : j.start()].rsplit("、", 1)[-1]
        after = _LIST_MARK_RE.split(subject[j.end() :], 1)[0]
        if len(before.strip()) >= 2 and len(after.strip()) >= 2:
            part = subject[at : j.start()]
            etc = _PART_ETC_RE.search(part)
            out.extend(split_names(part[: etc.start()] if etc else part, start + at))
            at = j.end()
    out.extend(split_names(subject[at:], start + at))
    return out


def sentence_attendance(source: str, start: int, end: int) -> dict[str, list[Found]]:
    """Names in report sentences such as ``副县长A、B出席会议`` inside the window: the
    subject runs back from the verb to the sentence start or the previous such verb, past
    the clauses about the meeting itself."""
    out: dict[str, list[Found]] = {role: [] for role in ROLES}
    if _CUE_RE.search(source, start, end) is None:
        return out
    floor = start
    for m in _VERB_RE.finditer(source, start, end):
        s = _subject_start(source, floor, m.start())
        floor = m.end()
        subject = source[s : m.start()]
        if len(subject) < 2:
            continue
        if m.group(1):
            role = "invited"
        else:
            role = P.ATTENDANCE_VERBS[m.group(2)]
            if subject.startswith(("还邀请", "邀请")):
                role = "invited"
                cut = subject.index("邀请") + 2
                subject, s = subject[cut:], s + cut
        out[role].extend(_names(subject, s))
    return out


#: A line that opens with a post (副县长A、B，县政府办公室主任C; 县委常委、常务副县长D).
_POST_LEAD_RE = re.compile(
    rf"(?:[{P.HAN}]{{0,12}}?(?:[县市区州旗省]委|政府|人大|政协)[{P.HAN}]{{0,8}}?)?"
    rf"(?:{'|'.join(sorted(P.POSTS, key=len, reverse=True))})"
)


def trailing_names(source: str, start: int, end: int) -> list[Found]:
    """The names of a report's last line when it only lists people by their posts, with
    no verb (a page cut off before 出席会议, or a closing list of those present)."""
    text = source[start:end]
    if (
        "。" in text
        or len(text) > 200
        or any(ch.isdigit() for ch in text)  # (a contact list: 区长 X 1823…)
        or _POST_LEAD_RE.match(text) is None
    ):
        return []
    if _NOT_SUBJECT_RE.search(text) or _CUE_RE.search(text):
        return []
    return split_names(text, start)


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
