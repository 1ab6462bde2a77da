"""Task proposals from decisions (jiyao.minutes.followup.proposals)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jiyao.minutes.followup import (
    NOTE_NO_DEADLINE,
    Proposal,
    document_offset,
    propose,
    propose_record,
)
from jiyao.minutes.parse import parse
from jiyao.minutes.read import read_path
from jiyao.minutes.record import Item, Record

D = dt.date
MEETING = D(2021, 6, 8)
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)


def _check_spans(item: Item, p: Proposal) -> None:
    text = item.text
    if p.lead_span is not None:
        assert text[p.lead_span[0] : p.lead_span[1]] == p.lead
    assert len(p.co_units) == len(p.co_unit_spans)
    for unit, (s, e) in zip(p.co_units, p.co_unit_spans, strict=True):
        assert text[s:e] == unit
    if p.action_span is not None:
        assert text[p.action_span[0] : p.action_span[1]] == p.action
    if p.deadline is not None:
        s, e = p.deadline.span
        assert text[s:e] == p.deadline.phrase


# (sentence, lead, co-units, deadline date or None, deadline phrase or None)
SENTENCES: list[tuple[str, str, tuple[str, ...], dt.date | None, str | None]] = [
    (
        "会议要求，由县财政局牵头，县发改局、县审计局配合，于今年9月底前完成全县行政事业单位资产清查工作。",
        "县财政局",
        ("县发改局", "县审计局"),
        D(2021, 9, 30),
        "今年9月底前",
    ),
    (
        "会议责成县住建局根据会议意见修改完善，10个工作日内报县政府审定。",
        "县住建局",
        (),
        D(2021, 6, 22),
        "10个工作日内",
    ),
    (
        "县交通运输局要会同县公安局尽快制定城区道路停车整治方案。",
        "县交通运输局",
        ("县公安局",),
        None,
        "尽快",
    ),
    (
        "会议决定，由县综合行政执法局负责，县市场监管局等有关部门协助，年底前完成执法事项划转。",
        "县综合行政执法局",
        ("县市场监管局",),
        D(2021, 12, 31),
        "年底前",
    ),
    (
        "由县水利局会同县农业农村局、县自然资源和规划局编制水系规划，三季度末前报县政府。",
        "县水利局",
        ("县农业农村局", "县自然资源和规划局"),
        D(2021, 9, 30),
        "三季度末前",
    ),
    (
        "会议明确，县人力社保局牵头，县教育局参与，两个月内拿出职业技能培训方案。",
        "县人力社保局",
        ("县教育局",),
        D(2021, 8, 8),
        "两个月内",
    ),
    (
        "会议要求，县应急管理局要在汛期到来之前完成地质灾害隐患点排查。",
        "县应急管理局",
        (),
        None,
        None,
    ),
    (
        "县民政局负责，县卫健局、县医保局积极配合，限期20天完成养老机构安全检查。",
        "县民政局",
        ("县卫健局", "县医保局"),
        D(2021, 6, 28),
        "限期20天",
    ),
]


@pytest.mark.parametrize(("sentence", "lead", "co", "date", "phrase"), SENTENCES)
def test_a_task_sentence_gives_its_lead_co_units_and_deadline(
    sentence: str, lead: str, co: tuple[str, ...], date: dt.date | None, phrase: str | None
) -> None:
    item = Item(number=2, action="研究", text=sentence)
    [p] = propose(item, MEETING)
    assert (p.lead, p.lead_source, p.co_units, p.kind) == (lead, "text", co, "task")
    if phrase is None:
        assert p.deadline is None
        assert NOTE_NO_DEADLINE in p.notes
    else:
        assert p.deadline is not None
        assert (p.deadline.date, p.deadline.phrase) == (date, phrase)
    _check_spans(item, p)


def test_the_lead_of_the_brief_is_found_with_its_spans() -> None:
    text = "由县财政局牵头，县发改局、县审计局配合，于今年9月底前完成"
    item = Item(number=4, action="研究", text=text)
    [p] = propose(item, MEETING)
    assert p.lead == "县财政局" and p.lead_span == (1, 5)
    assert p.co_units == ("县发改局", "县审计局")
    assert p.co_unit_spans == ((8, 12), (13, 17))
    assert p.deadline is not None and p.deadline.date == D(2021, 9, 30)
    assert p.lead_full == "县财政局"
    assert p.co_units_full == ("县发展和改革局", "县审计局")


def test_next_meeting_resolves_the_deadline_of_a_task() -> None:
    item = Item(number=1, action="研究", text="由县商务局牵头，下次常务会议前提交方案。")
    [p] = propose(item, MEETING, next_meeting=D(2021, 6, 22))
    assert p.deadline is not None and p.deadline.date == D(2021, 6, 21)
    [q] = propose(item, MEETING)
    assert q.deadline is not None and q.deadline.certainty == "unresolved"


def test_two_task_sentences_in_one_item_give_two_tasks() -> None:
    text = (
        "会议要求，县卫生健康局牵头做好疫苗接种工作，6月底前完成第一针接种。"
        "县教育局负责做好校园防控，立即开展排查。"
    )
    item = Item(number=3, action="研究", text=text)
    first, second = propose(item, MEETING)
    assert (first.lead, second.lead) == ("县卫生健康局", "县教育局")
    assert first.deadline is not None and first.deadline.date == D(2021, 6, 30)
    assert second.deadline is not None and second.deadline.date == D(2021, 6, 9)
    assert first.action.startswith("县卫生健康局牵头")


def _deliberated(follow_up: str, submitters: tuple[str, ...] = ("县商务局",)) -> Item:
    text = (
        "三、审议《县电子商务发展三年行动计划》（送审稿）\n"
        "会议指出，发展电子商务是促进消费的重要抓手。"
        f"会议原则同意《县电子商务发展三年行动计划》（送审稿），要求{follow_up}。"
    )
    return Item(
        number=3,
        action="审议",
        submitters=submitters,
        decision="原则同意",
        follow_up=follow_up,
        text=text,
    )


def test_a_follow_up_without_a_unit_is_led_by_the_submitter_and_gets_no_deadline() -> None:
    item = _deliberated("修改完善后按程序印发实施")
    [p] = propose(item, MEETING)
    assert (p.lead, p.lead_source, p.lead_span) == ("县商务局", "submitter", None)
    assert p.action == "修改完善后按程序印发实施"
    assert p.deadline is None
    assert p.notes == ("未写明牵头单位，按提交单位拟定", NOTE_NO_DEADLINE)
    _check_spans(item, p)


def test_a_follow_up_with_a_deadline_keeps_it() -> None:
    item = _deliberated("修改完善后于本月底前印发", ("县民政局",))
    [p] = propose(item, MEETING)
    assert p.lead == "县民政局" and p.lead_source == "submitter"
    assert p.deadline is not None and p.deadline.date == D(2021, 6, 30)


def test_a_follow_up_that_names_its_lead_is_one_task_led_by_that_unit() -> None:
    item = _deliberated("由县发改局会同县财政局修改完善后于7月底前印发实施")
    [p] = propose(item, MEETING)
    assert (p.lead, p.lead_source, p.co_units) == ("县发改局", "text", ("县财政局",))
    assert p.deadline is not None and p.deadline.date == D(2021, 7, 31)


def test_a_follow_up_without_submitter_has_no_lead_and_says_so() -> None:
    item = _deliberated("修改完善后印发实施", ())
    [p] = propose(item, MEETING)
    assert (p.lead, p.lead_source) == (None, "none")
    assert "未写明牵头单位" in p.notes


def test_without_a_meeting_date_a_dated_phrase_is_unresolved() -> None:
    item = Item(number=1, action="研究", text="由县财政局牵头，年底前完成。")
    [p] = propose(item, None)
    assert p.deadline is not None
    assert (p.deadline.date, p.deadline.certainty) == (None, "unresolved")


@pytest.mark.parametrize(
    "text",
    [
        "会议听取了县统计局关于上半年经济运行情况的汇报。会议要求，各地各部门要抓紧落实。",
        "会议指出，要坚持问题导向。县发改局主要负责人要亲自抓。",
        "会议强调，各有关部门要加强协调配合，形成工作合力。",
    ],
)
def test_a_report_without_decision_or_named_unit_gives_nothing(text: str) -> None:
    item = Item(number=1, action="听取汇报", submitters=("县统计局",), text=text)
    assert propose(item, MEETING) == []


def test_a_convey_item_is_a_notice_only_when_tracked() -> None:
    text = (
        "一、传达学习全省安全生产工作会议精神\n"
        "会议要求，各乡镇（街道）、各部门要认真学习贯彻会议精神，7月底前完成隐患排查。"
    )
    item = Item(number=1, action="传达学习", text=text)
    assert propose(item, MEETING) == []
    [p] = propose(item, MEETING, convey_tracked=True)
    assert (p.kind, p.lead, p.item_number) == ("notice", "各乡镇（街道）、各部门", 1)
    assert p.deadline is not None and p.deadline.date == D(2021, 7, 31)
    _check_spans(item, p)


def test_a_convey_item_without_addressee_gives_no_notice() -> None:
    item = Item(number=1, action="传达学习", text="会议传达学习了省委全会精神。")
    assert propose(item, MEETING, convey_tracked=True) == []


# -- the bundled example ------------------------------------------------------------------

EXPECTED_EXAMPLE = [
    (3, "县发改局", "根据审议意见作进一步修改完善后印发实施"),
    (5, "县住建局", "根据审议意见作进一步修改完善后印发实施"),
    (6, "县综合行政执法局", "根据审议意见作进一步修改完善后印发实施"),
    (7, "县城投集团", "根据审议意见作进一步修改完善后实施"),
    (9, "县发改局", "根据审议意见作进一步修改完善后印发实施"),
]


def _example() -> tuple[str, Record]:
    source = read_path(str(EXAMPLE))
    return source.text, parse(source.text, name=str(EXAMPLE))


def test_the_example_proposes_one_task_per_item_to_implement() -> None:
    _, record = _example()
    proposals = propose_record(record)
    got = [(p.item_number, p.lead, p.action) for p in proposals]
    assert got == EXPECTED_EXAMPLE
    for p in proposals:
        assert p.kind == "task" and p.lead_source == "submitter" and p.co_units == ()
        assert p.deadline is None and p.notes[-1] == "未写明期限"


def test_the_example_with_convey_tracked_adds_two_notices() -> None:
    _, record = _example()
    proposals = propose_record(record, convey_tracked=True)
    notices = [(p.item_number, p.lead) for p in proposals if p.kind == "notice"]
    assert notices == [(1, "各地各部门"), (2, "各地各部门")]
    assert [p.item_number for p in proposals] == [1, 2, 3, 5, 6, 7, 9]
    # Items 4 and 8 are reports heard without a decision: nothing to follow up.
    assert not {4, 8} & {p.item_number for p in proposals}


def test_spans_of_the_example_index_the_items_and_shift_to_the_document() -> None:
    text, record = _example()
    for index, item in enumerate(record.items):
        offset = document_offset(record, index)
        assert offset is not None
        for p in propose(item, MEETING, convey_tracked=True):
            _check_spans(item, p)
            moved = p.shifted(offset)
            assert moved.action_span is not None
            assert text[moved.action_span[0] : moved.action_span[1]] == p.action
            if moved.lead_span is not None:
                assert text[moved.lead_span[0] : moved.lead_span[1]] == p.lead


def test_a_record_without_spans_has_no_document_offset() -> None:
    _, record = _example()
    assert document_offset(record.replace(spans={}), 0) is None


def test_proposals_serialize_to_json_with_iso_dates() -> None:
    item = Item(number=2, action="研究", text=SENTENCES[0][0])
    [p] = propose(item, MEETING)
    data = p.to_json()
    assert data["deadline"] == {
        "date": "2021-09-30",
        "phrase": "今年9月底前",
        "span": list(p.deadline.span) if p.deadline else None,
        "certainty": "exact",
        "note": "",
    }
    assert data["lead_full"] == "县财政局" and data["co_units"] == ["县发改局", "县审计局"]
