"""``jiyao worker``: run background tasks (Django's tasks API, database backend).

Tasks are rows of the database the site uses (django-tasks-db); the worker takes the
next ready one, runs it and stores its result or error. Several workers may run at once
(each claims a task under a lock). SIGTERM/SIGINT: the running task is finished first
(a second signal stops at once). The tasks themselves are in jiyao.archive.tasks.

``start_child`` starts a worker as a child process of ``jiyao demo``, stopped with it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

WORKER_EXAMPLE = """examples:
  jiyao worker                     run tasks as they come (Ctrl-C stops after the current one)
  jiyao worker --batch             run every waiting task, then exit
  jiyao worker --queues render     only the render queue
"""


def register(sub: Any) -> None:
    w = sub.add_parser(
        "worker",
        help="run background tasks (imports, document rendering)",
        description=(
            "Run the background tasks waiting in the database (imports of many files, "
            "batches of documents to render): the next ready task, one at a time."
        ),
        epilog=WORKER_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    w.add_argument(
        "--queues", default="*", help="comma-separated queue names (default *: every queue)"
    )
    w.add_argument("--batch", action="store_true", help="run the waiting tasks, then exit")
    w.add_argument(
        "--interval", type=float, default=1.0, help="seconds between polls when idle (default 1)"
    )
    w.add_argument("--max-tasks", type=int, help="exit after this many tasks")
    w.add_argument("--data-dir", metavar="DIR", help="data directory (default $JIYAO_DATA_DIR)")
    w.set_defaults(func=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    from jiyao.cli.archive import setup_django

    if args.interval < 0 or (args.max_tasks is not None and args.max_tasks < 1):
        print("jiyao worker: --interval must be ≥ 0 and --max-tasks ≥ 1", file=sys.stderr)
        return 2
    setup_django(args.data_dir)
    from django.core.management import call_command

    options: dict[str, Any] = {
        "queue_name": args.queues,
        "interval": args.interval,
        "batch": args.batch,
        "reload": False,
        "startup_delay": False,
        "verbosity": 1,
    }
    if args.max_tasks is not None:
        options["max_tasks"] = args.max_tasks
    try:
        call_command("db_worker", **options)
    except SystemExit as exc:  # the worker exits this way on SIGTERM/SIGINT
        return int(exc.code or 0)
    return 0


class Child:
    """A ``jiyao worker`` child process; ``stop()`` ends it (SIGTERM, then SIGKILL)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def stop(self, timeout: float = 10.0) -> None:
        import subprocess

        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        except ChildProcessError:  # already reaped by gunicorn's arbiter
            pass


def start_child(data_dir: str | None = None) -> Child:
    """Start ``jiyao worker`` beside the server; it dies with this process (Linux)."""
    import subprocess

    command = [sys.executable, "-m", "jiyao", "worker"]
    if data_dir:
        command += ["--data-dir", data_dir]
    return Child(subprocess.Popen(command, env=dict(os.environ), preexec_fn=_die_with_parent))


def _die_with_parent() -> None:
    """In the child: be sent SIGTERM when the parent dies, even by SIGKILL (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
