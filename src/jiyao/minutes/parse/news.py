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

from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse.fields import (
    DOC_RE,
    Document,
    Found,
    clause_tail,
    clean_name,
    documents,
    first_decision,
    has_decision,
    is_generic,
    org_before,
    orgs,
    submitters_by_verb,
)
from jiyao.minutes.parse.items import Draft, follow_up, reported_by, requirements
from jiyao.minutes.parse.matters import (
    PART_TRIM,
    after_stage,
    matter_parts,
    report_parts,
    unit_at_start,
    unit_before_about,
)

_MODIFIER_LOOKBEHINDS = "|".join(f"(?<={re.escape(w)})" for w in P.VERB_MODIFIERS)
_VERB_RE = re.compile(
    # the lookahead rejects most positions on one character before the lookbehinds run;
    # 会议 counts as the subject only where it starts its clause (专题会议研究… is a noun)
    r"(?=[传集学审研听讨调通部])(?:(?<![\u3400-\u9fff]会议)(?<=会议)|(?<![\u3400-\u9fff]会议还)(?<=会议还)"
    r"|(?<=会上)|(?<=首先)|(?<=随后)|(?<=最后)|(?<=同时)|(?<=还)|(?<=[，,；;、：:。\n])|(?<=会议集体)|(?<=会议以)"
    r"|(?<=[一二三四五六七八九十]是)|^|" + _MODIFIER_LOOKBEHINDS + r")"
    r"(传达学习|传达|集体学习|学习|审议并原则同意|审议并原则通过|审议通过|审议|审定|研究并原则通过"
    r"|听取并审议|听取审议|听取并研究|听取研究|讨论研究|研究|听取|讨论|调度|通报|部署)(?!意见|决定|提出|的|会)(?:并通过|了)?",
    re.M,
)
#: 县商务局局长X汇报了…, 区督查办…通报了… (I6): units or a person report a matter.
_REPORT_RE = re.compile(r"(汇报)了|(通报)了?")
#: X就《Y》作了说明 (I11): a report heard without the verb 听取.
_EXPLAINED_RE = re.compile(r"(?:就|对)([^，。；\n]{2,80}?)作了?(?:说明|汇报|解读|介绍)")
#: A sentence of requirements (会议强调，… / 王华要求，…): remarks, no agenda items.
_REMARKS_RE = re.compile(r"\s*[^，,。；\n]{0,12}?(?:强调|要求|指出|认为)[，,：:]")
#: A name going on right after a title's 》 (four characters or more, no particle).
_NAME_GOES_ON_RE = re.compile(rf"(?![等的和及与并、])[{P.HAN}]{{4}}")
#: The people of a meeting who report in turn (与会领导汇报了…, 各副县长汇报了…).
_PEOPLE_RE = re.compile(
    r"(?:与会|各位?|分管)[^，,。；;]{0,6}(?:领导|同志|副县长|副区长|副市长|副旗长|负责人)$"
)
#: A verb in a time clause of attendance (在研究相关议题时列席): no matter of its own.
_WHEN_RE = re.compile(r"[^，,。；;\n]{0,20}?时(?:列席|出席|参加)")
#: A remark cue after a comma (…《A》，强调…): the rest of the sentence is remarks.
_REMARK_CUE_RE = re.compile(r"[，,]\s*(?:并|会议)?(?:强调|指出)[，,：:]?")
#: A sentence about another meeting held before or after (会前，县长主持召开了党组会议…).
_OTHER_MEETING_RE = re.compile(r"主持召开|召开了")
#: 就X进行安排部署 / 作出部署 (an item of action 其他), 作题为…的讲座 (a 传达学习 item).
_ARRANGED_RE = re.compile(
    r"(?<![反应相针绝])[就对]([^，,。；\n]{2,60}?)(?:进行了?|作出了?|作了)(?:安排部署|部署|安排|调度)"
)
#: 就X进行了深入研究, 对此进行了探讨和研究, 就X局《A》等8个议题进行了研究 (a matter
#: studied without the verb leading; of those N议题 only the ones named).
_STUDIED_RE = re.compile(
    rf"(?<![反应相针绝])(?:就|对)([^，,。；\n]{{1,120}}?)(等?[\d{P.CN_DIGITS}]+(?:个|项)议题|等议题)?"
    r"进行了?(?:深入|认真|专题|充分)?的?(?:(?:探讨|讨论)和?)?(研究|讨论|审议)"
)
#: X局作汇报发言, X局作书面汇报 (I6): a unit reports without the verb 听取; what it
#: reports on is introduced by 围绕/就/对.
_MADE_REPORT_RE = re.compile(r"作了?(?:书面|专题|工作)?(?:汇报|报告)(?:发言)?")
_ABOUT_RE = re.compile(r"围绕|就|对")
_POINTER_RE = re.compile(r"(?:此|这|上述|以上|前述)")
_LECTURE_RE = re.compile(r"(?:会议|会前)[^。；\n]{0,40}?(?:讲座|专题学法|法治讲座|学法)")
#: A decision that opens its sentence (会议原则同意…, I7): it may be an item of its own.
_DECISION_LEAD_RE = re.compile(r"(?:会议)?(?:还)?(?:原则)?同意")
#: A back-reference after a decision (原则同意该方案, 同意上述事项): never a new item.
_BACK_REF_RE = re.compile(r"^(?:该|上述|以上|此|这|其|所)")
_STAGE_END_RE = re.compile(rf"[（(]({'|'.join(P.STAGES)})[)）]$")
_ENUM_MARK_RE = re.compile(r"[一二三四五六七八九十]是")
#: 听取了《A》《B》: titles listed right after the verb are matters of their own.
_DOC_LIST_RE = re.compile(r"了?《[^》]*》\s*(?:[（(][^）)]{0,8}[)）])?\s*[、和及《]")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_SCOPE_CUT_RE = re.compile(
    # (a clause 对X进行研究 is a matter of its own, not the end of the one before)
    r"[，,](?:要求|会议|并要求|(?=[对就][^，,。；]{1,80}?进行了?[^，,。；]{0,6}?研究))|。"
)
_TOPIC_STOP_RE = re.compile(r"[，,；;。]")
#: Decisions belong to their own clause only (I13: …的汇报，审议并原则通过了《B》).
_CLAUSE_RE = re.compile(r"[^；;。，,]+")
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
    "讨论研究": "研究",
    "听取": "听取汇报",
    "听取审议": "审议",
    "听取研究": "研究",
    "听取并研究": "研究",
    "听取并审议": "审议",
    "讨论": "审议",
    "调度": "其他",
    "通报": "其他",
    "部署": "其他",
}


