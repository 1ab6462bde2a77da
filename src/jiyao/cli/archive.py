"""``jiyao import``, ``jiyao demo``: the archive from the command line.

``import`` reads and parses minutes files (files, directories walked for .txt/.docx/
.html/.htm/.pdf, ``-`` for stdin) and stores them through the archive's importer:
idempotent by content hash, one transaction per document, a progress bar on a
terminal, then a summary (imported, updated, unchanged, failed with reasons). Exit 1
when any input failed.

``demo`` makes a fresh SQLite data directory, migrates, imports the bundled example
plus generated minutes, creates the demo login, prints it and serves the site on
http://127.0.0.1:8000 through the production server (jiyao.cli.serve), with a task
worker (``jiyao worker``) beside it as a child process, stopped with it.

The database is configured by the environment (see jiyao.web.settings); ``--data-dir``
sets ``JIYAO_DATA_DIR`` before Django starts. Missing migrations are applied first.
Every run says where the archive is and whether it created the data directory
(:func:`open_archive`, jiyao.cli.location); ``import`` refuses a path inside the data
directory and skips it when walking a folder that contains it.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from jiyao.cli.paths import display_path, display_text, special_file

IMPORT_EXAMPLE = """示例：
  jiyao import minutes/                          导入 minutes/ 下的每个文件
  jiyao import a.docx b.pdf --government 象山县    纪要未写明政府时指定政府
  cat page.html | jiyao import - --visibility internal
  jiyao import minutes/ --data-dir /srv/jiyao/data   导入到指定的数据目录
"""
DEMO_EXAMPLE = """示例：
  jiyao demo                       在 ./data/demo 新建演示数据，在 8000 端口提供服务
  jiyao demo --docs 50 --no-serve  只准备一个小的演示数据库，不启动服务
