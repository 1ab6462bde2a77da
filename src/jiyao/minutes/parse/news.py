"""Items of reports without numbered headings (website reports, live blogs, e-papers).

Each sentence is scanned for item verbs at the start of a clause (会议审议了…,
，听取…); the text from one verb to the next is that verb's *mention*. A mention gives
one item per document deliberated (审议了《A》《B》 → two), one per report heard
(听取了X关于A、关于B的汇报；Y关于C的汇报 → three), one for a 传达学习 or an untitled
研究. Mentions of a matter already seen — the summary sentence and the detail paragraph
describing the same matters — merge into the earlier item (same document, or the same
unit and topic). Decision phrases then go to the items their clause names (by title, by
以上/上述, by topic), else to the item last mentioned.
"""

from __future__ import annotations

import re

from jiyao.minutes.parse.fields import (
    DOC_RE,
    Found,
    documents,
    first_decision,
    has_decision,
    is_generic,
    org_before,
    orgs,
    submitters_by_verb,
)
from jiyao.minutes.parse.items import Draft, follow_up, reported_by, requirements

_VERB_RE = re.compile(
    # the lookahead rejects most positions on one character before the lookbehinds run
    r"(?=[传集学审研听讨])(?:(?<=会议)|(?<=会议还)|(?<=会上)|(?<=首先)|(?<=随后)|(?<=最后)|(?<=同时)|(?<=还)|(?<=[，,；;、：:。\n])|(?<=会议集体)|(?<=会议以)"
    r"|(?<=[一二三四五六七八九十]是)|^)"
    r"(传达学习|传达|集体学习|学习|审议并原则同意|审议并原则通过|审议通过|审议|审定|研究并原则通过"
    r"|研究|听取|讨论)(?!意见|决定|提出)(?:并通过|了)?",
    re.M,
)
_REPORT_RE = re.compile(r"汇报了")
_SCOPE_CUT_RE = re.compile(r"[，,](?:要求|会议|并要求)|。")
_TOPIC_STOP_RE = re.compile(r"[，,；;。]")
_CLAUSE_RE = re.compile(r"[^；;。]+")
_SENTENCE_RE = re.compile(r"[^。]+。?")
#: The 一是/二是 that opens the next matter, left at the end of a mention's scope.
_ENUM_TAIL_RE = re.compile(r"[：:，,；;]?\s*[一二三四五六七八九十]+是$")
_UNIT_TRIM_RE = re.compile(r"^了|(?:提交|报送|送审|提出)的$")
_FILLER_RE = re.compile(
    r"工作|情况|的|关于|有关|推进|进展|开展|汇报|事项|事宜|问题|全县|今年以来|[《》〈〉<>、，]"
)
_ACTION = {
    "传达学习": "传达学习",
    "传达": "传达学习",
    "集体学习": "传达学习",
    "学习": "传达学习",
    "审议并原则同意": "审议",
    "审议并原则通过": "审议",
    "审议通过": "审议",
    "审议": "审议",
    "审定": "审议",
    "研究并原则通过": "研究",
    "研究": "研究",
    "听取": "听取汇报",
    "讨论": "审议",
}


#: Items beyond this many are not collected (no real agenda is this long; it keeps the
#: pairwise merging of mentions bounded on pathological input). parse() warns.
MAX_ITEMS = 200
#: Topics are compared on their first characters only.
TOPIC_CHARS = 80


def similar(a: str, b: str) -> bool:
    """Two topics name the same matter: a long enough common run once fillers go."""
    a, b = _FILLER_RE.sub("", a), _FILLER_RE.sub("", b)
    if len(a) < 3 or len(b) < 3:
        return False  # no common run of three can exist
    return _common_run(a, b, min(5, len(a), len(b)))


def _common_run(a: str, b: str, size: int) -> bool:
    """Whether ``a`` and ``b`` share a run of ``size`` characters: the longest common
    run (``SequenceMatcher.find_longest_match``) is at least that long, found with
    ``in`` on the runs of ``a`` rather than with difflib's Python-level tables."""
    return any(a[i : i + size] in b for i in range(len(a) - size + 1))


