"""The generator: deterministic, plausible, varied, and consistent with the contract."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from itertools import islice, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiyao.minutes.generate import (
    STYLES,
    generate_corpus,
    generate_record,
    generate_records,
    government,
    render_styles,
)
from jiyao.minutes.generate.governments import roster, term_of
from jiyao.minutes.record import ACTIONS, DECISIONS, Record

SAMPLE = list(generate_records(400, seed=7))


def test_the_same_seed_gives_the_same_records_and_another_seed_other_ones() -> None:
    assert list(generate_records(30, seed=3)) == list(generate_records(30, seed=3))
    assert list(generate_records(30, seed=3)) != list(generate_records(30, seed=4))
    assert generate_record(11) == generate_record(random.Random(11))
    assert list(generate_corpus(10, seed=2)) == list(generate_corpus(10, seed=2))


def test_generate_records_is_lazy() -> None:
    stream = generate_records(10**9, seed=1)
    first = list(islice(stream, 3))
    assert len(first) == 3 and all(isinstance(r, Record) for r in first)
    assert list(generate_records(0)) == []


def test_a_negative_count_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="n must be"):
        list(generate_records(-1))


def test_a_government_is_the_same_county_with_the_same_office_for_every_seed() -> None:
    gov = government(7)
    assert gov == government(7)
    assert gov.office == f"{gov.name}人民政府办公室"
    assert gov.body == f"{gov.level}政府" and gov.level in "县市区"
    assert len({government(i).name for i in range(50)}) == 50
    # Very large corpora extend the pool with names that still do not repeat.
    assert len({government(i).name for i in range(400)}) == 400


@given(st.integers(min_value=0, max_value=2**32))
@settings(max_examples=60, deadline=None)
def test_every_generated_record_follows_the_contract(seed: int) -> None:
    record = generate_record(seed)
    assert Record.from_json(record.to_json()) == record
    assert record.issuer and record.issuer.endswith("人民政府办公室")
    m = record.meeting
    assert m.date is not None and m.date.weekday() < 5
    assert record.issued_on is not None and record.issued_on > m.date
    assert m.chair in record.attendance.present
    everyone = [
        n
        for role in ("present", "absent", "invited", "observers")
        for n in getattr(record.attendance, role)
    ]
    assert len(everyone) == len(set(everyone)), "a person is listed twice"
    assert all(2 <= len(n) <= 4 for n in everyone)
    for number, item in enumerate(record.items, start=1):
        assert item.number == number
        assert item.action in ACTIONS
        assert item.decision is None or item.decision in DECISIONS
        assert len(item.document_stages) == len(item.documents)
        assert item.text.split("\n")[0] == item.heading
        for title in item.documents:
            assert f"《{title}》" in item.text
        for submitter in item.submitters:
            assert submitter in item.text
        if item.follow_up:
            assert item.follow_up in item.text
        for requirement in item.requirements:
            assert requirement in item.text and not requirement.endswith("。")


def test_sessions_count_up_per_government_and_series() -> None:
    last: dict[tuple[str, str | None], tuple[dt.date, int]] = {}
    for record in SAMPLE:
        m = record.meeting
        if m.session is None:
            assert m.kind == "专题会议"
            continue
        assert m.date is not None
        key = (record.issuer or "", m.kind)
        if key in last:
            before, session = last[key]
            assert m.date > before
            if m.kind == "办公会议":
                new_period = m.date.year != before.year
            else:
                new_period = term_of(m.date.year) != term_of(before.year)
            assert m.session == session + 1 or (new_period and m.session == 1)
        last[key] = (m.date, m.session)


def test_records_come_in_date_order_within_the_years_covered() -> None:
    dates = [r.meeting.date for r in SAMPLE if r.meeting.date is not None]
    assert dt.date(2020, 1, 1) <= min(dates) and max(dates) <= dt.date(2026, 1, 31)
    late = sum(1 for a, b in pairwise(dates) if b < a)
    assert late < len(dates) * 0.05


def test_the_office_the_body_and_the_people_belong_to_the_government() -> None:
    for record in SAMPLE[:100]:
        name = (record.issuer or "").removesuffix("人民政府办公室")
        level = name[-1]
        m = record.meeting
        assert m.body in (f"{level}政府", None)
        assert (m.body is None) == (m.kind == "办公会议")
        for item in record.items:
            # The first submitter carries the level; a joint second may not (县住建局、财政局).
            for submitter in item.submitters[:1]:
                assert submitter.startswith(level)
            for title in item.documents:
                assert title.startswith((name, "关于"))


def test_the_same_term_keeps_the_same_head_and_a_new_term_may_change_it() -> None:
    assert roster(3, 2017) == roster(3, 2017)
    heads = {roster(i, 2017).head for i in range(20)} | {roster(i, 2022).head for i in range(20)}
    assert len(heads) > 30


def test_a_few_hundred_records_show_every_kind_action_decision_and_name_form() -> None:
    kinds = Counter(r.meeting.kind for r in SAMPLE)
    assert set(kinds) == {"常务会议", "全体会议", "办公会议", "专题会议"}
    assert kinds["常务会议"] > sum(kinds.values()) / 2
    items = [i for r in SAMPLE for i in r.items]
    assert {i.action for i in items} == set(ACTIONS)
    assert {i.decision for i in items} == {*DECISIONS, None}
    stages = {s for i in items for s in i.document_stages}
    assert {"送审稿", "征求意见稿", "草案", None} <= stages
    titles = [t for i in items for t in i.documents]
    assert any(re.search(r"（[^）]+）", t) for t in titles), "no inner brackets"
    assert any("“" in t for t in titles), "no quoted titles"
    assert any(len(i.submitters) == 2 for i in items), "no joint submitters"
    assert any(not s.startswith(("县", "市", "区")) for i in items for s in i.submitters)
    assert any(len(i.documents) == 2 for i in items), "no item with two documents"
    assert any("（一）" in i.text and "（二）" in i.text for i in items), "no sub-items"
    assert any(i.heading.startswith("关于") and i.action == "研究" for i in items)
    names = {n for r in SAMPLE for n in r.attendance.present + r.attendance.observers}
    assert any(
        n[:2] in ("欧阳", "司马", "上官", "诸葛", "尉迟", "钟离", "宗政", "濮阳") for n in names
    )
    assert any(set(n) & set("堃赟喆玥镕婧淼焱珺昇") for n in names)
    assert any(len(n) == 2 for n in names)
    assert any(r.meeting.location for r in SAMPLE) and any(not r.meeting.location for r in SAMPLE)
    assert any(r.attendance.absent for r in SAMPLE) and any(r.attendance.invited for r in SAMPLE)
    assert any(r.number for r in SAMPLE)


def test_every_style_gives_a_text_and_the_record_that_text_carries() -> None:
    record = next(r for r in SAMPLE if r.meeting.kind == "常务会议" and r.items)
    styles = render_styles(record, seed=5)
    assert set(styles) == set(STYLES)
    formal_text, formal = styles["formal"]
    assert formal == record and formal_text.startswith(record.issuer or "")
    news_text, news = styles["news"]
    assert news.issuer is None and news.issued_on is None and news.distribution == ()
    assert news.title is not None and news_text.startswith(news.title)
    assert "纪要如下" not in news_text and "出    席" not in news_text
    assert news.meeting.chair not in news.attendance.present
    for name in news.attendance.present + news.attendance.invited:
        assert name in news_text
    for item in news.items:
        assert item.action != "其他"
        for title in item.documents:
            assert f"《{title}》" in news_text


def test_a_corpus_mixes_the_styles_and_its_variations() -> None:
    texts = [text for text, _ in generate_corpus(200, seed=9)]
    assert sum("纪要如下" not in t for t in texts) > 10  # news reports
    assert any("出\u3000\u3000席" in t for t in texts)
    assert any("出    席" in t for t in texts)
    assert any(re.search(r"^出席：", t, re.MULTILINE) for t in texts)
    assert any("〇" in t for t in texts)
    assert any(re.search(r"^1[.．、]", t, re.MULTILINE) for t in texts)
    assert any(re.search(r"第\d+次", t) for t in texts)
    assert any("抄送：" in t for t in texts)


def test_a_corpus_record_is_what_its_text_says() -> None:
    for text, record in generate_corpus(60, seed=4):
        if record.title:
            assert record.title in text
        if record.meeting.chair:
            assert record.meeting.chair in text
        for item in record.items:
            for submitter in item.submitters:
                assert submitter in text
        for name in record.attendance.present:
            assert name in text or f"{name[0]}  {name[1]}" in text
