"""Text normalization: the one form of text that the parser reads and spans point into.

Contract: ``normalize`` is idempotent (``normalize(normalize(t)) == normalize(t)``) and
only ever maps the forms that carry no meaning for minutes:

- every line break (CRLF, CR, U+2028/2029, VT, FF, NEL) becomes ``\\n``;
- every kind of space (ideographic U+3000, no-break, thin, tab …) becomes one ASCII
  space; zero-width characters, the BOM, the soft hyphen and control characters (NUL
  and the other C0/C1 controls) are dropped; spaces at line ends go;
- full-width ASCII letters and digits become half-width (２０２４ → 2024); full-width
  punctuation (，。（）：《》) is kept, since it is what the documents print;
- pinyin glosses that mirror sites put after characters are dropped: a parenthesized
  run of Latin letters with at least one tone mark, right after a Chinese character
  (縣長(zhǎng) → 縣長, 会（huì）议 → 会议); other parenthesized text stays;
- traditional characters become simplified when the text is written in traditional
  characters (a few stray variants in a simplified text are left alone; see
  :mod:`.chinese`).

Mojibake (U+FFFD, 锟斤拷, UTF-8 read as GBK) is left in place, untouched.

Speed (normalize runs once per document, and the parser is benchmarked at thousands of
documents a second): ``str.translate`` with a dict and per-character Python loops cost
~0.1 µs a character, so they are avoided. One regex ``findall`` over a single character
class — every character any rule could change, plus the traditional-only characters —
tells which rules apply; a simplified UTF-8 text usually yields only a few spaces, which
``str.replace`` maps at C speed, and every other rule is skipped. Measured: 11 µs for
the 7 KB example minutes (the first version, a per-character loop, took ~360 µs).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jiyao.minutes.read import chinese

_LINE_BREAKS = "\r\u2028\u2029\x0b\x0c\x85"
_SPACES = "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DROPPED = (
    "\u200b\u200c\u200d\u2060\ufeff\xad"
    + "".join(chr(c) for c in range(0x00, 0x09))
    + "".join(chr(c) for c in range(0x0E, 0x20))
    + "".join(chr(c) for c in range(0x7F, 0xA0) if c != 0x85)
)
_FULL_WIDTH = "".join(
    chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
)
# Pinyin tone marks (precomposed and combining); a gloss must hold at least one.
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" + "".join(chr(c) for c in range(0x0300, 0x0370))

# Single characters → their replacement ("" drops).
_MAP: dict[str, str] = {ch: " " for ch in _SPACES}
_MAP.update({ch: "" for ch in _DROPPED})
_MAP.update({ch: chr(ord(ch) - 0xFEE0) for ch in _FULL_WIDTH})

_BREAK_RE = re.compile(f"[{re.escape(_LINE_BREAKS)}]")
# A run is tried only from its first space (the lookbehind): tried from every space of a
# run that no line end follows, the match cost quadratic time in the run's length.
_TRAILING_RE = re.compile(r"(?<! ) +(?=\n)")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN = r"a-zA-Zü\u00c0-\u024f\u0300-\u036f\u1e3f"
# A gloss: a parenthesized run of Latin letters holding a tone mark (the letters and the
# marks overlap, so one regex of both backtracks quadratically on a long unclosed run).
# Candidates are parenthesized runs of letters and spaces (linear: they cannot overlap);
# _gloss keeps the leading ones that are glosses.
_GLOSS_CANDIDATES_RE = re.compile(rf"(?<=[{_HAN}])(?:[(（][{_PINYIN} ]*[)）])+")
_ONE_CANDIDATE_RE = re.compile(rf"[(（][{_PINYIN} ]*[)）]")
_GLOSS_RE = re.compile(rf"[(（] ?[{_PINYIN}]*[{re.escape(_TONES)}][{_PINYIN} ]*[)）]")
_BREAK_SET = frozenset(_LINE_BREAKS)
_TONE_SET = frozenset(_TONES)


def _drop_glosses(match: re.Match[str]) -> str:
    """The candidates of ``match`` from the first one that is no gloss on."""
    groups = _ONE_CANDIDATE_RE.findall(match.group())
    for i, group in enumerate(groups):
        if not _GLOSS_RE.fullmatch(group):
            return "".join(groups[i:])
    return ""


@lru_cache(maxsize=1)
def _rare_class() -> str:
    """The class body of every character a rule may change, traditional-only ones too."""
    rare = set(_LINE_BREAKS) | set(_MAP) | set(_TONES)
    return chinese.char_class(rare | chinese.traditional_only())


@lru_cache(maxsize=1)
def _scan() -> tuple[re.Pattern[str], frozenset[str]]:
    """The regex of every character a rule may change (one character a match), and the
    traditional set."""
    return re.compile(f"[{_rare_class()}]"), chinese.traditional_only()


@lru_cache(maxsize=1)
def _scan_runs() -> re.Pattern[str]:
    """:func:`_scan`'s regex for runs of such characters (compiled only for long texts:
    a class of 3,000 characters takes milliseconds to compile)."""
    return re.compile(f"[{_rare_class()}]+")


# Past this length the scan collects runs: a long text made of such characters (a
# traditional text, pages of ideographic spaces) then yields a few strings rather than
# one per character; on short texts single matches scan twice as fast.
_LONG = 100_000


def normalize(text: str) -> str:
    """Return the normalized form of ``text`` (see the module docstring)."""
    single, traditional = _scan()
    found = "".join((_scan_runs() if len(text) > _LONG else single).findall(text))
    if found:
        kinds = set(found)
        if not kinds.isdisjoint(_BREAK_SET):
            text = _BREAK_RE.sub("\n", text.replace("\r\n", "\n"))
        for ch in kinds:
            replacement = _MAP.get(ch)
            if replacement is not None:
                text = text.replace(ch, replacement)
        if not kinds.isdisjoint(_TONE_SET):
            text = _GLOSS_CANDIDATES_RE.sub(_drop_glosses, text)
    if " \n" in text:
        text = _TRAILING_RE.sub("", text)
    if text.endswith(" "):
        text = text.rstrip(" ")
    if (
        found
        and not traditional.isdisjoint(kinds)
        and chinese.is_traditional(text, chinese.traditional_count(found))
    ):
        text = chinese.convert(text)
    return text
