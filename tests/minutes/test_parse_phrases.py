"""The phrasings of domain.md §3, one table each: input | what the parser must read."""

from __future__ import annotations

import datetime as dt

import pytest

from jiyao.minutes.parse import parse
from jiyao.minutes.parse.numerals import cn_int, find_dates
from jiyao.minutes.record import Item, Record


def minutes(opening: str, *items: str, tail: str = "") -> str:
    """A small formal 纪要 around the given opening line and item paragraphs."""
    numbered = "\n\n".join(f"{'一二三四五'[i]}、{text}" for i, text in enumerate(items))
    return (
        "测试县人民政府办公室        2024年3月5日\n\n县政府第一次常务会议纪要\n\n"
        f"{opening}\n\n{numbered}\n\n{tail}\n"
    )


def one_item(heading: str, body: str = "") -> Item:
    text = minutes(
        "2024年3月1日上午，县长王明主持召开县政府第一次常务会议。现纪要如下：",
        heading + ("\n\n" + body if body else ""),
    )
    record = parse(text)
    assert len(record.items) == 1, record.items
    return record.items[0]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五十三", 53),
        ("十七", 17),
        ("十", 10),
        ("二十", 20),
        ("一百零五", 105),
        ("二〇二一", 2021),
        ("二○二三", 2023),
        ("二O二三", 2023),
        ("53", 53),
        ("第五", None),
        ("", None),
    ],
)
def test_chinese_and_arabic_numerals_are_read(numeral: str, value: int | None) -> None:
    assert cn_int(numeral) == value


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2021年6月21日", dt.date(2021, 6, 21)),
        ("二〇二一年六月二十一日", dt.date(2021, 6, 21)),
        ("二O二三年七月十八日", dt.date(2023, 7, 18)),
        ("二○二三年九月十二日", dt.date(2023, 9, 12)),
        ("2022-05-11 09:30", dt.date(2022, 5, 11)),
        ("2024 年 1 月 15 日", dt.date(2024, 1, 15)),
    ],
)
def test_dates_are_read_in_every_printed_form(text: str, date: dt.date) -> None:
    (found,) = find_dates(text)
    assert found.complete(None) == date


@pytest.mark.parametrize("text", ["2023年x月x日", "2023年13月40日", "二〇二三年十三月一日"])
def test_placeholder_and_impossible_dates_are_not_dates(text: str) -> None:
    assert [f.complete(None) for f in find_dates(text)] in ([], [None])


@pytest.mark.parametrize(
    ("meeting", "session"),
    [
        ("县政府第五十三次常务会议", 53),
        ("县政府十七届十三次常务会议", 13),
        ("县政府九届5次常务会议", 5),
        ("县政府2020年第6次常务会议", 6),
        ("县政府第 9 次常务会议", 9),
        ("县第十八届人民政府第9次常务会议", 9),
        ("县政府常务会议", None),
    ],
)
def test_the_session_is_read_from_every_ordinal_form(meeting: str, session: int | None) -> None:
    record = parse(f"{meeting}\n\n2024年3月1日上午，县长王明主持召开{meeting}。")
    assert record.meeting.session == session


@pytest.mark.parametrize(
    ("opening", "chair"),
    [
        ("2024年3月1日上午，县长常东旭主持召开县政府第一次常务会议。", "常东旭"),
        (
            "2024年3月1日上午，县委副书记、县长褚海帆在县政府三楼会议室主持召开县政府第一次常务会议。",
            "褚海帆",
        ),
        ("2024年3月1日上午，县委副书记、代县长李四海主持召开县政府第一次常务会议。", "李四海"),
        ("2024年3月1日上午，吴庆文县长主持召开县政府第一次常务会议。", "吴庆文"),
        ("2024年3月1日上午，包朝阳主持召开县政府第一次常务会议。", "包朝阳"),
        ("2024年3月1日上午，常务副县长欧阳靖主持召开县政府第一次常务会议。", "欧阳靖"),
        ("2024年3月1日上午，县政府第一次常务会议召开。会议由区长房立言主持。", "房立言"),
        ("2024年3月1日上午，县长xxx主持召开县政府第一次常务会议。", None),
        ("2024年3月1日上午，县政府第一次全体会议召开。县长司徒岚出席会议并讲话。", None),
    ],
)
def test_the_chair_is_the_name_without_posts(opening: str, chair: str | None) -> None:
    assert parse(minutes(opening)).meeting.chair == chair


@pytest.mark.parametrize(
    ("opening", "date", "time_of_day"),
    [
        ("2021年6月8日下午，包朝阳主持召开县政府第一次常务会议。", dt.date(2021, 6, 8), "下午"),
        ("3月1日晚上，县长王明主持召开县政府第一次常务会议。", dt.date(2024, 3, 1), "晚上"),
        # issued 2024-03-05: a December meeting without a year was held the year before
        ("12月28日下午，县长王明主持召开县政府第一次常务会议。", dt.date(2023, 12, 28), "下午"),
        ("2024年x月xx日上午，县长xxx主持召开县政府第xx次常务会议。", None, "上午"),
    ],
)
def test_the_meeting_date_takes_a_missing_year_from_the_header(
    opening: str, date: dt.date | None, time_of_day: str
) -> None:
    meeting = parse(minutes(opening)).meeting
    assert (meeting.date, meeting.time_of_day) == (date, time_of_day)


