"""Round trips through the typeset documents (issue 4 part 5).

The text a reader takes back out of the DOCX and out of the PDF must parse to the record
the document was made from — compared on what a text can carry, as in test_roundtrip.py
(title, issuer, dates, meeting, the items' facts, attendance, distribution). These depend
on the reader and the parser; without a parser they are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from compose_records import xiangshan_with_rare_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiyao.minutes.compose import compose_docx, compose_pdf
from jiyao.minutes.generate import generate_record
from jiyao.minutes.read import read_bytes
from jiyao.minutes.record import Record

parse = pytest.importorskip("jiyao.minutes.parse").parse

COMPOSERS: dict[str, Callable[[Record], bytes]] = {"docx": compose_docx, "pdf": compose_pdf}


def carried(record: Record) -> dict[str, Any]:
    data = record.to_json()
    keys = ("number", "action", "submitters", "documents", "document_stages", "decision")
    return {
        "title": data["title"],
        "issuer": data["issuer"],
        "issued_on": data["issued_on"],
        "meeting": data["meeting"],
        "items": [{key: item[key] for key in keys} for item in data["items"]],
        "attendance": data["attendance"],
        "distribution": data["distribution"],
    }


def round_trip(record: Record, fmt: str) -> Record:
    text = read_bytes(COMPOSERS[fmt](record), name=f"minutes.{fmt}").text
    result: Record = parse(text, name=f"minutes.{fmt}")
    return result


@pytest.mark.parametrize("fmt", sorted(COMPOSERS))
def test_the_seed_minutes_come_back_out_of_the_document(fmt: str) -> None:
    record = xiangshan_with_rare_names()
    assert carried(round_trip(record, fmt)) == carried(record)


@pytest.mark.parametrize("fmt", sorted(COMPOSERS))
@given(seed=st.integers(min_value=0, max_value=2**32))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_records_come_back_out_of_the_document(fmt: str, seed: int) -> None:
    record = generate_record(seed)
    assert carried(round_trip(record, fmt)) == carried(record)
