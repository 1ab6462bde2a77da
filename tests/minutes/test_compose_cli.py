"""``jiyao render``: formats, output placement, error lines and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from compose_records import xiangshan

from jiyao.cli import main


@pytest.fixture
def record_json(tmp_path: Path) -> Path:
    path = tmp_path / "record.json"
    path.write_text(xiangshan().dumps(), encoding="utf-8")
    return path


NAMED = "象山县人民政府-2021-06-08-第53次常务会议纪要"


def test_a_record_renders_to_docx_beside_the_input_named_by_government_date_and_sitting(
    record_json: Path,
) -> None:
    assert main(["render", str(record_json), "--to", "docx"]) == 0
    document = docx.Document(str(record_json.parent / f"{NAMED}.docx"))
    assert document.paragraphs[0].text == "县政府第五十三次常务会议纪要"


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF-"), ("html", b"<!DOCTYPE html>")])
def test_a_record_renders_to_the_named_output(
    record_json: Path, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["render", str(record_json), "--to", fmt, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


def test_text_goes_to_standard_output_with_dash(
    record_json: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["render", str(record_json), "--to", "txt", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "县政府第五十三次常务会议纪要" in out
    assert "一、传达学习中共中央政治局会议精神" in out


def test_header_options_set_the_letterhead(record_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    argv = ["render", str(record_json), "--to", "docx", "-o", str(out)]
    assert main([*argv, "--masthead", "宁海县人民政府常务会议纪要", "--number", "〔2024〕7号"]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[:2] == ["宁海县人民政府常务会议纪要", "〔2024〕7号"]


def test_an_invalid_record_is_one_line_naming_the_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = xiangshan().to_json()
    data["items"][2]["decision"] = "x"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["render", str(path), "--to", "pdf"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: items[2].decision: 'x' 不在可选值之中（原则同意、同意")
    assert err.count("\n") == 1
    assert not path.with_suffix(".pdf").exists()
    assert list(tmp_path.glob("*.pdf")) == []


def test_broken_json_and_missing_files_are_errors_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["render", str(broken), "--to", "docx"]) == 1
    assert capsys.readouterr().err.startswith(f"{broken}: 不是 JSON")
    missing = tmp_path / "missing.json"
    assert main(["render", str(missing), "--to", "docx"]) == 1
    assert capsys.readouterr().err.startswith(f"{missing}: 无法读取")


def test_usage_errors_exit_2(record_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["render", str(record_json), "--to", "odt"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["render", str(record_json)])
    assert exc.value.code == 2
    capsys.readouterr()


def test_the_input_is_never_overwritten_without_o(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiyao.minutes.compose import document_name
    from jiyao.minutes.parse import parse

    # An input that already bears the name its output would get.
    minutes = tmp_path / document_name(parse("纪要"), ".txt")
    minutes.write_text("纪要", encoding="utf-8")
    assert main(["render", str(minutes), "--to", "txt"]) == 2
    assert "会覆盖输入文件" in capsys.readouterr().err
    assert minutes.read_text(encoding="utf-8") == "纪要"


def test_a_minutes_file_is_parsed_then_typeset(tmp_path: Path) -> None:
    pytest.importorskip("jiyao.minutes.parse")
    source = Path(__file__).resolve().parents[2] / "src/jiyao/examples/xiangshan-2021-53.txt"
    out = tmp_path / "clean.docx"
    assert main(["render", str(source), "--to", "docx", "-o", str(out)]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "县政府第五十三次常务会议纪要" in texts


def test_series_puts_the_government_masthead_over_the_title(
    record_json: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.docx"
    assert main(["render", str(record_json), "--to", "docx", "-o", str(out), "--series"]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "象山县人民政府常务会议纪要"
    assert "县政府第五十三次常务会议纪要" in texts
