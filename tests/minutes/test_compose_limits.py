"""No record can crash the PDF typesetter: sizes are bounded, and the Typst source is flat.

The renderers run in a child process here, so that a crash of the compiler (a segfault
kills the process with signal 11) fails the test instead of killing pytest.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from jiyao.minutes.compose import compose_docx, compose_html, compose_pdf
from jiyao.minutes.compose.layout import MAX_NAMES, build
from jiyao.minutes.compose.pdf import typst_source
from jiyao.minutes.errors import ComposeError
from jiyao.minutes.record import Attendance, Item, Record


def _run_child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_record_with_thirty_thousand_recipients_is_refused_not_a_crash() -> None:
    done = _run_child(
        """
        from jiyao.minutes.compose import compose_pdf
        from jiyao.minutes.errors import ComposeError
        from jiyao.minutes.record import Record
        record = Record(title="测试纪要", distribution=tuple(f"单位{i}" for i in range(30000)))
        try:
            compose_pdf(record)
        except ComposeError as exc:
            print("refused:", exc)
        else:
            print("rendered")
        """
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "refused: distribution" in done.stdout


def test_records_at_every_limit_render_to_a_pdf_in_a_child_process() -> None:
    done = _run_child(
        f"""
        from jiyao.minutes.compose import compose_pdf
        from jiyao.minutes.record import Attendance, Item, Record
        names = tuple(f"张{{i}}" for i in range({MAX_NAMES}))
        record = Record(
            title="测试纪要" + "，" * 2000,
            distribution=tuple(f"单位{{i}}" for i in range({MAX_NAMES})),
            attendance=Attendance(present=names, observers=names),
            items=(Item(number=1, heading="议题", text="会议，" * 3000),),
        )
        pdf = compose_pdf(record)
        print("pdf", len(pdf))
        """
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.startswith("pdf ")


def test_the_typst_source_stays_flat_however_many_recipients() -> None:
    """A chain of ``a + b + …`` nests one level per term in Typst's parser."""
    small = typst_source(build(Record(distribution=("甲", "乙"))))
    large = typst_source(build(Record(distribution=tuple(f"单位{i}" for i in range(MAX_NAMES)))))
    assert large.count(" + ") == small.count(" + ")


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Record(distribution=tuple(f"单位{i}" for i in range(MAX_NAMES + 1))), "distribution"),
        (
            Record(attendance=Attendance(invited=tuple(f"张{i}" for i in range(MAX_NAMES + 1)))),
            "attendance.invited",
        ),
        (Record(items=(Item(number=1, text="字" * 2_000_001),)), "items[0].text"),
    ],
)
def test_an_oversized_record_is_refused_naming_the_field(record: Record, field: str) -> None:
    for compose in (compose_pdf, compose_docx, compose_html):
        with pytest.raises(ComposeError, match="^" + re.escape(field)):
            compose(record)
