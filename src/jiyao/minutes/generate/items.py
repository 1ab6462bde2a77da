"""Agenda items for generated minutes: heading, paragraphs and the facts they carry.

Each builder returns an :class:`~jiyao.minutes.record.Item` whose ``text`` is the item as
printed (its heading line, then its paragraphs, one per line) and whose fields say what
that text says: the action, the submitting departments as written, the documents in
《》 with their stages, the decision and what it asks next, and the requirement
sentences (without 会议要求， and without the final 。).
"""

from __future__ import annotations

import random
import re

from jiyao.minutes.generate import pools
from jiyao.minutes.generate.governments import Government, departments
from jiyao.minutes.record import Item

#: Action → weight, for items after the opening 传达学习.
ACTION_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("审议", 50),
    ("听取汇报", 26),
    ("研究", 18),
    ("其他", 6),
)
_INNER_BRACKETS = re.compile(r"（[^（）]*）")


def _pick(rng: random.Random, weighted: tuple[tuple[str | None, int], ...]) -> str | None:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


class ItemContext:
    """What every item of one meeting shares: the government, the year, the rng."""

    def __init__(self, rng: random.Random, gov: Government, year: int) -> None:
        self.rng = rng
        self.gov = gov
        self.year = year
        self.used_docs: set[str] = set()
        self.used_topics: set[str] = set()
        self.depts = departments(gov)

    def fill(self, template: str, dept: str = "") -> str:
        return self.gov.fill(template, year=self.year, dept=dept)

    def dept_with(self, table: dict[str, tuple[str, ...]]) -> tuple[str, str]:
        """A department (as written, 县发改局) with a topic from ``table`` not yet on the agenda."""
        for _ in range(20):
            abbr = self.rng.choice(sorted(table))
            topic = self.fill(self.rng.choice(table[abbr]))
            if self.fresh(topic):
                break
        return self.gov.level + abbr, topic

    def fresh(self, topic: str) -> bool:
        """Whether ``topic`` is new to this meeting (then it is marked as taken)."""
        if topic in self.used_topics:
            return False
        self.used_topics.add(topic)
        return True

    def pick(self, pool: tuple[str, ...]) -> str:
        """A topic from ``pool`` not yet on the agenda (or, if all are, any)."""
        for _ in range(20):
            topic = self.fill(self.rng.choice(pool))
            if self.fresh(topic):
                break
        return topic

    def submitters(self, first: str) -> tuple[str, ...]:
        """``first`` alone, or now and then jointly with another department."""
        if self.rng.random() < 0.12:
            other = self.rng.choice([d for d in self.depts if d != first])
            if self.rng.random() < 0.3:  # 县住建局、财政局: the level written once
                other = other.removeprefix(self.gov.level)
            return (first, other)
        return (first,)

    def requirements(self, dept: str) -> tuple[str, ...]:
        """Two to four requirement sentences; the first names who must act."""
        rng = self.rng
        chosen = rng.sample(pools.REQUIREMENTS, rng.randint(3, 6))
        choices = pools.ADDRESSEES if dept else pools.ADDRESSEES[:-1]
        addressee = self.fill(rng.choice(choices), dept)
        return (addressee + chosen[0], *chosen[1:])

    def remark(self, subject: str | None, dept: str) -> str:
        rng = self.rng
        if subject is None:
            head = self.fill(rng.choice(pools.REMARKS_REPORT), dept)
        else:
            head = self.fill(rng.choice(pools.REMARKS), dept).replace("{T}", subject)
        tails = rng.sample(pools.REMARK_TAILS, rng.randint(1, 3))
        return "，".join([head, *(self.fill(t, dept) for t in tails)])


def _requirements_paragraph(rng: random.Random, requirements: tuple[str, ...]) -> str:
    lead = "会议要求，" if rng.random() < 0.8 else "会议强调，"
    return lead + "。".join(requirements) + "。"


def _joined(names: tuple[str, ...]) -> str:
    return "、".join(names)


def _doc_ref(title: str, stage: str | None) -> str:
    return f"《{title}》" + (f"（{stage}）" if stage else "")


def convey(ctx: ItemContext, number: int) -> Item:
    rng = ctx.rng
    topics = [ctx.pick(pools.CONVEY_TOPICS) for _ in range(1 if rng.random() < 0.75 else 2)]
    spirit = "、".join(dict.fromkeys(topics)) + "精神"
    heading = f"传达学习{spirit}"
    requirements = ctx.requirements("")
    body = f"会议传达学习了{spirit}。" + _requirements_paragraph(rng, requirements)
    return Item(
        number=number,
        heading=heading,
        action="传达学习",
        requirements=requirements,
        text=heading + "\n" + body,
    )


def _fresh_titles(ctx: ItemContext, abbr: str) -> list[str]:
    """The department's document titles not yet on this meeting's agenda."""
    titles = (ctx.gov.name + ctx.fill(topic) for topic in pools.DOC_TOPICS[abbr])
    return [t for t in titles if t not in ctx.used_docs]


