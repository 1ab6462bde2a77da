"""Minutes for the page tests: our own small texts with records whose spans are exact.

Each text is written here (not copied from the evaluation set); its record is built by
hand and every value's span is found in the text, so the tests know exactly which
characters a fact must highlight whatever the parser does today. The rows are made by
the archive's importer (``import_record``), the one place where a record becomes rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jiyao.minutes.record import Attendance, Item, Meeting, Record

PUBLIC_TEXT = """示例县人民政府办公室                 2023年3月10日

县政府第十二次常务会议纪要

2023年3月6日上午，王明主持召开县政府第十二次常务会议。现将会议研究的有关事项纪要如下：

一、审议县发改局提交的《示例县防汛防台应急预案》（征求意见稿）

会议指出，做好防汛防台工作事关人民群众生命财产安全。会议要求，各有关部门要抓紧开展汛前隐患排查。
会议原则同意《示例县防汛防台应急预案》（征求意见稿），要求根据审议意见作进一步修改完善后印发实施。

二、听取县海洋局关于海洋经济发展情况的汇报

会议要求，各地各部门要做大做强海洋产业。

出    席：王明   李强   赵敏
请    假：孙丽
列    席：周杰   吴刚
分送：县委各部门，县人大办。
"""

INTERNAL_TEXT = """示例县人民政府办公室                 2023年5月12日

县政府第十五次常务会议纪要<script>alert("纪要")</script>

2023年5月8日下午，王明主持召开县政府第十五次常务会议。现将会议研究的有关事项纪要如下：

一、审议县发展和改革局提交的《示例县防汛防台应急预案》（送审稿）

会议原则同意《示例县防汛防台应急预案》（送审稿），要求修改完善后印发实施。<b onmouseover="x()">粗体</b>

出    席：王明   李强
请    假：赵敏   孙丽
应邀出席：钱进
分送：县委各部门。
"""


def _spans(text: str, values: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Path → (start, end) of the first occurrence of each value (after the previous one)."""
    spans: dict[str, tuple[int, int]] = {}
    for path, value in values.items():
        start = text.find(value)
        assert start >= 0, f"{value!r} not in the text"
        spans[path] = (start, start + len(value))
    return spans


def public_record() -> Record:
    text = PUBLIC_TEXT
    item1 = Item(
        number=1,
        heading="审议县发改局提交的《示例县防汛防台应急预案》（征求意见稿）",
        action="审议",
        submitters=("县发改局",),
        documents=("示例县防汛防台应急预案",),
        document_stages=("征求意见稿",),
        decision="原则同意",
        follow_up="根据审议意见作进一步修改完善后印发实施",
        requirements=("各有关部门要抓紧开展汛前隐患排查。",),
        text="会议指出，做好防汛防台工作事关人民群众生命财产安全。",
    )
    item2 = Item(
        number=2,
        heading="听取县海洋局关于海洋经济发展情况的汇报",
        action="听取汇报",
        submitters=("县海洋局",),
        requirements=("各地各部门要做大做强海洋产业。",),
        text="会议要求，各地各部门要做大做强海洋产业。",
    )
    spans = _spans(
        text,
        {
            "issuer": "示例县人民政府办公室",
            "title": "县政府第十二次常务会议纪要",
            "meeting.chair": "王明",
            "meeting.body": "县政府",
            "items[0].heading": item1.heading,
            "items[0].submitters[0]": "县发改局",
            "items[0].requirements[0]": item1.requirements[0],
            "items[0].follow_up": "根据审议意见作进一步修改完善后印发实施",
            "items[1].heading": item2.heading,
            "items[1].submitters[0]": "县海洋局",
            "items[1].requirements[0]": item2.requirements[0],
            "attendance.absent[0]": "孙丽",
            "attendance.observers[0]": "周杰",
            "distribution[1]": "县人大办",
        },
    )
    # Values that occur more than once: point at the right occurrence explicitly.
    decision_at = text.index("会议原则同意") + 2
    spans["items[0].decision"] = (decision_at, decision_at + 4)
    doc_at = text.index("《示例县防汛防台应急预案》") + 1
    spans["items[0].documents[0]"] = (doc_at, doc_at + len("示例县防汛防台应急预案"))
    date_at = text.index("2023年3月6日")
    spans["meeting.date"] = (date_at, date_at + len("2023年3月6日"))
    return Record(
        title="县政府第十二次常务会议纪要",
        issuer="示例县人民政府办公室",
        issued_on=dt.date(2023, 3, 10),
        meeting=Meeting(
            body="县政府",
            kind="常务会议",
            session=12,
            date=dt.date(2023, 3, 6),
            time_of_day="上午",
            chair="王明",
        ),
        items=(item1, item2),
        attendance=Attendance(
            present=("王明", "李强", "赵敏"), absent=("孙丽",), observers=("周杰", "吴刚")
        ),
        distribution=("县委各部门", "县人大办"),
        spans=spans,
    )


