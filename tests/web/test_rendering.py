"""Rendered documents: the cache on disk and the PDF renderer out of process."""

from __future__ import annotations

import dataclasses
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from jiyao.archive import rendering
from jiyao.minutes.parse import parse

EXAMPLE = Path(rendering.__file__).resolve().parent.parent / "examples" / "xiangshan-2021-53.txt"


@pytest.fixture
def record() -> Any:
    return parse(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _cache_in_tmp(settings: Any, tmp_path: Path) -> Any:
    settings.JIYAO_DATA_DIR = tmp_path
    yield
    rendering.close_children()


def _counting(monkeypatch: pytest.MonkeyPatch, delay: float = 0.0) -> list[str]:
    calls: list[str] = []
    real = rendering.compose_bytes

    def counted(record: Any, fmt: str, letterhead: str, number: str = "") -> bytes:
        calls.append(fmt)
        time.sleep(delay)
        return real(record, fmt, letterhead, number)

    monkeypatch.setattr(rendering, "compose_bytes", counted)
    return calls


def test_a_document_is_typeset_once_then_read_from_a_private_file(record, monkeypatch, tmp_path):
    calls = _counting(monkeypatch)
    first = rendering.render(record, "docx")
    again = [rendering.render(record, "docx") for _ in range(5)]
    assert calls == ["docx"]
    assert not first.cached and all(r.cached for r in again)
    assert all(r.data == first.data for r in again) and first.data.startswith(b"PK")
    (path,) = (tmp_path / "cache" / "render").glob("??/*.docx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob(".tmp-*"))  # no temporary file left behind


def test_a_changed_record_format_or_letterhead_is_a_new_document(record):
    changed = dataclasses.replace(record, title=record.title + "（修订）")
    keys = {
        rendering.cache_key(record, "docx"),
        rendering.cache_key(changed, "docx"),
        rendering.cache_key(record, "txt"),
        rendering.cache_key(record, "docx", letterhead="series"),
    }
    assert len(keys) == 4
    assert rendering.cache_key(record, "docx") == rendering.cache_key(record, "docx")


def test_concurrent_requests_for_one_document_typeset_it_once(record, monkeypatch):
    calls = _counting(monkeypatch, delay=0.3)
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(rendering.render(record, "html")))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["html"]
    assert len({r.data for r in results}) == 1 and len(results) == 8


def test_pdf_is_typeset_in_a_child_process(record):
    result = rendering.render(record, "pdf")
    assert result.data.startswith(b"%PDF")
    pool = rendering._children()
    child = pool.idle.get_nowait()
    pool.idle.put(child)
    assert child is not None and child.process.is_alive()


def test_a_crashing_renderer_raises_unavailable_and_the_next_render_works(record, monkeypatch):
    monkeypatch.setenv("JIYAO_RENDER_CRASH_TEST", "1")
    with pytest.raises(rendering.RenderUnavailable):
        rendering.render(record, "pdf")
    monkeypatch.delenv("JIYAO_RENDER_CRASH_TEST")
    assert rendering.render(record, "pdf").data.startswith(b"%PDF")


def test_prune_removes_the_oldest_files_down_to_the_limit(record, tmp_path):
    a = rendering.render(record, "txt")
    time.sleep(0.05)
    rendering.render(record, "html")
    removed = rendering.prune(limit=len(a.data) * 2)
    left = [p.suffix for p in (tmp_path / "cache" / "render").glob("??/*.*")]
    assert removed == 1 and left == [".html"]


def test_unknown_format_is_refused(record):
    with pytest.raises(ValueError):
        rendering.render(record, "exe")


def test_download_view_gives_a_chinese_503_page_when_the_renderer_crashes(client, monkeypatch, db):
    from jiyao.archive.importer import Importer

    meeting = Importer().import_path(str(EXAMPLE)).meeting
    monkeypatch.setenv("JIYAO_RENDER_CRASH_TEST", "1")
    response = client.get(f"/meetings/{meeting.pk}/download/pdf/")
    assert response.status_code == 503
    assert "排版程序暂时出现故障" in response.content.decode()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    monkeypatch.delenv("JIYAO_RENDER_CRASH_TEST")
    response = client.get(f"/meetings/{meeting.pk}/download/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_download_of_internal_minutes_is_refused_to_an_outsider(client, outsider, db):
    from jiyao.archive.importer import Importer

    meeting = Importer(visibility="internal").import_path(str(EXAMPLE)).meeting
    client.force_login(outsider)
    assert client.get(f"/meetings/{meeting.pk}/download/pdf/").status_code == 404


def test_download_of_internal_minutes_is_for_insiders_only(client, insider, reader_user, db):
    from jiyao.archive.importer import Importer

    meeting = Importer(visibility="internal").import_path(str(EXAMPLE)).meeting
    client.force_login(insider)
    response = client.get(f"/meetings/{meeting.pk}/download/docx/")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert "private" in response["Cache-Control"]
    client.force_login(reader_user)
    assert client.get(f"/meetings/{meeting.pk}/download/docx/").status_code == 404


def test_a_number_in_the_header_is_its_own_cached_document(monkeypatch, db):
    from jiyao.minutes.parse import parse

    record = parse(EXAMPLE.read_text(encoding="utf-8"))
    calls = _counting(monkeypatch)
    plain = rendering.render(record, "html")
    numbered = rendering.render(record, "html", number="〔2021〕53号")
    again = rendering.render(record, "html", number="〔2021〕53号")
    assert calls == ["html", "html"] and again.cached
    assert "〔2021〕53号" in numbered.data.decode() and "〔2021〕53号" not in plain.data.decode()
