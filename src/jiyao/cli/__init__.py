"""The ``jiyao`` command line.

Each subcommand lives in its own module of this package, which exposes
``register(subparsers)``; that function adds the subparser and sets ``func`` to a
callable ``(args) -> int`` (the exit status). Exit codes across all commands:
0 success, 1 some input failed (each failure reported on stderr), 2 usage error.
Every ``--help`` ends with an example (a test checks it).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from jiyao import __version__

#: Subcommand modules, in the order ``jiyao --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "parse",
    "render",
    "archive",
    "serve",
    "worker",
    "backup",
    "tasks",
    "score",
)


class Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and a one-line message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> Parser:
    parser = Parser(
        prog="jiyao",
        description="jiyao (纪要): executive-meeting minutes — parse, archive, render.",
        epilog="example: jiyao parse minutes.txt --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jiyao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
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
        print("jiyao: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `jiyao parse … | head` closed the pipe: not an error of ours.
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":
    raise SystemExit(main())
