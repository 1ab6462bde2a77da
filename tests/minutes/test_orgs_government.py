"""Which government held the meeting: the signals in the order a careful reader uses them."""

from __future__ import annotations

import pytest

from jiyao.minutes.orgs import GovernmentGuess, government_of, infer_government, valid_place
from jiyao.minutes.parse import parse

OPENING = "3月9日上午，县长沈立岩主持召开县政府第12次常务会议。"

CASES: list[tuple[str, dict[str, object], GovernmentGuess | None]] = [
    (
        "the issuer line",
        {"text": OPENING, "issuer": "枫岭县人民政府办公室"},
        GovernmentGuess("枫岭县人民政府", "issuer"),
    ),
    (
        "the issuer wins over a place in the text",
        {"text": "3月9日，县长主持召开雁湖县政府常务会议。", "issuer": "枫岭县人民政府办公室"},
        GovernmentGuess("枫岭县人民政府", "issuer"),
    ),
    (
        "a place written with 政府 in the opening",
        {"text": "3月9日上午，县长沈立岩主持召开澄湾县政府第12次常务会议。"},
        GovernmentGuess("澄湾县人民政府", "text"),
    ),
    (
        "a term marker after the place",
        {"text": "1月23日，县长主持召开丹棱县第十七届人民政府第28次常务会议。"},
        GovernmentGuess("丹棱县人民政府", "text"),
    ),
    (
        "a banner",
        {
            "text": "旗级要闻\n白玲主持召开喀喇沁旗政府2026年第1次常务会议\n14日，旗长白玲主持召开会议。"
        },
        GovernmentGuess("喀喇沁旗人民政府", "text"),
    ),
    (
        "the place shared by titles and units",
        {
            "text": OPENING,
            "titles": ["澄湾县河道管理条例", "关于澄湾县殡葬管理办法的请示"],
            "units": ["澄湾经济开发区"],
        },
        GovernmentGuess("澄湾县人民政府", "titles"),
    ),
    (
        "a county under its city in the titles",
        {"text": OPENING, "titles": ["西安市新城区重点项目计划", "西安市新城区财政预算草案"]},
        GovernmentGuess("新城区人民政府", "titles"),
    ),
    ("one title is not a shared place", {"text": OPENING, "titles": ["宁波市港口条例"]}, None),
    (
        "the source line, with the level the text gives the place",
        {
            "text": "时间：2022-09-30 10:12 来源：澄湾新闻网\n"
            + OPENING
            + "会议审议了澄湾县农贸市场管理办法。"
        },
        GovernmentGuess("澄湾县人民政府", "source"),
    ),
    (
        "a source whose place has no level in the text",
        {"text": "来源：澄湾新闻网\n" + OPENING},
        None,
    ),
    (
        "the page's title",
        {"text": OPENING, "page_title": "雁湖县人民政府门户网站"},
        GovernmentGuess("雁湖县人民政府", "page"),
    ),
    (
        "the site name",
        {"text": OPENING.replace("县", "区"), "site_name": "中国·鹤坪区人民政府"},
        GovernmentGuess("鹤坪区人民政府", "page"),
    ),
    (
        "a page title ending in its government's name",
        {"text": OPENING, "page_title": "县政府召开第12次常务会议_雁湖县人民政府"},
        GovernmentGuess("雁湖县人民政府", "page"),
    ),
    (
        "a page title whose tail is the portal's name",
        {"text": OPENING, "page_title": "县政府召开第12次常务会议-雁湖县人民政府网"},
        GovernmentGuess("雁湖县人民政府", "page"),
    ),
    (
        "the site name before the title",
        {
            "text": OPENING,
            "page_title": "常务会议_雁湖县政府",
            "site_name": "枫岭县人民政府门户网站",
        },
        GovernmentGuess("枫岭县人民政府", "page"),
    ),
    (
        "the issuer wins over the page's title",
        {
            "text": OPENING,
            "issuer": "枫岭县人民政府办公室",
            "page_title": "县政府召开第12次常务会议_雁湖县人民政府",
        },
        GovernmentGuess("枫岭县人民政府", "issuer"),
    ),
    (
        "the text's own place wins over the page's title",
        {
            "text": "3月9日，县长主持召开澄湾县政府第12次常务会议。",
            "page_title": "常务会议_雁湖县人民政府",
        },
        GovernmentGuess("澄湾县人民政府", "text"),
    ),
    (
        "a city portal's name is not a county meeting's government",
        {"text": OPENING, "page_title": "县政府召开第12次常务会议_雁湖市人民政府"},
        None,
    ),
    (
        "a page title that names no government",
        {"text": OPENING, "page_title": "县政府召开第12次常务会议_政务动态_首页"},
        None,
    ),
    ("a junk page title", {"text": OPENING, "page_title": "无标题文档"}, None),
    (
        "a page title with a number before 政府",
        {"text": OPENING, "page_title": "第12次县政府常务会议 | 2023年县政府"},
        None,
    ),
    (
        "the folder",
        {"text": OPENING, "folder": "/data/imports/澄湾县/2023"},
        GovernmentGuess("澄湾县人民政府", "folder"),
    ),
    ("a folder that is no place", {"text": OPENING, "folder": "/data/第12次/2023年"}, None),
    ("nothing names a place", {"text": OPENING}, None),
    (
        "a cited government later in the text",
        {"text": OPENING + "会议研究了贯彻镇江市人民政府第41次专题会议纪要精神。"},
        None,
    ),
]


