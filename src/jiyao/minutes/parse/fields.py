"""Field extractors shared by both genres: names, units, documents, decisions, actions.

Every extractor reads a window ``text[start:end]`` of the normalized text and returns
values with absolute spans (:class:`Found`), so that callers never recompute offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from jiyao.minutes.parse import phrases as P

#: Builds a Found without the named tuple's Python-level ``__new__`` (names, units and
#: requirements are built by the dozen in every document).
_new = tuple.__new__

HAN = P.HAN


class Found(NamedTuple):
    """A value and where it came from in the normalized text."""

    value: str
    start: int
    end: int


def last_match(pattern: re.Pattern[str], source: str, start: int, end: int) -> re.Match[str] | None:
    """The last non-overlapping match of ``pattern`` in ``source[start:end]``."""
    found = None
    for found in pattern.finditer(source, start, end):  # noqa: B007 - keep the last
        pass
    return found


# -- names ------------------------------------------------------------------------------

_POST_RE = re.compile("|".join(re.escape(p) for p in sorted(P.POSTS, key=len, reverse=True)))
_NAME_RE = re.compile(rf"[{HAN}](?: {{0,3}}[{HAN}]){{1,3}}")
_PAREN_RE = re.compile(r"[（(][^（）()]{0,20}[)）]")
_BAD_NAME = re.compile("|".join(re.escape(w) for w in P.NOT_NAME_PARTS))
_PLACEHOLDERS = frozenset(P.PLACEHOLDER)
_DOTTED_NAME_RE = re.compile(rf"[{HAN}]{{1,8}}[·•][{HAN}]{{1,10}}")


def strip_posts(text: str, start: int) -> tuple[str, int]:
    """Drop everything up to the last post (县委副书记、县长顾明川 → 顾明川); a post after
    the name (吴庆文市长) is dropped too. Returns the rest and its absolute start."""
    last = None
    for m in _POST_RE.finditer(text):
        last = m
    if last is None:
        return text, start
    if last.end() == len(text.rstrip()) and last.start() > 0:
        # name before its post: 吴庆文市长, 何景澄副县长
        head = text[: last.start()]
        if len(head.strip()) >= 3 and head.rstrip().endswith(P.POST_UNIT_ENDINGS):
            return "", start + len(text)  # 宣传部部长: a unit and its post, no name
        prev = None
        for m in _POST_RE.finditer(head):
            prev = m
        if prev is None:
            return head, start
        return head[prev.end() :], start + prev.end()
    return text[last.end() :], start + last.end()


def clean_name(raw: str, start: int) -> Found | None:
    """A person's name from a phrase such as ``县委办副主任潘  伟`` or ``尹  航（出差）``."""
    text, start = strip_posts(raw, start)
    m = _PAREN_RE.search(text)
    if m:
        text = text[: m.start()]
    lead = len(text) - len(text.lstrip(" ：:，,、；;"))
    text = text[lead:].rstrip()
    start += lead
    if text.endswith("同志"):
        text = text[:-2]
    name = text.replace(" ", "")
    if "·" in name or "•" in name:
        # transliterated names keep their middle dot (艾力江·买买提, A5)
        if _DOTTED_NAME_RE.fullmatch(name) is None:
            return None
    elif not 2 <= len(name) <= 4 or not _NAME_RE.fullmatch(text):
        return None
    if _BAD_NAME.search(name) or not _PLACEHOLDERS.isdisjoint(name):
        return None
    return _new(Found, (name, start, start + len(text)))


