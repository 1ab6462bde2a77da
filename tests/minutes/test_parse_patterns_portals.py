"""More phrasings of real reports: portal pages and summary sentences (one invented case
each; places, people and titles are made up). See test_parse_patterns.py for the catalogue."""

from __future__ import annotations

import pytest

from jiyao.minutes.parse import parse

OPEN = "3月9日上午，县长沈立岩主持召开县政府第12次常务会议。"
BODY = "\n县政府召开第15次常务会议\n3月4日，县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"


@pytest.mark.parametrize(
    "chrome",
    [
        "2024\n06/18\n09:30",
        "![]() |",
        "• 索 引 号：zz/2024-00012",
        "无障碍浏览\n长者模式 澄湾县人民政府",
        "国内统一连续出版物号：CN99-0000",
        "7：要闻速递总第312期 >2024-03-05编印",
        "政府会议",
    ],
)
def test_h3_portal_toolbars_issue_bars_and_lines_without_chinese_are_not_the_title(
    chrome: str,
) -> None:
    assert parse(chrome + BODY).title == "县政府召开第15次常务会议"


def test_h3_a_long_opening_line_without_a_full_stop_is_the_opening_not_the_title() -> None:
    record = parse(
        "\n5月6日,县委副书记、县长沈立岩同志主持召开澄湾县第九届人民政府第12次常务会议,"
        "会议传达学习上级有关会议精神,现纪要如下:\n1.审议《澄湾县河道管理条例》\n会议议定:原则同意。\n"
    )
    assert record.title is None
    assert record.meeting.chair == "沈立岩"
    assert [(i.action, i.decision) for i in record.items] == [("审议", "原则同意")]


@pytest.mark.parametrize(
    "summary",
    [
        "听取有关工作情况汇报",
        "研究部署下一步工作",
        "研究审议有关事项并部署落实措施",
        "研究县政府贯彻落实工作",
    ],
)
def test_i5_a_summary_that_names_no_matter_gives_no_item(summary: str) -> None:
    record = parse(
        f"3月9日，县长沈立岩主持召开县政府第12次常务会议，{summary}。\n"
        "会议审议了《澄湾县河道管理条例》。"
    )
    assert [i.action for i in record.items] == ["审议"]


def test_i5_other_important_documents_studied_are_no_item() -> None:
    record = parse(
        OPEN + "会议传达学习了《澄湾县河道管理条例》。会议还传达学习了其他重要文件精神。"
    )
    assert [i.documents for i in record.items] == [("澄湾县河道管理条例",)]


def test_h3_a_chrome_label_alone_on_its_line_takes_the_next_line_with_it() -> None:
    record = parse("来源：\n澄湾县人民政府办公室\n访问量：\n1024" + BODY)
    assert record.title == "县政府召开第15次常务会议"
    assert record.issuer is None


def test_i10_studying_titled_documents_in_the_opening_summary_is_no_item() -> None:
    record = parse(
        "3月9日，县长沈立岩主持召开县政府第12次常务会议，传达学习《澄湾县河道管理条例》"
        "《澄湾县林地保护办法》，审议《澄湾县校车运营补贴办法》。"
    )
    assert [(i.action, i.documents) for i in record.items] == [
        ("审议", ("澄湾县校车运营补贴办法",))
    ]


def test_i10_arrangements_named_in_the_opening_summary_are_its_purpose() -> None:
    record = parse(
        "3月9日，澄湾县人民政府召开第一次全体会议，就推进法治政府建设进行部署。\n"
        "会议传达学习了全省经济工作会议精神。"
    )
    assert [i.action for i in record.items] == ["传达学习"]


def test_i5_verbs_after_a_remark_cue_in_the_sentence_are_remarks() -> None:
    record = parse(
        OPEN + "会议审议并原则通过《澄湾县噪声防治方案》，强调要研究制定夜间施工管理措施。"
    )
    assert [(i.action, i.decision) for i in record.items] == [("审议", "原则通过")]


def test_a3_a_unit_named_with_a_verb_does_not_take_the_sentences_role() -> None:
    record = parse(
        "3月9日，县长沈立岩主持召开县政府第12次常务会议，副县长韦嘉澍、蓝启东，以及固定列席单位主要领导参加了会议。"
        "会议审议了《澄湾县河道管理条例》。"
    )
    assert record.attendance.present == ("韦嘉澍", "蓝启东")
    assert record.attendance.observers == ()


def test_h3_a_portals_title_field_gives_the_title() -> None:
    record = parse("• 标    题：县政府召开第15次常务会议\n" + BODY.split("\n", 2)[2])
    assert record.title == "县政府召开第15次常务会议"


def test_a6_the_chair_on_the_line_after_the_opening() -> None:
    record = parse(
        "4月2日下午，县政府第15次常务会议在澄湾召开。\n县委副书记、县长沈立岩主持会议。\n"
        "会议审议了《澄湾县河道管理条例》。"
    )
    assert record.meeting.chair == "沈立岩"