"""
EXAMPLE_MINUTES = Path(__file__).resolve().parent.parent / "examples" / "xiangshan-2021-53.txt"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="解析纪要文件并存入档案库",
        description=(
            "解析纪要文件并存入档案库（见 JIYAO_DATA_DIR、JIYAO_DATABASE_URL）。每次运行"
            "先打印归档位置（数据目录和数据库）。同一文件导入两次只存一份；旧版解析器读过"
            "的文件就地更新。每个文件单独一个事务：失败的文件什么也不存。数据目录内的"
            "文件不会被导入。"
        ),
        epilog=IMPORT_EXAMPLE,
    )
    p.add_argument("paths", nargs="+", metavar="路径", help="文件、文件夹，或 - 表示标准输入")
    p.add_argument("--government", metavar="政府", help="这些纪要所属的政府（如象山县）")
    p.add_argument(
        "--visibility",
        choices=("public", "internal"),
        default=None,
        help=(
            "public：公开，任何人可读；internal：内部，仅本级政府工作人员可读。已导入过的"
            "文件也会改设（计为更新）。默认：新纪要公开，已存的不变"
        ),
    )
    p.add_argument(
        "--batch",
        metavar="批次",
        help=(
            "本批次名称：未写明政府的纪要存入占位政府“待定政府（批次）”，列入待复核"
            "（默认：所给的文件夹名，否则为日期和时间）"
        ),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="不像会议纪要的文字也导入（默认拒绝）",
    )
    p.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    p.set_defaults(func=run_import)

    d = sub.add_parser(
        "demo",
        help="用演示数据启动档案库：示例纪要和生成的纪要，附演示账号",
        description=(
            "用演示数据启动档案库：新建 SQLite 数据目录，导入自带的示例纪要和生成的纪要，"
            "打印演示账号，并在 http://127.0.0.1:端口 提供网站（生产服务器和一个后台任务"
            "进程）。"
        ),
        epilog=DEMO_EXAMPLE,
    )
    d.add_argument("--port", type=int, default=8000, metavar="端口", help="端口（默认 8000）")
    d.add_argument(
        "--data-dir", metavar="目录", default="data/demo", help="演示数据目录（默认 data/demo）"
    )
    d.add_argument(
        "--docs", type=int, default=300, metavar="份数", help="生成的纪要份数（默认 300）"
    )
    d.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
    d.set_defaults(func=run_demo)


# -- Django -------------------------------------------------------------------------------


def setup_django(data_dir: str | None = None) -> None:
    """Configure Django (settings from the environment); apply missing migrations."""
    if data_dir:
        os.environ["JIYAO_DATA_DIR"] = str(Path(data_dir).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyao.web.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    migrate_if_needed()


def open_archive(data_dir: str | None = None, *, file: Any = None) -> Path:
    """:func:`setup_django`, then one line saying where the archive is, and one more when
    this run created the data directory; the data directory (absolute)."""
    from django.apps import apps

    from jiyao.cli import location

    before = location.configured_data_dir() if apps.ready else location.data_dir(data_dir)
    existed = before.exists()
    setup_django(data_dir)
    where = location.configured_data_dir()
    out = file or sys.stdout
    print(location.location_line(), file=out, flush=True)
    if not existed and where == before and where.exists():
        print(location.created_line(where), file=out, flush=True)
    return where


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


# -- import -------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from django.apps import apps

    from jiyao.cli import location
    from jiyao.cli.parse import expand

    if args.paths.count("-") > 1:
        print("jiyao import: - （标准输入）只能给一次", file=sys.stderr)
        return 2
    # Refused before anything is created: the data directory is not a source of minutes.
    data_dir = location.configured_data_dir() if apps.ready else location.data_dir(args.data_dir)
    for raw in args.paths:
        if raw != "-" and location.inside(raw, data_dir):
            print(
                display_text(
                    f"jiyao import: {raw}: 位于数据目录 {data_dir} 之内，不能从数据目录导入"
                    "（数据目录存放数据库和密钥，不是纪要）"
                ),
                file=sys.stderr,
            )
            return 2
    data_dir = open_archive(args.data_dir)
    from jiyao.archive.importer import Input, default_workers
    from jiyao.archive.prepare import ImportFailure

    names = list(expand(args.paths, command="jiyao import", skip=data_dir))
    # A special file given by name is refused before the importer could open it (opening
    # a named pipe blocks until something writes to it).
    refused: list[tuple[str, str]] = []
    for name in names:
        kind = special_file(name) if name != "-" else None
        if kind is not None:
            refused.append((name, f"{kind}，不是普通文件；数据流请用 - 从标准输入读取"))
    names = [name for name in names if name not in {r[0] for r in refused}]
    # Large imports read and parse in worker processes.
    workers = default_workers() if len(names) >= 500 else 0
    try:
        importer = make_importer(args, workers)
    except ImportFailure as exc:
        print(f"jiyao import: {exc}", file=sys.stderr)
        return 2
    inputs = [Input(name=name) for name in names]
    bar = _progress(len(inputs), "导入")
    try:
        summary = importer.import_many(inputs, progress=bar)
    finally:
        importer.close()
        if bar is not None:
            bar.close()
    if refused:
        summary = dataclasses.replace(summary, failed=[*refused, *summary.failed])
    for name, reason in summary.failed:
        shown = "<stdin>" if name == "-" else name
        print(display_text(f"jiyao import: {shown}: {reason}"), file=sys.stderr)
    print(summary_line(summary))
    return 1 if summary.failed else 0


def make_importer(args: argparse.Namespace, workers: int) -> Any:
    from jiyao.archive.importer import Importer

    return Importer(
        government=args.government,
        visibility=args.visibility,
        workers=workers,
        batch=args.batch or batch_name(args.paths),
        force=args.force,
    )


def summary_line(summary: Any) -> str:
    from jiyao.archive.report import summary_text

    return summary_text(summary)


def batch_name(paths: list[str]) -> str | None:
    """The batch a command line imports: the one folder given (its name), else None."""
    folders = [p for p in paths if p != "-" and Path(p).is_dir()]
    if len(folders) == 1 and len(paths) == 1:
        return Path(folders[0]).resolve().name or None
    return None


def _progress(total: int, label: str) -> Any:
    if total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="份", file=sys.stderr, leave=False)


# -- demo and serve -------------------------------------------------------------------------


def run_demo(args: argparse.Namespace) -> int:
    if args.docs < 0:
        print("jiyao demo: --docs 不能小于 0", file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("jiyao.sqlite3", "jiyao.sqlite3-wal", "jiyao.sqlite3-shm"):
        (data_dir / name).unlink(missing_ok=True)  # a fresh archive every time
    import shutil

    shutil.rmtree(data_dir / "uploads", ignore_errors=True)  # the old archive's files
    os.environ.pop("JIYAO_DATABASE_URL", None)  # the demo is always its own SQLite file
    print(f"演示数据目录：{display_path(data_dir)}")
    open_archive(str(data_dir))
    summary = load_demo_data(args.docs)
    print(summary_line(summary))
    from jiyao.accounts.demo import ensure_demo_users
    from jiyao.directory.demo import seed_government
    from jiyao.followup.demo import seed as seed_followup
    from jiyao.topics.demo import seed as seed_topics

    government = seed_government()
    logins = ensure_demo_users(government)
    seed_topics(government, logins)
    seed_meetings_demo(government, logins)
    # Follow-up last: it builds on the imported and the signed minutes, and the users.
    seed_followup(government, logins)
    for label, username, password, description in logins:
        print(f"演示账号：{username}    密码：{password}    {label}：{description}")
    if args.no_serve:
        return 0
    from jiyao.cli.serve import serve
    from jiyao.cli.worker import start_child

    worker = start_child(str(data_dir))
    try:
        return serve("127.0.0.1", args.port)
    finally:
        worker.stop()


def seed_meetings_demo(government: Any = None, users: Any = None) -> int:
    """The meeting cycle's demo (jiyao.meetings.demo.seed): a signed and a prepared meeting
    of the government whose directory (members, portfolios) the demo filled; nothing
    when there is none. ``users``: role → user, or ensure_demo_users' rows."""
    from django.contrib.auth import get_user_model

    from jiyao.archive.models import Organization
    from jiyao.meetings.demo import seed

    if government is None:
        government = Organization.objects.filter(
            government=None, series__members__isnull=False
        ).first()
    if government is None:
        return 0
    if users is None:
        users = {
            "secretariat": get_user_model()
            .objects.filter(groups__name="secretariat", profile__organization=government)
            .first()
        }
    from django.conf import settings

    # The demo's notices and reminders go nowhere (the console backend would print them).
    backend, settings.EMAIL_BACKEND = (
        settings.EMAIL_BACKEND,
        "django.core.mail.backends.dummy.EmailBackend",
    )
    try:
        made = seed(government, users)
    finally:
        settings.EMAIL_BACKEND = backend
    if made:
        print(f"演示会议：{made} 次（一次纪要已签发并分送，一次正在筹备）")
    return made