class NewsItems:
    """Collects items from mentions, merging repeated matters."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Draft] = []
        self.last: Draft | None = None
        self.paragraph: list[Draft] = []

    # -- mentions ---------------------------------------------------------------------

    def paragraph_start(self) -> None:
        self.paragraph = []

    def sentence(self, start: int, end: int) -> None:
        if len(self.items) >= MAX_ITEMS:
            return
        src = self.source
        verbs = list(_VERB_RE.finditer(src, start, end))
        for i, m in enumerate(verbs):
            scope_end = verbs[i + 1].start() if i + 1 < len(verbs) else end
            cut = _SCOPE_CUT_RE.search(src, m.end(), scope_end)
            if cut:
                scope_end = cut.start()
            self._mention(_ACTION[m.group(1)], m.start(), m.end(), scope_end)
        for m in _REPORT_RE.finditer(src, start, end):
            units = reported_by(src, max(start, m.start() - 40), m.end())
            stop = _TOPIC_STOP_RE.search(src, m.end(), end)
            topic_end = stop.start() if stop else end
            if units:
                self._merge(
                    Draft(
                        units[0].start,
                        topic_end,
                        action="听取汇报",
                        submitters=units,
                        topic=src[m.end() : topic_end],
                    )
                )
        self._decisions(start, end)
        if not verbs and self.last is not None:
            before = len(self.last.requirements)
            requirements(src, self.last, start, end)
            if len(self.last.requirements) > before:
                self.last.add_piece(start, end)

    def _mention(self, action: str, v_start: int, s: int, e: int) -> None:
        src = self.source
        scope = src[s:e]
        tail = _ENUM_TAIL_RE.search(scope[-12:])
        if tail:
            scope = (
                scope[: len(scope) - 12 + tail.start()]
                if len(scope) > 12
                else scope[: tail.start()]
            )
        if scope.startswith(("部署", "安排")):
            return  # 研究部署…工作: the meeting's purpose, not a matter before it
        docs = documents(src, s, e, strict=False)
        if action == "传达学习":
            if not is_generic(scope) or docs:
                self._merge(Draft(v_start, e, action=action, documents=docs, topic=scope))
            return
        if docs:
            current: list[Found] = []
            prev = s
            for doc in docs:
                gap = src[prev : doc.start - 1]
                found = submitters_by_verb(src, prev, doc.start)
                if found:
                    current = found
                elif gap.strip("、和及与，, （）()") and not DOC_RE.search(gap):
                    current = org_before(src, doc.start - 1, prev) or current
                elif prev == s:
                    current = org_before(src, doc.start - 1, prev)
                prev = doc.end + 1
                draft = Draft(
                    v_start,
                    e,
                    action=action,
                    submitters=list(current),
                    documents=[doc],
                    topic=doc.title,
                )
                if len(docs) > 1:
                    # one of several documents under one verb: a heading that says it alone
                    verb = src[v_start:s].removesuffix("了")
                    names = "、".join(f.value for f in current)
                    stage = f"（{doc.stage}）" if doc.stage else ""
                    given = f"{names}提交的" if names else ""
                    draft.heading = Found(
                        f"{verb}{given}《{doc.title}》{stage}", doc.start - 1, doc.end + 1
                    )
                    draft.start, draft.end = doc.start - 1, doc.end + 1
                self._merge(draft)
            return
        if is_generic(scope) or len(scope.strip()) < 2:
            return
        if action == "听取汇报":
            self._reports(v_start, s, e)
            return
        units = submitters_by_verb(src, s, e)
        self._merge(Draft(v_start, e, action=action, submitters=units, topic=scope))

    def _reports(self, v_start: int, s: int, e: int) -> None:
        src = self.source
        marks = _marks(src, s, e)
        if not marks:
            self._merge(Draft(v_start, e, action="听取汇报", topic=src[s:e]))
            return
        current: list[Found] = []
        prev = s
        for i, rel in enumerate(marks[:MAX_ITEMS]):
            pos = s + rel
            lead = src[prev:pos]
            found = []
            for breaks in ("，,；;", "，,；;、"):
                cut = max(lead.rfind(ch) for ch in breaks)
                unit_text = _UNIT_TRIM_RE.sub("", lead[cut + 1 :])
                found = orgs(unit_text, prev + cut + 1 + lead[cut + 1 :].find(unit_text))
                if found:
                    break
            if found:
                current = found
            nxt = s + marks[i + 1] if i + 1 < len(marks) else e
            stop = src.find("；", pos, nxt)
            if stop < 0:
                stop = src.find(";", pos, nxt)
            topic_end = stop if stop >= 0 else nxt
            while topic_end > pos and src[topic_end - 1] in "、，,":
                topic_end -= 1
            topic = src[pos:topic_end]
            prev = pos + 2
            draft = Draft(pos, topic_end, action="听取汇报", submitters=list(current), topic=topic)
            if len(marks) == 1:
                draft.start = v_start  # 听取了X关于…的汇报: the clause is the heading
            else:
                # one of several reports under one verb: a heading that says it alone
                ending = "" if topic.endswith("汇报") else "的汇报"
                units = "、".join(f.value for f in current)
                draft.heading = Found(f"听取{units}{topic}{ending}", pos, topic_end)
            self._merge(draft)

    def _merge(self, new: Draft) -> None:
        if len(self.items) >= MAX_ITEMS:
            return
        new.topic = new.topic[:TOPIC_CHARS]
        for item in self.items:
            same = False
            titles = {d.title for d in item.documents}
            if new.documents:
                same = any(d.title in titles for d in new.documents)
            elif not item.documents or item.action == new.action:
                units_ok = (
                    not new.submitters
                    or not item.submitters
                    or {f.value for f in new.submitters} & {f.value for f in item.submitters}
                )
                same = (
                    bool(units_ok) and item.action == new.action and similar(item.topic, new.topic)
                )
            if same:
                item.add_submitters(new.submitters)
                item.add_documents(new.documents)
                heading = new.heading or self._heading(new)
                piece = (new.start, new.end) if new.heading else (heading.start, heading.end)
                if new.start >= item.end:
                    # a detail paragraph after a summary: it is the item's own text
                    item.heading = heading
                    item.pieces = []
                    item.start, item.end = piece
                item.add_piece(*piece)
                self._touch(item)
                return
        if len(self.items) < MAX_ITEMS:
            if new.heading is None:
                new.heading = self._heading(new)
                new.start, new.end = new.heading.start, new.heading.end
            new.add_piece(new.start, new.end)
            self.items.append(new)
            self._touch(new)

    def _heading(self, new: Draft) -> Found:
        """The clause introducing a mention: from its verb (with a leading 会议) to its end."""
        s, e = new.start, new.end
        if s >= 2 and self.source.startswith("会议", s - 2):  # (s - 2 < 0 counts from the end)
            s -= 2
        text = self.source[s:e]
        tail = _ENUM_TAIL_RE.search(text[-12:])
        if tail:
            text = text[: len(text) - len(text[-12:]) + tail.start()]
        text = text.rstrip("，,；;。 \n")
        return Found(text, s, s + len(text))

    def _touch(self, item: Draft) -> None:
        self.last = item
        if item not in self.paragraph:
            self.paragraph.append(item)

    # -- decisions ----------------------------------------------------------------------

    def _decisions(self, start: int, end: int) -> None:
        src = self.source
        if not has_decision(src, start, end):
            return
        for clause in _CLAUSE_RE.finditer(src[start:end]):
            c_start, c_end = start + clause.start(), start + clause.end()
            decision = first_decision(src, c_start, c_end)
            if decision is None:
                continue
            text = clause.group()
            docs = [d for d in documents(src, c_start, c_end, strict=False)]
            targets: list[Draft] = []
            if docs:
                for doc in docs:
                    match = next(
                        (it for it in self.items if doc.title in {d.title for d in it.documents}),
                        None,
                    )
                    if match is None and len(self.items) < MAX_ITEMS:
                        match = Draft(
                            c_start, c_end, action="审议", documents=[doc], topic=doc.title
                        )
                        match.heading = Found(clause.group().strip(), c_start, c_end)
                        match.add_piece(c_start, c_end)
                        self.items.append(match)
                    if match is not None:
                        targets.append(match)
            elif "以上" in text or "上述" in text:
                targets = [it for it in self.paragraph if it.documents or "文件" not in text]
            else:
                near = text[: TOPIC_CHARS * 2]
                targets = [it for it in self.items if _long_match(it.topic, near)]
                if not targets and self.last is not None:
                    targets = [self.last]
            for item in targets:
                if item.decision is None:
                    item.decision = decision
                    follow_up(src, item, decision.end)
                # the clause joins the item's text unless it names other items' documents
                if {d.title for d in docs} <= {d.title for d in item.documents}:
                    item.add_piece(c_start, c_end)
                self._touch(item)


def _long_match(a: str, b: str) -> bool:
    a, b = _FILLER_RE.sub("", a), _FILLER_RE.sub("", b)
    if len(a) < 6 or len(b) < 6:
        return False  # no common run of six can exist
    return _common_run(a, b, 6)


def _marks(src: str, s: int, e: int) -> list[int]:
    """Offsets (relative to ``s``) of every 关于 in ``src[s:e]``, left to right."""
    out: list[int] = []
    at = src.find("关于", s, e)
    while at >= 0:
        out.append(at - s)
        at = src.find("关于", at + 2, e)
    return out


def news_items(source: str, paragraphs: list[tuple[int, int]]) -> list[Draft]:
    """Items of a report whose body is ``paragraphs`` (spans), in text order."""
    collector = NewsItems(source)
    for s, e in paragraphs:
        collector.paragraph_start()
        for m in _SENTENCE_RE.finditer(source, s, e):
            collector.sentence(m.start(), m.end())
    for item in collector.items:
        if item.action is None:
            item.action = "其他"
    return collector.items
