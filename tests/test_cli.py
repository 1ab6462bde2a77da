"""The command line as a whole: help texts, usage errors, documentation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from jiyao.cli import COMMAND_MODULES, build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def subcommands() -> dict[str, object]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)  # type: ignore[arg-type]


def test_every_command_module_registers_at_least_one_command() -> None:
    assert len(subcommands()) >= len(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_command_help_ends_with_an_example(name: str) -> None:
    help_text = subcommands()[name].format_help()  # type: ignore[attr-defined]
    assert re.search(r"示例：\s*\n\s*jiyao " + name, help_text), help_text


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"jiyao {name}" in readme


def test_unknown_command_is_a_usage_error_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "无效的选择：'frobnicate'" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "用法：jiyao" in capsys.readouterr().err


def test_python_dash_m_jiyao_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jiyao", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("jiyao ")


def test_every_setting_read_from_the_environment_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = set()
    for path in (ROOT / "src").rglob("*.py"):
        names |= set(re.findall(r"\bJIYAO_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    names |= set(re.findall(r"\bJIYAO_[A-Z_]+\b", (ROOT / "scripts" / "test").read_text()))
    assert names, "no settings found: the scan is broken"
    undocumented = sorted(n for n in names if f"`{n}`" not in readme)
    assert undocumented == []