# Name lists break at enumeration marks, at a post label's colon (副市长：A B) and after a
# post followed by spaces (县人大常委会副主任  丰乐平  县政协副主席  尤嘉言).
_SEP_RE = re.compile(
    r"[、，,；;。：:]|(?=\s)(?<=["
    + "".join(sorted({p[-1] for p in P.POSTS}))
    + "])(?:"
    + "|".join(f"(?<={re.escape(p)})" for p in P.POSTS)
    + r")\s+"
)
_SEP_MARK_RE = re.compile(r"[、，,；;。：:]")
_PLAIN_NAME_RE = re.compile(rf"[{HAN}]{{2,4}}")
# Names of two to four characters, or of two single characters between spaces (干  焊),
# separated by spaces: the common attendance line.
_LISTED = rf"(?:[{HAN}]{{2,4}}|[{HAN}] +[{HAN}])"
_PLAIN_LIST_RE = re.compile(rf" *{_LISTED}(?: +{_LISTED})* *")
# A word, or two single characters between spaces (干  焊 is one name), left to right.
_PAIRED_WORD_RE = re.compile(r"(?<!\S)\S +\S(?!\S)|\S+")


def split_names(text: str, start: int) -> list[Found]:
    """Names in a list: separated by 、，；, or by spaces; a single character between
    spaces belongs with its neighbour (黎  青 is one name; 包朝阳   陈兴立 are two)."""
    out: list[Found] = []
    segments: list[tuple[str, int]] = []
    if _POST_RE.search(text) is None:
        # Without a post the separators are the marks alone (the other separator follows
        # a post), and no segment has a post to strip: a C-level split.
        at = start
        for segment in _SEP_MARK_RE.split(text):
            segments.append((segment, at))
            at += len(segment) + 1
    else:
        pos = 0
        for sep in [*_SEP_RE.finditer(text), None]:
            end = sep.start() if sep else len(text)
            # (what strip_posts leaves holds no post)
            segments.append(strip_posts(text[pos:end], start + pos))
            pos = sep.end() if sep else len(text)
    for segment, seg_start in segments:
        if " " not in segment:
            # one word: a plain name (as the general path below would find it) or not
            if _PLAIN_NAME_RE.fullmatch(segment) and _BAD_NAME.search(segment) is None:
                out.append(_new(Found, (segment, seg_start, seg_start + len(segment))))
                continue
        elif _PLAIN_LIST_RE.fullmatch(segment):
            # The common attendance line: the words below are those _PAIRED_WORD_RE
            # finds (the lone characters come in pairs, paired left to right), each a
            # plain name unless a unit word or a post is in it, or across its spaces
            # (then the general path decides, word by word).
            joined = segment.replace(" ", "")
            if _BAD_NAME.search(joined) is None and _POST_RE.search(joined) is None:
                at = 0
                lone = -1  # where a lone character waiting for its pair stands
                for word in segment.split():
                    at = segment.find(word, at)  # (only spaces before it)
                    if len(word) > 1:
                        out.append(_new(Found, (word, seg_start + at, seg_start + at + len(word))))
                    elif lone < 0:
                        lone = at
                    else:
                        pair = segment[lone] + word
                        out.append(_new(Found, (pair, seg_start + lone, seg_start + at + 1)))
                        lone = -1
                    at += len(word)
                continue
        if "（" in segment or "(" in segment:
            segment = _PAREN_RE.sub(lambda m: " " * len(m.group()), segment)
        words = _PAIRED_WORD_RE.findall(segment)
        at = 0
        for raw in words:
            offset = segment.index(raw, at)
            at = offset + len(raw)
            w_start = seg_start + offset
            word = raw.replace(" ", "") if " " in raw else raw
            if (
                _PLAIN_NAME_RE.fullmatch(word)
                and _BAD_NAME.search(word) is None
                and _POST_RE.search(word) is None
            ):
                out.append(_new(Found, (word, w_start, w_start + len(raw))))
                continue
            found = clean_name(raw, w_start)
            if found is not None and (found.value == word or len(words) == 1):
                out.append(found)
    return out


_CLAUSE_BREAK_RE = re.compile(r"[，,。；;：:\n]")


def clause_tail(source: str, lo: int, pos: int, breaks: re.Pattern[str] = _CLAUSE_BREAK_RE) -> str:
    """The text from the last ``breaks`` character before ``pos`` (not before ``lo``) to
    ``pos`` (searched in the reversed window: one C-level scan)."""
    window = source[lo:pos]
    m = breaks.search(window[::-1])
    return window if m is None else window[len(window) - m.start() :]


