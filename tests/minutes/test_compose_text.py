"""compose_text: a record laid out as plain-text minutes like the example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from compose_records import xiangshan
from hypothesis import given, settings
from hypothesis import strategies as st

from jiyao.minutes.compose.text import (
    Layout,
    chinese_date,
    chinese_numeral,
    compose_text,
    meeting_phrase,
)
from jiyao.minutes.errors import ComposeError
from jiyao.minutes.generate import generate_record
from jiyao.minutes.record import DECISIONS, Attendance, Item, Meeting, Record

GOLDEN = Path(__file__).parent / "golden_compose"
EXAMPLE = Path(__file__).resolve().parents[2] / "src/jiyao/examples/xiangshan-2021-53.txt"


@pytest.mark.parametrize(
    ("number", "written"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (53, "五十三"),
        (100, "一百"),
        (102, "一百零二"),
        (110, "一百一十"),
        (1000, "一千"),
        (1010, "一千零一十"),
        (0, "零"),
    ],
)
def test_sessions_are_written_in_chinese_numerals_as_minutes_write_them(
    number: int, written: str
) -> None:
    assert chinese_numeral(number) == written


def test_a_number_too_large_for_chinese_numerals_is_a_compose_error() -> None:
    with pytest.raises(ComposeError, match="10000"):
        chinese_numeral(10000)


def test_dates_in_chinese_numerals_write_the_year_digit_by_digit() -> None:
    assert chinese_date(dt.date(2021, 6, 21)) == "二〇二一年六月二十一日"
    assert chinese_date(dt.date(2020, 10, 30)) == "二〇二〇年十月三十日"


def test_the_example_minutes_are_laid_out_as_printed() -> None:
    text = compose_text(xiangshan())
    lines = text.splitlines()
    assert lines[0] == "象山县人民政府办公室                 2021年6月21日"
    assert lines[2] == "县政府第五十三次常务会议纪要"
    example = EXAMPLE.read_text(encoding="utf-8").splitlines()
    opening = "2021年6月8日下午，包朝阳主持召开县政府第五十三次常务会议。现将会议讨论研究的有关事项纪要如下："
    assert opening in lines and opening in example
    for line in (
        "三、审议县发改局提交的《象山县海洋经济发展“十四五”规划》（送审稿）",
        "会议原则同意《象山县海洋经济发展“十四五”规划》（送审稿），要求根据审议意见作进一步修改完善后印发实施。",
        "出    席：包朝阳   陈兴立   周坚栋   石坚定   范建富",
        "          张微燕   吴志辉   章洪浩   张有为",
        "请    假：钮晶莹",
        "应邀出席：陈柳松   励茂平",
        "          章志鸿   干  焊   檀年华   徐小平   顾善存",
    ):
        assert line in lines, line
        assert line.strip() in [x.strip() for x in example], line
    # Item 九 carries its decision in the heading: it is not repeated below it.
    nine = lines.index(next(x for x in lines if x.startswith("九、")))
    assert lines[nine + 2].startswith("出    席")


def test_continuation_lines_of_attendance_align_after_the_colon() -> None:
    names = tuple(f"王{c}明" for c in "一二三四五六七八九十甲乙")
    text = compose_text(Record(attendance=Attendance(observers=names)))
    first, second, third = text.splitlines()
    assert first.startswith("列    席：王一明   ")
    assert second == "          王六明   王七明   王八明   王九明   王十明"
    assert third == "          王甲明   王乙明"


def test_missing_parts_are_left_out_without_empty_blocks() -> None:
    assert compose_text(Record()) == "\n"
    record = Record(
        title="县政府第三次常务会议纪要",
        meeting=Meeting(body="县政府", kind="常务会议", session=3),
        attendance=Attendance(present=("李四",)),
    )
    text = compose_text(record)
    assert text == (
        "县政府第三次常务会议纪要\n\n"
        "召开县政府第三次常务会议。现将会议讨论研究的有关事项纪要如下：\n\n"
        "出    席：李  四\n"
    )
    assert "请    假" not in text and "分送" not in text and "\n\n\n" not in text


def test_an_item_without_usable_text_is_built_from_its_fields() -> None:
    item = Item(
        number=1,
        heading="审议县住建局提交的《某县城市更新行动计划（2023—2025年）》（送审稿）",
        action="审议",
        submitters=("县住建局",),
        documents=("某县城市更新行动计划（2023—2025年）",),
        document_stages=("送审稿",),
        decision="原则同意",
        follow_up="根据审议意见作进一步修改完善后印发实施",
        requirements=("各有关部门要加强统筹协调。", "要压实工作责任"),
        text="a text that belongs to another item",
    )
    text = compose_text(Record(items=(item,)))
    assert text == (
        "一、审议县住建局提交的《某县城市更新行动计划（2023—2025年）》（送审稿）\n\n"
        "会议要求，各有关部门要加强统筹协调。要压实工作责任。\n\n"
        "会议原则同意《某县城市更新行动计划（2023—2025年）》（送审稿），"
        "要求根据审议意见作进一步修改完善后印发实施。\n"
    )


def test_a_deferred_item_without_documents_still_says_what_was_decided() -> None:
    item = Item(number=1, heading="研究城区停车收费有关事项", action="研究", decision="暂缓")
    assert "会议决定暂缓研究有关事项。" in compose_text(Record(items=(item,)))


def test_item_text_with_or_without_its_heading_line_is_used_as_written() -> None:
    body = "会议指出，这件事很重要。\n会议同意《某办法》。"
    with_heading = Item(
        number=1, heading="研究某办法", documents=("某办法",), text="研究某办法\n" + body
    )
    without = Item(number=1, heading="研究某办法", documents=("某办法",), text=body)
    expected = "一、研究某办法\n\n会议指出，这件事很重要。\n\n会议同意《某办法》。\n"
    assert compose_text(Record(items=(with_heading,))) == expected
    assert compose_text(Record(items=(without,))) == expected


def test_the_meeting_is_named_from_the_fields_when_the_title_does_not_name_it() -> None:
    record = Record(
        title="某县人民政府常务会议纪要",
        meeting=Meeting(body="县政府", kind="常务会议", session=12),
    )
    assert meeting_phrase(record) == "县政府第十二次常务会议"
    assert (
        meeting_phrase(record.replace(title="县政府第12次常务会议纪要")) == "县政府第12次常务会议"
    )


def test_a_layout_changes_labels_names_markers_and_dates_but_not_the_content() -> None:
    record = generate_record(5)
    layout = Layout(
        issued_numerals="chinese",
        item_marker="1．",
        labels="plain",
        names="、",
        distribution_label="抄送",
        blank_lines=False,
        chair_title="县长",
    )
    text = compose_text(record, layout)
    assert chinese_date(record.issued_on or dt.date.today()) in text
    assert "1．" in text and "一、" not in text
    assert "出席：" + "、".join(record.attendance.present) in text
    assert "抄送：" in text and "\n\n1．" in text
    assert f"县长{record.meeting.chair}" in text


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_generated_records_compose_to_their_golden_text(seed: int, update_golden: bool) -> None:
    text = compose_text(generate_record(seed))
    path = GOLDEN / f"generated-{seed}.txt"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_example_record_composes_to_its_golden_text(update_golden: bool) -> None:
    text = compose_text(xiangshan())
    path = GOLDEN / "xiangshan-2021-53.txt"
    if update_golden:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_leave_reasons_follow_the_absent_names_in_brackets() -> None:
    record = Record(attendance=Attendance(absent=("林知", "王大明", "陈三立")))
    text = compose_text(record, Layout(leave_reasons=("因公", "出差")))
    assert text == "请    假：林  知（因公）   王大明（出差）   陈三立\n"


_hanzi = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_names = st.lists(st.text(_hanzi, min_size=2, max_size=4), max_size=7).map(tuple)


@given(
    title=st.none() | st.text(max_size=20),
    session=st.none() | st.integers(min_value=0, max_value=9999),
    heading=st.text(max_size=30),
    text=st.text(max_size=60),
    documents=_names,
    decision=st.none() | st.sampled_from(DECISIONS),
    present=_names,
    distribution=_names,
)
@settings(max_examples=80, deadline=None)
def test_any_record_composes_without_error_and_without_empty_blocks(
    title: str | None,
    session: int | None,
    heading: str,
    text: str,
    documents: tuple[str, ...],
    decision: str | None,
    present: tuple[str, ...],
    distribution: tuple[str, ...],
) -> None:
    item = Item(
        number=1,
        heading=heading,
        documents=documents,
        document_stages=(None,) * len(documents),
        decision=decision,
        text=text,
    )
    record = Record(
        title=title,
        meeting=Meeting(kind="常务会议", session=session),
        items=(item,),
        attendance=Attendance(present=present),
        distribution=distribution,
    )
    out = compose_text(record)
    assert out.endswith("\n") and "\n\n\n\n" not in out
    for name in present:
        assert name in out or f"{name[0]}  {name[1]}" in out


def test_a_report_matter_without_heading_gets_one_from_its_first_clause() -> None:
    items = (
        Item(
            number=1,
            action="审议",
            submitters=("县发改局",),
            documents=("甲方案",),
            decision="原则同意",
            follow_up="修改完善后印发实施",
            text="审议了县发改局送审的《甲方案》，听取了县统计局关于经济运行情况的汇报。",
        ),
        Item(
            number=2,
            action="听取汇报",
            submitters=("县统计局",),
            text="关于经济运行情况的汇报。会议原则同意以上议题。",
        ),
        Item(
            number=3,
            action="审议",
            documents=("乙办法",),
            text="审议《乙办法》《丙办法》。",  # names another item's document too
        ),
        Item(
            number=4, action="研究", submitters=("县住建局",), text="研究污水处理厂提标改造工作。"
        ),
    )
    text = compose_text(Record(items=items))
    assert text.splitlines()[::2] == [
        "一、审议县发改局送审的《甲方案》",
        "会议原则同意《甲方案》，要求修改完善后印发实施。",
        "二、听取县统计局关于经济运行情况的汇报",
        "三、审议《乙办法》",
        "四、研究县住建局提出的污水处理厂提标改造工作",
    ]


def test_a_report_sentence_as_heading_is_headed_as_minutes_head_it() -> None:
    item = Item(
        number=1,
        heading="会议审议了县农业农村局提交的《甲方案》",
        action="审议",
        submitters=("县农业农村局",),
        documents=("甲方案",),
        decision="原则通过",
        text="会议审议了县农业农村局提交的《甲方案》。会议原则通过该方案。",
    )
    assert compose_text(Record(items=(item,))) == (
        "一、审议县农业农村局提交的《甲方案》\n\n"
        "会议审议了县农业农村局提交的《甲方案》。会议原则通过该方案。\n"
    )
