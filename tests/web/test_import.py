"""The importer: record → rows, idempotence, updates in place, nothing half-stored."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from jiyao.archive import importer as importer_module
from jiyao.archive import models as m
from jiyao.archive import rows
from jiyao.archive.importer import Importer, ImportFailure, Input, import_record
from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.parse import parse
from jiyao.minutes.read import read_path
from jiyao.minutes.record import Attendance, Item, Meeting, Record

pytestmark = pytest.mark.django_db

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)
ARCHIVE_MODELS = (
    m.Organization,
    m.OrganizationAlias,
    m.Person,
    m.MeetingSeries,
    m.Meeting,
    m.Minutes,
    m.SourceDocument,
    m.AgendaItem,
    m.ItemSubmitter,
    m.Document,
    m.Decision,
    m.Attendance,
    m.Distribution,
    m.SearchEntry,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ARCHIVE_MODELS}


def small_record(
    *, title: str = "县政府第十二次常务会议纪要", submitter: str = "县发改局", session: int = 0
) -> Record:
    """A small record; another title or submitter is another meeting (another session,
    unless ``session`` is given), since the same session of a series is one meeting."""
    if not session:
        default = (title, submitter) == ("县政府第十二次常务会议纪要", "县发改局")
        session = 12 if default else 100 + zlib.crc32(f"{title}|{submitter}".encode()) % 99_999
    return Record(
        title=title,
        issuer="示例县人民政府办公室",
        issued_on=dt.date(2023, 3, 10),
        meeting=Meeting(body="县政府", kind="常务会议", session=session, date=dt.date(2023, 3, 6)),
        items=(
            Item(
                number=1,
                heading=f"审议{submitter}提交的《示例县防汛防台应急预案》",
                action="审议",
                submitters=(submitter,),
                documents=("示例县防汛防台应急预案",),
                document_stages=("征求意见稿",),
                decision="原则同意",
                follow_up="修改完善后印发实施",
                requirements=("各有关部门要抓紧开展汛前隐患排查。",),
                text="会议原则同意。",
            ),
        ),
        attendance=Attendance(present=("王明", "李强"), absent=("孙丽",), observers=("周杰",)),
        distribution=("县委各部门", "县人大办"),
    )


def session(record: Record, number: int) -> Record:
    """``record`` as the minutes of another session (another meeting)."""
    return replace(record, meeting=replace(record.meeting, session=number))


def test_importing_a_file_stores_the_record_the_parser_made() -> None:
    result = Importer().import_path(str(EXAMPLE))
    assert result.status == "imported"
    expected = parse(read_path(EXAMPLE).text, name=str(EXAMPLE))
    back = result.meeting.to_record()
    assert back == expected
    assert dict(back.spans) == dict(expected.spans)
    source = result.meeting.minutes.source
    assert source.original == EXAMPLE.read_bytes()
    assert source.text == read_path(EXAMPLE).text


def test_the_same_file_twice_is_one_meeting() -> None:
    first = Importer().import_path(str(EXAMPLE))
    again = Importer().import_path(str(EXAMPLE))
    assert again.status == "unchanged"
    assert again.meeting.pk == first.meeting.pk
    assert m.Meeting.objects.count() == 1


def test_a_newer_parser_updates_the_meeting_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    first = Importer().import_path(str(EXAMPLE))
    before = counts()
    monkeypatch.setattr(importer_module, "parser_version", lambda: "999-newer")
    again = Importer().import_path(str(EXAMPLE))
    assert again.status == "updated"
    assert again.meeting.pk == first.meeting.pk
    assert counts() == before
    assert m.SourceDocument.objects.get().parser_version == "999-newer"
    assert again.meeting.to_record() == first.meeting.to_record()


def test_a_failure_mid_import_stores_nothing_of_that_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = counts()
    real = rows._insert

    def broken(model: Any, columns: str, values: Any) -> None:
        if model is m.SearchEntry:
            raise RuntimeError("disk full")
        real(model, columns, values)

    # The search entry is the last table written: every other row is in by then.
    monkeypatch.setattr(rows, "_insert", broken)
    with pytest.raises(RuntimeError):
        import_record(small_record(), text="纪要")
    assert counts() == empty


def test_a_failing_document_in_a_batch_leaves_the_others_stored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = rows._insert

    def fails_on_marker(model: Any, columns: str, values: Any) -> None:
        if model is m.SearchEntry and any("故障标记" in row[2] for row in values):
            raise RuntimeError("forced failure")
        real(model, columns, values)

    monkeypatch.setattr(rows, "_insert", fails_on_marker)
    (tmp_path / "empty.txt").write_bytes(b"")
    inputs = [
        Input(name="a.txt", record=small_record(title="甲"), text="甲"),
        Input(name="bad.txt", record=small_record(title="故障标记"), text="故障标记"),
        Input(name="b.txt", record=small_record(title="乙"), text="乙"),
        Input(name=str(tmp_path / "empty.txt")),
    ]
    summary = Importer().import_many(inputs)
    assert summary.imported == 2
    failed = dict(summary.failed)
    assert set(failed) == {"bad.txt", str(tmp_path / "empty.txt")}
    assert "forced failure" in failed["bad.txt"]
    assert "文件是空的" in failed[str(tmp_path / "empty.txt")]
    titles = set(m.Minutes.objects.values_list("title", flat=True))
    assert titles == {"甲", "乙"}
    assert m.SourceDocument.objects.count() == 2


def test_the_same_bytes_twice_in_one_batch_are_one_meeting() -> None:
    record = small_record()
    inputs = [Input(name=n, record=record, text="同一份") for n in ("x.txt", "y.txt")]
    summary = Importer().import_many(inputs)
    assert (summary.imported, summary.unchanged) == (1, 1)
    assert m.Meeting.objects.count() == 1


def test_minutes_naming_no_government_go_under_the_batch_placeholder_flagged() -> None:
    record = small_record().replace(issuer=None, title="第十二次常务会议纪要")
    importer = Importer(batch="第三批")
    result = importer.import_record(record, text="无名")
    assert result.status == "imported"
    assert result.flags == ("placeholder",)
    government = result.meeting.series.government
    assert government.name == "待定政府（第三批）"
    flag = m.ReviewFlag.objects.get(meeting=result.meeting)
    assert flag.kind == m.ReviewFlag.PLACEHOLDER and "待定政府（第三批）" in flag.detail
    given = import_record(record, text="另一份", government="象山县")
    assert given.meeting.series.government.name == "象山县人民政府"
    assert given.flags == ()


def test_the_government_comes_from_the_issuer() -> None:
    meeting = import_record(small_record(), text="纪要").meeting
    assert meeting.series.government.name == "示例县人民政府"
    assert meeting.series.government.kind == m.Organization.GOVERNMENT
    assert meeting.series.kind == "常务会议"


def test_abbreviated_and_full_department_names_are_one_organization() -> None:
    a = import_record(small_record(submitter="县发改局"), text="一").meeting
    b = import_record(small_record(submitter="县发展和改革局"), text="二").meeting
    orgs = {
        s.organization_id for s in m.ItemSubmitter.objects.filter(agenda_item__meeting__in=[a, b])
    }
    assert len(orgs) == 1
    org = m.Organization.objects.get(pk=orgs.pop())
    assert org.name == "县发展和改革局"
    assert org.full_name == "示例县发展和改革局"
    assert "县发改局" in set(org.aliases.values_list("alias", flat=True))
    # …and each item still reads back as written.
    assert a.to_record().items[0].submitters == ("县发改局",)


def test_names_created_earlier_in_a_batch_resolve_later_in_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The government is known before the batch, so its names are preloaded; what the
    # batch's first document creates must still be found by the next ones, in the same
    # transaction, without falling back to one transaction per document.
    earlier = replace(small_record(submitter="县财政局"), attendance=Attendance(present=("赵一",)))
    import_record(earlier, text="earlier")

    def no_fallback(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the batch fell back to one document at a time")

    monkeypatch.setattr(Importer, "_store", no_fallback)
    spellings = ("县发改局", "县发展和改革局", "县发改局")
    summary = Importer().import_many(
        Input(name=f"d{i}.txt", record=small_record(submitter=s, session=50 + i), text=f"d{i}")
        for i, s in enumerate(spellings)
    )
    assert (summary.imported, summary.failed) == (3, [])
    orgs = set(
        m.ItemSubmitter.objects.filter(name_as_written__in=spellings).values_list(
            "organization_id", flat=True
        )
    )
    assert len(orgs) == 1
    assert m.Person.objects.filter(name="王明").count() == 1


@pytest.mark.parametrize("batch", [False, True])
def test_a_deleted_meeting_is_imported_afresh_from_the_same_bytes(batch: bool) -> None:
    first = import_record(small_record(), text="纪要").meeting
    first.delete()  # its source document stays behind
    assert m.SourceDocument.objects.count() == 1
    if batch:
        inputs = [
            Input(name=f"{i}.txt", record=small_record(session=12 + i), text=t)
            for i, t in enumerate(["纪要", "别的"])
        ]
        summary = Importer().import_many(inputs)
        assert (summary.imported, summary.failed) == (2, [])
        again = summary.results[0].meeting
    else:
        again = import_record(small_record(), text="纪要").meeting
    assert again.to_record() == small_record()
    assert (
        m.SourceDocument.objects.filter(content_hash=again.minutes.source.content_hash).count() == 1
    )


def test_names_another_writer_adds_during_a_long_import_are_shared_not_fatal() -> None:
    # A long-lived importer has preloaded the government; another import (another
    # process) then adds a person and a department. Both must be found, not inserted again.
    import_record(small_record(), text="seed")
    importer = Importer()

    def batch(record: Record, prefix: str) -> Any:
        return importer.import_many(
            Input(
                name=f"{prefix}{i}.txt",
                record=session(record, ord(prefix) * 10 + i),
                text=f"{prefix}{i}",
            )
            for i in range(2)
        )

    assert batch(small_record(), "a").failed == []
    other = replace(small_record(submitter="县教育局"), attendance=Attendance(present=("新人",)))
    import_record(other, text="another process")
    summary = batch(other, "b")
    assert (summary.imported, summary.failed) == (2, [])
    assert m.Person.objects.filter(name="新人").count() == 1
    assert m.Organization.objects.filter(name="县教育局").count() == 1
    assert m.Attendance.objects.filter(person__name="新人").count() == 3


def test_a_user_added_alias_resolves_later_imports() -> None:
    first = import_record(small_record(submitter="县发改局"), text="一").meeting
    org = m.ItemSubmitter.objects.get(agenda_item__meeting=first).organization
    m.OrganizationAlias.objects.create(organization=org, alias="县计经委")
    second = import_record(small_record(submitter="县计经委"), text="二").meeting
    assert m.ItemSubmitter.objects.get(agenda_item__meeting=second).organization == org


def test_people_are_shared_between_meetings_of_one_government() -> None:
    import_record(small_record(), text="一")
    import_record(small_record(session=13), text="二")
    assert m.Person.objects.filter(name="王明").count() == 1
    assert m.Attendance.objects.filter(person__name="王明").count() == 2


def test_generated_records_read_back_unchanged() -> None:
    corpus = list(generate_corpus(25, seed=7))
    summary = Importer().import_many(
        Input(name=f"g{i}.txt", record=record, text=text) for i, (text, record) in enumerate(corpus)
    )
    assert summary.imported == 25 and not summary.failed
    for (_, record), result in zip(corpus, summary.results, strict=True):
        assert result.meeting.to_record() == record


def test_visibility_is_stored_and_kept_by_a_reimport_that_names_none() -> None:
    result = import_record(small_record(), text="内部", visibility="internal")
    assert result.meeting.minutes.visibility == "internal"
    again = import_record(small_record(), text="内部")
    assert again.status == "unchanged"
    assert m.Minutes.objects.get().visibility == "internal"
    assert m.SearchEntry.objects.get().public is False


def _visibility_everywhere() -> tuple[str, bool]:
    return m.Minutes.objects.get().visibility, m.SearchEntry.objects.get().public


def test_reimport_with_another_visibility_sets_it_and_reports_updated() -> None:
    from jiyao.archive.search import search

    import_record(small_record(), text="公开")
    assert _visibility_everywhere() == ("public", True)
    hidden = import_record(small_record(), text="公开", visibility="internal")
    assert hidden.status == "updated"
    assert _visibility_everywhere() == ("internal", False)
    assert search("防汛", public_only=True).total == 0
    same = import_record(small_record(), text="公开", visibility="internal")
    assert same.status == "unchanged"
    shown = import_record(small_record(), text="公开", visibility="public")
    assert shown.status == "updated" and _visibility_everywhere() == ("public", True)


def test_bulk_reimport_with_another_visibility_sets_it_and_reports_updated() -> None:
    inputs = [Input(name="a.txt", data=EXAMPLE.read_bytes())]
    assert Importer().import_many(inputs).imported == 1
    summary = Importer(visibility="internal").import_many(inputs)
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert _visibility_everywhere() == ("internal", False)


def test_a_newer_parser_rereading_keeps_or_sets_the_visibility(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_record(small_record(), text="内部", visibility="internal")
    m.SourceDocument.objects.update(parser_version="older")
    assert import_record(small_record(), text="内部").status == "updated"
    assert _visibility_everywhere() == ("internal", False)
    m.SourceDocument.objects.update(parser_version="older")
    assert import_record(small_record(), text="内部", visibility="public").status == "updated"
    assert _visibility_everywhere() == ("public", True)


def test_a_nul_character_is_refused_by_name() -> None:
    with pytest.raises(ImportFailure, match="NUL"):
        import_record(small_record(title="坏\x00标题"), text="x", filename="nul.txt")
    assert m.Meeting.objects.count() == 0


@pytest.mark.slow
def test_worker_processes_store_what_the_main_process_would() -> None:
    texts = [text for text, _ in generate_corpus(6, seed=21)]
    inputs = [Input(name=f"w{i}.txt", data=t.encode("utf-8")) for i, t in enumerate(texts)]
    with Importer(workers=2) as importer:
        summary = importer.import_many(inputs)
    assert summary.imported == 6 and not summary.failed
    for text, result in zip(texts, summary.results, strict=True):
        assert result.meeting.to_record() == parse(read_bytes_text(text), name="x")


def read_bytes_text(text: str) -> str:
    from jiyao.minutes.read import read_bytes

    return read_bytes(text.encode("utf-8"), name="x").text


def test_the_same_bytes_in_two_batches_are_one_meeting() -> None:
    record = small_record()
    inputs = [Input(name=f"{n}.txt", record=record, text="同一份") for n in range(5)]
    summary = Importer().import_many(inputs, batch_size=2)
    assert (summary.imported, summary.unchanged, summary.failed) == (1, 4, [])
    assert m.Meeting.objects.count() == 1
    assert len({r.meeting.pk for r in summary.results}) == 1
