"""Bytes → str: detect the text encoding of a minutes file from its bytes.

Order (cheapest and most certain first):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) decides;
2. when the bytes hold NULs, UTF-16 without BOM is tried (a text of Chinese characters
   in UTF-16 is mostly CJK code units; ASCII in UTF-16 is half NULs);
3. strict UTF-8 — the fast path: almost every file is UTF-8 and a strict decode of
   anything else fails within a few bytes;
4. a charset the caller found declared (``<meta charset>``), if it decodes strictly;
   GB2312/GBK declarations are decoded as GB18030 (a superset: pages declared gb2312 are
   really GBK, and characters like 䶮 U+4DAE exist only in GB18030);
5. UTF-8 with a few broken bytes (at most one in a thousand characters) stays UTF-8;
6. GB18030 against Big5: each decode that succeeds (strictly, or with at most one
   broken byte in a thousand characters: a file cut in the middle of one) is scored by the share of its
   Chinese characters that are common ones in that script (GB2312 level 1 for simplified,
   Big5 level 1 for traditional); the other decode of the same bytes gives rare ones;
7. charset-normalizer as the last resort.

The decoded text is then checked to be text at all: a result with many control
characters, replacement characters or private-use characters is binary data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jiyao.minutes.errors import ReadError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)

# Declared charsets → the codec that really decodes such pages.
_DECLARED = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "big5": "big5",
    "big5-hkscs": "big5",
    "cp950": "big5",
    "utf-8": "utf-8",
    "utf8": "utf-8",
}

# Characters that do not occur in text: C0/C1 controls other than the whitespace ones.
# Replacement and private-use characters do occur (mojibake, legacy user-defined
# characters) and count as binary only when they are the bulk of the text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_GARBLED = re.compile(r"[\ufffd\ue000-\uf8ff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")
# UTF-16 code units that a Chinese text is made of (CJK, CJK punctuation, full-width
# forms, printable ASCII and line breaks).
_UTF16_TEXT = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u2027 -~\t\r\n]")


# bytes.translate deleting every other byte leaves the C0 controls of UTF-8 data: a
# C-speed count (a regex over the text costs ten times more on the fast path).
_NOT_C0_CONTROL = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + b"\t\n\r\x0b\x0c"


def _is_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    garbled = len(_GARBLED.findall(text))
    return controls > 0.01 * len(text) or garbled > 0.25 * len(text)


def _is_binary_utf8(data: bytes, text: str) -> bool:
    """:func:`_is_binary` for strictly decoded UTF-8 (U+FFFD/private use there are text)."""
    controls = len(data.translate(None, _NOT_C0_CONTROL))
    if b"\xc2" in data:  # C1 controls are C2 80–C2 9F in UTF-8
        controls += len(_C1_UTF8.findall(data))
    return controls > 0.01 * len(text)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text and len(_UTF16_TEXT.findall(text)) >= 0.95 * len(text):
            return text, codec
    return None


@lru_cache(maxsize=1)
def _common_simplified() -> frozenset[str]:
    """GB2312 level 1: the 3755 most used simplified characters."""
    return frozenset(
        bytes((hi, lo)).decode("gb2312")
        for hi in range(0xB0, 0xD8)
        for lo in range(0xA1, 0xFF)
        if not (hi == 0xD7 and lo > 0xF9)
    )


@lru_cache(maxsize=1)
def _common_traditional() -> frozenset[str]:
    """Big5 level 1: the 5401 most used traditional characters."""
    chars = set()
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                chars.add(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@lru_cache(maxsize=2)
def _common_re(script: str) -> re.Pattern[str]:
    """A regex class of the common characters of ``script`` (BMP only: a bitmap)."""
    from jiyao.minutes.read.chinese import char_class

    common = _common_simplified() if script == "simplified" else _common_traditional()
    return re.compile(f"[{char_class(common)}]+")


def _common_share(text: str, script: str) -> float:
    """Share of the CJK characters of ``text`` (its first 1,000 characters: a sample is
    plenty) that are common in ``script``. Counted as the summed lengths of runs: a
    findall of single characters would build a list item per character."""
    sample = text[:1000]
    cjk = sum(map(len, _CJK_RUNS.findall(sample)))
    if not cjk:
        return 0.0
    return sum(map(len, _common_re(script).findall(sample))) / cjk


def _nearly(data: bytes, codec: str) -> str | None:
    """``data`` decoded strictly, or with a few broken bytes (at most one in a thousand
    characters: a file cut in the middle of a character, a damaged copy) shown as U+FFFD."""
    text = _strict(data, codec)
    if text is not None:
        return text
    text = data.decode(codec, errors="replace")
    return text if text.count("\ufffd") <= max(1, len(text) // 1000) else None


def _chinese_legacy(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever gives the more plausible Chinese."""
    candidates: list[tuple[float, str, str]] = []
    gb = _nearly(data, "gb18030")
    if gb is not None:
        candidates.append((_common_share(gb, "simplified"), gb, "gb18030"))
    big5 = _strict(data, "big5") or _strict(data, "cp950") or _nearly(data, "big5hkscs")
    if big5 is not None:
        candidates.append((_common_share(big5, "traditional"), big5, "big5"))
    if not candidates:
        return None
    # On a tie (no CJK at all) GB18030 wins: it is listed first and max keeps the first.
    score, text, codec = max(candidates, key=lambda c: c[0])
    if score < 0.5 and _CJK.search(text):
        return None
    return text, codec


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), str(best.encoding)


def canonical_charset(declared: str) -> str | None:
    """The codec for a declared charset name, or None for one not worth trusting."""
    return _DECLARED.get(declared.strip().lower())


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``; raises :class:`ReadError` for binary data.

    ``declared`` is a charset named inside the document (HTML ``<meta charset>``); it is
    believed only when it decodes the bytes strictly and UTF-8 does not.
    """
    # The fast path: strict UTF-8 without BOM (a UTF-16 text may pass a strict UTF-8
    # decode when it is mostly ASCII, hence the NUL test first).
    if b"\x00" not in data and not data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data, "utf-8")
        if text is not None:
            if _is_binary_utf8(data, text):
                raise ReadError(f"{name}: 文件是二进制数据，不是文字")
            return text, "utf-8"
    found = _detect(data, declared)
    if found is None:
        raise ReadError(f"{name}: 文件不是已知编码的文字（可能是二进制数据）")
    if _is_binary(found[0]):
        raise ReadError(f"{name}: 文件是二进制数据，不是文字")
    return found


def _detect(data: bytes, declared: str | None) -> tuple[str, str] | None:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), label
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    if declared:
        charset = canonical_charset(declared)
        if charset is not None and charset != "utf-8":
            legacy = _strict(data, charset)
            if legacy is not None:
                return legacy, charset
    # UTF-8 with a few broken bytes (a truncated file, a damaged copy): keep UTF-8 and let
    # the broken bytes show as U+FFFD; any other encoding read as UTF-8 breaks everywhere.
    lenient = data.decode("utf-8", errors="replace")
    if len(lenient) >= 16 and lenient.count("\ufffd") <= max(1, len(lenient) // 1000):
        return lenient, "utf-8"
    found = _chinese_legacy(data)
    if found is not None:
        return found
    if b"\x00" not in data:  # UTF-16 of Chinese alone (no ASCII, not even a newline)
        found = _utf16_without_bom(data)
        if found is not None:
            return found
    return _charset_normalizer(data)
