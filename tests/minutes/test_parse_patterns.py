"""The phrasings real minutes use, one case each (places, people and titles invented).

Each case is a short text and the values a careful reader takes from it, under the
annotation rules of the evaluation set. The case names follow the catalogue of real
phrasings the parser was taught (A = attendance, I = items, H = header and dates).
"""

from __future__ import annotations

from typing import Any

import pytest

from jiyao.minutes.parse import parse

OPEN = "3月9日上午，县长沈立岩主持召开县政府第12次常务会议。"


def items(text: str) -> list[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]]:
    record = parse(text)
    return [(i.action, i.decision, i.submitters, i.documents) for i in record.items]


def actions(text: str) -> list[str]:
    return [i.action for i in parse(text).items]


# -- attendance ---------------------------------------------------------------------------

ATTENDANCE: list[tuple[str, str, dict[str, list[str]]]] = [
    (
        "A1 names in the opening sentence",
        "3月9日上午，县长沈立岩主持召开县政府第12次常务会议，副县长韦嘉澍、蓝启东、宁书雅出席会议。"
        "会议审议了《澄湾县河道管理条例》。",
        {"present": ["韦嘉澍", "蓝启东", "宁书雅"]},
    ),
    (
        "A2 posts, group words and names joined by 和/及/等",
        OPEN
        + "州委常委、副州长莘乐平，州人武部政委闻道远，州二级巡视员卓一凡，州长助理龚若林出席会议。"
        "副州长、调研员参加会议。州发改委负责人和部分人大代表、政协委员列席会议。"
        "副州长庞志恒和祁海川出席会议。州人大常委会副主任甘敬之等应邀列席。",
        {
            "present": ["莘乐平", "闻道远", "卓一凡", "龚若林", "庞志恒", "祁海川"],
            "invited": ["甘敬之"],
            "observers": [],
        },
    ),
    (
        "A3 出席 followed by the meeting's name",
        OPEN + "区领导卓文康、贺一鸣出席区政府全体会议。",
        {"present": ["卓文康", "贺一鸣"]},
    ),
    (
        "A4 邀请…列席 with the names between",
        OPEN + "会议审议了《澄湾县河道管理条例》。还邀请县人大常委会副主任韦嘉澍列席。",
        {"invited": ["韦嘉澍"]},
    ),
    (
        "A opening list of a report that names no chair",
        "5月6日，县政府第三次常务会议召开，县委副书记、县长齐岳林，县委常委、副县长宁书雅，"
        "副县长蓝启东、卓凡出席。县直有关单位负责人参加会议。",
        {"present": ["齐岳林", "宁书雅", "蓝启东", "卓凡"]},
    ),
    (
        "A names before 等…组成人员 and after 及",
        OPEN
        + "何青松、安然、唐一鸣等县人民政府常务会议组成人员参加，县政协副主席欧阳江、冯云应邀列席会议，"
        "管委会主任白继明及县直相关部门负责人列席会议。",
        {
            "present": ["何青松", "安然", "唐一鸣"],
            "invited": ["欧阳江", "冯云"],
            "observers": ["白继明"],
        },
    ),
    (
        "A 出席会议并讲话 and 常务列席",
        "2月9日下午，区政府召开全体会，区委副书记、区长张立林出席会议并讲话强调，要抓好落实。"
        "县政协副主席徐冰常务列席会议，提出工作意见。",
        {"present": ["张立林"], "observers": ["徐冰"]},
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), ATTENDANCE, ids=[c[0] for c in ATTENDANCE])
def test_attendance_phrasings_are_read(
    case: str, text: str, expected: dict[str, list[str]]
) -> None:
    attendance = parse(text).attendance
    for role, names in expected.items():
        assert list(getattr(attendance, role)) == names, role


def test_a5_a_name_with_a_middle_dot_chairs() -> None:
    text = "3月9日上午，县长艾力江·买买提以视频方式主持召开县政府第12次常务会议。会议审议了《澄湾县河道管理条例》。"
    assert parse(text).meeting.chair == "艾力江·买买提"


def test_a6_the_chair_named_later() -> None:
    text = "3月9日上午，县政府第12次常务会议召开。会议由常务副县长蓝启东主持。会议审议了《澄湾县河道管理条例》。"
    assert parse(text).meeting.chair == "蓝启东"


# -- items of reports without numbered headings ---------------------------------------------

