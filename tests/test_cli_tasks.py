"""`jiyao tasks` end to end: JSON and table output, inputs, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jiyao.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"

TASK_MINUTES = """县政府第十二次常务会议纪要

2023年3月6日上午，王建国主持召开县政府第十二次常务会议。现将会议议定事项纪要如下：

一、研究全县农村供水保障有关事项

会议要求，由县水利局牵头，县财政局、县农业农村局配合，于今年6月底前完成农村供水设施改造。县卫健局要尽快开展水质检测。

出席：王建国  李明  张华
"""


def test_tasks_json_lists_the_proposals_of_the_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tasks", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["meeting_date"] == "2021-06-08"
    got = [(p["item_number"], p["lead"], p["lead_source"]) for p in data["proposals"]]
    assert got == [
        (3, "县发改局", "submitter"),
        (5, "县住建局", "submitter"),
        (6, "县综合行政执法局", "submitter"),
        (7, "县城投集团", "submitter"),
        (9, "县发改局", "submitter"),
    ]
    assert all(p["deadline"] is None for p in data["proposals"])
    assert data["proposals"][0]["lead_full"] == "县发展和改革局"


def test_tasks_convey_adds_the_notices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", str(EXAMPLE), "--json", "--convey"]) == 0
    data = json.loads(capsys.readouterr().out)
    kinds = [(p["item_number"], p["kind"]) for p in data["proposals"]]
    assert kinds[:2] == [(1, "notice"), (2, "notice")]


def test_tasks_gives_dates_phrases_and_spans_of_deadlines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.txt"
    path.write_text(TASK_MINUTES, encoding="utf-8")
    assert main(["tasks", str(path), "--json"]) == 0
    first, second = json.loads(capsys.readouterr().out)["proposals"]
    assert (first["lead"], first["co_units"]) == ("县水利局", ["县财政局", "县农业农村局"])
    assert first["deadline"]["date"] == "2023-06-30"
    assert first["deadline"]["phrase"] == "今年6月底前"
    start, end = first["deadline"]["span"]
    assert end - start == len("今年6月底前")
    assert (second["lead"], second["deadline"]["date"]) == ("县卫健局", None)
    assert second["deadline"]["certainty"] == "none"


def test_tasks_prints_a_chinese_table_without_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.txt"
    path.write_text(TASK_MINUTES, encoding="utf-8")
    assert main(["tasks", str(path), str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "牵头单位" in out and "配合单位" in out
    assert "县财政局、县农业农村局" in out
    assert "2023-06-30（今年6月底前）" in out
    assert "县发改局（提交单位）" in out
    assert "未写明期限" in out


def test_a_file_without_tasks_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("会议学习了有关文件精神。", encoding="utf-8")
    assert main(["tasks", str(path)]) == 0
    assert "（无督办事项建议）" in capsys.readouterr().out


def test_several_files_print_an_array_and_a_failure_is_named_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["tasks", str(EXAMPLE), str(missing), "--json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert isinstance(data, list) and len(data) == 1
    assert str(missing) in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_next_meeting_must_be_a_date_or_it_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jiyao", "tasks", str(EXAMPLE), "--next-meeting", "下周"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_next_meeting_resolves_the_phrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.txt"
    path.write_text(TASK_MINUTES.replace("于今年6月底前", "下次常务会议前"), encoding="utf-8")
    assert main(["tasks", str(path), "--json", "--next-meeting", "2023-03-20"]) == 0
    first = json.loads(capsys.readouterr().out)["proposals"][0]
    assert first["deadline"]["date"] == "2023-03-19"


def test_tasks_reads_standard_input() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jiyao", "tasks", "-", "--json"],
        input=EXAMPLE.read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert len(json.loads(done.stdout)["proposals"]) == 5


def test_tasks_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["tasks", "--help"])
    assert exc.value.code == 0
    assert "jiyao tasks minutes.txt" in capsys.readouterr().out