# -- units ------------------------------------------------------------------------------

_ORG_END = "|".join(re.escape(e) for e in P.ORG_ENDINGS)
_LEAD_RE = re.compile(
    r"^.*(?:审议并原则同意|审议并原则通过|研究并原则通过|审议|审定|审核|研究(?!室|院|中心)"
    r"|听取|讨论|同意|通过|会议|会上|了|由|对|是|将|请|[（(][^）)]{0,8}[)）]、?)"
)
_SUBMIT_RE = re.compile(rf"(?:{'|'.join(P.SUBMIT_VERBS)})(?=[的了，,《并]|$)")
_UNIT_BREAK_RE = re.compile(r"[，,。；;：:《》“”\n]")
_ORG_WORD_RE = re.compile(rf"[{HAN}（）()]{{1,22}}(?:{_ORG_END})")
_NOT_ORG_RE = re.compile(r"会议|要求|意见|负责|部门$|单位$|^[（(]|^与会$")
_JOINT_LEADS = ("联合", "共同")
_JOINT_TAILS = ("联合", "共同", "分别")
_JOINT_RE = re.compile(rf"^(?:{'|'.join(_JOINT_LEADS)})|(?:{'|'.join(_JOINT_TAILS)})$")
_AND_RE = re.compile(r"[和及与]")
_PERSON_TAIL_RE = re.compile(
    rf"(?:{'|'.join(re.escape(p) for p in sorted(P.POSTS, key=len, reverse=True))})[{HAN}]{{2,4}}(?:同志)?$"
)
#: The last characters of the posts (局长, 主任, 书记 …): a word without any has no post.
_POST_TAIL_CHARS = frozenset(p[-1] for p in P.POSTS)


def _org_word(word: str) -> bool:
    # (a unit name ends with one of the endings: a cheap test before the pattern)
    return (
        word.endswith(P.ORG_ENDINGS)
        and bool(_ORG_WORD_RE.fullmatch(word))
        and _NOT_ORG_RE.search(word) is None
    )


def orgs(text: str, start: int) -> list[Found]:
    """Units in ``县住建局、经发局`` style lists (joint submitters split, as written); a
    name with 和 (县住房和城乡建设局) is split on 和/及/与 only when both halves are units."""
    out: list[Found] = []
    pos = 0
    for part in text.split("、"):
        p_start = start + pos
        pos += len(part) + 1
        word = part.strip()
        if word.startswith(_JOINT_LEADS) or word.endswith(_JOINT_TAILS):
            word = _JOINT_RE.sub("", word)
        if not word:
            continue
        offset = p_start + part.find(word)
        if len(word) > 4 and _POST_TAIL_CHARS.intersection(word) and not _org_word(word):
            # 县水利局局长卓文康同志 (I8): the unit of the person who reported
            person = _PERSON_TAIL_RE.search(word)
            if person and _org_word(word[: person.start()]):
                word = word[: person.start()]
        if _org_word(word):
            out.append(_new(Found, (word, offset, offset + len(word))))
            continue
        pieces = _AND_RE.split(word)
        if len(pieces) > 1 and all(_org_word(w) for w in pieces):
            at = offset
            for w in pieces:
                out.append(_new(Found, (w, at, at + len(w))))
                at += len(w) + 1
            continue
        return []
    return out


def submitters_by_verb(source: str, start: int, end: int) -> list[Found]:
    """Units that 提交/送审/起草/提出 something in the window."""
    out: list[Found] = []
    for m in _SUBMIT_RE.finditer(source, start, end):
        lo = max(start, m.start() - 60)
        run = clause_tail(source, lo, m.start(), _UNIT_BREAK_RE)
        run_start = m.start() - len(run)
        lead = _LEAD_RE.match(run)
        if lead:
            run_start += lead.end()
            run = run[lead.end() :]
        if len(run) >= 2:
            out.extend(orgs(run, run_start))
    return out