ITEMS: list[tuple[str, str, list[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]]]] = [
    (
        "I1 the verb after a modifier or inside a clause",
        OPEN
        + "会前，与会人员共同学习了《澄湾县河道管理条例》。会议主要传达了全省春耕生产电视电话会议精神，"
        "书面学习了《雁湖县安全生产责任规定》。在听取县水利局关于汛期准备情况的汇报后，沈立岩要求，要抓紧落实。",
        [
            ("传达学习", None, (), ("澄湾县河道管理条例",)),
            ("传达学习", None, (), ()),
            ("传达学习", None, (), ("雁湖县安全生产责任规定",)),
            ("听取汇报", None, ("县水利局",), ()),
        ],
    ),
    (
        "I2 separate matters that share words",
        OPEN + "会议审议了2023年澄湾县民生实事项目安排；审议了2023年澄湾县政府投资项目计划。"
        "会议听取了县城投公司关于收购鹤坪水厂资产的汇报和关于收购鹤坪水厂土地的汇报。",
        [
            ("审议", None, (), ()),
            ("审议", None, (), ()),
            ("听取汇报", None, ("县城投公司",), ()),
            ("听取汇报", None, ("县城投公司",), ()),
        ],
    ),
    (
        "I4 titled documents of one report",
        OPEN
        + "会议听取了县财政局关于《雁湖县2024年财政预算草案》《雁湖县政府债务化解方案》编制情况的汇报。",
        [("听取汇报", None, ("县财政局",), ("雁湖县2024年财政预算草案", "雁湖县政府债务化解方案"))],
    ),
    (
        "I4 titled and untitled matters in one list",
        OPEN + "会议审议了《雁湖县殡葬管理办法（修订稿）》、城区夜市选址方案等议题。"
        "会议还审定了乡村教师周转房分配办法和《澄湾县林长制考核细则》。",
        [
            ("审议", None, (), ("雁湖县殡葬管理办法（修订稿）",)),
            ("审议", None, (), ()),
            ("审议", None, (), ()),
            ("审议", None, (), ("澄湾县林长制考核细则",)),
        ],
    ),
    (
        "I5 sentences that are not agenda items",
        OPEN + "会议审议了《澄湾县农贸市场管理办法》。会议强调，会议研究的修改意见要逐条吸收，"
        "细则待县政府专题会议研究后再定，修订稿报县人大常委会会议审议。会议还研究了其他有关事宜。"
        "会议还审议了其它议题。会议还研究了其他事项，推动各项工作落实。",
        [("审议", None, (), ("澄湾县农贸市场管理办法",))],
    ),
    (
        "I7 items that exist only as a decision",
        OPEN + "会议原则同意启动建设雁湖工业园污水处理厂、城南农贸市场改造项目。"
        "会议同意县司法局拟草并经公平竞争审查的《雁湖县行政执法公示办法》。",
        [
            ("其他", "原则同意", (), ()),
            ("其他", "原则同意", (), ()),
            ("审议", "同意", ("县司法局",), ("雁湖县行政执法公示办法",)),
        ],
    ),
    (
        "I8 submitters in every position",
        OPEN
        + "会议原则同意县民政局关于调整城乡低保标准的意见。会议听取了县水利局局长卓文康同志关于水库安全度汛的情况汇报。"
        "会议听取了雁湖经济开发区关于标准厂房招租的汇报；审议了柳塘镇提交的《柳塘镇老街风貌整治方案》；"
        "听取了县文旅局关于《雁湖古镇景区托管运营协议》的汇报。",
        [
            ("其他", "原则同意", ("县民政局",), ()),
            ("听取汇报", None, ("县水利局",), ()),
            ("听取汇报", None, ("雁湖经济开发区",), ()),
            ("审议", None, ("柳塘镇",), ("柳塘镇老街风貌整治方案",)),
            ("听取汇报", None, ("县文旅局",), ("雁湖古镇景区托管运营协议",)),
        ],
    ),
    (
        "I10 the opening summary is not an extra item",
        "3月9日上午，县长沈立岩主持召开县政府第20次常务会议，研究城区停车收费调整、垃圾分类督查等事宜。"
        "会议听取了县发改局关于城区停车收费调整的汇报，原则同意调整方案。会议听取了县城管局关于垃圾分类督查情况的汇报。",
        [
            ("听取汇报", "原则同意", ("县发改局",), ()),
            ("听取汇报", None, ("县城管局",), ()),
        ],
    ),
    (
        "I12 points under 会议议定 belong to one item",
        OPEN
        + "会议研究了县教育局报送的《澄湾县校外培训监管细则》。\n会议议定：\n（一）原则同意该细则，按程序印发。\n"
        "（二）县市场监管局配合做好监管。",
        [("研究", "原则同意", ("县教育局",), ("澄湾县校外培训监管细则",))],
    ),
    (
        "I13 a decision belongs to its own clause only",
        OPEN
        + "会议听取了县住建局关于《澄湾县城区排水专项规划》编制进度的汇报，审议并原则通过了《澄湾县城区道路挖掘管理办法》。",
        [
            ("听取汇报", None, ("县住建局",), ("澄湾县城区排水专项规划",)),
            ("审议", "原则通过", (), ("澄湾县城区道路挖掘管理办法",)),
        ],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), ITEMS, ids=[c[0] for c in ITEMS])
def test_item_phrasings_are_read(case: str, text: str, expected: list[Any]) -> None:
    assert items(text) == expected


