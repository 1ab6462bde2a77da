"""Word segmentation for the full-text index: jieba ``cut_for_search``, loaded lazily.

Chinese has no spaces, so the index is built over *segmented* text: each run of word
characters (a clause between punctuation) is cut with ``jieba.cut_for_search``, which
emits the words of the run and, for long words, the dictionary words inside them
(防汛防台应急预案 → 防汛, 防台, 应急, 预案, 应急预案 …). The tokens are joined by spaces,
so both databases index them as words: FTS5's unicode61 tokenizer and PostgreSQL's
'simple' configuration split on the spaces and keep each Chinese word whole.

jieba segments each run of Han characters on its own anyway, so cutting clause by
clause gives the same words as cutting the whole text. Minutes are formulaic (会议要求，
各地各部门要…), so clauses repeat across documents and a per-process LRU cache of
clause → tokens saves most of jieba's cost (about 3 ms per 1,400-character document
uncached, 0.3 ms with the cache warm on the generated corpus).

jieba's dictionary takes about a second to load: it is loaded once per process, on the
first call (``warm_up()`` does it ahead of time).
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from functools import lru_cache

#: A run of word characters: Han characters, letters, digits (``\w`` is Unicode-aware).
RUN = re.compile(r"[^\W_]+")
#: Longest run cut at once; longer runs (rare: no punctuation for 200 chars) are split.
MAX_RUN = 200

_lock = threading.Lock()
_ready = False


def warm_up() -> None:
    """Load jieba's dictionary now (about a second) instead of on the first search."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        with warnings.catch_warnings():  # jieba's old regex escapes, on first compile
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", SyntaxWarning)
            import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _ready = True


@lru_cache(maxsize=262144)
def _cut_run(run: str) -> tuple[str, ...]:
    warm_up()
    import jieba

    return tuple(
        token.lower()
        for token in jieba.cut_for_search(run)
        if token.strip() and RUN.fullmatch(token)
    )


@lru_cache(maxsize=262144)
def _run_words(run: str) -> str:
    """The tokens of one run joined by spaces (what the index stores for it)."""
    return " ".join(_cut_run(run))


def runs(text: str) -> list[str]:
    """The runs of word characters in ``text``, each at most :data:`MAX_RUN` long."""
    found: list[str] = RUN.findall(text)
    if all(len(run) <= MAX_RUN for run in found):
        return found
    out: list[str] = []
    for run in found:
        out.extend(run[i : i + MAX_RUN] for i in range(0, len(run), MAX_RUN))
    return out


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``: jieba ``cut_for_search`` over each run, lower-cased."""
    return index_words(text).split()


def index_words(text: str) -> str:
    """The segmented form of ``text`` that the databases index (tokens joined by spaces)."""
    return " ".join(filter(None, map(_run_words, runs(text))))


@lru_cache(maxsize=4096)
def query_words(run: str) -> tuple[str, ...]:
    """The words of one query run, not overlapping (``jieba.cut``; the index side has them).

    ``防汛防台应急预案`` → ``("防汛", "防台", "应急预案")``: each of these is a token the
    index holds wherever the text contains it, because ``cut_for_search`` emits the words
    ``cut`` finds (and the shorter dictionary words inside them).
    """
    warm_up()
    import jieba

    return tuple(
        token.lower() for token in jieba.cut(run) if token.strip() and RUN.fullmatch(token)
    )


@lru_cache(maxsize=65536)
def token_spans(run: str) -> frozenset[tuple[int, int]]:
    """(start, end) of every index token of ``run`` (``cut_for_search`` positions).

    A query word shown as a match must be one of these where it occurs: 年 is not a
    token of 近年来, nor 县发 of 全县发展, so neither is highlighted there (the index
    does not match them there either).
    """
    warm_up()
    import jieba

    return frozenset(
        (start, end)
        for token, start, end in jieba.tokenize(run.lower(), mode="search")
        if token.strip() and RUN.fullmatch(token)
    )


def is_token_at(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is an index token of the run of word characters
    around it (so a highlight never crosses or splits a word)."""
    if RUN.fullmatch(text[start:end]) is None:
        return False
    left = start
    while left > 0 and start - left < MAX_RUN and RUN.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < MAX_RUN and RUN.match(text[right]):
        right += 1
    return (start - left, end - left) in token_spans(text[left:right])


@lru_cache(maxsize=4096)
def parts(word: str) -> tuple[str, ...]:
    """Shorter index words that spell ``word`` end to end (常务会议 → 常务, 会议), or ().

    ``cut_for_search`` emits a long word's 2- and 3-character dictionary words, but not
    its 4-character ones: 常务会议室 is indexed as 常务, 会议, 议室, 会议室, 常务会议室, so
    a search for 常务会议 also tries the phrase 常务 会议 (adjacent in that order).
    """
    if len(word) < 3:
        return ()
    pieces = {p for p in _cut_run(word) if p != word and len(p) >= 2}
    cover: list[str] = []
    i = 0
    while i < len(word):
        for size in (3, 2):
            if word[i : i + size] in pieces:
                cover.append(word[i : i + size])
                i += size
                break
        else:
            return ()
    return tuple(cover)