#: Items beyond this many are not collected (no real agenda is this long; it keeps the
#: pairwise merging of mentions bounded on pathological input). parse() warns.
MAX_ITEMS = 200
#: Topics are compared on their first characters only.
TOPIC_CHARS = 80


def similar(a: str, b: str, run: int = 5) -> bool:
    """Two topics name the same matter: a long enough common run once fillers go."""
    a, b = _FILLER_RE.sub("", a), _FILLER_RE.sub("", b)
    if len(a) < 3 or len(b) < 3:
        return False  # no common run of three can exist
    return _common_run(a, b, min(run, len(a), len(b)))


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
        self.sentence_no = 0
        self.in_remarks = False
        self.in_summary = False
        self.summary_sentence = False
        self.in_enum = False
        self.enum_item: Draft | None = None

    # -- mentions ---------------------------------------------------------------------

    def paragraph_start(self, summary: bool = False) -> None:
        self.paragraph = []
        self.in_remarks = False
        self.in_summary = summary
        self.in_enum = False
        self.enum_item = None

    def sentence(self, start: int, end: int) -> None:
        if len(self.items) >= MAX_ITEMS:
            return
        src = self.source
        self.sentence_no += 1
        # in the opening paragraph, a sentence with the meeting as its subject is detail
        self.summary_sentence = self.in_summary and not src.startswith(
            ("会议", "会前", "会上"), start + len(src[start:end]) - len(src[start:end].lstrip())
        )
        lead = start + len(src[start:end]) - len(src[start:end].lstrip())
        if src.startswith(("会议", "会上", "会前"), lead):
            self.in_remarks = False
        remarks = (
            self.in_remarks
            or _REMARKS_RE.match(src, start, end) is not None
            or (
                not self.in_summary
                and src.find("召开", start, end) >= 0
                and _OTHER_MEETING_RE.search(src, start, end) is not None
            )
        )
        # the sentences after 会议强调，… in its paragraph go on with the remarks
        self.in_remarks = remarks
        # 会议审议了《A》，强调要…研究制定…: after the remark cue the sentence is remarks
        cue = None if remarks else _REMARK_CUE_RE.search(src, start, end)
        verbs = (
            []
            if remarks
            else [
                m
                for m in _VERB_RE.finditer(src, start, cue.start() if cue else end)
                if not _in_title(src, start, m.start()) and not _WHEN_RE.match(src, m.end())
            ]
        )
        for i, m in enumerate(verbs):
            scope_end = verbs[i + 1].start() if i + 1 < len(verbs) else end
            cut = _SCOPE_CUT_RE.search(src, m.end(), scope_end)
            if cut:
                scope_end = cut.start()
            action = _ACTION[m.group(1)]
            if _ENUM_MARK_RE.match(src, m.start() - 2, m.start()):
                self.enum_item = None  # 一是…二是…: each mark opens one item (I9)
                self.in_enum = True
            if action == "审议" and m.group(1) == "讨论" and "《" not in src[m.end() : scope_end]:
                action = "研究"  # 讨论 of an untitled matter (讨论了…续租有关事项)
            count = len(self.items)
            self._mention(action, m.start(), m.end(), scope_end)
            verb_decision = first_decision(src, m.start(), min(scope_end, m.end() + 4))
            if verb_decision is not None:
                # 讨论通过了《A》、关于B的请示: the verb's decision is each matter's
                for it in self.items[count:]:
                    if it.decision is None:
                        it.decision = verb_decision
                        follow_up(src, it, verb_decision.end)
            if self.in_enum:
                new_items = self.items[count:]
                if self.enum_item is None and new_items:
                    self.enum_item = new_items[0]
                    new_items = new_items[1:]
                for it in new_items:
                    if self.enum_item is not None:
                        self.enum_item.add_submitters(it.submitters)
                        self.enum_item.add_documents(it.documents)
                        self.enum_item.add_piece(it.start, it.end)
                    self.items.remove(it)
                if self.enum_item is not None:
                    self.last = self.enum_item
        if not remarks:
            self._reported(start, end)
        self._decisions(start, end)
        if not verbs and self.last is not None:
            before = len(self.last.requirements)
            requirements(src, self.last, start, end)
            if len(self.last.requirements) > before:
                self.last.add_piece(start, end)
        if self.in_summary and any(src.find(cue, start, end) >= 0 for cue in P.OPENING_CUES):
            # the summary is the opening sentence: a sentence after it in the paragraph
            # (…主持召开…会议。传达学习了…) tells the meeting's matters
            self.in_summary = False

    def _reported(self, start: int, end: int) -> None:
        """Reports named by their reporter: 县商务局局长X汇报了…, 区督查办通报了… (I6),
        县统计局就《…》作了说明 (I11)."""
        src = self.source
        for m in _REPORT_RE.finditer(src, start, end):
            units = reported_by(src, max(start, m.start() - 40), m.end())
            stop = _TOPIC_STOP_RE.search(src, m.end(), end)
            topic_end = stop.start() if stop else end
            action = "听取汇报" if m.group(1) else "其他"
            if not units:
                lead = clause_tail(src, max(start, m.start() - 40), m.start())
                listed = orgs(lead, m.start() - len(lead))
                if listed:
                    units = listed
                elif action == "听取汇报" and _PEOPLE_RE.search(lead):
                    pass  # 与会领导汇报了…: a report heard, from people, not a unit
                elif (
                    action == "其他" and clean_name(lead, m.start() - len(lead)) is None
                ) or action == "听取汇报":
                    continue
            self._merge(
                Draft(
                    units[0].start if units else m.start(),
                    topic_end,
                    action=action,
                    submitters=units,
                    topic=src[m.end() : topic_end],
                )
            )
        sentence = src[start:end]
        if "进行" in sentence and ("研究" in sentence or "讨论" in sentence or "审议" in sentence):
            self._studied(start, end)
        if (
            ("就" in sentence or "对" in sentence)
            and ("部署" in sentence or "安排" in sentence or "调度" in sentence)
            and not self.summary_sentence  # (就…进行部署 in the opening: the meeting's purpose)
        ):
            for m in _ARRANGED_RE.finditer(src, start, end):
                if is_generic(m.group(1)):
                    continue  # 就做好当前各项工作任务进行部署: no matter named
                self._merge(Draft(m.start(), m.end(), action="其他", topic=m.group(1)))
        lecture = (
            _LECTURE_RE.match(src, start + len(sentence) - len(sentence.lstrip()), end)
            if "讲座" in sentence or "学法" in sentence
            else None
        )
        if lecture:
            m = lecture
            docs = documents(src, m.start(), m.end(), strict=False)
            self._merge(
                Draft(
                    m.start(),
                    m.end(),
                    action="传达学习",
                    documents=docs,
                    topic=src[m.start() : m.end()],
                )
            )
        if "作" not in sentence:
            return
        if "汇报" in sentence:
            self._made_reports(start, end)
        for m in _EXPLAINED_RE.finditer(src, start, end):
            lead = clause_tail(src, max(start, m.start() - 40), m.start())
            units = orgs(lead, m.start() - len(lead))
            docs = documents(src, m.start(1), m.end(1), strict=False)
            self._merge(
                Draft(
                    m.start() - len(lead),
                    m.end(),
                    action="听取汇报",
                    submitters=units,
                    documents=docs,
                    topic=m.group(1),
                )
            )

    def _made_reports(self, start: int, end: int) -> None:
        """会上，县发改局、县统计局围绕…作汇报发言，县农业农村局作书面汇报: the units of
        the sentence's clauses report to the meeting, one report heard."""
        src = self.source
        units: list[Found] = []
        first = last = -1
        for m in _MADE_REPORT_RE.finditer(src, start, end):
            lead = clause_tail(src, max(start, m.start() - 80), m.start())
            lead_start = m.start() - len(lead)
            about = _ABOUT_RE.search(lead)
            if about:
                lead = lead[: about.start()]
            found = orgs(lead.strip(), lead_start + len(lead) - len(lead.lstrip()))
            if found:
                units.extend(found)
                first = lead_start if first < 0 else first
                last = m.end()
        if units:
            self._merge(
                Draft(first, last, action="听取汇报", submitters=units, topic=src[first:last])
            )

    def _studied(self, start: int, end: int) -> None:
        """会议就X进行了深入研究 / 会议对此进行了探讨和研究: an item of X (研究, or 审议 for
        讨论/审议), or of the clauses before it when X points back (此, 上述); the unit that
        申请/提交 there is its submitter."""
        src = self.source
        for m in _STUDIED_RE.finditer(src, start, end):
            s, e = m.start(1), m.end(1)
            action = _ACTION[m.group(3)]
            if _POINTER_RE.match(src, s, e):
                # the clauses before the one that points back: 县工业园区申请…，会议对此…
                e = max(src.rfind(ch, start, m.start()) for ch in "，,；;")
                s = max(start, max(src.rfind(ch, start, e) for ch in "。；;") + 1)
                if e <= s:
                    continue
            docs = documents(src, s, e, strict=False)
            units = submitters_by_verb(src, s, e)
            if not units and docs:
                units = org_before(src, docs[0].start - 1, s)
            applied = src.find("申请", s, e) if not units else -1
            if applied > s:
                units = org_before(src, applied, s)  # 县工业园区申请对…进行调整
            topic = src[s:e]
            if is_generic(topic) or len(topic.strip()) < 2:
                continue
            each: list[Document | None] = [*docs] if docs else [None]
            for doc in each:  # 对《A》和《B》进行研究: one item per title
                draft = Draft(
                    s,
                    m.end(),
                    action=action,
                    submitters=list(units),
                    documents=[doc] if doc else [],
                    topic=doc.title if doc else topic,
                )
                if doc is not None and len(docs) > 1:
                    draft.heading = Found(f"{action}《{doc.title}》", doc.start - 1, doc.end + 1)
                    draft.start, draft.end = doc.start - 1, doc.end + 1
                self._merge(draft)

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
            e = s + len(scope)
        if scope.startswith(("部署", "安排")) and self.summary_sentence and not self.in_enum:
            return  # 研究部署…工作: the meeting's purpose, not a matter before it
        docs = documents(src, s, e, strict=False)
        if action == "听取汇报" and not _DOC_LIST_RE.match(src, s, e):
            # the titles of a report belong to it (听取了X关于《A》《B》编制情况的汇报, I4)
            if not is_generic(scope):
                for p_start, p_end in report_parts(src, s, e):
                    self._reports(v_start, p_start, p_end)
            return
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
                if not found:
                    self._untitled(action, prev, doc.start - 1, v_start)
                prev = after_stage(src, doc.end + 1, e)
                if prev == doc.end + 1 and _NAME_GOES_ON_RE.match(src, prev, e):
                    # 《政府工作报告》重点任务分工表: the title begins a longer name, the
                    # matter is untitled (read with the text after it)
                    prev = doc.start - 1
                    continue
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
            self._untitled(action, prev, e, v_start)
            return
        if is_generic(scope) or len(scope.strip()) < 2:
            return
        if action == "听取汇报":
            for p_start, p_end in report_parts(src, s, e):
                self._reports(v_start, p_start, p_end)
            return
        for p_start, p_end in matter_parts(src, s, e):
            units = submitters_by_verb(src, p_start, p_end) or unit_before_about(
                src, p_start, p_end
            )
            self._merge(
                Draft(v_start, p_end, action=action, submitters=units, topic=src[p_start:p_end])
            )

    def _untitled(self, action: str, s: int, e: int, v_start: int) -> None:
        """Untitled matters listed between titled ones (I4: 审议了《A》、城区夜市选址方案等议题;
        讨论通过了《A》、关于…的请示): each an item of the verb's action."""
        src = self.source
        for p_start, p_end in matter_parts(src, s, e, strict=True):
            part = src[p_start:p_end]
            if (
                part.endswith("的")
                or orgs(part, p_start)
                or submitters_by_verb(src, p_start, p_end)
                or has_decision(src, p_start, p_end)
            ):
                continue  # a unit that brought the next title, or a decision: not a matter
            stop = src.find("《", p_start + 1, e + 1) if part.startswith("《") else -1
            if stop > p_start and "》" not in src[p_start:stop]:
                # 《A（送审稿）《B》: a title whose 》 was left out runs to the next 《 (an
                # unclosed 《 with no title after it is no document)
                title = src[p_start + 1 : stop].rstrip(PART_TRIM)
                if len(_HAN_RE.findall(title)) >= 4:
                    stage = _STAGE_END_RE.search(title)
                    doc = Document(
                        title,
                        stage.group(1) if stage else None,
                        p_start + 1,
                        p_start + 1 + len(title),
                    )
                    self._merge(
                        Draft(p_start, doc.end, action=action, documents=[doc], topic=title)
                    )
                    continue
            self._merge(Draft(p_start, p_end, action=action, topic=part))

    def _reports(self, v_start: int, s: int, e: int) -> None:
        src = self.source
        marks = _marks(src, s, e)
        docs = documents(src, s, e, strict=False)
        if not marks:
            units = (
                unit_before_about(src, s, e) or org_before(src, docs[0].start - 1, s)
                if docs
                else unit_at_start(src, s, e)
            )
            self._merge(
                Draft(
                    v_start, e, action="听取汇报", submitters=units, documents=docs, topic=src[s:e]
                )
            )
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
            draft = Draft(
                pos,
                topic_end,
                action="听取汇报",
                submitters=list(current),
                documents=[d for d in docs if pos <= d.start < topic_end],
                topic=topic,
            )
            if len(marks) == 1:
                draft.start = v_start  # 听取了X关于…的汇报: the clause is the heading
            else:
                # one of several reports under one verb: a heading that says it alone
                ending = "" if topic.endswith("汇报") else "的汇报"
                names = "、".join(f.value for f in current)
                draft.heading = Found(f"听取{names}{topic}{ending}", pos, topic_end)
            self._merge(draft)

    def _merge(self, new: Draft) -> None:
        if len(self.items) >= MAX_ITEMS:
            return
        new.topic = new.topic[:TOPIC_CHARS]
        for item in self.items:
            if item.sentence == self.sentence_no:
                continue  # matters named apart in one sentence are apart (I2)
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
                if item.action == "其他" and new.action not in (None, "其他"):
                    item.action = new.action  # 通报了《A》… then 听取了X关于《A》的汇报
                item.confirmed = item.confirmed or not self.summary_sentence
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
            new.sentence, new.summary = self.sentence_no, self.summary_sentence
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
        clauses = list(_CLAUSE_RE.finditer(src[start:end]))
        for k, clause in enumerate(clauses):
            c_start, c_end = start + clause.start(), start + clause.end()
            decision = first_decision(src, c_start, c_end)
            # the decision's text runs on to the next decision (要求… after it is its follow-up)
            p_end = next(
                (
                    start + c.start() - 1
                    for c in clauses[k + 1 :]
                    if has_decision(src, start + c.start(), start + c.end())
                ),
                end - 1 if src.endswith("。", start, end) else end,
            )
            if decision is None:
                continue
            text = clause.group()
            docs = [d for d in documents(src, c_start, c_end, strict=False)]
            if not docs and "以上" not in text and "上述" not in text:
                # 关于《C》，会议认为…，决定暂缓研究: the title named earlier in the sentence
                earlier = documents(src, start, c_start, strict=False)
                docs = earlier[-1:]
            targets: list[Draft] = []
            if docs:
                for doc in docs:
                    match = next(
                        (it for it in self.items if doc.title in {d.title for d in it.documents}),
                        None,
                    )
                    if match is None and len(self.items) < MAX_ITEMS:
                        match = Draft(
                            c_start,
                            c_end,
                            action="审议",
                            submitters=submitters_by_verb(src, c_start, doc.start),
                            documents=[doc],
                            topic=doc.title,
                        )
                        match.heading = Found(clause.group().strip(), c_start, c_end)
                        match.add_piece(c_start, c_end)
                        match.sentence, match.summary = self.sentence_no, self.summary_sentence
                        self.items.append(match)
                    elif match is not None:
                        # 会议同意县农业农村局拟草的《A》: the unit that drafted it
                        match.add_submitters(submitters_by_verb(src, c_start, doc.start))
                    if match is not None:
                        targets.append(match)
            elif "以上" in text or "上述" in text:
                targets = [it for it in self.paragraph if it.documents or "文件" not in text]
            else:
                near = text[: TOPIC_CHARS * 2]
                targets = [it for it in self.items if _long_match(it.topic, near)]
                if not targets and c_start == start and not self.paragraph:
                    targets = self._decided_matters(decision, c_end)
                if not targets and self.last is not None:
                    targets = [self.last]
            for item in targets:
                if item.decision is None:
                    item.decision = decision
                    follow_up(src, item, decision.end)
                # the clause joins the item's text unless it names other items' documents
                if {d.title for d in docs} <= {d.title for d in item.documents}:
                    item.add_piece(c_start, p_end)
                self._touch(item)

    def _decided_matters(self, decision: Found, end: int) -> list[Draft]:
        """Items that exist only as a decision opening its sentence (I7: 会议原则同意启动
        建设A、B项目 → two; 会议原则同意县民政局关于…的意见 → one, the unit its submitter)."""
        src = self.source
        lead = _DECISION_LEAD_RE.match(
            src,
            decision.start - 6 if src.startswith("会议", decision.start - 6) else decision.start,
        )
        obj_start = decision.end
        obj = src[obj_start:end]
        if lead is None or _BACK_REF_RE.match(obj) or len(_HAN_RE.findall(obj)) < 8:
            return []
        out = []
        for p_start, p_end in matter_parts(src, obj_start, end):
            units = unit_before_about(src, p_start, p_end)
            draft = Draft(p_start, p_end, action="其他", submitters=units, topic=src[p_start:p_end])
            self._merge(draft)
            if draft in self.items:
                out.append(draft)
        return out


