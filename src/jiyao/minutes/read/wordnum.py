"""Word list numbering: the "一、" "（二）" "3." that Word draws but does not store.

Minutes written in Word often number their items with automatic lists: the paragraph
holds only "审议县财政局……", and Word draws "一、" from word/numbering.xml. The parser
needs those numbers, so the reader renders them the way Word shows them:

- a paragraph is numbered by its own ``w:numPr`` or, failing that, by its style's
  (styles.xml, following ``w:basedOn``; only the styles the document uses are looked
  up, by id, since a template's styles.xml is large); ``numId`` 0 means "not numbered";
- each list (``numId``) keeps a counter per level; a level counts up from its
  ``w:start`` (or a ``w:startOverride``), and counting at one level restarts the
  deeper ones;
- ``w:lvlText`` ("%1、", "（%2）", "%1.%2") is filled with each level's number in its
  ``w:numFmt`` (decimal, Chinese counting, circled, letters, roman …); bullets render
  as nothing, since they carry no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_DIGITS = "〇一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_PSTYLE = re.compile(rb"""<w:pStyle\s+w:val=["']([^"']+)["']""")
_NUM_ID = re.compile(rb"""<w:numId\s+w:val=["'](\d+)["']""")
_ILVL = re.compile(rb"""<w:ilvl\s+w:val=["'](\d+)["']""")
_BASED_ON = re.compile(rb"""<w:basedOn\s+w:val=["']([^"']+)["']""")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as Word's Chinese counting)."""
    if n <= 0 or n >= 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out: list[str] = []
    zero = False
    for value, name in units:
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out.append("零")
                zero = False
            out.append(("" if value == 10 and not out and digit == 1 else _DIGITS[digit]) + name)
        elif out:
            zero = True
    if n:
        if zero:
            out.append("零")
        out.append(_DIGITS[n])
    return "".join(out)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """``n`` in the WordprocessingML number format ``fmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "ideographLegalTraditional"):  # fmt: skip
        return chinese_number(n)
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= 10:
        return _HEAVENLY[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass
class Numbering:
    """The lists of a document and the counters of the paragraphs read so far."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def prefix(self, ppr: ET.Element | None) -> str:
        """The number Word draws before a paragraph with properties ``ppr`` ("" if none)."""
        found = self._num_pr(ppr)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9):
            marker = f"%{k + 1}"
            if marker in text:
                value = counters.get(k, levels[k].start if k in levels else 1)
                fmt = levels[k].fmt if k in levels else "decimal"
                text = text.replace(marker, format_number(value, fmt))
        # Word puts a tab after the number by default; after punctuation (一、 （二） 3.)
        # the text follows directly, as it does when people type the numbers.
        if text and text[-1].isalnum() and level.suffix != "nothing":
            return text + " "
        return text

    def _num_pr(self, ppr: ET.Element | None) -> tuple[str, int] | None:
        if ppr is None:
            return None
        num_pr = ppr.find(f"{_W}numPr")
        ilvl_override: int | None = None
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            ilvl_override = _int(ilvl.get(_VAL) if ilvl is not None else None, 0)
            if num_id is not None:
                value = num_id.get(_VAL) or "0"
                return None if value == "0" else (value, ilvl_override)
        style = ppr.find(f"{_W}pStyle")
        if style is not None and (style.get(_VAL) or "") in self.styles:
            list_id, level = self.styles[style.get(_VAL) or ""]
            return list_id, level if ilvl_override is None else ilvl_override
        return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def used_styles(document_xml: bytes) -> set[str]:
    """The paragraph style ids a document.xml refers to."""
    return {m.decode("utf-8", "replace") for m in _PSTYLE.findall(document_xml)}


def load_numbering(
    numbering_xml: bytes | None, styles_xml: bytes | None, used_styles: set[str]
) -> Numbering:
    """The numbering definitions of a .docx (either part may be missing or broken);
    ``used_styles``: the paragraph styles the document uses (only those are looked up)."""
    numbering = Numbering()
    if numbering_xml:
        try:
            root = ET.fromstring(numbering_xml)
        except ET.ParseError:
            root = None
        if root is not None:
            abstract: dict[str, dict[int, _Level]] = {}
            for node in root.findall(f"{_W}abstractNum"):
                abstract[node.get(f"{_W}abstractNumId") or ""] = _levels(node)
            for num in root.findall(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                base = abstract.get(ref.get(_VAL) or "" if ref is not None else "", {})
                levels = {k: _Level(v.start, v.fmt, v.text, v.suffix) for k, v in base.items()}
                for override in num.findall(f"{_W}lvlOverride"):
                    ilvl = _int(override.get(f"{_W}ilvl"), 0)
                    lvl = override.find(f"{_W}lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                    start = override.find(f"{_W}startOverride")
                    if start is not None and ilvl in levels:
                        levels[ilvl].start = _int(start.get(_VAL), 1)
                numbering.levels[num.get(f"{_W}numId") or ""] = levels
    if styles_xml and used_styles:
        numbering.styles = _style_numbering(styles_xml, used_styles)
    return numbering


def _levels(abstract: ET.Element) -> dict[int, _Level]:
    return {_int(lvl.get(f"{_W}ilvl"), 0): _level(lvl) for lvl in abstract.findall(f"{_W}lvl")}


def _level(lvl: ET.Element) -> _Level:
    def val(tag: str) -> str | None:
        node = lvl.find(f"{_W}{tag}")
        return node.get(_VAL) if node is not None else None

    return _Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        suffix=val("suff") or "tab",
    )


def _style_numbering(styles_xml: bytes, used: set[str]) -> dict[str, tuple[str, int]]:
    """styleId → (numId, ilvl) for the used paragraph styles that number, through basedOn.

    styles.xml of a Word template is a few hundred KB: parsing it whole would cost more
    than the document, so each used style's element is found by its id and read alone.
    """
    result: dict[str, tuple[str, int]] = {}
    for style_id in used:
        current, seen = style_id, set[str]()
        while current and current not in seen and len(seen) < 20:
            seen.add(current)
            block = _style_block(styles_xml, current)
            if block is None:
                break
            num = _NUM_ID.search(block)
            if num is not None:
                ilvl = _ILVL.search(block)
                list_id = num.group(1).decode("ascii", "replace")
                if list_id != "0":
                    result[style_id] = (list_id, int(ilvl.group(1)) if ilvl else 0)
                break
            based = _BASED_ON.search(block)
            current = based.group(1).decode("utf-8", "replace") if based else ""
    return result


def _style_block(styles_xml: bytes, style_id: str) -> bytes | None:
    """The <w:style> element of ``style_id`` in styles.xml, as bytes."""
    key = style_id.encode("utf-8")
    for quote in (b'"', b"'"):
        at = styles_xml.find(b"w:styleId=" + quote + key + quote)
        if at >= 0:
            start = styles_xml.rfind(b"<w:style", 0, at)
            end = styles_xml.find(b"</w:style>", at)
            if start >= 0 and end >= 0:
                return styles_xml[start:end]
    return None