@pytest.mark.parametrize(("case", "signals", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_government_is_inferred_from_the_best_signal(
    case: str, signals: dict[str, object], expected: GovernmentGuess | None
) -> None:
    assert infer_government(**signals) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "会议以县政府党组理论学习中心组学习会的形式召开。",
        "何青松、唐一鸣等县人民政府常务会议组成人员参加。",
        "会议讨论了2021年区政府工作报告。",
        "【时政新闻】县政府召开常务会议",
        "还有县政府党组成员列席。",
        "全县政府系统要抓落实。",
    ],
)
def test_invalid_names_are_never_returned(text: str) -> None:
    assert infer_government(text) is None


@pytest.mark.parametrize(
    ("place", "ok"),
    [
        ("澄湾县", True),
        ("兴县", True),
        ("喀喇沁旗", True),
        ("第12次县", False),
        ("会议县", False),
        ("全县", False),
        ("本市", False),
        ("县", False),
        ("2021年区", False),
        ("了县", False),
    ],
)
def test_a_valid_place_is_a_proper_name_with_its_level(place: str, ok: bool) -> None:
    assert valid_place(place) is ok


def test_government_of_a_place_and_of_a_government_name() -> None:
    assert government_of("澄湾县") == "澄湾县人民政府"
    assert government_of("澄湾县政府") == "澄湾县人民政府"
    assert government_of("第5次") is None


def test_a_parsed_record_gives_its_signals() -> None:
    from jiyao.minutes.orgs import government_of_record

    text = (
        "县政府召开第5次常务会议\n3月4日，县长沈立岩主持召开县政府第5次常务会议。\n"
        "会议审议了《雁湖县停车管理办法》。会议审议了雁湖经济开发区提交的《雁湖县标准厂房招租方案》。\n"
    )
    assert government_of_record(parse(text), text) == GovernmentGuess("雁湖县人民政府", "titles")


def test_a_page_whose_text_never_names_its_county_gets_its_title_s_government() -> None:
    from jiyao.minutes.orgs import government_of_record
    from jiyao.minutes.read import read_bytes

    page = (
        "<html><head><title>县政府召开第5次常务会议_雁湖县人民政府</title>"
        '<meta name="SiteName" content="雁湖县人民政府门户网站"></head><body>'
        "<h1>县政府召开第5次常务会议</h1>"
        "<p>3月4日，县长沈立岩主持召开县政府第5次常务会议。会议审议了县财政局提交的方案。</p>"
        "</body></html>"
    ).encode()
    source = read_bytes(page, name="报道.html")
    assert source.page_title == "县政府召开第5次常务会议_雁湖县人民政府"
    assert source.site_name == "雁湖县人民政府门户网站"
    assert "雁湖" not in source.text
    record = parse(source.text)
    guess = government_of_record(
        record, source.text, page_title=source.page_title, site_name=source.site_name
    )
    assert guess == GovernmentGuess("雁湖县人民政府", "page")
