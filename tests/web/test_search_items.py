"""Item-level filters on one item, the matching item's snippet, sort, pager, 内部."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jiyao.archive.importer import import_record
from jiyao.archive.search import search
from jiyao.minutes.record import Attendance, Item, Meeting, Record

pytestmark = pytest.mark.django_db

OPENING = "会议听取了全县上半年经济运行情况汇报。"


def item(number: int, heading: str, action: str, decision: str | None, sub: str) -> Item:
    return Item(
        number=number,
        heading=heading,
        action=action,
        submitters=(sub,),
        decision=decision,
        text=heading + "。会议认为方案尚需完善。",
    )


def meeting(title: str, date: dt.date, *items: Item, visibility: str = "public") -> int:
    rec = Record(
        title=title,
        issuer="示例县人民政府办公室",
        meeting=Meeting(body="县政府", kind="常务会议", session=1, date=date, chair="王明"),
        items=items,
        attendance=Attendance(present=("王明",)),
    )
    return import_record(rec, text=title + OPENING, visibility=visibility).meeting.pk


@pytest.fixture
def split() -> dict[str, int]:
    """One meeting with 审议 + 暂缓 on different items, one with both on the same item."""
    return {
        "split": meeting(
            "县政府第一次常务会议纪要",
            dt.date(2023, 1, 5),
            item(1, "审议县财政局提交的预算调整方案", "审议", "原则同意", "县财政局"),
            item(2, "研究县交通局提交的道路养护计划", "研究", "暂缓", "县交通局"),
        ),
        "same": meeting(
            "县政府第二次常务会议纪要",
            dt.date(2023, 2, 5),
            item(1, "听取县教育局关于校舍情况的汇报", "听取汇报", None, "县教育局"),
            item(2, "审议县交通局提交的公交线路调整方案", "审议", "暂缓", "县交通局"),
        ),
    }


def ids(page: object) -> set[int]:
    return {hit.meeting_id for hit in page.results}  # type: ignore[attr-defined]


def test_action_and_decision_filters_must_hold_for_the_same_item(split) -> None:
    found = search("", action="审议", decision="暂缓", public_only=False)
    assert ids(found) == {split["same"]}


def test_department_and_decision_filters_must_hold_for_the_same_item(split) -> None:
    assert ids(search("", department="县财政局", decision="暂缓", public_only=False)) == set()
    assert ids(search("", department="县交通局", decision="暂缓", public_only=False)) == {
        split["split"],
        split["same"],
    }


def test_a_filtered_result_shows_the_matching_items_text_not_the_opening(split) -> None:
    (hit,) = search("", action="审议", decision="暂缓", public_only=False).results
    assert "公交线路调整方案" in hit.snippet_html
    assert "经济运行" not in hit.snippet_html


def test_a_filtered_results_snippet_keeps_the_items_words_after_its_heading_once() -> None:
    heading = "审议县城投集团提交的停车场特许经营方案"
    numbered = Item(
        number=2,
        heading=heading,
        action="审议",
        submitters=("县城投集团",),
        decision="暂缓",
        text="二、" + heading + "\n\n会议决定暂缓审议，要求征求意见后再提交。",
    )
    plain = Item(
        number=1,
        heading="审议县民政局提交的殡葬设施规划",
        action="审议",
        submitters=("县民政局",),
        decision="暂缓",
        text="审议县民政局提交的殡葬设施规划。会议决定暂缓审议该规划。",
    )
    meeting("县政府第三次常务会议纪要", dt.date(2023, 3, 5), numbered)
    meeting("县政府第四次常务会议纪要", dt.date(2023, 4, 5), plain)
    hits = search("", action="审议", decision="暂缓", public_only=False).results
    snippets = {hit.title: hit.snippet_html for hit in hits}
    first = snippets["县政府第三次常务会议纪要"]
    assert first.count("停车场特许经营方案") == 1
    assert "会议决定暂缓审议" in first
    assert "会议决定暂缓审议该规划" in snippets["县政府第四次常务会议纪要"]


def test_results_can_be_sorted_newest_or_oldest_first(split) -> None:
    newest = [h.meeting_id for h in search("方案", public_only=False, sort="newest").results]
    oldest = [h.meeting_id for h in search("方案", public_only=False, sort="oldest").results]
    assert newest == [split["same"], split["split"]]
    assert oldest == [split["split"], split["same"]]


def test_the_pager_links_to_numbered_pages(client, split) -> None:
    for n in range(3, 70):
        meeting(
            f"县政府第{n}次常务会议纪要",
            dt.date(2020, 1, 1) + dt.timedelta(days=n),
            item(1, "审议道路养护方案", "审议", "原则同意", "县交通局"),
        )
    html = client.get("/search/", {"q": "方案", "page": 2}).content.decode()
    pager = html[html.index('class="pager"') :]
    assert re.search(r'href="/search/\?q=[^"]*page=1"', pager)
    assert re.search(r'href="/search/\?q=[^"]*page=4"', pager)
    assert 'aria-current="page"' in pager


def test_logged_in_readers_see_which_results_are_internal(client, insider) -> None:
    meeting(
        "县政府第九次常务会议纪要",
        dt.date(2023, 3, 1),
        item(1, "审议保密方案", "审议", "原则同意", "县保密局"),
        visibility="internal",
    )
    client.force_login(insider)
    html = client.get("/search/", {"q": "保密"}).content.decode()
    assert '<span class="badge internal">内部</span>' in html[html.index('class="results"') :]


def test_the_search_page_has_a_main_heading(client) -> None:
    html = client.get("/search/", {"q": "方案"}).content.decode()
    assert "<h1" in html