def _documents(ctx: ItemContext, abbr: str) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    rng = ctx.rng
    fresh = _fresh_titles(ctx, abbr)
    count = 2 if rng.random() < 0.08 else 1
    titles = rng.sample(fresh, min(count, len(fresh)))
    ctx.used_docs.update(titles)
    stages = tuple(_pick(rng, pools.STAGES) for _ in titles)
    return tuple(titles), stages


def _subject(title: str) -> str:
    """'象山县海洋经济发展“十四五”规划（2021—2035年）' → '编制实施海洋经济发展“十四五”规划'."""
    core = _INNER_BRACKETS.sub("", title)
    for prefix in ("关于",):
        core = core.removeprefix(prefix)
    return "制定实施" + re.sub(r"^\S{2}[县市区]", "", core)


def deliberate(ctx: ItemContext, number: int) -> Item:
    rng = ctx.rng
    # A department with a document not yet on the agenda (there are always some: a
    # meeting has at most nine items and the table has over thirty departments).
    abbr = rng.choice([a for a in sorted(pools.DOC_TOPICS) if _fresh_titles(ctx, a)])
    dept = ctx.gov.level + abbr
    submitters = ctx.submitters(dept)
    titles, stages = _documents(ctx, abbr)
    refs = "和".join(_doc_ref(t, s) for t, s in zip(titles, stages, strict=True))
    decision = _pick(
        rng,
        (("原则同意", 55), ("同意", 8), ("原则通过", 15), ("通过", 5), ("暂缓", 9), (None, 8)),
    )
    follow_up: str | None = None
    decision_text = ""
    objects = "上述文件" if len(titles) > 1 else refs
    if decision in ("原则同意", "同意", "原则通过", "通过"):
        follow_up = ctx.fill(rng.choice(pools.FOLLOW_UPS_APPROVE))
        decision_text = f"会议{decision}{objects}，要求{follow_up}。"
    elif decision == "暂缓":
        # The follow-up names who must act, as the sentence does (要求县财政局…).
        follow_up = submitters[0] + ctx.fill(rng.choice(pools.FOLLOW_UPS_DEFER))
        decision_text = f"会议决定暂缓审议{objects}，要求{follow_up}。"
    verb = rng.choice(("提交", "提交", "送审"))
    heading = f"审议{_joined(submitters)}{verb}的{refs}"
    # Now and then the heading carries the whole item (九、审议并原则同意…，要求…。).
    if decision in ("原则同意", "原则通过") and len(titles) == 1 and rng.random() < 0.15:
        heading = f"审议并{decision}{_joined(submitters)}{verb}的{refs}，要求{follow_up}。"
        return Item(
            number=number,
            heading=heading,
            action="审议",
            submitters=submitters,
            documents=titles,
            document_stages=stages,
            decision=decision,
            follow_up=follow_up,
            text=heading,
        )
    requirements = ctx.requirements(dept)
    paragraphs = [
        "会议指出，"
        + ctx.remark(_subject(titles[0]), dept)
        + "。"
        + _requirements_paragraph(rng, requirements)
    ]
    if decision_text:
        paragraphs.append(decision_text)
    return Item(
        number=number,
        heading=heading,
        action="审议",
        submitters=submitters,
        documents=titles,
        document_stages=stages,
        decision=decision,
        follow_up=follow_up,
        requirements=requirements,
        text="\n".join([heading, *paragraphs]),
    )


def hear_report(ctx: ItemContext, number: int) -> Item:
    rng = ctx.rng
    dept, topic = ctx.dept_with(pools.REPORT_TOPICS)
    submitters = ctx.submitters(dept) if rng.random() < 0.5 else (dept,)
    verb = "提交的" if rng.random() < 0.3 else ""
    heading = f"听取{_joined(submitters)}{verb}关于{topic}的汇报"
    requirements = ctx.requirements(dept)
    paragraphs = [
        "会议指出，" + ctx.remark(None, dept) + "。" + _requirements_paragraph(rng, requirements)
    ]
    decision: str | None = None
    follow_up: str | None = None
    if rng.random() < 0.2:
        decision = "原则同意" if rng.random() < 0.7 else "同意"
        follow_up = ctx.fill(rng.choice(pools.FOLLOW_UPS_REPORT))
        paragraphs.append(f"会议{decision}{submitters[0]}提出的有关意见建议，要求{follow_up}。")
    return Item(
        number=number,
        heading=heading,
        action="听取汇报",
        submitters=submitters,
        decision=decision,
        follow_up=follow_up,
        requirements=requirements,
        text="\n".join([heading, *paragraphs]),
    )


