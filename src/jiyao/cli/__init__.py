"""The ``jiyao`` command line.

Each subcommand lives in its own module of this package, which exposes
``register(subparsers)``; that function adds the subparser and sets ``func`` to a
callable ``(args) -> int`` (the exit status). Exit codes across all commands:
0 success, 1 some input failed (each failure reported on stderr), 2 usage error.
Every ``--help`` ends with an example (示例, a test checks it); every message is in
Simplified Chinese, argparse's own included (jiyao.cli.zh).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from jiyao import __version__
from jiyao.cli.zh import Parser

#: Subcommand modules, in the order ``jiyao --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "parse",
    "render",
    "score",
    "tasks",
    "archive",
    "serve",
    "worker",
    "prerender",
    "backup",
    "user",
    "remind",
)


def build_parser() -> Parser:
    parser = Parser(
        prog="jiyao",
        description="jiyao（纪要）：政府常务会议纪要的解析、归档、排版与督办。",
        epilog="示例：\n  jiyao parse minutes.txt --json\n  jiyao import minutes/\n",
    )
    parser.add_argument(
        "--version", action="version", version=f"jiyao {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"jiyao.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = args.func(args)
    except KeyboardInterrupt:
        print("jiyao: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `jiyao parse … | head` closed the pipe: not an error of ours.
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":
    raise SystemExit(main())
