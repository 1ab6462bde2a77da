"""Any record renders: arbitrary text in every field gives a valid document in every format."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pypdfium2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiyao.minutes.compose import compose_docx, compose_html, compose_pdf, compose_text
from jiyao.minutes.record import ACTIONS, DECISIONS, Attendance, Item, Meeting, Record

# Chinese text with the punctuation the layout treats specially, plus anything at all.
chinese = st.text(
    alphabet=st.sampled_from(
        list('会议要求审议同意县政府堃赟喆，。、；：！？（）《》“”〔〕—…·1a #\\"{}[]$')
    ),
    max_size=80,
)
anything = st.text(max_size=40)
texts = st.one_of(chinese, anything)
names = st.lists(st.one_of(chinese, anything).filter(bool), max_size=12).map(tuple)


@st.composite
def records(draw: st.DrawFn) -> Record:
    items = tuple(
        Item(
            number=number,
            heading=draw(texts),
            action=draw(st.sampled_from(ACTIONS)),
            documents=(doc := draw(st.lists(chinese.filter(bool), max_size=2).map(tuple))),
            document_stages=tuple(draw(st.none() | st.just("送审稿")) for _ in doc),
            decision=draw(st.none() | st.sampled_from(DECISIONS)),
            follow_up=draw(st.none() | texts),
            requirements=draw(st.lists(texts, max_size=3).map(tuple)),
            text=draw(st.lists(texts, max_size=3).map("\n".join)),
        )
        for number in range(1, draw(st.integers(0, 4)) + 1)
    )
    return Record(
        title=draw(st.none() | texts),
        issuer=draw(st.none() | texts),
        issued_on=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
        number=draw(st.none() | texts),
        meeting=Meeting(
            body=draw(st.none() | texts),
            kind=draw(st.none() | texts),
            session=draw(st.none() | st.integers(1, 999)),
            date=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
            time_of_day=draw(st.none() | st.sampled_from(["上午", "下午", "晚上"])),
            chair=draw(st.none() | texts),
            location=draw(st.none() | texts),
        ),
        items=items,
        attendance=Attendance(
            present=draw(names), absent=draw(names), invited=draw(names), observers=draw(names)
        ),
        distribution=draw(names),
    )


@given(records())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_record_renders_to_docx_html_and_text(record: Record) -> None:
    document = docx.Document(io.BytesIO(compose_docx(record)))
    assert document.sections[0].page_width is not None
    page = compose_html(record)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert isinstance(compose_text(record), str)


@given(records())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_record_renders_to_a_pdf(record: Record) -> None:
    pdf = compose_pdf(record)
    assert len(pypdfium2.PdfDocument(pdf)) >= 1
