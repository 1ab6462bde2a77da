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
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from jiyao.cli.paths import display_path, display_text, special_file

IMPORT_EXAMPLE = """examples:
  jiyao import minutes/                          every file under minutes/
  jiyao import a.docx b.pdf --government 象山县    minutes that do not name their government
  cat page.html | jiyao import - --visibility internal
"""
DEMO_EXAMPLE = """examples:
  jiyao demo                       fresh demo data in ./data/demo, served on :8000
  jiyao demo --docs 50 --no-serve  prepare a small demo database and stop
"""
EXAMPLE_MINUTES = Path(__file__).resolve().parent.parent / "examples" / "xiangshan-2021-53.txt"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="parse minutes files and store them in the archive",
        description=(
            "Parse minutes files and store them in the archive database (see "
            "JIYAO_DATA_DIR / JIYAO_DATABASE_URL). The same file twice is stored once; a "
            "file read by an older parser version is updated in place. Each file is stored "
            "in its own transaction: a failure stores nothing of that file."
        ),
        epilog=IMPORT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument(
        "--government", metavar="NAME", help="the government whose minutes these are (象山县)"
    )
    p.add_argument(
        "--visibility",
        choices=("public", "internal"),
        default=None,
        help=(
            "public: anyone may read them; internal: the government's staff only. Also set "
            "on files imported before (reported as updated). Default: new minutes public, "
            "stored ones unchanged"
        ),
    )
    p.add_argument(
        "--batch",
        metavar="NAME",
        help=(
            "name of this batch: minutes that name no government are stored under the "
            "placeholder government 待定政府（NAME） and listed for review (default: the "
            "folder given, else the date and time)"
        ),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="import texts that do not read as minutes too (refused by default)",
    )
    p.add_argument("--data-dir", metavar="DIR", help="data directory (default $JIYAO_DATA_DIR)")
    p.set_defaults(func=run_import)

    d = sub.add_parser(
        "demo",
        help="serve a demo archive: example plus generated minutes, a demo login",
        description=(
            "Start the archive with demo data: a fresh SQLite data directory, the bundled "
            "example minutes plus generated ones imported, a demo login printed, and the "
            "site served on http://127.0.0.1:PORT (production server and a task worker)."
        ),
        epilog=DEMO_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    d.add_argument(
        "--data-dir", metavar="DIR", default="data/demo", help="demo data (default data/demo)"
    )
    d.add_argument("--docs", type=int, default=300, help="generated minutes (default 300)")
    d.add_argument("--no-serve", action="store_true", help="prepare the data, do not serve")
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


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


# -- import -------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from jiyao.cli.parse import expand

    setup_django(args.data_dir)
    from jiyao.archive.importer import Input, default_workers
    from jiyao.archive.prepare import ImportFailure

    names = list(expand(args.paths, command="jiyao import"))
    if names.count("-") > 1:
        print("jiyao import: - (stdin) may be given once", file=sys.stderr)
        return 2
    # A special file given by name is refused before the importer could open it (opening
    # a named pipe blocks until something writes to it).
    refused: list[tuple[str, str]] = []
    for name in names:
        kind = special_file(name) if name != "-" else None
        if kind is not None:
            refused.append((name, f"{kind}, not a regular file; for a stream use -"))
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
        print("jiyao demo: --docs must be 0 or more", file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("jiyao.sqlite3", "jiyao.sqlite3-wal", "jiyao.sqlite3-shm"):
        (data_dir / name).unlink(missing_ok=True)  # a fresh archive every time
    import shutil

    shutil.rmtree(data_dir / "uploads", ignore_errors=True)  # the old archive's files
    os.environ.pop("JIYAO_DATABASE_URL", None)  # the demo is always its own SQLite file
    print(f"演示数据目录：{display_path(data_dir)}")
    setup_django(str(data_dir))
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
