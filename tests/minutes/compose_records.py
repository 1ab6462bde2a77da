"""Records for the composer's tests, built here from the bundled example minutes.

The items' headings and texts come from src/jiyao/examples/xiangshan-2021-53.txt (split at
its 一、二、… headings); the facts (actions, submitters, documents, decisions) are written
out by hand from reading it. No parser is involved, so layout tests do not depend on one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from jiyao.minutes.record import Attendance, Item, Meeting, Record

EXAMPLE = Path(__file__).resolve().parents[2] / "src/jiyao/examples/xiangshan-2021-53.txt"

_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")

#: (action, submitters, documents, stages, decision, follow_up) per item, by hand.
_FACTS: list[
    tuple[str, tuple[str, ...], tuple[str, ...], tuple[str | None, ...], str | None, str | None]
] = [
    ("传达学习", (), (), (), None, None),
    ("传达学习", (), (), (), None, None),
    (
        "审议",
        ("县发改局",),
        ("象山县海洋经济发展“十四五”规划",),
        ("送审稿",),
        "原则同意",
        "根据审议意见作进一步修改完善后印发实施",
    ),
    ("听取汇报", ("县应急管理局",), (), (), None, None),
    (
        "审议",
        ("县住建局",),
        ("象山县住房和城乡建设“十四五”规划",),
        ("送审稿",),
        "原则同意",
        "根据审议意见作进一步修改完善后印发实施",
    ),
    (
        "审议",
        ("县综合行政执法局",),
        ("象山县综合行政执法事项划转工作方案",),
        ("送审稿",),
        "原则同意",
        "根据审议意见作进一步修改完善后印发实施",
    ),
    ("听取汇报", ("县城投集团",), (), (), "原则同意", "根据审议意见作进一步修改完善后实施"),
    ("听取汇报", ("县经信局",), (), (), None, None),
    (
        "审议",
        ("县发改局",),
        ("象山县开发区（园区）整合提升方案",),
        ("送审稿",),
        "原则同意",
        "根据审议意见作进一步修改完善后印发实施",
    ),
]


def _items() -> tuple[Item, ...]:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    blocks: list[tuple[str, list[str]]] = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("出") and "席" in line[:6]:
            break
        m = _HEADING.match(line)
        if m:
            blocks.append((m.group(2), []))
        elif blocks and line:
            blocks[-1][1].append(line)
    items = []
    for number, ((heading, text), facts) in enumerate(zip(blocks, _FACTS, strict=True), 1):
        action, submitters, documents, stages, decision, follow_up = facts
        requirements = tuple(
            s + "。" for para in text for s in re.findall(r"会议要求，([^。]*)", para)
        )
        items.append(
            Item(
                number=number,
                heading=heading,
                action=action,
                submitters=submitters,
                documents=documents,
                document_stages=stages,
                decision=decision,
                follow_up=follow_up,
                requirements=requirements,
                text="\n".join(text),
            )
        )
    return tuple(items)


def xiangshan() -> Record:
    """The seed minutes (县政府第五十三次常务会议纪要) as a full record."""
    return Record(
        title="县政府第五十三次常务会议纪要",
        issuer="象山县人民政府办公室",
        issued_on=dt.date(2021, 6, 21),
        number="第53期",
        meeting=Meeting(
            body="县政府",
            kind="常务会议",
            session=53,
            date=dt.date(2021, 6, 8),
            time_of_day="下午",
            chair="包朝阳",
        ),
        items=_items(),
        attendance=Attendance(
            present=(
                "包朝阳",
                "陈兴立",
                "周坚栋",
                "石坚定",
                "范建富",
                "张微燕",
                "吴志辉",
                "章洪浩",
                "张有为",
            ),
            absent=("钮晶莹",),
            invited=("陈柳松", "励茂平"),
            observers=(
                "李达飞",
                "史建立",
                "徐大栋",
                "江立峰",
                "李文宏",
                "董连胜",
                "杨梓良",
                "徐颖峰",
                "林曙光",
                "张洪成",
                "章志鸿",
                "干焊",
                "檀年华",
                "徐小平",
                "顾善存",
                "石雷霆",
                "朱海成",
                "郑港峰",
                "包春成",
                "黄国敏",
                "叶国栋",
                "吴跃",
                "叶志方",
                "陈福东",
            ),
        ),
        distribution=(
            "县委各部门",
            "县人大办",
            "政协办",
            "县人武部",
            "县法院",
            "检察院",
            "市直驻象各单位",
            "各人民团体",
            "各镇乡政府",
            "街道办事处",
            "县政府各部门",
        ),
    )


#: Names whose characters Fandol lacks: they must come from the Noto fallback.
RARE_NAMES = ("王堃", "李赟", "张喆")


def xiangshan_with_rare_names() -> Record:
    record = xiangshan()
    attendance = record.attendance
    return record.replace(
        attendance=Attendance(
            present=attendance.present,
            absent=attendance.absent,
            invited=attendance.invited,
            observers=(*attendance.observers, *RARE_NAMES),
        )
    )


def _parsed_example() -> Record:
    from jiyao.minutes.parse import parse
    from jiyao.minutes.read import read_path

    return parse(read_path(EXAMPLE).text, name=str(EXAMPLE))


def several_lengths() -> list[tuple[str, Record, bool]]:
    """(name, record, under the series masthead): records of one to nine items, with and
    without the series masthead, and the bundled 象山 minutes as the parser reads them
    (six pages) — bodies that end on odd pages and on even pages with and without room
    for the 版记, in the PDF and in the DOCX."""
    base = xiangshan()
    cases = [
        (f"{n} items{' series' if series else ''}", base.replace(items=base.items[:n]), series)
        for n, series in ((1, False), (2, False), (3, True), (4, True), (6, False), (9, True))
    ]
    cases.append(("象山 example", _parsed_example(), False))
    return cases
