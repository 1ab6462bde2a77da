"""Where the archive is: the data directory and the database, told on every run.

``jiyao import`` without ``--data-dir`` or ``JIYAO_DATA_DIR`` uses ``./data``, created
on first use; run from another folder it makes another, empty archive. So the commands
that use the archive print one line naming it (:func:`location_line`) and say when this
run created the data directory (:func:`created_line`).

The data directory holds the secret key, the database and uploaded files, never minutes
to import: ``jiyao import`` refuses a path inside it (:func:`inside`) and skips it when
walking a folder that contains it (jiyao.cli.parse.expand).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jiyao.cli.paths import display_path


def data_dir(option: str | None = None) -> Path:
    """The data directory a run uses: ``--data-dir``, else ``$JIYAO_DATA_DIR``, else
    ``./data`` (as jiyao.web.settings resolves it), absolute."""
    chosen = option or os.environ.get("JIYAO_DATA_DIR") or "data"
    return Path(os.path.realpath(chosen))


def configured_data_dir() -> Path:
    """The data directory Django was configured with (after setup)."""
    from django.conf import settings

    return Path(os.path.realpath(settings.JIYAO_DATA_DIR))


def database_text(db: dict[str, Any]) -> str:
    """The database without its password: ``SQLite：/abs/jiyao.sqlite3`` or
    ``PostgreSQL：user@host:port/name``."""
    engine = str(db.get("ENGINE", ""))
    if "sqlite" in engine:
        name = str(db.get("NAME", ""))
        shown = name if name == ":memory:" or name.startswith("file:") else os.path.abspath(name)
        return f"SQLite：{display_path(shown)}"
    kind = "PostgreSQL" if "postgresql" in engine else engine.rsplit(".", 1)[-1]
    host = str(db.get("HOST") or "localhost")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    user = f"{db['USER']}@" if db.get("USER") else ""
    return display_path(f"{kind}：{user}{host}{port}/{db.get('NAME', '')}")


def location_line() -> str:
    """归档位置：/abs/data（SQLite：/abs/data/jiyao.sqlite3）; Django must be set up."""
    from django.db import connections

    db = connections["default"].settings_dict
    return f"归档位置：{display_path(configured_data_dir())}（{database_text(db)}）"


def created_line(path: Path) -> str:
    return f"新建数据目录：{display_path(path)}"


def inside(path: str, directory: Path) -> bool:
    """Whether ``path`` is ``directory`` or lies within it (symbolic links resolved)."""
    real = Path(os.path.realpath(path))
    return real == directory or directory in real.parents