def load_demo_data(docs: int, *, seed: int = 2021) -> Any:
    """Import the bundled example and ``docs`` generated minutes (every 5th internal)."""
    from jiyao.archive.importer import Importer, Input, Summary
    from jiyao.minutes.generate import generate_corpus

    public = Importer(visibility="public")
    internal = Importer(visibility="internal")
    inputs: list[Input] = [Input(name=str(EXAMPLE_MINUTES))]
    hidden: list[Input] = []
    for i, (text, _record) in enumerate(generate_corpus(docs, seed=seed)):
        item = Input(name=f"generated-{i + 1:04d}.txt", data=text.encode("utf-8"))
        (hidden if i % 5 == 4 else inputs).append(item)
    bar = _progress(len(inputs) + len(hidden), "导入演示数据")
    try:
        summary = public.import_many(inputs, progress=bar)
        more = internal.import_many(hidden, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    total = Summary(
        imported=summary.imported + more.imported,
        joined=summary.joined + more.joined,
        updated=summary.updated + more.updated,
        kept=summary.kept + more.kept,
        flagged=summary.flagged + more.flagged,
        unchanged=summary.unchanged + more.unchanged,
        failed=summary.failed + more.failed,
    )
    for name, reason in total.failed:
        print(display_text(f"jiyao demo: {name}: {reason}"), file=sys.stderr)
    return total
