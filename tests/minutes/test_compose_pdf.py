"""The PDF's layout, measured on the produced file (GB/T 9704-2012 for 纪要, docs/domain.md §2).

The seed minutes (tests/minutes/compose_records.py, with three names in characters Fandol
lacks) are typeset once under the series masthead 象山县人民政府常务会议纪要, so that the
masthead and the 2号 title both appear; pdfplumber reads back every character's box, size and font, and
the drawn rules. Tolerances are the standard's ± 1 mm.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from compose_records import RARE_NAMES, several_lengths, xiangshan, xiangshan_with_rare_names

from jiyao.minutes.compose import Letterhead, compose_pdf
from jiyao.minutes.compose.layout import LINE_PITCH_PT
from jiyao.minutes.record import Item, Record

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28.0, 210.0 - 26.0, 37.0, 297.0 - 35.0
CLOSING = "，。、；：！？）》”’」』】〕"
CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]+$")

pytestmark = pytest.mark.skipif(
    not __import__("jiyao.minutes.compose.fonts", fromlist=["font_dirs"]).font_dirs(),
    reason="fonts not installed (scripts/setup installs them)",
)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    # The full national format: the government's series masthead, then the title.
    record = xiangshan_with_rare_names()
    return compose_pdf(record, letterhead=Letterhead.for_series(record))


@pytest.fixture(scope="module")
def pdf(pdf_bytes: bytes) -> Any:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as doc:
        yield doc


def rows(page: Any) -> list[list[dict[str, Any]]]:
    """Characters grouped into printed lines, top to bottom, each sorted left to right."""
    by_top: dict[float, list[dict[str, Any]]] = defaultdict(list)
    for char in page.chars:
        by_top[round(char["top"], 0)].append(char)
    return [sorted(by_top[top], key=lambda c: c["x0"]) for top in sorted(by_top)]


def text(row: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in row)


def body_rows(page: Any) -> list[list[dict[str, Any]]]:
    return [r for r in rows(page) if round(r[0]["size"]) == 16 and r[0]["top"] / MM < BOTTOM]


def test_the_page_is_a4(pdf: Any) -> None:
    for page in pdf.pages:
        assert page.width / MM == pytest.approx(210, abs=0.5)
        assert page.height / MM == pytest.approx(297, abs=0.5)


def test_full_lines_run_from_the_binding_margin_to_the_right_margin(pdf: Any) -> None:
    full = [r for page in pdf.pages for r in body_rows(page) if r[-1]["x1"] / MM > RIGHT - 3]
    assert len(full) > 60
    for row in full:
        assert row[-1]["x1"] / MM == pytest.approx(RIGHT, abs=1), text(row)
    unindented = [r for r in full if r[0]["x0"] / MM < LEFT + 5]
    assert unindented
    for row in unindented:
        assert row[0]["x0"] / MM == pytest.approx(LEFT, abs=1), text(row)


def test_a_full_page_starts_at_the_top_margin_and_ends_at_the_bottom_of_the_text_block(
    pdf: Any,
) -> None:
    page = pdf.pages[1]
    lines = body_rows(page)
    assert lines[0][0]["top"] / MM == pytest.approx(TOP, abs=1)
    # The last line's grid cell (its top plus one pitch) closes the 225 mm text block.
    assert (lines[-1][0]["top"] + LINE_PITCH_PT) / MM == pytest.approx(BOTTOM, abs=1)


def test_a_full_body_line_holds_28_characters(pdf: Any) -> None:
    lines = [r for page in pdf.pages for r in body_rows(page)]
    counted = []
    for row, after in itertools.pairwise(lines):
        if not (row[0]["x0"] / MM < LEFT + 1 and row[-1]["x1"] / MM > RIGHT - 1):
            continue
        if not CJK.match(text(row)):
            continue  # half-width digits take less than a cell
        if len(text(row)) == 27 and text(after)[1:2] in CLOSING:
            # A closing mark may not start a line: it took the last character with it.
            continue
        counted.append(len(text(row)))
    assert len(counted) >= 30
    assert set(counted) == {28}


def test_a_full_page_holds_22_lines_on_a_fixed_pitch(pdf: Any) -> None:
    for page in pdf.pages[1:-2]:
        lines = body_rows(page)
        assert len(lines) == 22
        tops = [r[0]["top"] for r in lines]
        for a, b in itertools.pairwise(tops):
            assert b - a == pytest.approx(LINE_PITCH_PT, abs=0.2)


def test_title_is_2hao_xiaobiaosong_and_body_3hao_fangsong(pdf: Any) -> None:
    page = pdf.pages[0]
    title = next(r for r in rows(page) if text(r) == "县政府第五十三次常务会议纪要")
    assert {round(c["size"], 1) for c in title} == {22.0}
    assert all("FandolSong-Bold" in c["fontname"] for c in title)
    body = next(r for r in rows(page) if text(r).startswith("2021年6月8日下午"))
    assert {round(c["size"], 1) for c in body} == {16.0}
    assert all("FandolFang" in c["fontname"] for c in body)
    heading = next(r for r in rows(page) if text(r).startswith("一、"))
    assert all("FandolHei" in c["fontname"] for c in heading)


def test_body_paragraphs_start_two_characters_in(pdf: Any) -> None:
    first = next(r for r in rows(pdf.pages[0]) if text(r).startswith("2021年6月8日下午"))
    cell = (RIGHT - LEFT) / 28
    assert first[0]["x0"] / MM == pytest.approx(LEFT + 2 * cell, abs=0.5)


def test_page_numbers_are_dashed_4hao_song_odd_right_even_left(pdf: Any) -> None:
    for number, page in enumerate(pdf.pages, 1):
        foot = [r for r in rows(page) if r[0]["top"] / MM > BOTTOM]
        assert [text(r) for r in foot] == [f"— {number} —"]
        row = foot[0]
        assert {round(c["size"]) for c in row} == {14}
        assert all("FandolSong" in c["fontname"] for c in row)
        # The number line sits 7 mm below the text block, one character in from the edge.
        assert row[0]["top"] / MM == pytest.approx(BOTTOM + 7, abs=1)
        one = 14 / MM
        if number % 2:
            assert row[-1]["x1"] / MM == pytest.approx(RIGHT - one, abs=1)
        else:
            assert row[0]["x0"] / MM == pytest.approx(LEFT + one, abs=1)


def test_the_header_has_a_red_masthead_35_mm_into_the_text_block_and_a_red_rule(
    pdf: Any,
) -> None:
    page = pdf.pages[0]
    masthead = rows(page)[0]
    assert text(masthead) == "象山县人民政府常务会议纪要"
    assert masthead[0]["top"] / MM == pytest.approx(TOP + 35, abs=1)
    assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in masthead)
    assert "第53期" in [text(r) for r in rows(page)]
    red = [
        obj
        for obj in page.lines + page.curves + page.rects
        if tuple(obj.get("stroking_color") or ()) == (1, 0, 0)
    ]
    assert len(red) == 1
    rule = red[0]
    assert rule["x0"] / MM == pytest.approx(LEFT, abs=1)
    assert rule["x1"] / MM == pytest.approx(RIGHT, abs=1)
    issued = next(r for r in rows(page) if "象山县人民政府办公室" in text(r))
    assert issued[-1]["bottom"] < rule["top"]
    assert text(issued).endswith("2021年6月21日")


def test_rare_name_characters_come_from_a_real_face(pdf: Any, pdf_bytes: bytes) -> None:
    rare = set("".join(RARE_NAMES)) - set("王李张")
    document = pypdfium2.PdfDocument(pdf_bytes)
    found = set()
    for index, page in enumerate(pdf.pages):
        chars = [c for c in page.chars if c["text"] in rare]
        if not chars:
            continue
        scale = 4
        image = document[index].render(scale=scale).to_pil().convert("L")
        for char in chars:
            found.add(char["text"])
            # Fandol lacks these: the fallback face must have drawn them, with real ink.
            assert "Noto" in char["fontname"], (char["text"], char["fontname"])
            assert char["x1"] - char["x0"] > 10
            box = [round(v * scale) for v in (char["x0"], char["top"], char["x1"], char["bottom"])]
            ink = sum(
                image.crop(tuple(box)).point(lambda v: 255 if v < 128 else 0).histogram()[255:]
            )
            assert ink > 200, char["text"]
    assert found == rare


def test_every_character_is_set_in_a_known_face(pdf: Any) -> None:
    faces = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert faces
    assert all(f.startswith(("Fandol", "Noto")) for f in faces), faces


def test_attendance_names_wrap_under_the_first_name_after_the_colon(pdf: Any) -> None:
    lines = [r for page in pdf.pages for r in body_rows(page)]
    start = next(i for i, r in enumerate(lines) if text(r).startswith("列"))
    first = lines[start]
    colon = next(i for i, c in enumerate(first) if c["text"] == "：")
    assert all("FandolHei" in c["fontname"] for c in first[: colon + 1])
    after = first[colon + 1]
    # Every wrapped line of names, over the page break too, starts under the first name.
    continuations = [r for r in lines[start + 1 :] if not text(r).startswith("分送")]
    assert len(continuations) >= 4
    for row in continuations:
        assert row[0]["text"].strip(), f"a line starts with a space: {text(row)!r}"
        assert row[0]["x0"] == pytest.approx(after["x0"], abs=0.5), text(row)
    cell = (RIGHT - LEFT) / 28
    assert first[0]["x0"] / MM == pytest.approx(LEFT + 2 * cell, abs=0.5)


def test_the_end_block_sits_at_the_foot_of_the_last_page(pdf: Any) -> None:
    page = pdf.pages[-1]
    imprint = next(r for r in rows(page) if text(r).endswith("2021年6月21日印发"))
    assert text(imprint).startswith("象山县人民政府办公室")
    assert round(imprint[0]["size"]) == 14
    rules = sorted(page.lines + page.curves + page.rects, key=lambda o: o["top"])
    assert rules[-1]["bottom"] / MM == pytest.approx(BOTTOM, abs=1.5)
    distribution = next(r for r in rows(page) if text(r).startswith("分送：县委各部门，"))
    # 4号 throughout, punctuation included: every character advances one 14 pt cell (plus
    # what justification spreads over the line, well under a point).
    advances = [b["x0"] - a["x0"] for a, b in itertools.pairwise(distribution)]
    assert all(14 - 0.01 < a < 14.7 for a in advances), advances


def test_a_record_with_only_some_parts_renders_those_parts() -> None:
    record = Record(title="县政府第一次常务会议纪要")
    with pdfplumber.open(io.BytesIO(compose_pdf(record))) as doc:
        printed = [text(r) for page in doc.pages for r in rows(page)]
    assert "县政府第一次常务会议纪要" in printed
    assert not any(line.startswith(("出", "分送", "列")) for line in printed)


def test_record_text_cannot_inject_typesetting_code() -> None:
    record = xiangshan().replace(title='") #panic("boom") #("\\')
    with pdfplumber.open(io.BytesIO(compose_pdf(record))) as doc:
        printed = [text(r) for r in rows(doc.pages[0])]
    assert '")#panic("boom")#("\\' in [p.replace(" ", "") for p in printed]


def test_the_pdf_is_titled_with_the_minutes_title(pdf: Any) -> None:
    assert pdf.metadata.get("Title") == "县政府第五十三次常务会议纪要"


@pytest.fixture(scope="module", params=several_lengths(), ids=lambda case: case[0])
def several(request: Any) -> Any:
    _, record, series = request.param
    letterhead = Letterhead.for_series(record) if series else None
    with pdfplumber.open(io.BytesIO(compose_pdf(record, letterhead=letterhead))) as doc:
        yield doc


def test_the_end_block_closes_an_even_last_page_for_records_of_any_length(several: Any) -> None:
    pages = several.pages
    assert len(pages) % 2 == 0, f"{len(pages)} pages: the 版记 must end on an even page"
    last = pages[-1]
    printed = [text(r) for r in rows(last)]
    imprint = next(r for r in rows(last) if text(r).endswith("日印发"))
    distribution = next(r for r in rows(last) if text(r).startswith("分送："))
    rules = sorted(last.lines + last.curves + last.rects, key=lambda o: o["top"])
    assert len(rules) == 3, printed
    # The closing rule is the bottom edge of the text block; the 分送 and 印发 lines sit
    # between the rules, all within the block's lowest 70 mm (not at the top of the page).
    assert rules[-1]["bottom"] / MM == pytest.approx(BOTTOM, abs=1.5)
    assert rules[0]["top"] / MM > BOTTOM - 70
    assert rules[0]["top"] < distribution[0]["top"] < rules[1]["top"]
    assert rules[1]["top"] < imprint[0]["top"] < rules[2]["top"]
    for page in pages[:-1]:
        assert not any(text(r).startswith("分送：") for r in rows(page))


def _in_heiti(row: list[dict[str, Any]]) -> bool:
    return "Hei" in row[0]["fontname"]


def test_every_full_page_holds_22_lines_less_one_where_a_heading_keeps_with_its_text(
    several: Any,
) -> None:
    pages = several.pages
    with_body = [i for i, page in enumerate(pages) if body_rows(page)]
    if len(with_body) < 2:
        return
    # Grid line 1 is where a page after the first starts its text.
    grid_top = body_rows(pages[with_body[1]])[0][0]["top"]
    # Every page before the last page of text, the first included, is full to line 22;
    # or to line 21 where the page break falls at a heading (the last line of a heading
    # went on with the text after it, as Word's "keep with next" does) or before the
    # attendance block (whose blank line took line 22). Never two lines short.
    for i in with_body[:-1]:
        page_rows, next_rows = body_rows(pages[i]), body_rows(pages[i + 1])
        last = round((page_rows[-1][0]["top"] - grid_top) / LINE_PITCH_PT) + 1
        at_heading = _in_heiti(page_rows[-1]) or _in_heiti(next_rows[0])
        assert last == 22 or (last == 21 and at_heading), (
            f"page {i + 1} ends on line {last}: {text(page_rows[-1])} / {text(next_rows[0])}"
        )


def _page_number(page: Any) -> str | None:
    """The "— N —" printed under the text block, None on a page without one."""
    below = [text(r) for r in rows(page) if r[0]["top"] / MM > BOTTOM]
    numbers = [t for t in below if re.fullmatch(r"—\s*\d+\s*—", t)]
    assert len(numbers) <= 1, below
    return numbers[0].replace(" ", "") if numbers else None


def _ending(pages: Any) -> str:
    """How the body ends: on an odd page, or on an even page with or without room for the 版记."""
    with_text = [i for i, page in enumerate(pages) if body_rows(page)]
    last_text = with_text[-1] + 1
    if last_text == len(pages):
        return "even page with room"
    return "odd page" if last_text % 2 else "even page without room"


def test_blank_page_and_end_block_page_after_it_carry_no_page_number(several: Any) -> None:
    # GB/T 9704 §7.5: 公文的版记页前有空白页的，空白页和版记页均不编排页码. Every other page
    # is numbered from 1, the 版记 page too when the body's last page comes right before it.
    pages = several.pages
    numbers = [_page_number(page) for page in pages]
    expected = [f"—{i}—" for i in range(1, len(pages) + 1)]
    if _ending(pages) == "even page without room":
        blank = [text(r) for r in rows(pages[-2]) if not re.fullmatch(r"—\s*\d+\s*—", text(r))]
        assert blank == [], "the page before the 版记 page is blank"
        expected[-2:] = [None, None]
    assert numbers == expected


def test_the_records_of_several_lengths_end_in_each_of_the_three_ways() -> None:
    # So the tests on `several` see a body ending on an odd page (the 版记 on the next
    # page), on an even page with room (the 版记 at its foot) and on a full even page (a
    # blank page, then the 版记).
    endings = set()
    for _, record, series in several_lengths():
        letterhead = Letterhead.for_series(record) if series else None
        with pdfplumber.open(io.BytesIO(compose_pdf(record, letterhead=letterhead))) as doc:
            endings.add(_ending(doc.pages))
    assert endings == {"odd page", "even page with room", "even page without room"}


def test_a_heading_with_unprintable_characters_breaks_like_the_same_heading_without_them() -> None:
    # The heading is cut before its last line at an offset of its printable text.
    heading = "审议县综合行政执法局提交的《象山县综合行政执法事项划转工作方案》（送审稿）"
    dirty = "\x01".join(heading[i : i + 5] for i in range(0, len(heading), 5))
    printed = []
    for text_ in (heading, dirty):
        item = Item(number=1, heading=text_, action="审议")
        with pdfplumber.open(io.BytesIO(compose_pdf(Record(title="纪要", items=(item,))))) as doc:
            printed.append([text(r) for r in body_rows(doc.pages[0])])
    assert printed[0] == printed[1]
    assert printed[0][-2:] == [
        "一、审议县综合行政执法局提交的《象山县综合行政执法事",
        "项划转工作方案》（送审稿）",
    ]
