"""`jiyao import` says where the archive is and never imports the data directory
(issue 11, item 15). Run as child processes in a fresh folder, on SQLite, without
JIYAO_DATA_DIR: the default data directory is ./data there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jiyao.cli.location import database_text, inside

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"


def jiyao(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "jiyao", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "minutes.txt").write_bytes(EXAMPLE.read_bytes())
    return tmp_path


def test_import_says_where_the_archive_is_and_that_it_created_the_data_directory(
    folder: Path,
) -> None:
    data = folder / "data"
    where = f"归档位置：{data}（SQLite：{data / 'jiyao.sqlite3'}）"
    first = jiyao("import", "minutes.txt", cwd=folder)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:3] == [
        where,
        f"新建数据目录：{data}",
        "新导入 1 份，未变 0 份，失败 0 份",
    ]
    again = jiyao("import", "minutes.txt", cwd=folder)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [where, "新导入 0 份，未变 1 份，失败 0 份"]


def test_walking_a_folder_skips_the_data_directory_inside_it(folder: Path) -> None:
    assert jiyao("import", "minutes.txt", cwd=folder).returncode == 0
    assert (folder / "data" / "secret-key.txt").is_file()  # a .txt the walk would pick up
    done = jiyao("import", ".", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["jiyao import: 已跳过数据目录 ./data"]
    assert done.stdout.splitlines()[-1] == "新导入 0 份，未变 1 份，失败 0 份"


@pytest.mark.parametrize("path", ["data", "data/", "data/secret-key.txt", "data/uploads/x.txt"])
def test_a_path_inside_the_data_directory_is_refused_with_its_name(folder: Path, path: str) -> None:
    (folder / "data" / "uploads").mkdir(parents=True)
    (folder / "data" / "secret-key.txt").write_text("key\n", encoding="utf-8")
    done = jiyao("import", path, cwd=folder)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"jiyao import: {path}: 位于数据目录 {folder / 'data'} 之内，不能从数据目录导入"
        "（数据目录存放数据库和密钥，不是纪要）\n"
    )


def test_a_refused_import_creates_no_data_directory(folder: Path) -> None:
    done = jiyao("import", "--data-dir", "archive", "archive", cwd=folder)
    assert done.returncode == 2
    assert f"位于数据目录 {folder / 'archive'} 之内" in done.stderr
    assert not (folder / "archive").exists()


def test_inside_resolves_the_path() -> None:
    data = Path("/srv/jiyao/data")
    assert inside("/srv/jiyao/data", data)
    assert inside("/srv/jiyao/data/uploads/../secret-key.txt", data)
    assert not inside("/srv/jiyao/data2/a.txt", data)
    assert not inside("/srv/jiyao", data)


def test_a_postgresql_archive_is_named_without_its_password() -> None:
    db = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "jiyao",
        "USER": "archivist",
        "PASSWORD": "s3cret",
        "HOST": "db.example.cn",
        "PORT": 5432,
    }
    assert database_text(db) == "PostgreSQL：archivist@db.example.cn:5432/jiyao"
