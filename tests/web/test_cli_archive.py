"""`jiyao import` and `jiyao demo` from the command line."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jiyao.archive import models as m
from jiyao.cli import main

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)


@pytest.mark.django_db
def test_import_stores_files_and_a_second_run_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", str(EXAMPLE)]) == 0
    assert "新导入 1 份" in capsys.readouterr().out
    assert main(["import", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "新导入 0 份" in out and "未变 1 份" in out
    assert m.Meeting.objects.count() == 1


@pytest.mark.django_db
def test_import_again_with_visibility_internal_hides_public_minutes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", str(EXAMPLE)]) == 0
    assert main(["import", str(EXAMPLE), "--visibility", "internal"]) == 0
    out = capsys.readouterr().out
    assert "更新 1 份" in out, out
    assert m.Minutes.objects.get().visibility == "internal"
    assert m.SearchEntry.objects.get().public is False


@pytest.mark.django_db
def test_import_walks_directories_reports_each_failure_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("not minutes", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    assert main(["import", str(tmp_path), str(missing)]) == 1
    captured = capsys.readouterr()
    assert "新导入 1 份" in captured.out and "失败 2 份" in captured.out
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert any(line.startswith(f"jiyao import: {tmp_path / 'empty.txt'}: ") for line in errors)
    assert any(line.startswith(f"jiyao import: {missing}: ") for line in errors)
    assert "Traceback" not in captured.err


@pytest.mark.django_db
def test_import_reads_standard_input_with_a_government_and_visibility(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes())))
    code = main(["import", "-", "--government", "测试县", "--visibility", "internal"])
    assert code == 0, capsys.readouterr().err
    minutes = m.Minutes.objects.select_related("meeting__series__government").get()
    assert minutes.visibility == "internal"
    assert minutes.meeting.series.government.name == "测试县人民政府"
    assert minutes.source.filename == "-"


def test_import_refuses_a_bad_visibility(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import", str(EXAMPLE), "--visibility", "secret"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_demo_prepares_a_fresh_archive_and_prints_a_login(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
    command = [sys.executable, "-m", "jiyao", "demo", "--no-serve", "--docs", "6"]
    command += ["--data-dir", str(tmp_path / "demo")]
    for _ in range(2):  # twice: the second run starts from a fresh database again
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "演示账号：demo" in done.stdout
        assert "失败 0 份" in done.stdout
    database = tmp_path / "demo" / "jiyao.sqlite3"
    with sqlite3.connect(database) as db:
        # 7 imported, and the meeting cycle's demo (jiyao.meetings.demo): one meeting held
        # with signed minutes (indexed like an import), one being prepared (no minutes yet).
        assert db.execute("select count(*) from archive_meeting").fetchone()[0] == 9
        assert db.execute("select count(*) from archive_search_fts").fetchone()[0] == 8
        assert db.execute("select count(*) from meetings_minutesversion").fetchone()[0] == 1
        internal = db.execute(
            "select count(*) from archive_minutes where visibility = 'internal'"
        ).fetchone()[0]
        assert internal == 1
