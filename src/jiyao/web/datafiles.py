"""The data directory and the private files in it: only the user running jiyao reads them.

The secret key, the SQLite database with its -wal and -shm files, the demo password and
backups hold everything an attacker on the same machine would want; they are created
0600 in a 0700 data directory, and tightened when an older version left them readable.
Files written for the user to share (rendered documents) keep the usual umask: nothing
here changes the process's umask.

Plain Python (no Django import), called from the settings before Django starts.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
#: What SQLite writes beside a database (the write-ahead log, its index, the rollback journal).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; make it 0700 when it is ours."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    _tighten(path, DIR_MODE)
    return path


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` when it is wider and owned by this user (never fails)."""
    with contextlib.suppress(OSError):
        info = path.stat()
        if info.st_uid == os.getuid() and info.st_mode & 0o777 & ~mode:
            path.chmod(mode)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by this user only: the file is
    created 0600 (never readable by others, not even for a moment) and renamed over."""
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def private_sqlite(path: Path) -> None:
    """Prepare a SQLite database file: its directory 0700, the file created empty with
    0600 before SQLite opens it (SQLite gives its -wal and -shm files the database's
    mode), and an existing database and companions tightened to 0600."""
    private_dir(path.parent)
    with contextlib.suppress(OSError):  # exists already, or a read-only place (SQLite says)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    secure_sqlite_files(path)


def secure_sqlite_files(path: Path) -> None:
    """chmod the database and the companion files that exist to 0600."""
    for name in (str(path), *(str(path) + suffix for suffix in SQLITE_COMPANIONS)):
        _tighten(Path(name), FILE_MODE)


def on_connection_created(sender: object, connection: object, **kwargs: object) -> None:
    """Django's connection_created: keep a SQLite database's files 0600 (a database
    replaced from outside, or -wal/-shm files left by an older version)."""
    if getattr(connection, "vendor", None) != "sqlite":
        return
    name = str(getattr(connection, "settings_dict", {}).get("NAME") or "")
    if name and name != ":memory:" and not name.startswith("file:"):
        secure_sqlite_files(Path(name))
