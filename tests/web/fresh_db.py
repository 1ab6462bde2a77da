"""A database of its own for tests that run `jiyao` in other processes (server, worker,
backup): a SQLite file in a temporary data directory, or — when the suite runs on
PostgreSQL (JIYAO_DATABASE_URL) — a new database on that server, dropped afterwards."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"


def postgres_url() -> str | None:
    url = os.environ.get("JIYAO_DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@contextlib.contextmanager
def fresh_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment variables for a `jiyao` subprocess using a fresh, empty database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
    env["JIYAO_DATA_DIR"] = str(tmp_path / "data")
    base = postgres_url()
    if base is None:
        yield env
        return
    import psycopg

    parts = urlsplit(base)
    name = f"{parts.path.lstrip('/') or 'jiyao'}_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["JIYAO_DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def jiyao(
    env: dict[str, str], *args: str, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiyao", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def python(env: dict[str, str], code: str, timeout: float = 180) -> str:
    """Run ``code`` with Django set up (migrations applied) in a new process; its stdout."""
    prelude = "from jiyao.cli.archive import setup_django\nsetup_django()\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def table_digests(env: dict[str, str]) -> dict[str, tuple[int, str]]:
    """Every table of the database: (rows, sha256 of its rows in a stable order)."""
    url = env.get("JIYAO_DATABASE_URL")
    out: dict[str, tuple[int, str]] = {}
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                )
            ]
            for name in names:
                rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
                out[name] = _digest(rows)
        return out
    db = sqlite3.connect(Path(env["JIYAO_DATA_DIR"]) / "jiyao.sqlite3")
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in names:
            out[name] = _digest(db.execute(f'SELECT * FROM "{name}"').fetchall())
    finally:
        db.close()
    return out


def _digest(rows: list[tuple[object, ...]]) -> tuple[int, str]:
    h = hashlib.sha256()
    for line in sorted(repr(row) for row in rows):
        h.update(line.encode("utf-8"))
    return len(rows), h.hexdigest()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def write_minutes(folder: Path, n: int, seed: int) -> list[str]:
    """``n`` generated minutes written as text files in ``folder`` (made); their paths."""
    from jiyao.minutes.generate import generate_corpus

    folder.mkdir(parents=True)
    paths = []
    for i, (text, _record) in enumerate(generate_corpus(n, seed=seed)):
        path = folder / f"minutes-{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths
