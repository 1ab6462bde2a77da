"""``jiyao backup [PATH]`` and ``jiyao restore PATH``: the whole database to a file and back.

SQLite: SQLite's online backup API (a consistent copy while the site runs and imports
write). PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists
--single-transaction`` (Debian package postgresql-client; the major version should be
the server's or newer). The backup file is written to a temporary name, made mode 0600
(it holds internal minutes and password hashes) and renamed into place.

``restore`` refuses a database that already holds meetings or user accounts unless
``--force`` is given; stop the server and the worker before restoring.
Without PATH, ``backup`` writes ``$JIYAO_DATA_DIR/backups/jiyao-YYYYMMDD-HHMMSS.sqlite3``
(``.pgdump`` for PostgreSQL).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

BACKUP_EXAMPLE = """示例：
  jiyao backup                          备份到 data/backups/jiyao-日期-时间.sqlite3
  jiyao backup /srv/backups/jiyao.pgdump
"""
RESTORE_EXAMPLE = """示例：
  jiyao restore data/backups/jiyao-20261206-120000.sqlite3
  jiyao restore /srv/backups/jiyao.pgdump --force   覆盖数据库中现有的数据
"""
#: Tables whose rows mean the database holds someone's data (restore asks for --force).
DATA_TABLES = ("archive_meeting", "auth_user")


class BackupError(Exception):
    """A backup or restore that cannot be done (the message says why, in Chinese)."""


def register(sub: Any) -> None:
    b = sub.add_parser(
        "backup",
        help="把整个数据库备份到一个文件",
        description=(
            "把整个数据库（SQLite 或 PostgreSQL）备份到指定文件，文件权限 0600。"
            "不给路径时写入数据目录下的 backups/。"
        ),
        epilog=BACKUP_EXAMPLE,
    )
    b.add_argument("path", nargs="?", metavar="路径", help="要写入的备份文件")
    b.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    b.set_defaults(func=run_backup)
    r = sub.add_parser(
        "restore",
        help="用备份替换数据库",
        description=(
            "把 jiyao backup 写出的备份载入数据库。数据库中已有会议或用户时，不加 "
            "--force 就拒绝。恢复前请先停止网站和后台任务进程。"
        ),
        epilog=RESTORE_EXAMPLE,
    )
    r.add_argument("path", metavar="路径", help="jiyao backup 写出的备份文件")
    r.add_argument("--force", action="store_true", help="数据库中已有数据也覆盖")
    r.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    r.set_defaults(func=run_restore)


def _settings() -> dict[str, Any]:
    from django.db import connections

    return dict(connections["default"].settings_dict)


def run_backup(args: argparse.Namespace) -> int:
    from jiyao.cli.archive import open_archive

    open_archive(args.data_dir)
    db = _settings()
    postgres = "postgresql" in db["ENGINE"]
    if args.path:
        target = Path(args.path)
    else:
        from django.conf import settings

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = ".pgdump" if postgres else ".sqlite3"
        target = Path(settings.JIYAO_DATA_DIR) / "backups" / f"jiyao-{stamp}{suffix}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        (backup_postgres if postgres else backup_sqlite)(db, target)
    except (BackupError, OSError) as exc:
        print(f"jiyao backup: {_message(exc)}", file=sys.stderr)
        return 1
    print(f"已备份到 {target}（{target.stat().st_size / 1e6:.1f} MB）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from jiyao.cli.archive import open_archive

    source = Path(args.path)
    if not source.is_file():
        print(f"jiyao restore: {source}: 找不到该备份文件", file=sys.stderr)
        return 1
    open_archive(args.data_dir)
    db = _settings()
    try:
        held = rows_held()
        if held and not args.force:
            raise BackupError(f"数据库中已有数据（{held}），恢复会覆盖它们；确认无误请加 --force")
        from django.db import connections

        connections.close_all()
        if "postgresql" in db["ENGINE"]:
            restore_postgres(db, source)
        else:
            restore_sqlite(db, source)
        _renew_page_epoch()
    except (BackupError, OSError) as exc:
        print(f"jiyao restore: {_message(exc)}", file=sys.stderr)
        return 1
    print(f"已从 {source} 恢复数据库")
    return 0


def _renew_page_epoch() -> None:
    """Pages cached by a running server were filed under the archive's state before the
    restore; the restored counter starts again lower, so it gets a new epoch."""
    from django.db import DatabaseError

    from jiyao.archive.pagecache import renew_epoch

    # A backup from before the counter existed has nothing to renew (nothing was cached).
    with contextlib.suppress(DatabaseError):
        renew_epoch()


def _message(exc: BaseException) -> str:
    """A BackupError's message, or an operating-system error with its file, in Chinese."""
    if isinstance(exc, BackupError):
        return str(exc)
    from jiyao.minutes.errors import os_reason

    name = getattr(exc, "filename", None)
    return f"{name}: {os_reason(exc)}" if name else os_reason(exc)


def rows_held() -> str:
    """'' for a database without meetings or users, else what it holds (for the message)."""
    from django.db import connection

    found = []
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                n = cursor.fetchone()[0]
                if n:
                    found.append(f"{table} {n} 行")
    return "，".join(found)


def _private_temp(target: Path) -> Path:
    import tempfile

    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")  # 0600
    os.close(fd)
    return Path(name)


# -- SQLite -------------------------------------------------------------------------------


def backup_sqlite(db: dict[str, Any], target: Path) -> None:
    import sqlite3

    tmp = _private_temp(target)
    try:
        source = sqlite3.connect(db["NAME"])
        copy = sqlite3.connect(tmp)
        try:
            source.backup(copy)  # consistent even while another process writes
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
            source.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise BackupError(f"无法备份 SQLite 数据库 {db['NAME']}：{exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def restore_sqlite(db: dict[str, Any], source: Path) -> None:
    import sqlite3

    try:
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        backup.execute("SELECT count(*) FROM sqlite_master").fetchone()
        live = sqlite3.connect(db["NAME"], timeout=20)
        try:
            backup.backup(live)  # page by page under the database's own locks
        finally:
            live.close()
            backup.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} 不是可用的 SQLite 备份：{exc}") from exc


# -- PostgreSQL ---------------------------------------------------------------------------


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line (ps shows it)
    return args, env


def _pg_tool(name: str) -> str:
    import shutil

    path = shutil.which(name)
    if path is None:
        raise BackupError(f"找不到 {name}：请安装 postgresql-client（Debian 软件包）")
    return path


def backup_postgres(db: dict[str, Any], target: Path) -> None:
    import subprocess

    args, env = _pg_env(db)
    tmp = _private_temp(target)
    try:
        command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(tmp)]
        done = subprocess.run(command + args, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(f"pg_dump 失败：{done.stderr.strip()}")
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def restore_postgres(db: dict[str, Any], source: Path) -> None:
    import subprocess

    args, env = _pg_env(db)
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",  # all or nothing
        "--exit-on-error",
        str(source),
    ]
    done = subprocess.run(command + args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_restore 失败（数据库未改动）：{done.stderr.strip()}")