def study_in_parts(ctx: ItemContext, number: int) -> Item:
    """A 研究 item whose matters are sub-items （一）审议… （二）听取…, folded into it."""
    rng = ctx.rng
    heading = "研究" + ctx.pick(pools.STUDY_TOPICS)
    abbr = rng.choice([a for a in sorted(pools.DOC_TOPICS) if _fresh_titles(ctx, a)])
    first = ctx.gov.level + abbr
    titles, stages = _documents(ctx, abbr)
    second, topic = ctx.dept_with(pools.REPORT_TOPICS)
    decision = rng.choice(("原则同意", "同意"))
    follow_up = first + ctx.fill(rng.choice(pools.FOLLOW_UPS_APPROVE))
    asked = ctx.requirements(second)
    stressed = ctx.requirements("")
    paragraphs = [
        f"（一）审议{first}提交的{_doc_ref(titles[0], stages[0])}。"
        f"会议{decision}该方案，要求{follow_up}。",
        f"（二）听取{second}关于{topic}的汇报。会议要求，" + "。".join(asked) + "。",
        "会议强调，" + "。".join(stressed) + "。",
    ]
    return Item(
        number=number,
        heading=heading,
        action="研究",
        submitters=tuple(dict.fromkeys((first, second))),
        documents=titles[:1],
        document_stages=stages[:1],
        decision=decision,
        follow_up=follow_up,
        requirements=(*asked, *stressed),
        text="\n".join([heading, *paragraphs]),
    )


def study(ctx: ItemContext, number: int) -> Item:
    rng = ctx.rng
    if rng.random() < 0.15:
        return study_in_parts(ctx, number)
    requirements: tuple[str, ...]
    if rng.random() < 0.55:
        dept = rng.choice(ctx.depts)
        title = "关于" + ctx.fill(rng.choice(pools.REQUEST_TOPICS)) + "的请示"
        while title in ctx.used_docs:  # one request per topic and meeting
            title = title.removesuffix("的请示") + "有关事项的请示"
        ctx.used_docs.add(title)
        submitters: tuple[str, ...] = (dept,)
        documents: tuple[str, ...] = (title,)
        heading = f"研究{dept}《{title}》"
        obj = "该请示事项"
    else:
        dept = rng.choice(ctx.depts)
        # Headings 关于…问题 without a verb are studies too (010-style minutes).
        heading = ("研究" if rng.random() < 0.7 else "关于") + ctx.pick(pools.STUDY_TOPICS)
        submitters, documents = (), ()
        obj = "有关方案"
    decision = _pick(rng, (("同意", 40), ("原则同意", 25), ("暂缓", 10), ("不同意", 5), (None, 20)))
    follow_up: str | None = None
    requirements = ctx.requirements(dept)
    paragraphs = [
        "会议认为，" + ctx.remark(None, dept) + "。" + _requirements_paragraph(rng, requirements)
    ]
    if decision in ("同意", "原则同意"):
        follow_up = ctx.fill(rng.choice(pools.FOLLOW_UPS_APPROVE))
        paragraphs.append(f"会议{decision}{obj}，要求{follow_up}。")
    elif decision == "暂缓":
        follow_up = ctx.fill(rng.choice(pools.FOLLOW_UPS_DEFER))
        paragraphs.append(f"会议决定暂缓研究{obj}，要求{follow_up}。")
    elif decision == "不同意":
        paragraphs.append(f"会议认为，{obj}理由不充分，不同意{obj}。")
    return Item(
        number=number,
        heading=heading,
        action="研究",
        submitters=submitters,
        documents=documents,
        document_stages=(None,) * len(documents),
        decision=decision,
        follow_up=follow_up,
        requirements=requirements,
        text="\n".join([heading, *paragraphs]),
    )


def other(ctx: ItemContext, number: int) -> Item:
    rng = ctx.rng
    heading = ctx.pick(pools.OTHER_TOPICS)
    requirements = ctx.requirements("")
    body = _requirements_paragraph(rng, requirements)
    return Item(
        number=number,
        heading=heading,
        action="其他",
        requirements=requirements,
        text=heading + "\n" + body,
    )


BUILDERS = {"审议": deliberate, "听取汇报": hear_report, "研究": study, "其他": other}


def agenda(ctx: ItemContext, count: int, *, convey_first: bool) -> tuple[Item, ...]:
    """``count`` items: perhaps a 传达学习 first, then a mix, 其他 kept to the end."""
    rng = ctx.rng
    actions: list[str] = []
    if convey_first:
        actions.append("传达学习")
        if count > 4 and rng.random() < 0.3:
            actions.append("传达学习")
    while len(actions) < count:
        actions.append(str(_pick(rng, ACTION_WEIGHTS)))
    head = [a for a in actions if a == "传达学习"]
    rest = sorted((a for a in actions if a != "传达学习"), key=lambda a: a == "其他")
    return tuple(
        (convey(ctx, i) if a == "传达学习" else BUILDERS[a](ctx, i))
        for i, a in enumerate(head + rest, start=1)
    )
