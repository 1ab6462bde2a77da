"""Composed documents are named by government, date and sitting, not by title alone."""

from __future__ import annotations

import datetime as dt

import pytest
from compose_records import xiangshan

from jiyao.minutes.compose import document_name
from jiyao.minutes.record import Meeting, Record


def test_the_name_says_government_date_and_sitting() -> None:
    assert document_name(xiangshan(), ".pdf") == "象山县人民政府-2021-06-08-第53次常务会议纪要.pdf"
    assert document_name(xiangshan(), "docx").endswith("第53次常务会议纪要.docx")


def test_two_governments_with_the_same_title_get_different_names() -> None:
    a = xiangshan()
    b = a.replace(issuer="宁海县人民政府办公室")
    assert a.title == b.title
    assert document_name(a, ".pdf") != document_name(b, ".pdf")


@pytest.mark.parametrize(
    ("record", "government", "name"),
    [
        # no session: the kind alone
        (
            xiangshan().replace(meeting=Meeting(kind="常务会议", date=dt.date(2021, 6, 8))),
            None,
            "象山县人民政府-2021-06-08-常务会议纪要.txt",
        ),
        # no meeting date: the issuing date
        (
            xiangshan().replace(meeting=Meeting(kind="常务会议", session=53)),
            None,
            "象山县人民政府-2021-06-21-第53次常务会议纪要.txt",
        ),
        # no issuer: the caller's government, else the meeting's body
        (
            Record(meeting=Meeting(body="县政府", kind="全体会议", session=2)),
            "溱川县",
            "溱川县-第2次全体会议纪要.txt",
        ),
        (
            Record(meeting=Meeting(body="县政府", kind="全体会议", session=2)),
            None,
            "县政府-第2次全体会议纪要.txt",
        ),
        # nothing to say who or when: the title, else 会议纪要
        (Record(title="关于防汛工作的会议纪要"), None, "关于防汛工作的会议纪要.txt"),
        (Record(), None, "会议纪要.txt"),
        # characters no file system takes
        (Record(title='a/b\\\\c:"d"'), None, "a-b-c-d.txt"),
    ],
)
def test_missing_parts_are_left_out(record: Record, government: str | None, name: str) -> None:
    assert document_name(record, ".txt", government=government) == name
