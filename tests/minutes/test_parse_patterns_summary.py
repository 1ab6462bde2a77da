"""The opening summary of a report and the loose matters around it, one invented case
each: the summary is the opening sentence only; follow-ups of a 传达学习 and the next
stage's work are no matters; a named time before 有关工作 makes a matter."""

from __future__ import annotations

import pytest

from jiyao.minutes.parse import parse

OPEN = "5月6日上午，县长沈立岩主持召开县政府第7次常务会议。"


def actions(text: str) -> list[str]:
    return [i.action for i in parse(text).items]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("会议听取了全县春耕生产情况汇报，研究部署下一步工作。", ["听取汇报"]),
        ("会议传达学习了省政府常务会议精神，研究我县具体落实举措。", ["传达学习"]),
        ("会议传达学习了省政府常务会议精神，讨论研究我县贯彻落实情况。", ["传达学习"]),
        ("会议传达学习了省政府常务会议精神。会议研究县政府贯彻落实工作。", ["传达学习"]),
    ],
)
def test_follow_ups_and_the_next_stage_are_no_items(tail: str, expected: list[str]) -> None:
    assert actions(OPEN + tail) == expected


def test_catch_all_closings_are_no_items() -> None:
    text = OPEN + "会议审议了《澄湾县河道管理条例》。会议还研究了其他工作。会议还研究了其他事"
    assert actions(text) == ["审议"]


def test_a_named_time_before_youguan_gongzuo_makes_a_matter() -> None:
    assert actions(OPEN + "会议研究部署中秋节前有关工作，强调，要抓好市场保供。") == ["研究"]
    assert actions(OPEN + "会议研究了有关工作。") == []


def test_the_summary_is_the_opening_sentence_only() -> None:
    text = (
        "5月6日上午，县长沈立岩主持召开县政府第7次常务会议，传达学习了省政府全体会议精神。"
        "传达学习了省委全会精神，研究审议了城区停车、河道保洁等有关事项。"
    )
    assert actions(text) == ["传达学习", "研究"]


def test_a_titled_chuanda_xuexi_in_the_opening_sentence_is_no_item() -> None:
    text = (
        "5月6日上午，县长沈立岩主持召开县政府第7次常务会议，传达学习《澄湾县防汛工作手册》"
        "《澄湾县河长制工作规则》，审议《澄湾县河道管理条例》。"
    )
    assert [(i.action, i.documents) for i in parse(text).items] == [
        ("审议", ("澄湾县河道管理条例",))
    ]


def test_tingqu_yanjiu_is_a_research_item() -> None:
    assert actions(OPEN + "会议听取研究了城东片区防洪排涝有关事宜。") == ["研究"]


def test_reports_listed_before_deng_are_one_report() -> None:
    text = (
        OPEN
        + "会议听取了全县春耕生产情况、城区供水管网改造进展情况、农村客运通达工程情况等工作汇报。"
    )
    assert actions(text) == ["听取汇报"]


def test_yiji_joins_two_reports_heard() -> None:
    text = (
        OPEN
        + "会议听取了全县春耕生产情况、城区供水管网改造专班工作以及农村客运通达工程推进情况汇报。"
    )
    assert actions(text) == ["听取汇报", "听取汇报", "听取汇报"]


def test_a_tongbao_item_heard_later_is_a_report_heard() -> None:
    text = (
        OPEN + "会议通报了《澄湾县一季度绩效考核情况的报告》等事项。"
        "会议听取了县绩效办关于《澄湾县一季度绩效考核情况的报告》的汇报。"
    )
    record = parse(text)
    assert [(i.action, i.submitters) for i in record.items] == [("听取汇报", ("县绩效办",))]


def test_a_matter_studied_with_jiu_jinxing_yanjiu() -> None:
    text = OPEN + "会议就县水利局《关于城北泵站改造资金的请示》等议题进行了深入研究。"
    assert [(i.action, i.submitters, i.documents) for i in parse(text).items] == [
        ("研究", ("县水利局",), ("关于城北泵站改造资金的请示",))
    ]