def org_before(source: str, pos: int, floor: int) -> list[Found]:
    """Units written right before ``pos`` (研究县国资办《…》, 听取县城投集团关于…)."""
    run = clause_tail(source, max(floor, pos - 40), pos, _UNIT_BREAK_RE)
    run_start = pos - len(run)
    lead = _LEAD_RE.match(run)
    if lead:
        run_start += lead.end()
        run = run[lead.end() :]
    return orgs(run, run_start)


# -- documents --------------------------------------------------------------------------

# Unrolled (no nested quantifier over the same characters): a title may hold one level
# of inner 《》; an unclosed 《 fails in linear time.
DOC_RE = re.compile(r"《([^《》\n]*(?:《[^《》\n]*》[^《》\n]*)*)》")
_STAGE_ALT = "|".join(P.STAGES)
_STAGE_AFTER_RE = re.compile(rf"\s*[（(]({_STAGE_ALT})[)）]")
_STAGE_INSIDE_RE = re.compile(rf"[（(]({_STAGE_ALT})[)）]$")
_CITE_RE = re.compile("|".join(P.CITING_WORDS))
_DELIB_RE = re.compile("|".join(P.DELIBERATING_WORDS))
_MARK_RE = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[)）.．、]?")
_GENERIC_RE = re.compile(rf"(?:该)?(?:{'|'.join(P.GENERIC_TITLES)})")
#: The longest title _GENERIC_RE matches (a cheap test before the pattern).
_GENERIC_LONGEST = 1 + max(len(t) for t in P.GENERIC_TITLES)


_PERIODICAL = ("杂志", "期刊")
#: A title followed, without a break, by the name of another document that it qualifies
#: (《政府工作报告》重点任务分工表, 《条例》实施方案): that other document is the matter.
_NAMES_ANOTHER_RE = re.compile(
    rf"(?!等)[{HAN}]{{2,24}}?(?:{'|'.join(P.QUALIFIED_DOCUMENTS)})(?:[（(][^）)]{{0,6}}[)）])?"
    r"(?=[、，,；;。\s]|$)"
)


class Document(NamedTuple):
    """A deliberated title (brackets removed) with its stage and the title's span."""

    title: str
    stage: str | None
    start: int
    end: int


def documents(source: str, start: int, end: int, *, strict: bool = True) -> list[Document]:
    """Titles of documents before the meeting in the window, with their stages.

    A title counts unless it is a back-reference (该《方案》, a title that only names a kind
    of document) or, with ``strict``, a citation: its clause has a citing word (对照, 按照,
    以下简称 …) or no deliberating verb at all (会议认为，《方案》…)."""
    out: list[Document] = []
    for m in DOC_RE.finditer(source, start, end):
        title = m.group(1).strip()
        if (
            len(title) < 2
            or len(title) > 120
            or (len(title) <= _GENERIC_LONGEST and _GENERIC_RE.fullmatch(title))
        ):
            continue
        prefix = clause_tail(source, max(start, m.start() - 80), m.start())
        if prefix.endswith(("该", "简称", "称")) or source.startswith(_PERIODICAL, m.end()):
            continue  # a back-reference, or a periodical (《求是》杂志)
        if _NAMES_ANOTHER_RE.match(source, m.end(), min(end, m.end() + 30)):
            continue  # 《政府工作报告》任务分工方案: the title names another document
        if strict:
            bare = DOC_RE.sub("", prefix) if "《" in prefix else prefix
            if _DELIB_RE.search(bare) is None:
                if _CITE_RE.search(bare):
                    continue
                # no verb: only a unit (and a numbering mark) may stand before the title
                rest = _MARK_RE.sub("", bare).strip(" 、和及与")
                if rest and not _org_word(rest):
                    continue
        stage = None
        after = _STAGE_AFTER_RE.match(source, m.end())
        if after:
            stage = after.group(1)
        else:
            inside = _STAGE_INSIDE_RE.search(title)
            if inside:
                stage = inside.group(1)
        out.append(_new(Document, (title, stage, m.start() + 1, m.end() - 1)))
    return out


