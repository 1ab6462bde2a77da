"""Search: words and phrases found, filters, ranking, snippets, odd queries, public only."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiyao.archive import models as m
from jiyao.archive import search as search_module
from jiyao.archive.importer import Importer, Input, import_record
from jiyao.archive.search import reindex_meeting, search, snippet
from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.record import Attendance, Item, Meeting, Record

pytestmark = pytest.mark.django_db

SESSIONS = itertools.count(1)


def record(
    *,
    title: str,
    heading: str,
    submitter: str = "县发改局",
    action: str = "审议",
    decision: str | None = "原则同意",
    issuer: str = "示例县人民政府办公室",
    date: dt.date = dt.date(2023, 3, 6),
    present: tuple[str, ...] = ("王明", "李强"),
    requirements: tuple[str, ...] = (),
) -> Record:
    return Record(
        title=title,
        issuer=issuer,
        # Each record another sitting: one series' session is one meeting (identity).
        meeting=Meeting(
            body="县政府", kind="常务会议", session=next(SESSIONS), date=date, chair=present[0]
        ),
        items=(
            Item(
                number=1,
                heading=heading,
                action=action,
                submitters=(submitter,),
                decision=decision,
                requirements=requirements,
                text=heading,
            ),
        ),
        attendance=Attendance(present=present),
    )


@pytest.fixture
def archive() -> dict[str, m.Meeting]:
    made = {
        "flood": record(
            title="县政府第一次常务会议纪要",
            heading="审议县发改局提交的《示例县防汛防台应急预案》",
            requirements=("各有关部门要抓紧开展汛前隐患排查",),
        ),
        "ocean": record(
            title="县政府第二次常务会议纪要",
            heading="听取县海洋局关于海洋经济发展情况的汇报",
            submitter="县海洋局",
            action="听取汇报",
            decision=None,
            date=dt.date(2022, 5, 1),
            present=("赵敏", "李强"),
        ),
        "other_county": record(
            title="另县政府常务会议纪要",
            heading="研究防汛物资储备工作",
            submitter="县应急局",
            action="研究",
            decision="暂缓",
            issuer="另县人民政府办公室",
            date=dt.date(2021, 1, 1),
            present=("钱进",),
        ),
    }
    out = {}
    for key, rec in made.items():
        out[key] = import_record(rec, text=key).meeting
    return out


def ids(page: object) -> set[int]:
    return {hit.meeting_id for hit in page.results}  # type: ignore[attr-defined]


def test_two_character_words_are_found(archive: dict[str, m.Meeting]) -> None:
    assert ids(search("防汛", public_only=False)) == {
        archive["flood"].pk,
        archive["other_county"].pk,
    }
    assert ids(search("海洋", public_only=False)) == {archive["ocean"].pk}


def test_longer_phrases_are_found(archive: dict[str, m.Meeting]) -> None:
    assert ids(search("应急预案", public_only=False)) == {archive["flood"].pk}
    assert ids(search("防汛防台应急预案", public_only=False)) == {archive["flood"].pk}
    assert ids(search("海洋经济发展", public_only=False)) == {archive["ocean"].pk}


def test_every_word_of_a_query_must_occur(archive: dict[str, m.Meeting]) -> None:
    assert ids(search("防汛 物资", public_only=False)) == {archive["other_county"].pk}
    assert ids(search("防汛 海洋", public_only=False)) == set()


def test_names_and_full_department_names_are_searchable(archive: dict[str, m.Meeting]) -> None:
    assert ids(search("赵敏", public_only=False)) == {archive["ocean"].pk}
    # The item says 县发改局; the full name finds it too.
    assert archive["flood"].pk in ids(search("发展和改革局", public_only=False))


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '防汛"',
        "防汛 AND 海洋",
        "防汛 OR",
        "NEAR(防汛 海洋)",
        "防*",
        "-防汛",
        "^防汛",
        "column:防汛",
        "'; DROP TABLE archive_meeting; --",
        "。，！？、；：",
        "   ",
        "",
        "防" * 1000,
        "防汛" * 500,
        "(((",
        "\x00防汛",
        "😀 emoji",
    ],
)
def test_odd_queries_never_raise(archive: dict[str, m.Meeting], query: str) -> None:
    page = search(query, public_only=True)
    assert page.page == 1
    assert page.total == len(page.results) or page.total > len(page.results)


def test_operators_are_plain_words_not_syntax(archive: dict[str, m.Meeting]) -> None:
    # "OR" would widen an FTS query to either side; here it is a word nobody wrote.
    assert ids(search("防汛 OR 海洋", public_only=False)) == set()
    assert ids(search('"防汛"', public_only=False)) == ids(search("防汛", public_only=False))


def test_punctuation_only_gives_an_empty_page(archive: dict[str, m.Meeting]) -> None:
    page = search("。，！", public_only=False)
    assert (page.results, page.total, page.pages) == ([], 0, 1)


def test_snippets_escape_the_text_then_mark_the_matches() -> None:
    import_record(
        record(title="<script>alert(1)</script>防汛纪要", heading="防汛<b>工作</b>"),
        text="x",
    )
    (hit,) = search("防汛", public_only=False).results
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<mark>防汛</mark>" in hit.snippet_html
    assert hit.title == "<script>alert(1)</script>防汛纪要"  # the template escapes titles


def test_snippet_marks_overlapping_terms_once() -> None:
    html = snippet("防汛防台应急预案", ("应急预案", "应急", "预案"))
    assert html == "防汛防台<mark>应急预案</mark>"


def test_filters_narrow_the_results(archive: dict[str, m.Meeting]) -> None:
    flood, other = archive["flood"], archive["other_county"]
    gov = flood.series.government
    assert ids(search("防汛", government=gov.pk, public_only=False)) == {flood.pk}
    assert ids(search("防汛", government=str(gov.pk), public_only=False)) == {flood.pk}
    assert ids(search("防汛", government="另县人民政府", public_only=False)) == {other.pk}
    assert ids(search("防汛", date_to=dt.date(2021, 12, 31), public_only=False)) == {other.pk}
    assert ids(search("防汛", date_from=dt.date(2023, 1, 1), public_only=False)) == {flood.pk}
    assert ids(search("防汛", action="研究", public_only=False)) == {other.pk}
    assert ids(search("防汛", action="study", public_only=False)) == {other.pk}
    assert ids(search("防汛", decision="原则同意", public_only=False)) == {flood.pk}
    assert ids(search("防汛", person="钱进", public_only=False)) == {other.pk}
    assert ids(search("防汛", action="不存在", public_only=False)) == set()


def test_the_department_filter_resolves_aliases(archive: dict[str, m.Meeting]) -> None:
    flood = archive["flood"].pk
    for name in ("县发改局", "县发展和改革局", "县发展改革局", "示例县发展和改革局"):
        assert ids(search("防汛", department=name, public_only=False)) == {flood}, name
    assert ids(search("防汛", department="县住建局", public_only=False)) == set()


def test_a_blank_query_with_a_filter_lists_meetings_newest_first(
    archive: dict[str, m.Meeting],
) -> None:
    page = search("", person="李强", public_only=False)
    assert [h.meeting_id for h in page.results] == [archive["flood"].pk, archive["ocean"].pk]
    assert search("", public_only=True).total == 0


def test_public_only_hides_internal_minutes_even_after_an_edit(
    archive: dict[str, m.Meeting],
) -> None:
    hidden = import_record(
        record(title="内部纪要", heading="研究防汛经费"), text="internal", visibility="internal"
    ).meeting
    assert hidden.pk not in ids(search("防汛", public_only=True))
    assert hidden.pk in ids(search("防汛", public_only=False))
    minutes = archive["flood"].minutes
    minutes.visibility = m.Minutes.INTERNAL
    minutes.save()
    assert archive["flood"].pk not in ids(search("防汛", public_only=True))


def test_reindexing_follows_an_edit(archive: dict[str, m.Meeting]) -> None:
    item = m.AgendaItem.objects.get(meeting=archive["ocean"])
    item.heading = "听取县林业局关于森林防火的汇报"
    item.save()
    reindex_meeting(archive["ocean"].pk)
    assert ids(search("森林防火", public_only=False)) == {archive["ocean"].pk}


@pytest.mark.parametrize("window", [1000, 4])
@pytest.mark.parametrize("public_only", [False, True])  # with a filter: the ids-first path
def test_results_are_paginated(
    monkeypatch: pytest.MonkeyPatch, window: int, public_only: bool
) -> None:
    # With a small window, the first matches are ranked and the rest listed newest first.
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    corpus = list(generate_corpus(30, seed=11))
    Importer().import_many(
        Input(name=f"g{i}.txt", record=r, text=t) for i, (t, r) in enumerate(corpus)
    )
    first = search("会议", public_only=public_only, per_page=7)
    assert first.total > 7
    assert first.pages == -(-first.total // 7)
    seen: list[int] = []
    for number in range(1, first.pages + 1):
        page = search("会议", public_only=public_only, per_page=7, page=number)
        assert page.page == number
        seen += [h.meeting_id for h in page.results]
    assert len(seen) == len(set(seen)) == first.total
    assert search("会议", public_only=False, per_page=7, page=999).page == first.pages
    assert search("会议", public_only=False, page="x").page == 1  # type: ignore[arg-type]


def test_better_matches_rank_first() -> None:
    import_record(record(title="纪要甲", heading="研究海洋工作"), text="a")
    strong = import_record(
        record(
            title="海洋纪要",
            heading="审议海洋经济发展规划",
            requirements=("发展海洋产业", "保护海洋生态"),
        ),
        text="b",
    ).meeting
    page = search("海洋", public_only=False)
    assert page.results[0].meeting_id == strong.pk
    assert page.results[0].score >= page.results[1].score


@pytest.mark.parametrize("window", [1000, 1])
@pytest.mark.parametrize("public_only", [False, True])
def test_phrase_only_matches_follow_the_ranked_whole_word_matches(
    monkeypatch: pytest.MonkeyPatch, window: int, public_only: bool
) -> None:
    # 公共服务中心 is indexed as 公共 服务 中心 服务中心: a search for 公共服务 finds it
    # through the phrase 公共 服务, after the meetings holding the word itself.
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    # Named often, so a rank over the phrase would put it first.
    heading = "建设公共服务中心，" * 8
    phrase_only = import_record(record(title="纪要甲", heading=heading), text="a")
    whole = import_record(record(title="纪要乙", heading="提升公共服务水平"), text="b")
    unrelated = import_record(record(title="纪要丙", heading="研究公共交通服务"), text="c")
    page = search("公共服务", public_only=public_only)
    assert page.total == 2
    assert [h.meeting_id for h in page.results] == [whole.meeting.pk, phrase_only.meeting.pk]
    assert unrelated.meeting.pk not in ids(page)
    assert [
        h.meeting_id
        for h in search("公共服务", public_only=public_only, per_page=1, page=2).results
    ] == [phrase_only.meeting.pk]


def test_a_very_common_word_is_counted_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = list(generate_corpus(12, seed=5))
    Importer().import_many(
        Input(name=f"g{i}.txt", record=r, text=t) for i, (t, r) in enumerate(corpus)
    )
    exact = search("会议", public_only=False)
    assert not exact.capped and exact.total >= 8
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 5)
    page = search("会议", public_only=False, per_page=2)
    assert (page.total, page.capped, page.pages) == (5, True, 3)
    shown = [
        h for n in (1, 2, 3) for h in search("会议", public_only=False, per_page=2, page=n).results
    ]
    assert len(shown) == 5  # the last page stops at the total shown
    listed = search("", person=corpus[0][1].meeting.chair, public_only=False)
    assert listed.total >= 1


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("县政府常务会议", "flood"),
        ("第一次常务会议", "flood"),
        ("防汛 财政资金", "funds"),
        ("财政资金 防汛", "funds"),
        ("教育 财政资金", "school"),
        ("公共服务中心 财政资金 教育", "school"),
    ],
)
def test_queries_of_several_words_or_phrases_are_valid_on_every_sqlite(
    archive: dict[str, m.Meeting], query: str, key: str
) -> None:
    # SQLite before 3.43 refuses an implicit AND next to a parenthesised group
    # ('("a" OR "b c") "d"': syntax error near OR); every query must be valid there.
    made = {
        "funds": import_record(
            record(title="县政府第三次常务会议纪要", heading="研究防汛财政资金安排"), text="f"
        ).meeting,
        "school": import_record(
            record(
                title="县政府第四次常务会议纪要",
                heading="研究教育财政资金和公共服务中心建设",
            ),
            text="s",
        ).meeting,
    }
    wanted = {**archive, **made}[key]
    assert wanted.pk in ids(search(query, public_only=False))


def test_several_word_query_on_the_search_page_finds_minutes(
    client: object, archive: dict[str, m.Meeting]
) -> None:
    page = client.get("/search/", {"q": "县政府第一次常务会议"})  # type: ignore[attr-defined]
    html = page.content.decode()
    assert "无法按该检索式检索" not in html
    assert f"/meetings/{archive['flood'].pk}/" in html


#: Pieces of queries: words jieba cuts in more than one way (常务会议, 财政资金,
#: 公共服务中心), plain words, FTS5 operators and punctuation.
PIECES = [
    *("县政府", "常务会议", "第四次", "教育", "财政资金", "公共服务中心", "防汛", "应急预案"),
    *("OR", "AND", "NOT", "NEAR", "NEAR(", '"', "'", "(", ")", "*", "-", "^", ":", "\\", "，"),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " "])), max_size=8))
def test_every_query_is_valid_fts5_on_this_sqlite(pieces: list[tuple[str, str]]) -> None:
    import sqlite3

    words, _ = search_module.query_terms("".join(p + sep for p, sep in pieces))
    if not words:
        return
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(words)")
    db.execute("INSERT INTO f VALUES ('县政府 常务 会议 财政 资金')")
    for text in search_module.fts_queries(words):
        db.execute("SELECT rowid FROM f WHERE f MATCH ?", [text]).fetchall()
