"""``jiyao worker``: run background tasks (Django's tasks API, database backend).

Tasks are rows of the database the site uses (django-tasks-db); the worker takes the
next ready one, runs it and stores its result or error. Several workers may run at once
(each claims a task under a lock). SIGTERM/SIGINT: the running task is finished first
(a second signal stops at once). The tasks themselves are in jiyao.archive.tasks.

The task library logs in English; :class:`ChineseLog` rewrites its lines (the command
line speaks one language). ``start_child`` starts a worker as a child process of ``jiyao demo``, stopped with it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import subprocess

WORKER_EXAMPLE = """示例：
  jiyao worker                     任务一到就执行（Ctrl-C 在当前任务完成后停止）
  jiyao worker --batch             执行所有等待中的任务，然后退出
  jiyao worker --queues render     只执行 render 队列
  jiyao worker --queues render --nice 19   以最低优先级排版，网页请求优先使用 CPU
"""


def register(sub: Any) -> None:
    w = sub.add_parser(
        "worker",
        help="执行后台任务（批量导入、文件排版）",
        description=(
            "执行数据库中等待的后台任务（大批文件的导入、成批文件的排版）：按顺序一次"
            "执行一个已就绪的任务。"
        ),
        epilog=WORKER_EXAMPLE,
    )
    w.add_argument(
        "--queues", default="*", metavar="队列", help="队列名，以逗号分隔（默认 *：所有队列）"
    )
    w.add_argument("--batch", action="store_true", help="执行完等待中的任务后退出")
    w.add_argument(
        "--interval", type=float, default=1.0, metavar="秒", help="空闲时查询的间隔秒数（默认 1）"
    )
    w.add_argument("--max-tasks", type=int, metavar="个数", help="执行这么多个任务后退出")
    w.add_argument(
        "--nice",
        type=int,
        default=0,
        metavar="N",
        help="降低本进程（及其排版子进程）的 CPU 优先级（0–19，默认 0），让网页请求优先",
    )
    w.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    w.set_defaults(func=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    from jiyao.cli.archive import open_archive

    if args.interval < 0 or (args.max_tasks is not None and args.max_tasks < 1):
        print("jiyao worker: --interval 不能小于 0，--max-tasks 不能小于 1", file=sys.stderr)
        return 2
    if not 0 <= args.nice <= 19:
        print("jiyao worker: --nice 应在 0 到 19 之间", file=sys.stderr)
        return 2
    if args.nice:
        # Background work yields the CPU to the web server; render children inherit it.
        os.nice(args.nice)
    open_archive(args.data_dir)
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
    chinese = ChineseLog()
    for name in ChineseLog.LOGGERS:
        logging.getLogger(name).addFilter(chinese)
    try:
        call_command("db_worker", **options)
    except SystemExit as exc:  # the worker exits this way on SIGTERM/SIGINT
        return int(exc.code or 0)
    return 0


class ChineseLog(logging.Filter):
    """The task worker's log lines (django-tasks, django-tasks-db) in Chinese."""

    LOGGERS = ("django_tasks", "django_tasks_db")
    MESSAGES: ClassVar[dict[str, str]] = {
        "Starting worker worker_id=%s queues=%s": "后台任务进程已启动（worker_id=%s，队列：%s）",
        "No more tasks to run for worker_id=%s - exiting gracefully.": (
            "没有等待的任务了，退出（worker_id=%s）"
        ),
        "Run maximum tasks (%d) on worker=%s - exiting gracefully.": (
            "已执行 %d 个任务，达到上限，退出（worker_id=%s）"
        ),
        "Received %s - shutting down gracefully... (press Ctrl+C again to force)": (
            "收到信号 %s，当前任务完成后停止（再按一次 Ctrl+C 立即停止）"
        ),
        "Received %s - terminating current task.": "收到信号 %s，中止当前任务",
        "Task id=%s path=%s state=%s": "任务 id=%s path=%s：%s",
        "Task id=%s failed unexpectedly": "任务 id=%s 意外失败",
    }
    STATES: ClassVar[dict[str, str]] = {
        "READY": "就绪",
        "RUNNING": "开始执行",
        "FAILED": "失败",
        "SUCCESSFUL": "完成",
    }

    def filter(self, record: logging.LogRecord) -> bool:
        chinese = self.MESSAGES.get(str(record.msg))
        if chinese is not None:
            record.msg = chinese
            if isinstance(record.args, tuple):
                record.args = tuple(self.STATES.get(str(a), a) for a in record.args)
        return True


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