def unique_documents(docs: list[Document]) -> list[Document]:
    seen: dict[str, int] = {}
    out: list[Document] = []
    for doc in docs:
        key = doc.title
        if key in seen:
            i = seen[key]
            if out[i].stage is None and doc.stage is not None:
                out[i] = Document(out[i].title, doc.stage, out[i].start, out[i].end)
            continue
        seen[key] = len(out)
        out.append(doc)
    return out


# -- decisions and actions ------------------------------------------------------------------

_DECISION_WORDS = tuple(sorted(P.DECISION_PHRASES, key=len, reverse=True))
_DECISION_RE = re.compile("|".join(re.escape(p) for p in _DECISION_WORDS))


def has_decision(source: str, start: int, end: int) -> bool:
    """Whether any decision phrase occurs in the window (``decisions`` of every part of
    a window without one is empty: a cheap guard)."""
    return _DECISION_RE.search(source, start, end) is not None


_DEFER_RE = re.compile(r"暂缓(?:审议|研究|实施|执行|讨论|决定|出台|印发|提交|$|[，。；])")


def first_decision(source: str, start: int, end: int) -> Found | None:
    """The first of :func:`iter_decisions` (the scan stops there: an item's decision is
    its first decision phrase)."""
    return next(iter_decisions(source, start, end), None)


def iter_decisions(source: str, start: int, end: int) -> Iterator[Found]:
    """Decision phrases in the window, in order, as the fixed vocabulary, read lazily."""
    for m in _DECISION_RE.finditer(source, start, end):
        phrase = m.group()
        if phrase == "同意":
            before = source[m.start() - 1] if m.start() > 0 else "，"
            if before not in P.DECISION_LEADS and not source.startswith("会议", m.start() - 2):
                continue
        if (
            phrase == "暂缓"
            and source.startswith("暂缓", m.start())
            and not _DEFER_RE.match(source[m.start() : m.start() + 4])
        ):
            continue
        yield _new(Found, (P.DECISION_PHRASES[phrase], m.start(), m.end()))


_ACTION_WORDS = tuple(sorted(P.ACTION_VERBS, key=len, reverse=True))
_ACTION_RE = re.compile("|".join(re.escape(v) for v in _ACTION_WORDS))


_HEARD_RE = re.compile(r"汇报|情况|说明")


def action_of(text: str) -> str | None:
    """The action of the first item verb in ``text`` (None when it has none)."""
    m = _ACTION_RE.search(text)
    if m is None:
        return None
    verb = m.group()
    if verb == "讨论" and "《" not in text[m.end() : m.end() + 40]:
        return "研究"
    if verb == "听取" and not _HEARD_RE.search(text, m.end()):
        return "其他"
    return P.ACTION_VERBS[verb]


_GENERIC_MATTER_RE = re.compile(
    # also when the line goes on after a comma (研究了其他事项，推动各项工作落实, I5)
    rf"[^，。；]{{0,8}}?(?:{'|'.join(P.GENERIC_MATTERS)})(?:[，,][^。；;]*)?[。；，,;]?"
)


_GENERIC_BARE_RE = re.compile(
    rf"[{P.GENERIC_BARE_LEAD}]{{0,4}}?(?:{'|'.join(P.GENERIC_BARE)})(?:[，,][^。；;]*)?[。；，,;]?"
)


def is_generic(text: str) -> bool:
    """A matter that is no item: 其他事项, 有关工作汇报, 研究部署下一阶段重点工作 …"""
    text = text.strip()
    return (
        _GENERIC_MATTER_RE.fullmatch(text) is not None
        or _GENERIC_BARE_RE.fullmatch(text) is not None
    )
