"""How one mention's scope splits into matters (website reports, I3/I4): untitled matters
at ；、以及 and a long 和, reports heard at their report nouns, and the unit a matter
starts with."""

from __future__ import annotations

import re

from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse.fields import Found, is_generic, orgs

#: Marks and joiners trimmed from either end of a matter.
PART_TRIM = " 　，,、；;：:。和及与"
_STAGE_PAREN_RE = re.compile(rf"\s*[（(](?:{'|'.join(P.STAGES)})[)）]")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
#: A unit opening a report's topic (县住建局城区排水…, 开江生态环境局近期…): a place or
#: administrative word, then a unit ending, then the topic.
_UNIT_START_RE = re.compile(
    rf"[了完]?\s*([{P.HAN}]{{1,12}}?(?:委员会|管委会|局|委|办|中心|公司|集团|大队))(?!公)(?=[{P.HAN}]{{2}})"
)
_NOT_UNIT_START_RE = re.compile(r"第|次|会议")
#: The tail of a list's last matter (…等议题, 等其他相关事宜).
_LIST_TAIL_RE = re.compile(r"等[^、，,；;]{0,10}$")
_JOINER_RE = re.compile("|".join(re.escape(j) for j in P.MATTER_JOINERS))
_REPORT_JOIN_RE = re.compile(
    rf"(?<=[{''.join(n[-1] for n in P.REPORT_NOUNS)}])\s*(?:{'|'.join(P.REPORT_JOINERS)})\s*(?!关于)"
)
#: A list of reports closed by 等 (A情况、B情况等工作汇报, …等方面的汇报): one report.
_COLLECTIVE_RE = re.compile(r"等[^、，,；;《》等]{0,8}(?:汇报|情况)[\s，,；;。]*$")
_AND_ALSO_RE = re.compile(r"以及")
_COMMA_RE = re.compile(r"[，,]")
_PART_LEAD_RE = re.compile(r"(?:讨论|审议|研究|部署|审定|听取)?了?并?")


def after_stage(src: str, pos: int, end: int) -> int:
    """``pos`` moved past a stage printed after a title (《…》（送审稿）)."""
    m = _STAGE_PAREN_RE.match(src, pos, end)
    return m.end() if m else pos


def _trimmed(src: str, s: int, e: int) -> tuple[int, int]:
    """A matter's span without leading verbs and marks, a trailing 等… and stage."""
    lead = _PART_LEAD_RE.match(src, s, e)
    if lead:
        s = lead.end()
    while s < e and src[s] in PART_TRIM:
        s += 1
    tail = _LIST_TAIL_RE.search(src, s, e)
    if tail:
        e = tail.start()
    stage = _STAGE_PAREN_RE.search(src, s, e)
    if stage and stage.end() == e:
        e = stage.start()
    while e > s and src[e - 1] in PART_TRIM:
        e -= 1
    return s, e


def matter_parts(src: str, s: int, e: int, strict: bool = False) -> list[tuple[int, int]]:
    """The untitled matters of one list (I3): split at ；, and at 、 or 以及 when every
    piece is a matter of its own (six characters or more; 网格化、网格员 is one topic list).
    With ``strict`` (pieces between titles) short or generic pieces are dropped."""
    out: list[tuple[int, int]] = []
    comma = _COMMA_RE.search(src, s, e)
    if comma:
        e = comma.start()  # a list stands in one clause; after the comma come remarks
    at = s
    for m in [*re.finditer(r"[；;]", src[s:e]), None]:
        stop = s + m.start() if m else e
        pieces: list[tuple[int, int]] = []
        p_at = at
        for j in [*_JOINER_RE.finditer(src, at, stop), None]:
            p_end = j.start() if j else stop
            pieces.append(_trimmed(src, p_at, p_end))
            p_at = j.end() if j else stop
        lengths = [len(_HAN_RE.findall(src[a:b])) for a, b in pieces]
        if len(pieces) > 1 and min(lengths) < 6 and not strict:
            pieces = [_trimmed(src, at, stop)]
            lengths = [len(_HAN_RE.findall(src[a:b])) for a, b in pieces]
        for (a, b), n in zip(pieces, lengths, strict=True):
            if n >= (4 if strict else 2) and not is_generic(src[a:b]):
                out.extend(_same_head_parts(src, a, b) if not strict else [(a, b)])
        at = stop + 1
    return out


def _same_head_parts(src: str, s: int, e: int) -> list[tuple[int, int]]:
    """A matter split at 和 when both sides are long and end with the same noun (A改造
    项目和B整治项目: two projects); 保护范围和建设控制地带 stays one matter."""
    at = src.find("和", s, e)
    while at >= 0:
        left, right = src[s:at], src[at + 1 : e]
        if (
            len(_HAN_RE.findall(left)) >= 8
            and len(_HAN_RE.findall(right)) >= 8
            and left[-2:] == right[-2:]
        ):
            return [(s, at), (at + 1, e)]
        at = src.find("和", at + 1, e)
    return [(s, e)]


def report_parts(src: str, s: int, e: int) -> list[tuple[int, int]]:
    """Reports heard under one 听取 (I2, I3): split at ；, and at 和/及/、 after a report
    noun (…的情况和…汇报) unless a 关于 follows (those the 关于 marks split)."""
    out: list[tuple[int, int]] = []
    at = s
    cuts = [m for m in re.finditer(r"[；;]", src[s:e])]
    for m in [*cuts, None]:
        stop = s + m.start() if m else e
        p_at = at
        about = src.find("关于", at, stop) >= 0
        if _COLLECTIVE_RE.search(src, at, stop):
            joins = []  # A情况、B情况等工作汇报: one report of the matters listed
        else:
            joins = [
                j
                for j in _REPORT_JOIN_RE.finditer(src, at, stop)
                if not about or src.startswith("汇报", j.start() - 2)
            ]
            if not about:
                # …情况、B专班工作以及C情况汇报: 以及 joins two reports after any word
                joins = sorted(
                    [
                        *joins,
                        *(
                            j
                            for j in _AND_ALSO_RE.finditer(src, at, stop)
                            if not any(k.start() <= j.start() < k.end() for k in joins)
                        ),
                    ],
                    key=lambda j: j.start(),
                )
        for j in [*joins, None]:
            # (关于A情况和B的汇报 is one report; …的汇报和B情况汇报 are two)
            p_end = j.start() if j else stop
            if len(_HAN_RE.findall(src[p_at:p_end])) >= 2:
                out.append((p_at, p_end))
            p_at = j.end() if j else stop
        at = stop + 1
    return out or [(s, e)]


def unit_before_about(src: str, s: int, e: int) -> list[Found]:
    """The unit written before 关于 at a matter's start (县民政局关于…的意见, I8)."""
    about = src.find("关于", s, e)
    if about < 0:
        return []
    lead = _PART_LEAD_RE.match(src, s, about)
    start = lead.end() if lead else s
    return orgs(src[start:about], start) if about - start >= 2 else []


def unit_at_start(src: str, s: int, e: int) -> list[Found]:
    """The unit a report heard starts with (听取了县住建局城区排水工作情况汇报,
    在听取完X局近期工作情况汇报后): it reported."""
    m = _UNIT_START_RE.match(src, s, e)
    if m is None or _NOT_UNIT_START_RE.search(m.group(1)):
        return []  # (第一次书记办公会… is a meeting, not a unit)
    return orgs(m.group(1), m.start(1))
