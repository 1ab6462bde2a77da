"""jiyao.minutes.generate — realistic, varied minutes, deterministic from a seed.

Invented governments (a pool of about fifty counties, county-level cities and
districts, each with its office and its people per term), meetings of the four kinds
with sessions counting up per series, agenda items built from phrase pools
(:mod:`.pools`), and texts in several published styles (:mod:`.styles`). Used by the
parser benchmark, the composer and round-trip tests, and the archive's demo data and
scale benchmark::

    for text, record in generate_corpus(300, seed=1):
        ...  # text: the minutes as published; record: what that text says
"""

from __future__ import annotations

from jiyao.minutes.generate.governments import Government, government
from jiyao.minutes.generate.records import generate_record, generate_records
from jiyao.minutes.generate.styles import STYLES, generate_corpus, render_style, render_styles

__all__ = [
    "STYLES",
    "Government",
    "generate_corpus",
    "generate_record",
    "generate_records",
    "government",
    "render_style",
    "render_styles",
]
