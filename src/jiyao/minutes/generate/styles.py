"""Texts of generated records in the styles minutes are published in.

- ``formal``: the canonical 纪要 of :func:`~jiyao.minutes.compose.text.compose_text`;
- ``variant``: the same 纪要 with the variations met in practice — padded, ideographic
  or plain attendance labels, names in columns or separated by 、, ideographic spaces,
  the issue date in Chinese numerals, 1. / 1． / 1、 as top-level markers, the session
  in Arabic digits, the chair's post before the name, other closing formulas;
- ``news``: a website report of the meeting (headline, one paragraph per matter, the
  attendance as sentences, no issuer, no distribution).

Each renderer returns the text *and the record that text carries*: a news report has
no issuer, date of issue or distribution, names only the attendees it mentions and
drops generic items, so its record differs from the formal one. That pair is what the
parser should get back, which makes every generated text a test case.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

from jiyao.minutes.compose.text import Layout, chinese_numeral, compose_text, meeting_phrase
from jiyao.minutes.generate import pools
from jiyao.minutes.generate.records import generate_records
from jiyao.minutes.record import Attendance, Item, Record

STYLES: tuple[str, ...] = ("formal", "variant", "news")
#: How often each style appears in a corpus (news only where a report is plausible).
STYLE_WEIGHTS: tuple[int, ...] = (45, 35, 20)
_TAILS = (
    "现将会议讨论研究的有关事项纪要如下：",
    "现将会议议定事项纪要如下：",
    "现将会议研究议定的有关事项纪要如下：",
    "纪要如下：",
)


def variant_layout(rng: random.Random, record: Record) -> Layout:
    """A random layout of the variations real minutes show."""
    level = _level(record)
    return Layout(
        header_gap=rng.choice((" " * 17, " " * 4, "\u3000\u3000\u3000\u3000", "\u3000")),
        issued_numerals=rng.choice(("arabic", "arabic", "chinese")),
        item_marker=rng.choice(("一、", "一、", "1.", "1．", "1、")),
        blank_lines=rng.random() < 0.6,
        labels=rng.choice(("padded", "ideographic", "plain")),
        names=rng.choice(("columns", "、", "ideographic")),
        distribution_label=rng.choice(("分送", "分送", "抄送")),
        opening_tail=rng.choice(_TAILS),
        chair_title=rng.choice(("", "", f"{level}长", f"{level}委副书记、{level}长"))
        if record.meeting.kind != "专题会议"
        else "",
        leave_reasons=tuple(rng.choice(pools.LEAVE_REASONS) for _ in record.attendance.absent)
        if rng.random() < 0.5
        else (),
    )


def _level(record: Record) -> str:
    issuer = record.issuer or "县人民政府办公室"
    cut = issuer.find("人民政府")
    return issuer[cut - 1] if cut > 0 else "县"


def _government_name(record: Record) -> str | None:
    issuer = record.issuer or ""
    return issuer.removesuffix("人民政府办公室") if issuer.endswith("人民政府办公室") else None


def render_variant(record: Record, rng: random.Random) -> tuple[str, Record]:
    """The formal minutes with random layout variations, and the record they carry."""
    m = record.meeting
    if m.session is not None and rng.random() < 0.3 and record.title:
        title = record.title.replace(f"第{chinese_numeral(m.session)}次", f"第{m.session}次")
        record = record.replace(title=title)
    layout = variant_layout(rng, record)
    if layout.chair_title and m.chair:  # the post the opening prints is in the record too
        record = record.replace(meeting=replace(record.meeting, chair_post=layout.chair_title))
    text = compose_text(record, layout)
    if rng.random() < 0.15:  # full-width digits in the header and opening (２０２４年１月１５日)
        lines = text.split("\n")
        opening = next((i for i, line in enumerate(lines) if "召开" in line), 0)
        head = "\n".join(lines[: opening + 1]).translate(_FULL_WIDTH_DIGITS)
        text = "\n".join([head, *lines[opening + 1 :]])
    return text, record


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _news_sentence(item: Item) -> str:
    heading = item.heading
    if heading.startswith("审议并"):
        return "会议" + heading
    if heading.startswith("关于"):
        return "会议研究了" + heading.removeprefix("关于") + "。"
    if heading.startswith("传达学习"):
        return "会议传达学习了" + heading.removeprefix("传达学习") + "。"
    return "会议" + heading[:2] + "了" + heading[2:] + "。"


def _split_parts(item: Item, lines: list[str]) -> list[Item]:
    """A 研究 item of sub-items （一）审议… （二）听取… as a report tells it: two matters."""
    deliberated, heard = (line.removeprefix("（一）").removeprefix("（二）") for line in lines[1:3])
    first = deliberated.split("。", 1)
    second = heard.split("。", 1)
    deliberate = replace(
        item,
        action="审议",
        submitters=item.submitters[:1],
        text="会议" + first[0][:2] + "了" + first[0][2:] + "。" + first[1],
    )
    hear = replace(
        item,
        action="听取汇报",
        submitters=item.submitters[-1:],
        documents=(),
        document_stages=(),
        decision=None,
        follow_up=None,
        text="会议" + second[0][:2] + "了" + second[0][2:] + "。" + second[1],
    )
    return [
        replace(part, requirements=tuple(r for r in item.requirements if r in part.text))
        for part in (deliberate, hear)
    ]


def render_news(record: Record, rng: random.Random) -> tuple[str, Record] | None:
    """A website report of the meeting, or None when the record does not suit one."""
    m = record.meeting
    name = _government_name(record)
    if name is None or m.kind not in ("常务会议", "全体会议") or m.date is None or m.chair is None:
        return None
    level = name[-1]
    phrase = meeting_phrase(record)
    if m.session is not None and rng.random() < 0.3:
        phrase = phrase.replace(f"第{chinese_numeral(m.session)}次", f"第{m.session}次")
    body = m.body
    if rng.random() < 0.4 and body == f"{level}政府":
        body = f"{name}政府"
        phrase = name[:-1] + phrase  # 县政府第…次 → 溱川县政府第…次
        headline = f"{name}政府召开" + phrase.removeprefix(f"{name}政府")
    else:
        headline = f"{name}召开{phrase}"
    post = rng.choice((f"{level}长", f"{level}委副书记、{level}长"))
    where = f"在{m.location}" if m.location else ""
    when = f"{m.date.year}年{m.date.month}月{m.date.day}日{m.time_of_day or ''}"
    if rng.random() < 0.25:  # the meeting as the subject, the chair on their own
        opening = rng.choice(
            (
                f"{when}，{phrase}{where}召开。会议由{post}{m.chair}主持。",
                f"{when}，{phrase}{where}召开，{post}{m.chair}主持会议。",
            )
        )
    else:
        opening = f"{when}，{post}{m.chair}{where}主持召开{phrase}。"
    paragraphs = [opening]
    items: list[Item] = []
    for item in record.items:
        if item.action == "其他":
            continue  # generic lines (部署…工作) are not items of a report
        if item.action == "传达学习" and any(i.action == "传达学习" for i in items):
            continue  # reports convey once, in one sentence
        lines = [line for line in item.text.split("\n") if line.strip()]
        if len(lines) > 2 and lines[1].startswith("（一）"):
            for part in _split_parts(item, lines):
                paragraphs.append(part.text)
                items.append(replace(part, number=len(items) + 1))
            continue
        sentences = [_news_sentence(item)]
        if item.requirements:
            who = m.chair if rng.random() < 0.4 else "会议"
            sentences.append(f"{who}要求，" + "。".join(item.requirements) + "。")
        if len(lines) > 2:
            sentences.append(lines[2])
        text = "".join(sentences)
        paragraphs.append(text)
        # A report has one item per document deliberated (there are no headings to
        # group them): an item with two documents becomes two with one each.
        parts = [
            replace(item, documents=(title,), document_stages=(stage,))
            for title, stage in zip(item.documents, item.document_stages, strict=True)
        ] or [item]
        for part in parts:
            items.append(replace(part, number=len(items) + 1, text=text))
    if rng.random() < 0.3:  # a generic line, not an item
        paragraphs.append("会议还研究了其他事项。")
    body_paragraphs = len(paragraphs)
    att = record.attendance
    deputies = [p for p in att.present if p != m.chair]
    present: tuple[str, ...] = ()
    if deputies:
        paragraphs.append(f"副{level}长{'、'.join(deputies)}出席会议。")
        present = tuple(deputies)
    invited: tuple[str, ...] = ()
    if att.invited:
        posts = (f"{level}人大常委会副主任", f"{level}政协副主席")
        guests = "、".join(f"{posts[i % 2]}{n}" for i, n in enumerate(att.invited))
        paragraphs.append(f"{guests}应邀{rng.choice(('出席', '参加'))}会议。")
        invited = att.invited
    if att.observers:
        paragraphs.append(f"{level}政府办公室、{level}发改局等部门主要负责人列席会议。")
    if rng.random() < 0.25:  # some reports name the attendees before the matters
        attendance = paragraphs[body_paragraphs:]
        paragraphs = [paragraphs[0], *attendance, *paragraphs[1:body_paragraphs]]
    news = record.replace(
        title=headline,
        issuer=None,
        issued_on=None,
        number=None,
        meeting=replace(m, body=body, chair_post=post),
        items=tuple(items),
        attendance=Attendance(present=present, invited=invited),
        distribution=(),
    )
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n", news


def render_style(record: Record, style: str, rng: random.Random) -> tuple[str, Record]:
    """``record`` in ``style`` (one of :data:`STYLES`): (text, the record the text carries).

    A record that does not suit a news report (not 常务/全体会议, no date or chair) is
    rendered as a variant instead.
    """
    if style == "news":
        news = render_news(record, rng)
        if news is not None:
            return news
        style = "variant"
    if style == "variant":
        return render_variant(record, rng)
    if style == "formal":
        return compose_text(record), record
    raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")


def render_styles(record: Record, seed: int = 0) -> dict[str, tuple[str, Record]]:
    """``record`` in every style: style → (text, the record the text carries)."""
    rng = random.Random(seed)
    return {style: render_style(record, style, rng) for style in STYLES}


def generate_corpus(n: int, seed: int = 0) -> Iterator[tuple[str, Record]]:
    """``n`` (text, record) pairs, lazily: :func:`generate_records` in mixed styles."""
    rng = random.Random(f"styles-{seed}")
    for record in generate_records(n, seed):
        style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
        yield render_style(record, style, rng)