def test_a_matter_studied_with_dui_ci_points_back_to_its_clause() -> None:
    text = (
        OPEN
        + "为加快园区建设，县产业园区申请对原规划方案进行调整，会议对此进行了探讨和研究，推动相关工作。"
        "会议对上述议题进行了研究，并作出安排。"
    )
    assert [(i.action, i.submitters) for i in parse(text).items] == [("研究", ("县产业园区",))]


def test_a_chair_who_opens_the_meeting_through_a_video_conference() -> None:
    record = parse(
        "5月6日，县长沈立岩通过视频会议主持召开了县政府第7次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.meeting.chair == "沈立岩"


def test_a_sub_item_where_a_unit_tongbao_a_title_folds_into_its_item() -> None:
    text = (
        "县政府第7次常务会议纪要\n5月6日，县长沈立岩主持召开县政府第7次常务会议。\n"
        "一、传达学习和通报议题\n（一）传达学习省政府全体会议精神\n会议强调：要抓好落实。\n"
        "（二）县统计局通报《澄湾县一季度经济运行情况报告》\n会议强调：要稳住增长。\n"
    )
    record = parse(text)
    assert [(i.action, i.submitters, i.documents) for i in record.items] == [
        ("传达学习", ("县统计局",), ("澄湾县一季度经济运行情况报告",))
    ]


def test_units_that_zuo_huibao_are_one_report_heard() -> None:
    text = (
        OPEN + "会议强调，要抓好春耕。"
        "会上，县水利局、县统计局围绕相关工作作汇报发言，县交通运输局、县商务局作书面汇报。"
    )
    record = parse(text)
    assert [(i.action, i.submitters) for i in record.items] == [
        ("听取汇报", ("县水利局", "县统计局", "县交通运输局", "县商务局"))
    ]


def test_two_titles_studied_with_dui_jinxing_yanjiu_are_two_items() -> None:
    text = (
        OPEN + "会议听取了全县春耕生产情况汇报，对《澄湾县供水协议》和《澄湾县招商协议》进行研究。"
    )
    assert [(i.action, i.documents) for i in parse(text).items] == [
        ("听取汇报", ()),
        ("研究", ("澄湾县供水协议",)),
        ("研究", ("澄湾县招商协议",)),
    ]


def test_a_contact_list_closing_the_page_is_no_attendance() -> None:
    record = parse(OPEN + "会议审议了《澄湾县河道管理条例》。\n县长 沈立岩 13800000000\n")
    assert record.attendance.present == ()


def test_a_huiyi_xuexi_clause_inside_the_opening_sentence_is_no_item() -> None:
    text = (
        "5月6日上午，县长沈立岩主持召开县政府第7次常务会议，会议学习了省政府全体会议精神，"
        "审议《澄湾县河道管理条例》。"
    )
    assert actions(text) == ["审议"]


def test_two_long_matters_with_the_same_head_noun_split_at_he() -> None:
    text = OPEN + "会议研究了城北片区老旧管网改造提升项目和城南片区河道生态修复治理项目等相关事宜。"
    assert actions(text) == ["研究", "研究"]
    assert actions(OPEN + "会议研究了古镇文物保护范围和建设控制地带划定有关事宜。") == ["研究"]


def test_a_title_missing_its_closing_bracket_before_the_next_title_is_a_document() -> None:
    text = OPEN + "会议审定了《澄湾县河道管理条例（送审稿）《澄湾县停车管理办法（送审稿）》。"
    assert [(i.action, i.documents) for i in parse(text).items] == [
        ("审议", ("澄湾县河道管理条例（送审稿）",)),
        ("审议", ("澄湾县停车管理办法（送审稿）",)),
    ]
    # an unclosed 《 with no title after it stays no document
    text = OPEN + "会议研究了《澄湾县河道管理条例》和《澄湾县停车管理工作。"
    assert [i.documents for i in parse(text).items] == [("澄湾县河道管理条例",), ()]


def test_a_matter_discussed_with_jiu_jinxing_taolun_is_deliberated() -> None:
    assert actions(OPEN + "会议就城区停车收费标准调整进行了认真讨论。") == ["审议"]


def test_zhendui_is_no_dui_before_jinxing() -> None:
    text = OPEN + "会议审议了《澄湾县河道管理条例》。会议针对部分内容进行了深入讨论，暂不公开。"
    assert actions(text) == ["审议"]