def _in_title(src: str, start: int, pos: int) -> bool:
    """Whether ``pos`` stands inside a 《…》 title opened in ``src[start:pos]``."""
    return src.count("《", start, pos) > src.count("》", start, pos)


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
        if src.count("《", s, at) <= src.count("》", s, at):  # (not inside a title)
            out.append(at - s)
        at = src.find("关于", at + 2, e)
    return out


def news_items(
    source: str, paragraphs: list[tuple[int, int]], opening: tuple[int, int] | None = None
) -> list[Draft]:
    """Items of a report whose body is ``paragraphs`` (spans), in text order. The opening
    paragraph is a summary: its 传达学习 is no item, and a matter it names that a later
    sentence details under another verb is that later item (I10)."""
    collector = NewsItems(source)
    for s, e in paragraphs:
        collector.paragraph_start(summary=(s, e) == opening)
        for m in _SENTENCE_RE.finditer(source, s, e):
            collector.sentence(m.start(), m.end())
    items = collector.items
    for item in [it for it in items if it.summary and not it.confirmed]:
        if item.action == "传达学习":
            items.remove(item)  # 传达学习 named only in the opening summary (titles or not)
            continue
        if item.documents:
            continue
        later = [
            it
            for it in items
            if not it.summary and it is not item and similar(item.topic, it.topic, run=4)
        ]
        same = [it for it in later if it.action == item.action]
        if same:
            # the detail of a matter the summary named first: one item, at the summary's place
            detail = same[0]
            item.add_submitters(detail.submitters)
            item.add_documents(detail.documents)
            item.decision = item.decision or detail.decision
            item.follow_up = item.follow_up or detail.follow_up
            item.requirements.extend(detail.requirements)
            for piece in detail.pieces:
                item.add_piece(*piece)
            items.remove(detail)
        elif later:
            for it in later:
                it.add_submitters(item.submitters)
            items.remove(item)
    for item in items:
        if item.action is None:
            item.action = "其他"
    return items