def internal_record() -> Record:
    text = INTERNAL_TEXT
    title = '县政府第十五次常务会议纪要<script>alert("纪要")</script>'
    item = Item(
        number=1,
        heading="审议县发展和改革局提交的《示例县防汛防台应急预案》（送审稿）",
        action="审议",
        submitters=("县发展和改革局",),
        documents=("示例县防汛防台应急预案",),
        document_stages=("送审稿",),
        decision="原则同意",
        follow_up="修改完善后印发实施",
        requirements=('<b onmouseover="x()">粗体</b>',),
        text="会议原则同意《示例县防汛防台应急预案》（送审稿）。",
    )
    spans = _spans(
        text,
        {
            "title": title,
            "meeting.chair": "王明",
            "items[0].heading": item.heading,
            "items[0].requirements[0]": item.requirements[0],
        },
    )
    return Record(
        title=title,
        issuer="示例县人民政府办公室",
        issued_on=dt.date(2023, 5, 12),
        meeting=Meeting(
            body="县政府",
            kind="常务会议",
            session=15,
            date=dt.date(2023, 5, 8),
            time_of_day="下午",
            chair="王明",
        ),
        items=(item,),
        attendance=Attendance(present=("王明", "李强"), absent=("赵敏", "孙丽"), invited=("钱进",)),
        distribution=("县委各部门",),
        spans=spans,
    )


def import_minutes(record: Record, text: str, *, visibility: str, name: str) -> Any:
    """Store one record through the importer; return its Meeting."""
    from jiyao.archive.importer import import_record

    result = import_record(
        record,
        text=text,
        original=text.encode("utf-8"),
        filename=name,
        government="示例县",
        visibility=visibility,
    )
    return result.meeting


def make_archive() -> dict[str, Any]:
    """The two meetings the page tests use: one public, one internal."""
    public = import_minutes(public_record(), PUBLIC_TEXT, visibility="public", name="m12.txt")
    internal = import_minutes(
        internal_record(), INTERNAL_TEXT, visibility="internal", name="m15.txt"
    )
    return {"public": public, "internal": internal}


PREPARED_DOCUMENT = "示例县筹备中专项资金管理办法"
PREPARED_DEPARTMENT = "县筹备工作局"
PREPARED_PERSON = "筹备人"


def make_prepared_meeting(archive: dict[str, Any]) -> Any:
    """A meeting being prepared in the workflow: items, attendance, a chair, no Minutes.

    It shares the series of the archive's meetings and names its own department,
    document and person, so a page or a count that leaks it can be told apart.
    """
    from jiyao.archive import models as m

    series = archive["public"].series
    gov = series.government
    chair = m.Person.objects.get(government=gov, name="王明")
    newcomer = m.Person.objects.create(government=gov, name=PREPARED_PERSON)
    org = m.Organization.objects.create(name=PREPARED_DEPARTMENT, government=gov)
    meeting = m.Meeting.objects.create(
        series=series, session=99, date=dt.date(2023, 6, 1), chair=chair, body="县政府"
    )
    item = m.AgendaItem.objects.create(
        meeting=meeting,
        position=0,
        number=1,
        heading=f"审议{PREPARED_DEPARTMENT}提交的《{PREPARED_DOCUMENT}》",
        action="deliberate",
    )
    m.ItemSubmitter.objects.create(
        agenda_item=item, organization=org, name_as_written=PREPARED_DEPARTMENT
    )
    m.Document.objects.create(agenda_item=item, title=PREPARED_DOCUMENT, stage="送审稿")
    m.Decision.objects.create(agenda_item=item)
    for position, person in enumerate((chair, newcomer)):
        m.Attendance.objects.create(
            meeting=meeting, person=person, role="present", position=position
        )
    return meeting