@pytest.mark.parametrize(
    ("heading", "submitters"),
    [
        ("审议县发改局提交的《测试县投资方案》", ["县发改局"]),
        ("审议县住建局、经发局提交的《测试县更新方案》", ["县住建局", "经发局"]),
        ("审议县农业农村局、县财政局联合提交的《测试县农田办法》", ["县农业农村局", "县财政局"]),
        ("审议县住房和城乡建设局提交的《测试县维修资金办法》", ["县住房和城乡建设局"]),
        ("研究县国资办《关于县城投公司增资的请示》", ["县国资办"]),
        ("听取县城投集团关于筹建运维公司的汇报", ["县城投集团"]),
        ("听取县应急管理局提交的关于安全大排查情况的汇报", ["县应急管理局"]),
        ("讨论县政府办公室起草的《政府工作报告（讨论稿）》", ["县政府办公室"]),
    ],
)
def test_submitters_are_the_units_as_written_and_joint_ones_split(
    heading: str, submitters: list[str]
) -> None:
    assert list(one_item(heading).submitters) == submitters


def test_units_merely_assigned_work_are_not_submitters() -> None:
    item = one_item(
        "研究城区停车收费有关事项",
        "会议同意调整收费标准，由县发改局负责组织听证，县住建局会同县财政局做好配合。",
    )
    assert item.submitters == ()


@pytest.mark.parametrize(
    ("heading", "documents", "stages"),
    [
        (
            "审议县发改局提交的《象山县开发区（园区）整合提升方案》（送审稿）",
            ["象山县开发区（园区）整合提升方案"],
            ["送审稿"],
        ),
        (
            "审议县发改局提交的《测试县“十四五”规划》（征求意见稿）",
            ["测试县“十四五”规划"],
            ["征求意见稿"],
        ),
        (
            "审议并原则同意县自然资源局提交的《关于〈测试县国土空间总体规划〉报批稿的请示》",
            ["关于〈测试县国土空间总体规划〉报批稿的请示"],
            [None],
        ),
        (
            "审议县司法局提交的《<测试县规范性文件规定>修订意见（送审稿）》",
            ["<测试县规范性文件规定>修订意见（送审稿）"],
            ["送审稿"],
        ),
        (
            "审议县住建局提交的《测试县物业管理办法（试行）》",
            ["测试县物业管理办法（试行）"],
            [None],
        ),
        ("审议县司法局提交的《测试县文件管理办法》（草案）", ["测试县文件管理办法"], ["草案"]),
        (
            "审议县住建局提交的《测试县维修资金办法》（修订草案）",
            ["测试县维修资金办法"],
            ["修订草案"],
        ),
        (
            "审议县政府办公室起草的《2024年县政府工作报告（讨论稿）》",
            ["2024年县政府工作报告（讨论稿）"],
            ["讨论稿"],
        ),
    ],
)
def test_document_titles_keep_inner_brackets_and_stages_run_parallel(
    heading: str, documents: list[str], stages: list[str | None]
) -> None:
    item = one_item(heading)
    assert (list(item.documents), list(item.document_stages)) == (documents, stages)


def test_back_references_and_cited_titles_are_not_documents() -> None:
    item = one_item(
        "审议县发改局提交的《测试县投资方案》",
        "会议要求，要对照《测试县国土空间规划》做好衔接。会议原则同意该《方案》。",
    )
    assert item.documents == ("测试县投资方案",)


@pytest.mark.parametrize(
    ("sentence", "decision"),
    [
        ("会议原则同意该方案，要求修改完善后印发实施。", "原则同意"),
        ("会议原则通过该办法。", "原则通过"),
        ("会议同意县水务集团提出的实施方案。", "同意"),
        ("会议决定暂缓审议，请县商务局进一步征求意见。", "暂缓"),
        ("会议认为调整理由不充分，不予同意。", "不同意"),
        ("会议不同意由县财政全额承担改造资金。", "不同意"),
        ("会议审议通过了该办法。", "通过"),
        ("会议要求，县商务局要做好宣传解读，确保政策落地。", None),
    ],
)
def test_decisions_map_to_the_fixed_vocabulary(sentence: str, decision: str | None) -> None:
    assert one_item("审议县商务局提交的《测试县促进消费措施》", sentence).decision == decision


@pytest.mark.parametrize(
    ("heading", "action"),
    [
        ("传达学习全省经济工作会议精神", "传达学习"),
        ("审议县发改局提交的《测试县投资方案》", "审议"),
        ("审议并原则同意县发改局提交的《测试县投资方案》。", "审议"),
        ("听取县统计局关于一季度经济运行情况的汇报", "听取汇报"),
        ("研究城区老旧小区改造有关事项", "研究"),
        ("关于公益性公墓建设问题", "研究"),
        ("部署近期安全生产工作", "其他"),
        ("其他事项", "其他"),
    ],
)
def test_the_action_comes_from_the_headings_verb(heading: str, action: str) -> None:
    assert one_item(heading).action == action


