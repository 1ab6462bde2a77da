"""normalize: the text form the parser reads (rules in jiyao.minutes.read.normalize)."""

from __future__ import annotations

import re
import sys

import opencc
from hypothesis import given
from hypothesis import strategies as st

from jiyao.minutes.read import normalize

normalize_module = sys.modules["jiyao.minutes.read.normalize"]

SIMPLIFIED = (
    "县政府第十二次常务会议纪要\n"
    "2024年3月1日上午，县长王明主持召开县政府第十二次常务会议。会议审议了县财政局提交的"
    "《测试县预算绩效管理办法（送审稿）》，原则同意该办法，要求修改完善后印发实施。\n"
    "会议听取了县教育局关于秋季学期开学准备工作情况的汇报。会议强调，要压实安全责任。\n"
)


def test_every_line_break_becomes_a_newline() -> None:
    assert (
        normalize("甲\r\n乙\r丙\u2028丁\u2029戊\x0b己\x0c庚\x85辛\n")
        == "甲\n乙\n丙\n丁\n戊\n己\n庚\n辛\n"
    )


def test_every_space_becomes_one_ascii_space_and_line_ends_lose_theirs() -> None:
    assert (
        normalize("出\u3000席：王明\t李华\xa0张强\u2003\u3000\n列 席 ")
        == "出 席：王明 李华 张强\n列 席"
    )


def test_zero_width_characters_bom_and_controls_are_dropped() -> None:
    assert normalize("\ufeff会\u200b议\u200d纪\x00要\x07\x1b\u00ad\x9f") == "会议纪要"


def test_full_width_letters_and_digits_become_half_width_but_punctuation_stays() -> None:
    assert (
        normalize("２０２４年第ＡＢｃ号（附件１）：《方案》，")
        == "2024年第ABc号（附件1）：《方案》，"
    )


def test_pinyin_glosses_after_characters_are_dropped() -> None:
    assert normalize("縣長(zhǎng)主持召開常務會(huì)議") == "县长主持召开常务会议"
    assert normalize("县长（zhǎng）董晓川，行(xíng)动") == "县长董晓川，行动"
    assert normalize("重(zhòng)(zhòng)要") == "重要"


def test_ordinary_parenthesized_text_is_kept() -> None:
    text = "《办法(试行)》(附件1)(送审稿)（zhang san）Beijing(BJ) 会议(draft)"
    assert normalize(text) == text


def test_a_traditional_text_becomes_simplified() -> None:
    traditional = opencc.OpenCC("s2t").convert(SIMPLIFIED)
    assert traditional != SIMPLIFIED
    assert normalize(traditional) == SIMPLIFIED


def test_a_simplified_text_with_a_few_stray_traditional_characters_is_left_alone() -> None:
    text = SIMPLIFIED + "参加会议：後立新、乾坤、著名专家裏小明。\n"
    assert normalize(text) == text


def test_mojibake_is_left_in_place() -> None:
    garbled = "会议".encode().decode("gbk", errors="replace")  # UTF-8 read as GBK
    text = f"会议要求，锟斤拷锟斤拷{garbled}\ufffd\ufffd???，确保完成。\n"
    assert normalize(text) == text


def test_a_simplified_text_is_returned_unchanged() -> None:
    assert normalize(SIMPLIFIED) == SIMPLIFIED


# A text in plain form: the characters normalize keeps as they are.
_PLAIN_CHARS = "会议纪要县政府审议同意第次年月日一二三，。、：；（）《》“”abcXYZ0123456789-()/. \n"
_SPACES = [" ", "\u3000", "\t", "\xa0", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f"]
_BREAKS = ["\n", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
_INVISIBLE = ["", "", "", "\u200b", "\u200c", "\u200d", "\u2060", "\xad"]

plain_texts = st.text(alphabet=_PLAIN_CHARS, max_size=200)


@st.composite
def spelled_variants(draw: st.DrawFn) -> tuple[str, str]:
    """(plain, the same text written with other spaces, breaks, widths, BOM, invisibles)."""
    plain = draw(plain_texts)
    lone_cr = draw(st.booleans())  # a lone CR only when every break is one (CR+LF is one break)
    out = ["\ufeff"] if draw(st.booleans()) else []
    for ch in plain:
        if ch == " ":
            out.append(draw(st.sampled_from(_SPACES)))
        elif ch == "\n":
            out.append("\r" if lone_cr else draw(st.sampled_from(_BREAKS)))
        elif ch.isascii() and ch.isalnum() and draw(st.booleans()):
            out.append(chr(ord(ch) + 0xFEE0))
        else:
            out.append(ch)
        out.append(draw(st.sampled_from(_INVISIBLE)))
    return plain, "".join(out)


@given(st.text(max_size=300))
def test_normalize_is_idempotent_on_any_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


_MIXED = (
    _PLAIN_CHARS + "縣長會議後裏著乾(zhǎng)（huì）ā\u3000\r\u2028\u200b\x00\ufffd锟斤拷ＡＢ１２"
)


@given(st.text(alphabet=_MIXED, max_size=300))
def test_normalize_is_idempotent_on_minutes_like_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(spelled_variants())
def test_spacing_breaks_widths_and_bom_do_not_change_the_result(pair: tuple[str, str]) -> None:
    plain, variant = pair
    assert normalize(variant) == normalize(plain)


def test_a_long_text_is_normalized_like_its_parts() -> None:
    part = "出\u3000席：王明\t李华\r\n２０２４年县长(zhǎng)\u200b会议 \n"
    traditional = opencc.OpenCC("s2t").convert(SIMPLIFIED)
    for sample in (part, traditional):
        long = sample * (200_000 // len(sample))  # past the length where runs are scanned
        assert normalize(long) == normalize(sample) * (200_000 // len(sample))


# The single regex the pinyin rule used before it was made linear: the reference.
_OLD_GLOSS = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
    r"(?:[(（] ?[a-zA-Zü\u00c0-\u024f\u0300-\u036f\u1e3f]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0301]"
    r"[a-zA-Zü\u00c0-\u024f\u0300-\u036f\u1e3f ]*[)）])+"
)


@given(st.text(alphabet=st.sampled_from(list("会县a ā(（)）\u0301x")), max_size=30))
def test_pinyin_glosses_are_dropped_as_the_single_regex_dropped_them(text: str) -> None:
    assert normalize_module._GLOSS_CANDIDATES_RE.sub(
        normalize_module._drop_glosses, text
    ) == _OLD_GLOSS.sub("", text)


def test_the_shipped_table_of_traditional_only_characters_is_what_opencc_changes() -> None:
    from pathlib import Path

    from jiyao.minutes.read import chinese

    computed = chinese.compute_traditional_only()
    assert len(computed) > 2000  # 縣 會 議 後 …
    assert chinese.traditional_only() == computed
    table = Path(chinese.__file__).with_name("traditional_table.py")
    assert table.read_text(encoding="utf-8") == chinese.table_source(computed)
