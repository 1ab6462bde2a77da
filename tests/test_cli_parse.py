"""`jiyao parse` end to end: formats, inputs, exit codes, one line per failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jiyao.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"


def jiyao(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "jiyao", *args], input=stdin, capture_output=True, timeout=120
    )


def test_parse_json_prints_the_record_of_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "县政府第五十三次常务会议纪要"
    assert data["meeting"]["session"] == 53
    assert data["source"]["kind"] == "txt"
    assert "spans" not in data


def test_parse_spans_index_the_printed_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLE), "--json", "--spans"]) == 0
    data = json.loads(capsys.readouterr().out)
    start, end = data["spans"]["meeting"]["chair"]
    assert data["text"][start:end] == data["meeting"]["chair"]


def test_parse_reads_standard_input() -> None:
    done = jiyao("parse", "-", "--json", stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["meeting"]["chair"] == "包朝阳"


def test_parse_walks_a_directory_and_prints_an_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(EXAMPLE.read_text().encode("gb18030"))
    (tmp_path / "notes.md").write_text("not minutes")
    assert main(["parse", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [Path(d["source"]["name"]).name for d in data] == ["a.txt", "b.txt"]
    assert data[0]["items"] == data[1]["items"]


def test_parse_jsonl_prints_one_record_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    assert main(["parse", str(tmp_path), "--jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["meeting"]["session"] == 53 for line in lines)


def test_a_failing_file_is_one_line_on_stderr_and_the_others_still_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(EXAMPLE.read_bytes())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    status = main(["parse", str(empty), str(good), str(missing), "--jsonl"])
    captured = capsys.readouterr()
    assert status == 1
    assert len(captured.out.splitlines()) == 1
    errors = captured.err.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(str(empty)) and "文件是空的" in errors[0]
    assert errors[1].startswith(str(missing))
    assert "Traceback" not in captured.err


def test_a_text_that_is_not_minutes_gives_a_record_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("红烧肉的做法：五花肉切块，冷水下锅焯水。", encoding="utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items"] == []
    assert data["warnings"]


def test_the_summary_names_the_meeting_and_its_items(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "县政府第五十三次常务会议纪要" in out
    assert "[审议]" in out and "原则同意" in out


def test_json_and_jsonl_together_are_a_usage_error() -> None:
    done = jiyao("parse", str(EXAMPLE), "--json", "--jsonl")
    assert done.returncode == 2
    assert "不能与参数 --json 同时使用".encode() in done.stderr


def test_a_directory_without_minutes_is_an_error(tmp_path: Path) -> None:
    done = jiyao("parse", str(tmp_path))
    assert done.returncode == 1
    assert "没有纪要文件".encode() in done.stderr


def test_parsing_a_plain_text_file_loads_neither_opencc_nor_the_web_stack() -> None:
    # Start-up is part of `jiyao parse DIR`'s speed: what a plain text does not need
    # (the traditional converter, the HTML parser, Django, gunicorn, jieba, docx) must not
    # be imported.
    code = (
        "import sys\n"
        "from jiyao.cli import main\n"
        f"main(['parse', '--jsonl', {str(EXAMPLE)!r}])\n"
        "heavy = ('opencc', 'django', 'gunicorn', 'jieba', 'docx', 'sqlite3', "
        "'charset_normalizer', 'pdfminer', 'tqdm', 'selectolax')\n"
        "print(' '.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stderr.strip() == ""