@pytest.mark.parametrize(
    ("block", "role", "names"),
    [
        ("出    席：包朝阳   干  焊   吴  跃", "present", ["包朝阳", "干焊", "吴跃"]),
        ("出  席：褚海帆  黎  青  高新民", "present", ["褚海帆", "黎青", "高新民"]),
        ("出 席：凌 峰 邵文渊 闻 䶮", "present", ["凌峰", "邵文渊", "闻䶮"]),
        ("出席：段知远、俞  敏、车永康", "present", ["段知远", "俞敏", "车永康"]),
        ("请  假：韦思源（出差）  邱  霖（因公）", "absent", ["韦思源", "邱霖"]),
        ("应邀出席：县人大常委会副主任  丰乐平", "invited", ["丰乐平"]),
        ("应邀列席：县政协副主席凤雅岚", "invited", ["凤雅岚"]),
        ("特邀出席：何秋云", "invited", ["何秋云"]),
        (
            "列  席：县委办副主任潘  伟，县人大常委会办公室主任甘新远，县政府办公室主要负责同志",
            "observers",
            ["潘伟", "甘新远"],
        ),
        ("参  加 县政府办公室 柏  林", "present", ["柏林"]),
        (
            "出席：宁致和  副市长：王一川  刘  洁  秘书长：何  平",
            "present",
            ["宁致和", "王一川", "刘洁", "何平"],
        ),
        (
            "应邀出席：县人大常委会副主任  丰乐平  县政协副主席  尤嘉言",
            "invited",
            ["丰乐平", "尤嘉言"],
        ),
    ],
)
def test_attendance_blocks_give_names_without_posts_or_inner_spaces(
    block: str, role: str, names: list[str]
) -> None:
    record = parse(minutes("2024年3月1日上午，县长王明主持召开县政府第一次常务会议。", tail=block))
    assert list(getattr(record.attendance, role)) == names


@pytest.mark.parametrize(
    ("sentence", "role", "names"),
    [
        ("县领导蒙建新、权晓东出席会议。", "present", ["蒙建新", "权晓东"]),
        (
            "副县长武长庚、芮晓岚，县政府办公室主任寇思远出席会议。",
            "present",
            ["武长庚", "芮晓岚", "寇思远"],
        ),
        (
            "县人大常委会副主任厍一鸣、县政协副主席乌兰其格应邀参加会议。",
            "invited",
            ["厍一鸣", "乌兰其格"],
        ),
        ("县人大常委会副主任翟正明应邀列席会议。", "invited", ["翟正明"]),
        ("县法院院长卜清远、县检察院检察长端木恒列席会议。", "observers", ["卜清远", "端木恒"]),
        ("县直有关部门主要负责人列席会议。", "observers", []),
    ],
)
def test_report_sentences_give_attendance(sentence: str, role: str, names: list[str]) -> None:
    text = (
        "测试县召开县政府第一次常务会议\n\n2024年3月1日上午，县长王明主持召开县政府第一次常务会议。\n\n"
        f"会议听取了县统计局关于经济运行情况的汇报。\n\n{sentence}\n"
    )
    assert list(getattr(parse(text).attendance, role)) == names


def test_distribution_is_split_on_commas_enumeration_marks_and_lines() -> None:
    record = parse(
        minutes(
            "2024年3月1日上午，县长王明主持召开县政府第一次常务会议。",
            tail="分送：县委各部门，县人大办、政协办，\n      各乡（镇）人民政府。\n送：县法院",
        )
    )
    assert record.distribution == (
        "县委各部门",
        "县人大办",
        "政协办",
        "各乡（镇）人民政府",
        "县法院",
    )


def test_a_text_that_is_not_minutes_gives_a_record_with_warnings() -> None:
    record = parse("今天天气很好，我们去公园散步。")
    assert isinstance(record, Record)
    assert record.items == ()
    assert record.warnings


@pytest.mark.parametrize(
    ("opening", "body", "session"),
    [
        (
            "2022年12月30日下午，菱浦县政府召开第二十四次常务会议。会议由县长张三主持。",
            "菱浦县政府",
            24,
        ),
        ("12月30日，县政府召开第24次常务会议，县长张三主持。", "县政府", 24),
        ("3月5日，县长张三主持召开县政府第十次常务会议。", "县政府", 10),
        ("3月5日，县长张三主持召开县十九届人民政府第十次常务会议。", "县人民政府", 10),
    ],
)
def test_the_meeting_body_is_the_government_that_holds_the_meeting(
    opening: str, body: str, session: int
) -> None:
    meeting = parse(opening + "会议审议了县财政局提交的《甲方案》。").meeting
    assert (meeting.body, meeting.session) == (body, session)
