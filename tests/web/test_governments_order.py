"""Governments listed by province (pinyin order, 其他 last), then pinyin, with counts."""

from __future__ import annotations

import datetime as dt

import pytest

from jiyao.archive.importer import import_record
from jiyao.archive.provinces import OTHER, province_of
from jiyao.minutes.record import Attendance, Meeting, Record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("象山县", "浙江省"),
        ("浙江省象山县人民政府", "浙江省"),
        ("宁波市象山县", "浙江省"),
        ("宁夏回族自治区银川市", "宁夏回族自治区"),
        ("广东徐闻县", "广东省"),
        ("青岛市", "山东省"),
        ("示例县", OTHER),
    ],
)
def test_the_province_comes_from_the_name_or_the_table(name, province) -> None:
    assert province_of(name) == province


def test_governments_are_listed_by_province_then_pinyin_with_counts(client) -> None:
    for gov, n in (("示例县", 1), ("象山县", 2), ("安吉县", 1), ("荣成市", 1), ("阿里县", 1)):
        for i in range(n):
            rec = Record(
                title=f"{gov}政府第{i + 1}次常务会议纪要",
                issuer=f"{gov}人民政府办公室",
                meeting=Meeting(
                    body="县政府",
                    kind="常务会议",
                    session=i + 1,
                    date=dt.date(2023, 1, i + 1),
                    chair="王明",
                ),
                attendance=Attendance(present=("王明",)),
            )
            import_record(rec, text=rec.title + gov, government=gov)
    html = client.get("/governments/").content.decode()
    order = [
        html.index(x)
        for x in ("山东省", "荣成市", "浙江省", "安吉县", "象山县", OTHER, "阿里县", "示例县")
    ]
    assert order == sorted(order)
    assert "2 次会议" in html[html.index("象山县") :]