def test_i14_matters_studied_with_jiu_and_jinxing() -> None:
    record = parse(
        "3月9日，县长沈立岩主持召开县政府第12次常务会议。\n"
        "会议就县水利局《关于鹤坪水库除险加固工程的请示》等5个议题进行了深入研究。"
    )
    assert [(i.action, i.submitters, i.documents) for i in record.items] == [
        ("研究", ("县水利局",), ("关于鹤坪水库除险加固工程的请示",))
    ]


def test_h3_a_portals_greeting_is_not_the_title() -> None:
    assert parse("欢迎进入澄湾县人民政府网站！" + BODY).title == "县政府召开第15次常务会议"


def test_i5_a_verb_in_an_attendance_time_clause_is_no_item() -> None:
    record = parse(
        OPEN + "县直有关部门负责同志在研究相关议题时列席。会议研究了城区停车场建设等事宜。"
    )
    assert [i.action for i in record.items] == ["研究"]


def test_i5_arranging_the_current_work_in_general_is_no_item() -> None:
    record = parse(
        OPEN + "会议审议了《澄湾县河道管理条例》。会议就做好当前各项工作任务进行部署安排。"
    )
    assert [i.action for i in record.items] == ["审议"]


def test_i6_leaders_reporting_in_turn_is_a_report_heard_without_a_unit() -> None:
    record = parse(OPEN + "会上，与会领导汇报了各自分管领域的重点工作安排。")
    assert [(i.action, i.submitters) for i in record.items] == [("听取汇报", ())]


@pytest.mark.parametrize(
    ("sentence", "units"),
    [
        ("会议听取了县住建局城区排水工作情况汇报。", ("县住建局",)),
        (
            "在听取完鹤坪生态环境分局近期工作情况汇报后，沈立岩要求，要抓紧落实。",
            ("鹤坪生态环境分局",),
        ),
        ("会议听取了全县安全生产委员会工作情况汇报。", ("全县安全生产委员会",)),
        ("会议听取了第一次书记办公会议决定事项落实情况汇报。", ()),
        ("会议听取了一季度经济运行情况汇报。", ()),
    ],
)
def test_i6_the_unit_a_report_heard_starts_with_reported_it(
    sentence: str, units: tuple[str, ...]
) -> None:
    record = parse(OPEN + sentence)
    assert [(i.action, i.submitters) for i in record.items] == [("听取汇报", units)]


@pytest.mark.parametrize(
    "chrome",
    [
        "澄湾新闻网    澄湾日报 旧版入口：澄湾日报 (2020年5月1日前数字报)",
        "2024年3月5日 星期二",
        "版权所有：澄湾县人民政府办公室 网站标识码：9999000001",
    ],
)
def test_h3_mastheads_footers_and_a_date_alone_are_not_the_title(chrome: str) -> None:
    assert parse(chrome + BODY).title == "县政府召开第15次常务会议"


def test_h1_the_page_date_nearest_the_opening_completes_the_meeting_date() -> None:
    record = parse(
        "澄湾新闻网 (2020年5月1日前数字报)\n2023年12月15日\n县政府召开第15次常务会议\n"
        "12月14日，县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2023-12-14"


def test_h1_the_year_from_a_months_meeting_label() -> None:
    record = parse(
        "2月28日下午，县长沈立岩主持召开2026年2月县人民政府抓落实专题会议。\n"
        "会议听取了县住建局城区排水工作情况汇报。"
    )
    assert str(record.meeting.date) == "2026-02-28"


def test_a2_names_after_the_governments_name_and_before_etc_with_units_after_a_comma() -> None:
    record = parse(
        "3月9日，县长沈立岩主持召开县政府第12次常务会议，县政府韦嘉澍、蓝启东、宁书雅等县领导，"
        "以及县直有关部门主要负责人参加了会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.attendance.present == ("韦嘉澍", "蓝启东", "宁书雅")


def test_i8_a_decision_names_the_unit_that_drafted_a_title_deliberated_before() -> None:
    record = parse(
        "3月9日下午，县长沈立岩主持召开县政府第12次常务会议，审定了《澄湾县农业园区建设方案》。\n"
        "会议同意县农业农村局拟草的《澄湾县农业园区建设方案》，报县委审定。"
    )
    assert [(i.action, i.decision, i.submitters) for i in record.items] == [
        ("审议", "同意", ("县农业农村局",))
    ]


def test_i4_a_title_that_begins_a_longer_name_is_no_document_of_its_own() -> None:
    record = parse(
        OPEN
        + "会议审议《澄湾县政府工作报告》（修改稿）、《澄湾县政府工作报告》重点任务分工落实情况表（稿）。"
    )
    assert [(i.action, i.documents) for i in record.items] == [
        ("审议", ("澄湾县政府工作报告",)),
        ("审议", ()),
    ]


def test_i6_arrangements_with_dui_are_an_item() -> None:
    record = parse(
        OPEN + "会议审议了《澄湾县河道管理条例》，并对森林防火、防汛备汛等工作进行安排部署。"
    )
    assert [i.action for i in record.items] == ["审议", "其他"]


def test_i3_reports_heard_split_after_gongzuo_too() -> None:
    record = parse(
        OPEN + "会议听取了全县春耕备耕完成情况、城区供水专班工作以及农村客运通达工程推进情况汇报。"
    )
    assert [i.action for i in record.items] == ["听取汇报"] * 3
