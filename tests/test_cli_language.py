"""The command line speaks Simplified Chinese, one language per message (issue 11, item 13):
every command's help, argparse's own texts, usage errors and the commands' messages.

Command names, option names, paths, file names, format names and other identifiers stay
as they are; what must not appear is an English sentence: two or more English words in a
row once those are taken out (:func:`english`).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from jiyao.archive.report import summary_text
from jiyao.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"

# Identifiers a message may hold: each is replaced by a break before words are counted.
_IDENTIFIERS = re.compile(
    r"""
      jiyao(?:\ [a-z]+){0,2}            # the command, a subcommand and an action
    | (?<![\w-])--?[A-Za-z][\w-]*(?:=\S*)?  # options
    | \$?JIYAO_\w+(?:=\S*)?             # settings
    | \S*[/\\.]\S*                      # paths, file names, URLs, dotted names
    | \{[^}]*\}                         # argparse's choices
    | '[^']*'                           # quoted input (repr of what the user typed)
    """,
    re.VERBOSE,
)
_WORD = r"(?:[A-Za-z]{2,}|[A-Za-z]+(?:-[A-Za-z]+)+)"
_SENTENCE = re.compile(rf"\b{_WORD}(?: +{_WORD})+\b")


def english(text: str) -> list[str]:
    """The English word runs (two words or more) in ``text`` outside identifiers."""
    return _SENTENCE.findall(_IDENTIFIERS.sub("|", text))


def test_the_detector_finds_english_sentences_and_passes_identifiers() -> None:
    assert english("新导入 301 份 (imported files)") == ["imported files"]
    assert english("jiyao remind: 没有可用的联络员邮箱 (no e-mail address)")
    assert english("jiyao parse: error: the following arguments are required: FILE")
    assert english("usage: jiyao parse [-h] FILE\n\npositional arguments:")
    assert english("jiyao user add zhangsan --role department --organization 县发改局") == []
    assert english("用法：jiyao render [-h] --to {docx,html,pdf,txt} 记录.json") == []
    assert (
        english("归档位置：/srv/my data/jiyao（PostgreSQL：postgres@127.0.0.1:5432/jiyao）") == []
    )


def parsers() -> dict[str, argparse.ArgumentParser]:
    """Every parser of the command line by its command (``jiyao``, ``parse``, ``user add`` …)."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(prefix: str, parser: argparse.ArgumentParser) -> None:
        found[prefix or "jiyao"] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(f"{prefix} {name}".strip(), child)

    walk("", build_parser())
    return found


@pytest.mark.parametrize("name", sorted(parsers()))
def test_every_help_text_is_chinese_with_an_example(name: str) -> None:
    text = parsers()[name].format_help()
    assert english(text) == [], text
    assert text.startswith("用法：")
    assert "选项：" in text and "显示本帮助并退出" in text
    assert "\n示例：\n" in text, text


USAGE_ERRORS = [
    ["frobnicate"],
    ["parse"],
    ["parse", "a.txt", "--json", "--jsonl"],
    ["parse", "a.txt", "--bogus"],
    ["render", "r.json"],
    ["render", "r.json", "--to", "odt"],
    ["tasks", "a.txt", "--next-meeting", "下周"],
    ["score", "gold", "--show", "many"],
    ["import"],
    ["import", "a.txt", "--visibility", "secret"],
    ["demo", "--port", "eighty"],
    ["serve", "--port"],
    ["worker", "--interval", "x"],
    ["backup", "a", "b"],
    ["user", "add", "zhangsan"],
    ["user", "remove"],
    ["remind", "--dry-run", "extra"],
]


@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=[" ".join(a) for a in USAGE_ERRORS])
def test_usage_errors_are_one_chinese_line_with_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert english(err) == [], err
    assert "查看用法" in err


def test_a_missing_argument_is_named_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["render", "r.json"])
    assert "缺少参数：--to" in capsys.readouterr().err


def test_a_bad_number_says_what_it_should_be(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--port", "eighty"])
    assert "参数 --port：'eighty' 不是整数" in capsys.readouterr().err


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiyao", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def test_the_commands_messages_are_chinese(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    runs = [
        run("parse", "empty.txt", "png.txt", "missing.txt", "folder/..", cwd=tmp_path),
        run("parse", "folder", cwd=tmp_path),
        run("tasks", "empty.txt", cwd=tmp_path),
        run("render", "bad.json", "--to", "pdf", cwd=tmp_path),
        run("render", "missing.json", "--to", "txt", cwd=tmp_path),
        run("score", "nowhere", cwd=tmp_path),
        run("worker", "--interval", "-1", cwd=tmp_path),
        run("demo", "--docs", "-1", cwd=tmp_path),
        run("remind", "--date", "10/25", cwd=tmp_path),
    ]
    for done in runs:
        assert done.returncode in (1, 2), done
        assert done.stderr.strip(), done
        assert "Traceback" not in done.stderr
        assert english(done.stdout + done.stderr) == [], done.stdout + done.stderr


def test_the_import_summary_is_one_chinese_line() -> None:
    summary = SimpleNamespace(
        imported=301, joined=2, updated=0, kept=0, unchanged=5, flagged=1, failed=[("a", "空")]
    )
    text = summary_text(summary)
    assert text == "新导入 301 份，并入已有会议 2 份，未变 5 份，需复核 1 份，失败 1 份"
    assert english(text) == [] and "(" not in text


def test_the_import_summary_tells_updates_and_kept_corrections() -> None:
    summary = SimpleNamespace(
        imported=0, joined=0, updated=3, kept=1, unchanged=0, flagged=0, failed=0
    )
    assert (
        summary_text(summary) == "新导入 0 份，更新 3 份，保留人工更正 1 份，未变 0 份，失败 0 份"
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("name", sorted(parsers()))
def test_help_texts_fit_the_terminal_counting_chinese_as_two_columns(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = parsers()[name].format_help()
    body = text.split("\n示例：\n")[0].split("\n\n", 1)[1]  # the usage lines aside
    wide = [line for line in body.splitlines() if _width(line) > 80]
    assert wide == [], text
    assert not any(line.lstrip().startswith(("，", "。", "）")) for line in body.splitlines())


def test_options_with_chinese_metavars_line_up_with_the_others() -> None:
    text = parsers()["import"].format_help()
    columns = {
        _width(line) - _width(line.lstrip(" ")[line.lstrip(" ").index("  ") :].lstrip(" "))
        for line in text.splitlines()
        if line.startswith("  --government") or line.startswith("  --force")
    }
    assert len(columns) == 1, text
