"""Page layouts of published reports, one invented case each: the site's own lines
(portal names, breadcrumbs, a metadata label whose value stands on the next line, a
damaged copy's markup) are no title or issuer; dates and attendance lists as such pages
print them."""

from __future__ import annotations

import pytest

from jiyao.minutes.parse import parse
from jiyao.minutes.parse.numerals import find_dates

BODY = "3月4日，县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
TITLE = "县政府召开第15次常务会议"


@pytest.mark.parametrize(
    "chrome",
    [
        "澄湾在线",  # the site's name
        "今日澄湾\n澄湾在线>>澄湾频道",
        "政务公开",  # a column
        "2024\n03/05\n10:21",  # the publication stamp cut into lines
        "您当前的位置：澄湾信息港 >> 新闻 >> 时政",
        "政府会议",  # a column named after the meetings
        "常务会议",
        '<legend id="k2x"></legend><samp id="k2x"></samp>\n  • <input id="k2x">\n1. <dl id="k2x"></dl>',
    ],
)
def test_the_page_chrome_before_the_headline_is_not_the_title(chrome: str) -> None:
    record = parse(f"{chrome}\n{TITLE}\n{BODY}")
    assert record.title == TITLE


def test_a_headline_without_a_meeting_word_is_still_the_title() -> None:
    record = parse(f"县政府研究部署春耕生产\n{BODY}")
    assert record.title == "县政府研究部署春耕生产"


def test_the_value_of_a_source_label_on_the_next_line_is_no_issuer() -> None:
    record = parse(f"来源：\n澄湾县人民政府办公室\n{TITLE}\n{BODY}")
    assert record.issuer is None
    assert record.title == TITLE


def test_a_date_that_lost_its_year_and_month_marks() -> None:
    record = parse(
        f"{TITLE}\n202491日，县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2024-09-01"


def test_a_compact_date_with_two_readings_gives_none() -> None:
    assert find_dates("2024121日") == []  # 1月21日 or 12月1日
    assert [(d.month, d.day) for d in find_dates("20241015日")] == [(10, 15)]


def test_a_government_lead_and_a_fixed_observers_unit_in_an_attendance_list() -> None:
    record = parse(
        f"{TITLE}\n9月1日，县长沈立岩主持召开县政府第15次常务会议，县政府韦嘉澍、蓝启东、宁书雅等县领导，"
        "以及固定列席单位主要负责同志参加了会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.attendance.present == ("韦嘉澍", "蓝启东", "宁书雅")
    assert record.attendance.observers == ()


def test_an_opening_without_its_full_stop_is_no_title() -> None:
    record = parse(
        "5月6日,县长沈立岩主持召开县政府第7次常务会议,会议传达学习了省政府全体会议精神,现纪要如下:\n"
        "1.审议《澄湾县河道管理条例》\n会议议定:原则同意。\n"
    )
    assert record.title is None
    assert record.meeting.chair == "沈立岩"
    assert record.items[0].documents == ("澄湾县河道管理条例",)


def test_a_day_alone_without_a_page_date_still_gives_the_time_of_day() -> None:
    record = parse(
        f"{TITLE}\n21日下午,县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.meeting.date is None
    assert record.meeting.time_of_day == "下午"


def test_the_year_of_a_meeting_named_by_its_year_and_month() -> None:
    record = parse(
        "2月27日下午，县长沈立岩主持召开2025年2月县人民政府抓落实专题会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2025-02-27"


def test_a_title_qualifying_another_documents_name_is_no_document() -> None:
    record = parse(
        "3月4日，县长沈立岩主持召开县政府第15次常务会议。"
        "会议审议《澄湾县河道管理条例》（送审稿）、《澄湾县河道管理条例》任务分工情况表（稿）。"
    )
    assert [(i.action, i.documents) for i in record.items] == [
        ("审议", ("澄湾县河道管理条例",)),
        ("审议", ()),
    ]


def test_a_unit_before_its_heads_post_is_no_name() -> None:
    record = parse(
        f"{TITLE}\n3月4日，县长沈立岩主持召开县政府第15次常务会议。县委常委、统战部部长、副县长韦嘉澍，"
        "县财政局局长，蓝启东副县长出席会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.attendance.present == ("韦嘉澍", "蓝启东")


def test_a_closing_line_of_posts_and_names_lists_those_present() -> None:
    record = parse(
        f"{BODY}\n会议还研究了其他事项。\n副县长韦嘉澍、蓝启东，县政府办公室主任宁书雅\n"
    )
    assert record.attendance.present == ("韦嘉澍", "蓝启东", "宁书雅")


def test_a_closing_remark_by_a_post_is_no_attendance() -> None:
    record = parse(f"{BODY}\n县长沈立岩要求各部门抓好落实\n")
    assert record.attendance.present == ()


def test_a_date_that_lost_its_month_mark_only() -> None:
    record = parse(
        f"{TITLE}\n2024年35日,县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2024-03-05"


def test_a_chair_named_at_the_end_of_the_report() -> None:
    record = parse(
        "县政府第3次全体会议召开\n3月4日下午，县政府第3次全体会议召开，审议《澄湾县政府工作报告（讨论稿）》。\n"
        "会议强调，要抓好落实。\n常务副县长蓝启东主持会议并讲话，副县长韦嘉澍出席会议。\n"
    )
    assert record.meeting.chair == "蓝启东"
    assert record.attendance.present == ("韦嘉澍",)


@pytest.mark.parametrize(
    ("published", "expected"), [("2025-03-04", "2025-03-03"), ("2025-06-13", "None")]
)
def test_a_day_that_lost_its_month_mark_is_read_beside_the_page_date(
    published: str, expected: str
) -> None:
    record = parse(
        f"{TITLE}\n来源：澄湾融媒  发布日期：{published}\n"
        "33日，县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert str(record.meeting.date) == expected