ACTIONS: list[tuple[str, str, list[str]]] = [
    (
        "I3 untitled matters under one verb split at ；、",
        OPEN
        + "会议听取了全县春季植树造林情况汇报；城区供水管网改造进展情况汇报；农村客运通达工程推进情况汇报。"
        "会议研究了鹤坪老旧厂房收储有关问题、滨江步道贯通有关问题。",
        ["听取汇报", "听取汇报", "听取汇报", "研究", "研究"],
    ),
    (
        "I6 调度 and 通报 are items",
        OPEN
        + "会议调度了一季度重点项目推进情况，调度了重点企业用工保障情况；通报了全县森林防火督查情况。",
        ["其他", "其他", "其他"],
    ),
    (
        "I9 一是…二是 numbering",
        OPEN
        + "会议共研究四项议题：一是听取全县防汛准备情况汇报；听取地质灾害隐患排查情况汇报。二是研究部署秋粮收购工作。"
        "三是研究讨论雁湖县城市绿线管理办法。四是听取关于县医院扩建项目进展的汇报。",
        ["听取汇报", "研究", "研究", "听取汇报"],
    ),
    (
        "I11 a report without the verb 听取",
        OPEN
        + "县统计局就《澄湾县第五次经济普查实施方案》作了说明。会议讨论研究了《澄湾县校车运营补贴办法》。",
        ["听取汇报", "研究"],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), ACTIONS, ids=[c[0] for c in ACTIONS])
def test_item_actions_are_read(case: str, text: str, expected: list[str]) -> None:
    assert actions(text) == expected


def test_i11_the_unit_that_explains_is_the_submitter() -> None:
    record = parse(OPEN + "县统计局就《澄湾县第五次经济普查实施方案》作了说明。")
    assert record.items[0].submitters == ("县统计局",)
    assert record.items[0].documents == ("澄湾县第五次经济普查实施方案",)


# -- header and dates ---------------------------------------------------------------------------


def test_h1_dates_without_their_year_month_day_marks() -> None:
    record = parse(
        "枫岭县人民政府办公室 2021-5-20\n5-14，县长沈立岩主持召开县政府第12次常务会议。会议审议了《枫岭县河道管理条例》。"
    )
    assert record.issuer == "枫岭县人民政府办公室"
    assert str(record.issued_on) == "2021-05-20"
    assert str(record.meeting.date) == "2021-05-14"


def test_h1_the_year_from_a_session_label() -> None:
    record = parse(
        "2018年第9次县政府常务会议召开\n12月25日，县长沈立岩主持召开2018年第9次县政府常务会议。会议审议了《枫岭县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2018-12-25"


def test_h1_a_day_only_takes_month_and_year_from_the_page_date() -> None:
    record = parse(
        "第16次常务会议召开\n日期：2019-12-26\n25日，县长沈立岩主持召开县政府第16次常务会议。会议审议了《枫岭县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2019-12-25"


def test_h2_the_publication_time_is_not_the_meeting_date() -> None:
    record = parse(
        "县政府召开常务会议\n时间：2022-09-30 10:12 来源：澄湾新闻网\n9月28日，县长沈立岩主持召开县政府常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert str(record.meeting.date) == "2022-09-28"


@pytest.mark.parametrize(
    "chrome",
    [
        "A2版：时政新闻\n澄湾日报 2024年3月5日",
        "【政务动态】",
        "索引号：113309210026413387/2023-91117 发布机构：县府办",
        "PDF «上一版 下一版» 本期共8版",
        "第01版：头版",
        "当前位置：首页 > 县政府常务会议",
    ],
)
def test_h3_page_chrome_is_not_the_title(chrome: str) -> None:
    record = parse(
        chrome
        + "\n县政府召开第15次常务会议\n3月4日，县长沈立岩主持召开县政府第15次常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.title == "县政府召开第15次常务会议"


def test_h3_a_bracketed_column_prefix_is_not_part_of_the_title() -> None:
    record = parse(
        "【时政新闻】县政府召开常务会议\n3月4日，县长沈立岩主持召开县政府常务会议。会议审议了《澄湾县河道管理条例》。"
    )
    assert record.title == "县政府召开常务会议"


def test_h4_label_on_one_line_value_on_the_next() -> None:
    record = parse(
        "会议时间：\n2023年5月16日（星期二）下午3:00\n会议主持人：\n区长蓝启东\n列席情况：\n贺一鸣、鲍静秋\n"
        "会议议题：\n关于城区停车设施建设情况的汇报\n关于鹤坪湿地保护规划编制进展的汇报\n"
    )
    assert str(record.meeting.date) == "2023-05-16"
    assert record.meeting.time_of_day == "下午"
    assert record.meeting.chair == "蓝启东"
    assert record.attendance.observers == ("贺一鸣", "鲍静秋")
    assert [i.action for i in record.items] == ["听取汇报", "听取汇报"]


def test_h5_imprint_ending_in_yin_and_the_benqifa_label() -> None:
    record = parse(
        "县政府第3次常务会议纪要\n\n3月8日，县长沈立岩主持召开县政府第3次常务会议。现纪要如下：\n一、审议《澄湾县河道管理条例》\n会议原则同意。\n\n"
        "本期发：县政府领导，各乡镇人民政府。\n澄湾县人民政府办公室 2022年3月10日印\n"
    )
    assert record.issuer == "澄湾县人民政府办公室"
    assert str(record.issued_on) == "2022-03-10"
    assert record.distribution == ("县政府领导", "各乡镇人民政府")
