"""Deadlines from words (jiyao.minutes.followup.deadlines) and the working-day calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiyao.minutes.followup import (
    CERTAINTIES,
    SPRING_FESTIVAL,
    add_workdays,
    find_deadlines,
    is_workday,
    resolve_deadline,
    spring_festival,
    workdays_between,
)

D = dt.date
JUNE = D(2021, 6, 8)  # a Tuesday
NOV = D(2021, 11, 15)  # a Monday
FRIDAY = D(2021, 6, 11)
NEXT = D(2021, 6, 22)

# (phrase, meeting date, expected date or None, certainty)
TABLE: list[tuple[str, dt.date, dt.date | None, str]] = [
    # the year's end
    ("年底前", JUNE, D(2021, 12, 31), "exact"),
    ("年内", JUNE, D(2021, 12, 31), "exact"),
    ("今年年底前", JUNE, D(2021, 12, 31), "exact"),
    ("今年底", JUNE, D(2021, 12, 31), "exact"),
    ("年末", NOV, D(2021, 12, 31), "exact"),
    ("本年度内", JUNE, D(2021, 12, 31), "exact"),
    ("明年底前", JUNE, D(2022, 12, 31), "exact"),
    ("2022年底前", JUNE, D(2022, 12, 31), "exact"),
    ("二〇二二年底前", JUNE, D(2022, 12, 31), "exact"),
    ("2021年内", JUNE, D(2021, 12, 31), "exact"),
    ("2020年底前", JUNE, None, "unresolved"),
    ("去年底", JUNE, None, "unresolved"),
    # months
    ("6月底前", JUNE, D(2021, 6, 30), "exact"),
    ("9月底前", NOV, D(2022, 9, 30), "inferred"),
    ("今年9月底前", JUNE, D(2021, 9, 30), "exact"),
    ("今年9月底前", NOV, None, "unresolved"),
    ("今年5月底前", JUNE, None, "unresolved"),
    ("明年3月底前", JUNE, D(2022, 3, 31), "exact"),
    ("2022年3月底前", NOV, D(2022, 3, 31), "exact"),
    ("十二月底前", JUNE, D(2021, 12, 31), "exact"),
    ("2月底前", D(2023, 11, 1), D(2024, 2, 29), "inferred"),
    ("9月中旬前", JUNE, D(2021, 9, 20), "exact"),
    ("7月上旬", JUNE, D(2021, 7, 10), "exact"),
    ("7月下旬", JUNE, D(2021, 7, 31), "exact"),
    ("9月前", JUNE, D(2021, 8, 31), "inferred"),
    ("9月份内", JUNE, D(2021, 9, 30), "exact"),
    # days
    ("9月30日前", JUNE, D(2021, 9, 30), "exact"),
    ("9月30号之前", JUNE, D(2021, 9, 30), "exact"),
    ("九月三十日前", JUNE, D(2021, 9, 30), "exact"),
    ("９月３０日前", JUNE, D(2021, 9, 30), "exact"),
    ("截至9月30日", JUNE, D(2021, 9, 30), "exact"),
    ("6月15日前", D(2021, 6, 20), D(2022, 6, 15), "inferred"),
    ("2021年6月30日前", D(2021, 7, 1), None, "unresolved"),
    ("2月30日前", JUNE, None, "unresolved"),
    # quarters and halves
    ("三季度末", JUNE, D(2021, 9, 30), "exact"),
    ("第三季度末前", JUNE, D(2021, 9, 30), "exact"),
    ("四季度", JUNE, D(2021, 12, 31), "exact"),
    ("一季度", JUNE, D(2022, 3, 31), "inferred"),
    ("明年一季度", JUNE, D(2022, 3, 31), "exact"),
    ("上半年", JUNE, D(2021, 6, 30), "exact"),
    ("下半年", JUNE, D(2021, 12, 31), "exact"),
    ("上半年", NOV, D(2022, 6, 30), "inferred"),
    # this month, next month
    ("本月底", JUNE, D(2021, 6, 30), "exact"),
    ("月底前", JUNE, D(2021, 6, 30), "exact"),
    ("本月内", JUNE, D(2021, 6, 30), "exact"),
    ("下月底", JUNE, D(2021, 7, 31), "exact"),
    ("下月底", D(2021, 12, 1), D(2022, 1, 31), "exact"),
    ("下个月15日前", JUNE, D(2021, 7, 15), "exact"),
    ("下月中旬", JUNE, D(2021, 7, 20), "exact"),
    # durations from the meeting
    ("一个月内", JUNE, D(2021, 7, 8), "exact"),
    ("一個月內", JUNE, D(2021, 7, 8), "exact"),
    ("一个月内", D(2021, 1, 31), D(2021, 2, 28), "exact"),
    ("三个月内", JUNE, D(2021, 9, 8), "exact"),
    ("半个月内", JUNE, D(2021, 6, 23), "exact"),
    ("半年内", JUNE, D(2021, 12, 8), "exact"),
    ("一年内", JUNE, D(2022, 6, 8), "exact"),
    ("三年内", JUNE, D(2024, 6, 8), "exact"),
    ("30日内", JUNE, D(2021, 7, 8), "exact"),
    ("15天内", JUNE, D(2021, 6, 23), "exact"),
    ("两周内", JUNE, D(2021, 6, 22), "exact"),
    ("兩週內", JUNE, D(2021, 6, 22), "exact"),
    ("一周之内", JUNE, D(2021, 6, 15), "exact"),
    ("10个工作日内", JUNE, D(2021, 6, 22), "exact"),
    ("十个工作日内", JUNE, D(2021, 6, 22), "exact"),
    ("１０個工作日內", JUNE, D(2021, 6, 22), "exact"),
    ("5个工作日内", FRIDAY, D(2021, 6, 18), "exact"),
    ("限期15天", JUNE, D(2021, 6, 23), "exact"),
    ("限期10个工作日", JUNE, D(2021, 6, 22), "exact"),
    # no date: flagged
    ("限期整改", JUNE, None, "none"),
    ("尽快", JUNE, None, "none"),
    ("抓紧", JUNE, None, "none"),
    ("尽早", JUNE, None, "none"),
    ("盡快", JUNE, None, "none"),
    # now
    ("立即", JUNE, D(2021, 6, 9), "inferred"),
    ("立即", FRIDAY, D(2021, 6, 14), "inferred"),
    ("马上", JUNE, D(2021, 6, 9), "inferred"),
    # the next meeting
    ("下次常务会议前", JUNE, None, "unresolved"),
    # festivals
    ("春节前", JUNE, D(2022, 1, 31), "inferred"),
    ("春节前", D(2022, 1, 10), D(2022, 1, 31), "inferred"),
    ("春节前", D(2022, 2, 10), D(2023, 1, 21), "inferred"),
    ("2022年春节前", JUNE, D(2022, 1, 31), "inferred"),
    ("2021年春节前", JUNE, None, "unresolved"),
    ("春節前", NOV, D(2022, 1, 31), "inferred"),
    ("元旦前", JUNE, D(2021, 12, 31), "exact"),
    ("2022年元旦前", JUNE, D(2021, 12, 31), "exact"),
    ("国庆节前", JUNE, D(2021, 9, 30), "exact"),
    ("国庆前", NOV, D(2022, 9, 30), "inferred"),
    ("五一前", JUNE, D(2022, 4, 30), "inferred"),
    # ranges: the end
    ("6月至9月", JUNE, D(2021, 9, 30), "exact"),
    ("6-9月", JUNE, D(2021, 9, 30), "exact"),
    ("7月至9月底", JUNE, D(2021, 9, 30), "exact"),
    ("11月至次年3月", NOV, D(2022, 3, 31), "exact"),
    ("2021年10月至12月", JUNE, D(2021, 12, 31), "exact"),
    ("2020年10月至12月", JUNE, None, "unresolved"),
]


@pytest.mark.parametrize(("phrase", "meeting", "expected", "certainty"), TABLE)
def test_a_phrase_resolves_to_its_date(
    phrase: str, meeting: dt.date, expected: dt.date | None, certainty: str
) -> None:
    found = find_deadlines(phrase, meeting)
    assert len(found) == 1, found
    deadline = found[0]
    assert (deadline.date, deadline.certainty) == (expected, certainty), deadline
    assert deadline.phrase == phrase
    assert deadline.span == (0, len(phrase))


def test_the_table_has_at_least_sixty_phrases() -> None:
    assert len({phrase for phrase, *_ in TABLE}) >= 60


def test_next_meeting_gives_the_day_before_it() -> None:
    d = resolve_deadline("下次常务会议前", JUNE, next_meeting=NEXT)
    assert (d.date, d.certainty) == (D(2021, 6, 21), "exact")
    d = resolve_deadline("下一次县政府常务会议之前", JUNE, next_meeting=NEXT)
    assert d.date == D(2021, 6, 21)
    assert d.phrase == "下一次县政府常务会议之前"


def test_next_meeting_unknown_is_unresolved_with_a_note() -> None:
    d = resolve_deadline("下次常务会议前", JUNE)
    assert d.date is None and d.certainty == "unresolved"
    assert "下次会议" in d.note


def test_working_days_skip_the_holidays_passed() -> None:
    dragon_boat = frozenset({D(2021, 6, 14)})
    plain = resolve_deadline("10个工作日内", JUNE)
    with_holiday = resolve_deadline("10个工作日内", JUNE, holidays=dragon_boat)
    assert plain.date == D(2021, 6, 22)
    assert with_holiday.date == D(2021, 6, 23)
    assert "节假日" in with_holiday.note


def test_a_phrase_inside_a_sentence_keeps_its_span() -> None:
    text = "由县财政局牵头，县发改局、县审计局配合，于今年9月底前完成"
    [d] = find_deadlines(text, JUNE)
    assert d.date == D(2021, 9, 30)
    assert text[d.span[0] : d.span[1]] == d.phrase == "今年9月底前"


def test_several_phrases_are_found_in_order_without_overlap() -> None:
    text = "要尽快拿出方案，10个工作日内报县政府，年底前全面完成。"
    found = find_deadlines(text, JUNE)
    assert [d.phrase for d in found] == ["尽快", "10个工作日内", "年底前"]
    assert [d.certainty for d in found] == ["none", "exact", "exact"]


@pytest.mark.parametrize(
    "text",
    [
        "会议学习了5月31日中共中央政治局会议精神。",
        "5月17日，全省建筑业高质量发展大会召开。",
        "要建立即时通报机制。",
        "为建党100周年提供坚实的安全保障。",
        "加快推进“十四五”规划编制。",
        "近年来我县经济持续向好，要提前谋划。",
        "",
    ],
)
def test_text_without_a_deadline_gives_none(text: str) -> None:
    assert find_deadlines(text, JUNE) == []


def test_unrecognised_phrase_is_unresolved_and_spans_the_phrase() -> None:
    d = resolve_deadline("适当时候", JUNE)
    assert (d.date, d.certainty, d.span) == (None, "unresolved", (0, 4))


def test_a_rolled_date_says_so_in_its_note() -> None:
    d = resolve_deadline("9月底前", NOV)
    assert "2022" in d.note


def test_spring_festival_table_covers_2000_to_2050() -> None:
    assert sorted(SPRING_FESTIVAL) == list(range(2000, 2051))
    assert spring_festival(2021) == D(2021, 2, 12)
    assert spring_festival(1999) is None
    # 春节 always falls between 21 January and 20 February.
    assert all(D(y, 1, 21) <= d <= D(y, 2, 20) for y, d in SPRING_FESTIVAL.items())


# -- working days ---------------------------------------------------------------------------


def test_add_workdays_skips_weekends() -> None:
    assert add_workdays(FRIDAY, 1) == D(2021, 6, 14)
    assert add_workdays(FRIDAY, 0) == FRIDAY
    assert add_workdays(D(2021, 6, 14), -1) == FRIDAY
    assert workdays_between(FRIDAY, D(2021, 6, 14)) == 1
    assert workdays_between(D(2021, 6, 14), FRIDAY) == -1


def _naive_add(day: dt.date, n: int, holidays: frozenset[dt.date]) -> dt.date:
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += dt.timedelta(days=step)
        while not is_workday(day, holidays):
            day += dt.timedelta(days=step)
    return day


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2049, 12, 31))
holiday_sets = st.frozensets(dates, max_size=5)


@given(dates, st.integers(min_value=-60, max_value=400), holiday_sets)
def test_add_workdays_agrees_with_counting_day_by_day(
    day: dt.date, n: int, holidays: frozenset[dt.date]
) -> None:
    assert add_workdays(day, n, holidays) == _naive_add(day, n, holidays)


@given(dates, st.integers(min_value=0, max_value=400), holiday_sets)
def test_workdays_between_inverts_add_workdays(
    day: dt.date, n: int, holidays: frozenset[dt.date]
) -> None:
    later = add_workdays(day, n, holidays)
    assert workdays_between(day, later, holidays) == n
    if n:
        assert is_workday(later, holidays)


# -- properties of find_deadlines ------------------------------------------------------------

PIECES = [
    *sorted({phrase for phrase, *_ in TABLE}),
    "下次常务会议前",
    "会议要求，",
    "由县财政局牵头",
    "，",
    "。",
    "完成",
    "5月17日",
    "建党100周年",
    "6",
    "月",
    "前",
    "年",
    "至",
    "-",
]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    dates,
    st.one_of(st.none(), dates),
)
def test_no_deadline_precedes_the_meeting_and_every_span_is_its_phrase(
    text: str, meeting: dt.date, next_meeting: dt.date | None
) -> None:
    previous_end = 0
    for d in find_deadlines(text, meeting, next_meeting=next_meeting):
        start, end = d.span
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end] == d.phrase
        assert d.certainty in CERTAINTIES
        assert (d.date is None) == (d.certainty in ("none", "unresolved"))
        if d.date is not None:
            assert d.date >= meeting
        previous_end = end


@given(st.text(max_size=60), dates)
def test_any_text_gives_well_formed_deadlines(text: str, meeting: dt.date) -> None:
    for d in find_deadlines(text, meeting):
        assert text[d.span[0] : d.span[1]] == d.phrase
        if d.date is not None:
            assert d.date >= meeting
