"""The command line is safe with hostile file systems: special files, control characters
in names. Run as child processes with a timeout, so a command that blocks fails the test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from jiyao.cli.paths import display_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"


def jiyao(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiyao", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def tree_with_special_files(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_bytes(EXAMPLE.read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    sock.close()
    return tmp_path


def test_parse_skips_a_fifo_and_a_socket_in_a_walked_directory_with_a_note(
    tree_with_special_files: Path,
) -> None:
    done = jiyao("parse", str(tree_with_special_files), "--jsonl")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    notes = done.stderr.splitlines()
    assert len(notes) == 2
    assert "pipe.txt" in notes[0] and "命名管道（FIFO）" in notes[0] and "已跳过" in notes[0]
    assert "sock.txt" in notes[1] and "套接字" in notes[1]


def test_parse_refuses_a_fifo_given_by_name_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it would block forever
    done = jiyao("parse", str(fifo))
    assert done.returncode == 1
    assert done.stderr == f"{fifo}: 命名管道（FIFO），不是普通文件；数据流请用 - 从标准输入读取\n"


def test_parse_refuses_a_character_device(tmp_path: Path) -> None:
    done = jiyao("parse", "/dev/zero")
    assert done.returncode == 1
    assert "/dev/zero: 字符设备，不是普通文件" in done.stderr


def test_import_skips_special_files_in_a_directory_and_refuses_them_by_name(
    tree_with_special_files: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = tmp_path_factory.mktemp("data")
    env = {"JIYAO_DATA_DIR": str(data), "JIYAO_DATABASE_URL": ""}
    fifo = tree_with_special_files / "pipe.txt"
    done = jiyao("import", str(tree_with_special_files), str(fifo), env=env)
    assert done.returncode == 1, done.stderr
    assert "新导入 1 份" in done.stdout and "失败 1 份" in done.stdout
    assert f"jiyao import: {fifo}: 命名管道（FIFO），不是普通文件" in done.stderr
    assert "已跳过" in done.stderr


def test_control_characters_in_file_names_are_printed_escaped(tmp_path: Path) -> None:
    forged = tmp_path / "a\nforged line.txt"
    forged.write_bytes(b"")  # fails: an error line naming it
    colored = tmp_path / "\x1b[31mred.txt"
    colored.write_bytes(EXAMPLE.read_bytes())  # parses: a summary naming it
    done = jiyao("parse", str(tmp_path))
    assert done.returncode == 1
    assert "\x1b" not in done.stdout + done.stderr
    assert done.stderr.splitlines() == [f"{tmp_path}/a\\nforged line.txt: 文件是空的"]
    assert f"== {tmp_path}/\\x1b[31mred.txt" in done.stdout.splitlines()


def test_render_prints_the_path_it_wrote_escaped(tmp_path: Path) -> None:
    # The output is named by government, date and sitting beside the input: the escape
    # character sits in the folder's name.
    folder = tmp_path / "纪要\x1b"
    folder.mkdir()
    source = folder / "minutes.txt"
    source.write_bytes(EXAMPLE.read_bytes())
    done = jiyao("render", str(source), "--to", "html")
    assert done.returncode == 0, done.stderr
    name = "象山县人民政府-2021-06-08-第53次常务会议纪要.html"
    assert (folder / name).exists()
    assert done.stdout == f"{tmp_path}/纪要\\x1b/{name}\n"


def test_render_to_standard_output_prints_only_the_document(tmp_path: Path) -> None:
    done = jiyao("render", str(EXAMPLE), "--to", "txt", "-o", "-")
    assert done.returncode == 0
    assert done.stdout.startswith("象山县人民政府办公室")
    assert done.stdout.rstrip().endswith("县政府各部门。")


def test_render_errors_name_the_file_escaped(tmp_path: Path) -> None:
    source = tmp_path / "bad\nname.json"
    source.write_text("{", encoding="utf-8")
    done = jiyao("render", str(source), "--to", "pdf")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"{tmp_path}/bad\\nname.json: ")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain/路径.txt", "plain/路径.txt"),
        ("a\nb", "a\\nb"),
        ("a\rb\tc", "a\\rb\\tc"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x7f\x9b", "\\x7f\\x9b"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("bad\udcff.txt", "bad\\xff.txt"),  # an undecodable byte of the file name
    ],
)
def test_display_path_escapes_what_a_terminal_would_act_on(raw: str, shown: str) -> None:
    assert display_path(raw) == shown
