"""The chair's post survives re-typesetting (issue 11, item 1).

An opening such as 县委副书记、县长周胜霆主持召开… names the chair with a post; the record
keeps the post as written (``meeting.chair_post``, with its span) and every format
prints it before the name again.
"""

from __future__ import annotations

import json

import pytest

from jiyao.minutes.compose import compose_docx, compose_html, compose_text
from jiyao.minutes.parse import parse
from jiyao.minutes.record import Meeting, Record

OPENING = (
    "2021年6月8日下午，{who}主持召开县政府第五十三次常务会议。现将会议讨论研究的有关事项纪要如下："
)


def minutes(who: str) -> str:
    return (
        "象山县人民政府办公室　2021年6月21日\n\n县政府第五十三次常务会议纪要\n\n"
        + OPENING.format(who=who)
        + "\n\n一、审议县发改局提交的《象山县海洋经济发展规划》（送审稿）\n\n"
        "会议原则同意《象山县海洋经济发展规划》（送审稿）。\n"
    )


@pytest.mark.parametrize(
    ("who", "chair", "post"),
    [
        ("县委副书记、县长周胜霆", "周胜霆", "县委副书记、县长"),
        ("县长包朝阳", "包朝阳", "县长"),
        ("副县长韩若溪", "韩若溪", "副县长"),
        ("常务副县长王强", "王强", "常务副县长"),
        ("市长张明", "张明", "市长"),
        ("代县长李明", "李明", "代县长"),
        ("包朝阳县长", "包朝阳", "县长"),
        ("包朝阳", "包朝阳", None),
    ],
)
def test_the_parser_keeps_the_chairs_post_as_written_with_its_span(
    who: str, chair: str, post: str | None
) -> None:
    text = minutes(who)
    record = parse(text)
    assert record.meeting.chair == chair
    assert record.meeting.chair_post == post
    if post is None:
        assert "meeting.chair_post" not in record.spans
    else:
        start, end = record.spans["meeting.chair_post"]
        assert text[start:end] == post


def test_re_typesetting_keeps_the_chairs_post_before_the_name() -> None:
    record = parse(minutes("县委副书记、县长周胜霆"))
    expected = "2021年6月8日下午，县委副书记、县长周胜霆主持召开县政府第五十三次常务会议。"
    assert expected in compose_text(record)
    assert expected in compose_html(record)
    again = parse(compose_text(record))
    assert again.meeting.chair_post == "县委副书记、县长"
    assert again.meeting.chair == "周胜霆"


def test_the_docx_opening_names_the_chairs_post() -> None:
    import io
    import zipfile

    record = parse(minutes("常务副县长王强"))
    with zipfile.ZipFile(io.BytesIO(compose_docx(record))) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "常务副县长王强" in body


def test_the_post_goes_through_json_and_older_json_without_it_still_loads() -> None:
    record = Record(meeting=Meeting(chair="周胜霆", chair_post="县委副书记、县长"))
    data = json.loads(record.dumps())
    assert data["meeting"]["chair_post"] == "县委副书记、县长"
    assert Record.from_json(data) == record
    del data["meeting"]["chair_post"]
    older = Record.from_json(data)
    assert older.meeting.chair == "周胜霆"
    assert older.meeting.chair_post is None
