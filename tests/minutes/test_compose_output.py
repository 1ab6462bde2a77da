"""Output files are written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jiyao.minutes.compose import write_output
from jiyao.minutes.errors import ComposeError


def test_write_output_replaces_the_file_with_the_whole_content(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    write_output(target, b"new content")
    assert target.read_bytes() == b"new content"
    write_output(target, "纪要")
    assert target.read_text(encoding="utf-8") == "纪要"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ComposeError, match=r"out\.pdf: 无法写入（磁盘空间不足）"):
        write_output(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_an_unwritable_directory_is_a_compose_error_naming_the_path(tmp_path: Path) -> None:
    with pytest.raises(ComposeError, match=r"missing/out\.html: 无法写入"):
        write_output(tmp_path / "missing" / "out.html", "x")
