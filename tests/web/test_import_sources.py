"""Real minutes in, nothing lost: one meeting per meeting, corrections kept, bad input
refused with its reason, every document given a government."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiyao.archive import importer as importer_module
from jiyao.archive import models as m
from jiyao.archive.identity import _plain as plain
from jiyao.archive.importer import Importer, Input
from jiyao.minutes.compose.docx import compose_docx
from jiyao.minutes.compose.html import compose_html
from jiyao.minutes.compose.pdf import compose_pdf
from jiyao.minutes.parse import parse
from jiyao.minutes.read import read_path

pytestmark = pytest.mark.django_db

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)


def five_copies(folder: Path) -> list[Path]:
    """The example minutes as UTF-8 text, GBK text, and typeset again as HTML, DOCX, PDF."""
    text = EXAMPLE.read_text(encoding="utf-8")
    record = parse(read_path(EXAMPLE).text, name=str(EXAMPLE))
    files = {
        "纪要.txt": text.encode("utf-8"),
        "纪要-gbk.txt": text.encode("gbk"),
        "纪要.html": compose_html(record).encode("utf-8"),
        "纪要.docx": compose_docx(record),
        "纪要.pdf": compose_pdf(record),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def import_paths(paths: list[Path], **options: object) -> importer_module.Summary:
    with Importer(**options) as importer:  # type: ignore[arg-type]
        return importer.import_many(Input(name=str(p)) for p in paths)


def test_the_same_minutes_in_five_forms_are_one_meeting_with_five_sources(tmp_path: Path) -> None:
    paths = five_copies(tmp_path / "mixed")
    summary = import_paths(paths)
    assert summary.failed == []
    assert (summary.imported, summary.joined, summary.flagged) == (1, 4, 0)
    meeting = m.Meeting.objects.get()
    sources = list(meeting.sources.order_by("pk"))
    assert sorted(s.kind for s in sources) == ["docx", "html", "pdf", "txt", "txt"]
    heading = meeting.items.order_by("position")[0].heading
    for source in sources:  # each copy keeps its own text and spans into it
        start, end = source.spans["items[0].heading"]
        assert plain(source.text[start:end]) == plain(heading)
    primary = meeting.minutes.source
    assert primary is not None and primary.filename == str(paths[0])
    assert meeting.to_record() == parse(read_path(EXAMPLE).text, name=str(paths[0]))
    again = import_paths(paths)  # every copy is known now
    assert (again.unchanged, again.imported, again.joined) == (5, 0, 0)
    assert m.SourceDocument.objects.count() == 5


def test_a_copy_that_disagrees_is_kept_and_flagged_never_merged(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    first = tmp_path / "a.txt"
    first.write_text(text, encoding="utf-8")
    record = parse(read_path(first).text, name="a")
    heading = record.items[1].heading
    assert heading
    changed = tmp_path / "b.txt"
    changed.write_text(text.replace(heading, heading + "（修改稿）", 1), encoding="utf-8")
    summary = import_paths([first, changed])
    assert (summary.imported, summary.joined, summary.flagged) == (1, 1, 1)
    meeting = m.Meeting.objects.get()
    assert meeting.sources.count() == 2
    flag = m.ReviewFlag.objects.get()
    assert flag.kind == m.ReviewFlag.DISAGREES and flag.source.filename == str(changed)
    assert "第2项议题不同" in flag.detail
    assert meeting.items.order_by("position")[1].heading == heading  # the first one's rows


def test_a_correction_survives_a_newer_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "纪要.txt"
    path.write_bytes(EXAMPLE.read_bytes())
    first = Importer().import_path(str(path))
    item = m.AgendaItem.objects.filter(meeting_id=first.meeting_id).order_by("position")[0]
    item.heading = "研究象山县防汛防台工作（秘书科更正）"
    item.save()  # as the admin or the web form does: a history row records the edit
    monkeypatch.setattr(importer_module, "parser_version", lambda: "9999")
    summary = import_paths([path])
    assert (summary.kept, summary.updated, summary.failed) == (1, 0, [])
    item.refresh_from_db()
    assert item.heading == "研究象山县防汛防台工作（秘书科更正）"
    source = m.SourceDocument.objects.get()
    assert source.parser_version == "9999"
    flag = m.ReviewFlag.objects.get()
    assert flag.kind == m.ReviewFlag.CORRECTION_KEPT
    assert "第1项议题不同" in flag.detail  # the new reading disagrees with the edit


def test_an_uncorrected_meeting_is_rewritten_by_a_newer_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "纪要.txt"
    path.write_bytes(EXAMPLE.read_bytes())
    first = Importer().import_path(str(path))
    monkeypatch.setattr(importer_module, "parser_version", lambda: "9999")
    summary = import_paths([path])
    assert (summary.updated, summary.kept) == (1, 0)
    assert summary.results[0].meeting_id == first.meeting_id
    assert not m.ReviewFlag.objects.exists()


def test_a_docx_that_is_not_a_word_file_is_refused_as_such(tmp_path: Path) -> None:
    fake = tmp_path / "纪要.docx"
    fake.write_bytes(EXAMPLE.read_bytes())
    summary = import_paths([fake])
    assert summary.imported == 0
    [(name, reason)] = summary.failed
    assert name == str(fake) and "不是有效的 Word 文件" in reason
    with pytest.raises(importer_module.ImportFailure, match="不是有效的 Word 文件"):
        Importer().import_path(str(fake))
    assert not m.Meeting.objects.exists()


def test_a_text_that_is_not_minutes_is_imported_only_when_forced(tmp_path: Path) -> None:
    note = tmp_path / "通知.txt"
    note.write_text("今天下午三点在二楼会议室打扫卫生，请大家准时参加。\n谢谢配合。", "utf-8")
    summary = import_paths([note])
    [(_, reason)] = summary.failed
    assert "不是会议纪要" in reason and "--force" in reason
    forced = import_paths([note], force=True, batch="杂项")
    assert forced.imported == 1 and forced.flagged == 1
    assert m.Organization.objects.filter(name="待定政府（杂项）").exists()


def test_the_folder_names_the_government_when_the_text_does_not(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("象山县人民政府办公室", "县政府办公室").replace("象山", "")
    path = tmp_path / "澄湾县" / "2021" / "纪要.txt"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    summary = import_paths([path])
    assert (summary.imported, summary.flagged) == (1, 0)
    government = m.Meeting.objects.get().series.government
    assert government.name == "澄湾县人民政府"


def test_minutes_naming_no_government_are_imported_under_the_placeholder(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("象山县人民政府办公室", "县政府办公室").replace("象山", "")
    path = tmp_path / "2021" / "纪要.txt"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    summary = import_paths([path], batch="第一批")
    assert (summary.imported, summary.flagged, summary.failed) == (1, 1, [])
    meeting = m.Meeting.objects.get()
    assert meeting.series.government.name == "待定政府（第一批）"
    assert meeting.review_flags.get().kind == m.ReviewFlag.PLACEHOLDER


def test_a_web_page_s_title_names_the_government_when_its_text_does_not(tmp_path: Path) -> None:
    page = (
        "<html><head><title>县政府召开第5次常务会议_澄湾县人民政府</title></head><body>"
        "<h1>县政府召开第5次常务会议</h1>"
        "<p>3月4日，县长沈立岩主持召开县政府第5次常务会议。</p>"
        "<p>会议审议并原则通过了县财政局提交的《预算绩效管理办法》。</p>"
        "</body></html>"
    )
    path = tmp_path / "2021" / "报道.html"
    path.parent.mkdir(parents=True)
    path.write_text(page, encoding="utf-8")
    summary = import_paths([path], batch="网页")
    assert (summary.imported, summary.flagged, summary.failed) == (1, 0, [])
    assert m.Meeting.objects.get().series.government.name == "澄湾县人民政府"
    assert not m.Organization.objects.filter(name="待定政府（网页）").exists()


def test_the_import_command_says_how_many_joined_and_need_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiyao.cli import main

    folder = tmp_path / "第二批"
    five_copies(folder)
    (folder / "无名.txt").write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace("象山县人民政府办公室", "县政府办公室")
        .replace("象山", "")
        .replace("第53次", "第54次")
        .replace("第五十三次", "第五十四次"),
        encoding="utf-8",
    )
    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "新导入 2 份，并入已有会议 4 份" in out and "需复核 1 份，失败 0 份" in out
    assert m.Organization.objects.filter(name="待定政府（第二批）").exists()


def test_a_folder_of_real_reports_is_imported_whole() -> None:
    """The development set: 46 published minutes and news reports of meetings, many
    naming no government. None is refused; those naming none wait under the placeholder,
    each its own meeting (two governments' 第七次 are not one meeting)."""
    folder = Path(__file__).resolve().parents[1] / "realset" / "docs"
    paths = sorted(folder.iterdir())
    summary = import_paths(paths, batch="真实样本")
    assert summary.failed == []
    assert summary.imported == len(paths) == m.Meeting.objects.count()
    placeholder = m.Organization.objects.get(name="待定政府（真实样本）")
    waiting = m.Meeting.objects.filter(series__government=placeholder).count()
    assert waiting == m.ReviewFlag.objects.filter(kind=m.ReviewFlag.PLACEHOLDER).count() > 0
    names = m.Organization.objects.filter(government=None).values_list("name", flat=True)
    assert all(n == placeholder.name or n.endswith("人民政府") for n in names)
    assert not any(
        ch.isdigit() or ch in "次了【" for n in names if n != placeholder.name for ch in n
    )


def test_a_government_given_by_name_must_be_a_valid_one(tmp_path: Path) -> None:
    assert Importer(government="象山县政府").government == "象山县人民政府"
    for bad in ("第5次", "【图】象山县", "了县"):
        with pytest.raises(importer_module.ImportFailure, match="不是有效的政府名称"):
            Importer(government=bad)


def test_invalid_government_names_of_earlier_imports_are_repaired() -> None:
    from django.apps import apps

    from jiyao.archive.repair import repair_government_names

    def government_with_meeting(name: str, session: int) -> m.Organization:
        gov = m.Organization.objects.create(name=name, kind=m.Organization.GOVERNMENT)
        series = m.MeetingSeries.objects.create(government=gov, kind="常务会议")
        meeting = m.Meeting.objects.create(series=series, session=session)
        m.Minutes.objects.create(meeting=meeting, title=f"{name}纪要")
        m.Person.objects.create(government=gov, name="王明")
        return gov

    good = government_with_meeting("象山县人民政府", 1)
    government_with_meeting("【图】象山县人民政府", 2)
    government_with_meeting("2021澄湾县人民政府", 3)
    government_with_meeting("第5次县政府", 4)
    repaired = dict(repair_government_names(apps))
    assert repaired == {
        "【图】象山县人民政府": "象山县人民政府",
        "2021澄湾县人民政府": "澄湾县人民政府",
        "第5次县政府": "待定政府（原“第5次县政府”）",
    }
    assert m.Meeting.objects.filter(series__government=good).count() == 2  # merged
    assert m.MeetingSeries.objects.filter(government=good).count() == 1
    assert m.Person.objects.filter(government=good, name="王明").count() == 1
    names = set(m.Organization.objects.filter(government=None).values_list("name", flat=True))
    assert names == {"象山县人民政府", "澄湾县人民政府", "待定政府（原“第5次县政府”）"}
    flag = m.ReviewFlag.objects.get()
    assert flag.kind == m.ReviewFlag.PLACEHOLDER and flag.meeting.session == 4
    assert repair_government_names(apps) == []  # nothing left to repair
