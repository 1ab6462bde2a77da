"""The record contract (docs/record.md): JSON in and out, validation, spans."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from jiyao.minutes.errors import RecordError
from jiyao.minutes.record import Attendance, Item, Meeting, Record

CONTRACT_KEYS = {
    "title",
    "issuer",
    "issued_on",
    "meeting",
    "items",
    "attendance",
    "distribution",
    "warnings",
}
MEETING_KEYS = {
    "body",
    "kind",
    "session",
    "date",
    "time_of_day",
    "chair",
    "chair_post",
    "location",
}
ITEM_KEYS = {
    "number",
    "heading",
    "action",
    "submitters",
    "documents",
    "document_stages",
    "decision",
    "follow_up",
    "requirements",
    "text",
}


def sample() -> Record:
    return Record(
        title="县政府第五十三次常务会议纪要",
        issuer="象山县人民政府办公室",
        issued_on=dt.date(2021, 6, 21),
        meeting=Meeting(body="县政府", kind="常务会议", session=53, date=dt.date(2021, 6, 8)),
        items=(
            Item(
                number=1,
                heading="审议《象山县开发区（园区）整合提升方案》（送审稿）",
                action="审议",
                submitters=("县发改局",),
                documents=("象山县开发区（园区）整合提升方案",),
                document_stages=("送审稿",),
                decision="原则同意",
            ),
        ),
        attendance=Attendance(present=("包朝阳",), absent=("钮晶莹",)),
        distribution=("县委各部门",),
        spans={"title": (30, 44), "items[0].documents[0]": (100, 116), "items[0]": (90, 200)},
    )


def test_record_json_has_every_contract_key() -> None:
    data = sample().to_json()
    assert set(data) >= CONTRACT_KEYS
    assert set(data["meeting"]) == MEETING_KEYS
    assert set(data["items"][0]) == ITEM_KEYS
    assert set(data["attendance"]) == {"present", "absent", "invited", "observers"}


def test_record_survives_a_json_round_trip_with_spans() -> None:
    record = sample()
    back = Record.loads(record.dumps(spans=True))
    assert back == record
    assert dict(back.spans) == dict(record.spans)


def test_spans_nest_parallel_to_the_values() -> None:
    spans = sample().to_json(spans=True)["spans"]
    assert spans["title"] == [30, 44]
    assert spans["items"][0]["documents"][0] == [100, 116]
    assert spans["items"][0]["_"] == [90, 200]


def test_dates_are_iso_strings_in_json() -> None:
    data = sample().to_json()
    assert data["issued_on"] == "2021-06-21"
    assert data["meeting"]["date"] == "2021-06-08"


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"items": [{"action": "讨论"}]}, "items[0].action: '讨论' 不在可选值之中"),
        ({"items": [{"action": "审议", "decision": "批准"}]}, "items[0].decision: '批准'"),
        ({"meeting": {"session": "五十三"}}, "meeting.session: 应为整数"),
        ({"meeting": {"date": "2021/06/08"}}, "meeting.date: '2021/06/08' 不是 ISO 日期"),
        ({"issued_on": 20210621}, "issued_on: 应为 ISO 日期字符串"),
        ({"attendance": {"present": ["张三", 3]}}, "attendance.present[1]: 应为字符串"),
        ({"distribution": "县委"}, "distribution: 应为字符串列表"),
        (
            {"items": [{"action": "审议", "documents": ["甲"], "document_stages": []}]},
            "items[0].document_stages: 有 0 个阶段，文件却有 1 个",
        ),
        ({"spans": {"title": [5, 2]}}, "spans.title: 应为 [start, end]"),
    ],
)
def test_invalid_record_names_the_field(patch: dict[str, object], message: str) -> None:
    data = sample().to_json()
    data.update(patch)
    with pytest.raises(RecordError, match=re.escape(message)):
        Record.from_json(data)


def test_record_that_is_not_an_object_is_a_clear_error() -> None:
    with pytest.raises(RecordError, match="record: 应为对象，实为 list"):
        Record.from_json([])


def test_record_text_that_is_not_json_is_a_clear_error() -> None:
    with pytest.raises(RecordError, match=r"minutes\.json: 不是 JSON"):
        Record.loads("{", name="minutes.json")


def test_unknown_keys_are_ignored_for_forward_compatibility() -> None:
    data = sample().to_json()
    data["source"] = {"name": "x.txt"}
    assert Record.from_json(json.loads(json.dumps(data))) == sample()
