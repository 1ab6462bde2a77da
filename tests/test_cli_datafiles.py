"""Private data stays private: the data directory is 0700, the secret key, the SQLite
database with its -wal/-shm files and the demo password are 0600, whatever the umask;
rendered documents keep the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JIYAO_DATA_DIR": str(data)}
    env.pop("JIYAO_DATABASE_URL", None)
    env.pop("JIYAO_SECRET_KEY", None)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0o022); from jiyao.cli import main;"
            " sys.exit(main(sys.argv[1:]))",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_the_demo_data_directory_and_its_secrets_are_private(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    done = run("demo", "--docs", "0", "--no-serve", "--data-dir", str(data), data=data)
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    files = ["secret-key.txt", "jiyao.sqlite3", "demo-password.txt"]
    files += [
        f"jiyao.sqlite3{s}" for s in ("-wal", "-shm") if (data / f"jiyao.sqlite3{s}").exists()
    ]
    assert {name: oct(mode(data / name)) for name in files} == {name: "0o600" for name in files}


def test_files_left_readable_by_an_older_version_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    for name in ("jiyao.sqlite3", "jiyao.sqlite3-wal"):
        (data / name).write_bytes(b"")
        (data / name).chmod(0o644)
    done = run("import", str(EXAMPLE), data=data)
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    for name in ("jiyao.sqlite3", "jiyao.sqlite3-wal", "secret-key.txt"):
        if (data / name).exists():
            assert mode(data / name) == 0o600, name


def test_a_rendered_document_keeps_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "minutes.html"
    done = run("render", str(EXAMPLE), "--to", "html", "-o", str(out), data=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert mode(out) == 0o644
