"""Round trip (issue 4 part 5): parse(compose_text(record)) gives the record back.

Compared are the fields a text can carry: title, issuer, issued_on, number, the meeting,
the items' action, submitters, documents, stages, decision and follow-up, attendance and
distribution (not headings, requirement sentences or item texts, whose exact cut is the
parser's choice). Records come from the generator over many seeds; the corpus test does the same
for every published style, each against the record its text carries. The examples are
derandomized so that the suite gives the same verdict on every run.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiyao.minutes.compose.text import compose_text
from jiyao.minutes.generate import STYLES, generate_record, render_style
from jiyao.minutes.parse import parse
from jiyao.minutes.read import normalize
from jiyao.minutes.record import Record


def carried(record: Record) -> dict[str, Any]:
    """The part of a record that a text can carry, as plain data for a readable diff."""
    data = record.to_json()
    return {
        "title": data["title"],
        "issuer": data["issuer"],
        "issued_on": data["issued_on"],
        "number": data["number"],
        "meeting": data["meeting"],
        "items": [
            {
                key: item[key]
                for key in (
                    "number",
                    "action",
                    "submitters",
                    "documents",
                    "document_stages",
                    "decision",
                    "follow_up",
                )
            }
            for item in data["items"]
        ],
        "attendance": data["attendance"],
        "distribution": data["distribution"],
    }


@given(st.integers(min_value=0, max_value=2**32))
@settings(max_examples=150, deadline=None, derandomize=True)
def test_parsing_composed_minutes_gives_the_record_back(seed: int) -> None:
    record = generate_record(seed)
    assert carried(parse(compose_text(record))) == carried(record)


@pytest.mark.parametrize("style", STYLES)
@given(seed=st.integers(min_value=0, max_value=2**32))
@settings(max_examples=60, deadline=None, derandomize=True)
def test_parsing_a_text_of_any_style_gives_the_record_it_carries(style: str, seed: int) -> None:
    rng = random.Random(seed)
    text, record = render_style(generate_record(rng), style, rng)
    assert carried(parse(normalize(text))) == carried(record)
