"""`jiyao backup` / `jiyao restore`: a round trip gives back every table, row for row, on the
suite's database engine (SQLite, or PostgreSQL when JIYAO_DATABASE_URL says so)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fresh_db import EXAMPLE, fresh_env, jiyao, python, table_digests

from jiyao.minutes.generate import generate_corpus

pytestmark = pytest.mark.slow


def _minutes(folder: Path, n: int, seed: int) -> Path:
    folder.mkdir(parents=True)
    for i, (text, _record) in enumerate(generate_corpus(n, seed=seed)):
        (folder / f"m{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _restored(after: dict[str, tuple[int, str]], before: dict[str, tuple[int, str]]) -> bool:
    """Every table as it was, but the archive's change counter: a restore renews its epoch
    (servers must not serve pages kept from before), so that one row differs by design."""
    after, before = dict(after), dict(before)
    renewed = after.pop("archive_generation") != before.pop("archive_generation")
    return renewed and after == before


def test_backup_and_restore_give_back_every_table(tmp_path: Path) -> None:
    with fresh_env(tmp_path) as env:
        assert (
            jiyao(env, "import", str(EXAMPLE), str(_minutes(tmp_path / "a", 5, 1))).returncode == 0
        )
        python(
            env,
            "from django.contrib.auth.models import User\n"
            "User.objects.create_user('archivist', password='pw-archivist-1')\n",
        )
        before = table_digests(env)
        assert before["archive_meeting"][0] == 6 and before["auth_user"][0] == 1

        target = tmp_path / "backups" / "jiyao.backup"
        done = jiyao(env, "backup", str(target))
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert not [p for p in target.parent.iterdir() if p != target]  # no temporary left

        # Changes after the backup: more meetings, one user fewer.
        assert jiyao(env, "import", str(_minutes(tmp_path / "b", 3, 2))).returncode == 0
        python(env, "from django.contrib.auth.models import User\nUser.objects.all().delete()\n")
        assert table_digests(env) != before

        refused = jiyao(env, "restore", str(target))
        assert refused.returncode == 1
        assert "--force" in refused.stderr and "archive_meeting 9 行" in refused.stderr
        done = jiyao(env, "restore", str(target), "--force")
        assert done.returncode == 0, done.stderr
        assert _restored(table_digests(env), before)


def test_restore_into_an_empty_database_needs_no_force(tmp_path: Path) -> None:
    with fresh_env(tmp_path / "one") as env:
        assert jiyao(env, "import", str(EXAMPLE)).returncode == 0
        target = tmp_path / "one.backup"
        assert jiyao(env, "backup", str(target)).returncode == 0
        before = table_digests(env)
    with fresh_env(tmp_path / "two") as env:
        done = jiyao(env, "restore", str(target))
        assert done.returncode == 0, done.stderr
        assert _restored(table_digests(env), before)


def test_backup_without_a_path_goes_to_the_data_directory(tmp_path: Path) -> None:
    with fresh_env(tmp_path) as env:
        done = jiyao(env, "backup")
        assert done.returncode == 0, done.stderr
        (made,) = (Path(env["JIYAO_DATA_DIR"]) / "backups").iterdir()
        assert made.name.startswith("jiyao-") and stat.S_IMODE(made.stat().st_mode) == 0o600


def test_restore_of_a_missing_or_broken_file_says_so(tmp_path: Path) -> None:
    with fresh_env(tmp_path) as env:
        done = jiyao(env, "restore", str(tmp_path / "nothing.backup"))
        assert done.returncode == 1 and "找不到该备份文件" in done.stderr
        broken = tmp_path / "broken.backup"
        broken.write_bytes(b"not a backup at all" * 100)
        done = jiyao(env, "restore", str(broken))
        assert done.returncode == 1 and "Traceback" not in done.stderr
