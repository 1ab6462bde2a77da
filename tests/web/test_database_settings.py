"""Databases under load: PostgreSQL's connection pool, SQLite's locking settings, and
readers and writers together on a real database file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fresh_db import ROOT, fresh_env, postgres_url, python

from jiyao.minutes.generate import generate_corpus
from jiyao.web import settings as jiyao_settings

PG = "postgresql://postgres@127.0.0.1:5432/somewhere"


def test_postgresql_goes_through_a_pool_sized_per_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIYAO_DATABASE_URL", PG)
    monkeypatch.setenv("JIYAO_THREADS", "6")
    for name in ("JIYAO_DB_POOL", "JIYAO_DB_POOL_MIN", "JIYAO_DB_POOL_MAX"):
        monkeypatch.delenv(name, raising=False)
    config = jiyao_settings._database()
    assert config["CONN_MAX_AGE"] == 0  # Django refuses a persistent connection with a pool
    pool = config["OPTIONS"]["pool"]
    assert pool["max_size"] == 6 and pool["min_size"] == 2
    assert pool["max_idle"] <= 60 and pool["timeout"] > 0


def test_pool_bounds_come_from_the_environment_and_the_pool_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JIYAO_DATABASE_URL", PG)
    monkeypatch.setenv("JIYAO_DB_POOL_MAX", "3")
    monkeypatch.setenv("JIYAO_DB_POOL_MIN", "9")
    pool = jiyao_settings._database()["OPTIONS"]["pool"]
    assert (pool["min_size"], pool["max_size"]) == (3, 3)  # min never above max
    monkeypatch.setenv("JIYAO_DB_POOL", "0")
    assert "pool" not in jiyao_settings._database().get("OPTIONS", {})


def test_sqlite_takes_the_write_lock_up_front_and_waits_when_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("JIYAO_DATABASE_URL", raising=False)
    config = jiyao_settings._database()
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 10
    assert "busy_timeout=20000" in config["OPTIONS"]["init_command"]


@pytest.mark.skipif(postgres_url() is None, reason="needs PostgreSQL (JIYAO_DATABASE_URL)")
def test_serve_shrinks_the_pools_to_half_of_max_connections(db: Any) -> None:
    from django.db import connections

    from jiyao.cli.serve import _fit_pools

    pool = connections["default"].settings_dict["OPTIONS"]["pool"]
    saved = dict(pool)
    try:
        pool["max_size"] = 100000
        _fit_pools(4)
        with connections["default"].cursor() as cursor:
            cursor.execute("SHOW max_connections")
            limit = int(cursor.fetchone()[0])
        assert pool["max_size"] >= 1 and 4 * pool["max_size"] <= limit // 2
    finally:
        pool.clear()
        pool.update(saved)


@pytest.mark.slow
def test_the_server_and_the_importer_connect_with_wal_immediate_and_busy_timeout(
    tmp_path: Path,
) -> None:
    with fresh_env(tmp_path) as env:
        if "JIYAO_DATABASE_URL" in env:
            pytest.skip("SQLite only")
        code = (
            "import json\nfrom django.db import connection\n"
            "from jiyao.web.wsgi import application\n"  # what gunicorn's workers load
            "from jiyao.archive.importer import Importer\n"
            "with connection.cursor() as c:\n"
            "    c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]\n"
            "    c.execute('PRAGMA busy_timeout'); busy = c.fetchone()[0]\n"
            "print(json.dumps([mode, busy, connection.transaction_mode]))\n"
        )
        assert json.loads(python(env, code)) == ["wal", 20000, "IMMEDIATE"]


@pytest.mark.slow
def test_readers_never_fail_while_two_imports_write(tmp_path: Path) -> None:
    """Two `jiyao import` processes write at once (each waits for the other's lock); a
    reader counting meetings all the while never gets an error."""
    with fresh_env(tmp_path) as env:
        folders = []
        corpus = list(generate_corpus(300, seed=11))
        for k in range(2):
            folder = tmp_path / f"in{k}"
            folder.mkdir()
            for i, (text, _record) in enumerate(corpus[k::2]):
                (folder / f"{i}.txt").write_text(text, encoding="utf-8")
            folders.append(folder)
        python(env, "pass")  # migrate first, so the imports only write rows
        imports = [
            subprocess.Popen(
                [sys.executable, "-m", "jiyao", "import", str(f)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for f in folders
        ]
        counts = []
        errors = []
        while any(p.poll() is None for p in imports):
            try:
                counts.append(_count_meetings(env))
            except Exception as exc:
                errors.append(repr(exc))
        outputs = [p.communicate() for p in imports]
        assert [p.returncode for p in imports] == [0, 0], outputs
        assert errors == []
        assert _count_meetings(env) == 300
        assert counts == sorted(counts)  # readers see commits in order, never a rollback


def _count_meetings(env: dict[str, str]) -> int:
    url = env.get("JIYAO_DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM archive_meeting").fetchone()
            return int(row[0]) if row else 0
    db = sqlite3.connect(Path(env["JIYAO_DATA_DIR"]) / "jiyao.sqlite3", timeout=20)
    try:
        return int(db.execute("SELECT count(*) FROM archive_meeting").fetchone()[0])
    finally:
        db.close()
