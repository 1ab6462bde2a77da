"""Import, then read back: ``Meeting.to_record()`` gives the parser's record unchanged.

Over every document of the shared evaluation corpus (read at test time from
../shared/eval/corpus beside the repository; skipped when that folder is absent) and
the parser's golden cases (tests/minutes/golden/*.txt). The check needs only a
deterministic parser, not an accurate one: whatever parse() says is what must come back,
spans included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jiyao.archive.importer import Importer, Input
from jiyao.cli.parse import expand
from jiyao.minutes.parse import parse
from jiyao.minutes.read import read_path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "eval" / "corpus"
GOLDEN = ROOT / "tests" / "minutes" / "golden"

pytestmark = pytest.mark.django_db


def check_round_trip(paths: list[str]) -> None:
    # A government is given for documents whose text does not name one.
    summary = Importer(government="测试县").import_many([Input(name=p) for p in paths])
    assert not summary.failed, summary.failed
    assert len(summary.results) == len(paths)
    for path, result in zip(paths, summary.results, strict=True):
        expected = parse(read_path(path).text, name=path)
        back = result.meeting.to_record()
        assert back == expected, path
        assert dict(back.spans) == dict(expected.spans), path
        check_loaded_meeting(result.meeting_id, expected, path)


def check_loaded_meeting(pk: int, expected: object, path: str) -> None:
    """A meeting fetched as the pages fetch it (minutes, series and chair with it) gives
    the same record without reading its row again, and the name links of its page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jiyao.archive.models import Attendance, ItemSubmitter, Meeting
    from jiyao.archive.records import NameLinks, meeting_to_record

    loaded = Meeting.objects.select_related("minutes", "series__government", "chair").get(pk=pk)
    links = NameLinks()
    with CaptureQueriesContext(connection) as queries:
        assert meeting_to_record(loaded, links=links, fresh=False) == expected, path
    assert not any('"archive_meeting"."chair_post"' in q["sql"] for q in queries), path
    # Any other caller reads the meeting's row again: the record is never stale.
    with CaptureQueriesContext(connection) as queries:
        assert meeting_to_record(loaded) == expected, path
    assert any('"archive_meeting"."chair_post"' in q["sql"] for q in queries), path
    for a in Attendance.objects.filter(meeting_id=pk).select_related("person"):
        assert a.person.name in links.people, path
    assert all(
        Attendance.objects.filter(meeting_id=pk, person_id=person, person__name=name).exists()
        or (loaded.chair_id == person and loaded.chair.name == name)
        for name, person in links.people.items()
    ), path
    for s in ItemSubmitter.objects.filter(agenda_item__meeting_id=pk).select_related("agenda_item"):
        if s.organization_id is not None:
            key = (s.agenda_item.number, s.name_as_written)
            assert key in links.orgs, path


def test_every_document_of_the_evaluation_corpus_reads_back_as_parsed() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (the shared evaluation corpus sits beside the repo)")
    paths = list(expand([str(CORPUS)]))
    assert paths
    check_round_trip(paths)


def test_every_golden_case_of_the_parser_reads_back_as_parsed() -> None:
    paths = sorted(str(p) for p in GOLDEN.glob("*.txt")) if GOLDEN.is_dir() else []
    if not paths:
        pytest.skip(f"no golden cases under {GOLDEN} yet")
    check_round_trip(paths)
