"""``jiyao parse``: minutes files → records (docs/record.md), as JSON, JSON lines or a summary.

Inputs are files, directories (walked for .txt/.docx/.html/.htm/.pdf, sorted) and ``-`` for
standard input. Each input is read and parsed on its own: a failure prints one line on
stderr naming the file and the reason, and the others are still processed. Exit status
0 when every input parsed, 1 when any failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from jiyao.cli.paths import display_path, display_text, special_file

if TYPE_CHECKING:
    from jiyao.minutes.read import Source
    from jiyao.minutes.record import Record

#: The file kinds ``jiyao parse`` picks up when it walks a directory.
SUFFIXES: frozenset[str] = frozenset({".txt", ".docx", ".html", ".htm", ".pdf"})

EXAMPLE = """示例：
  jiyao parse minutes.txt                   打印易读的摘要
  jiyao parse minutes.docx --json           以 JSON 打印纪要记录
  jiyao parse archive/ --jsonl > all.jsonl  archive/ 下的每个文件，每行一条记录
  cat page.html | jiyao parse - --json --spans
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "parse",
        help="解析纪要文件，得到纪要记录",
        description=(
            "解析会议纪要和会议报道（.txt 常见编码均可，.docx，.html，有文字层的 .pdf），"
            "得到 docs/record.md 所述的纪要记录。加 --json 时，一个文件打印一个对象，"
            "多个文件打印一个 JSON 数组。"
        ),
        epilog=EXAMPLE,
    )
    p.add_argument("paths", nargs="+", metavar="文件", help="文件、文件夹，或 - 表示标准输入")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="以 JSON 打印纪要记录")
    fmt.add_argument("--jsonl", action="store_true", help="每行打印一条 JSON 记录")
    p.add_argument(
        "--spans",
        action="store_true",
        help="附上每个值在原文中的位置（spans）及其所指的规范化全文",
    )
    p.set_defaults(func=run)


def expand(
    paths: Iterable[str], *, command: str = "jiyao parse", skip: Path | None = None
) -> Iterator[str]:
    """Inputs in order: files as given, directories walked (sorted, hidden entries skipped).

    A special file met in a directory (named pipe, socket, device: reading it could block
    forever) is skipped with a note on stderr; one given by name is passed on, for the
    reader to refuse with a clear error. ``skip``: a directory never walked into (the
    data directory, for ``jiyao import``), with a note on stderr.
    """
    for raw in paths:
        if raw != "-" and os.path.isdir(raw):
            found: list[str] = []
            for root, dirs, files in os.walk(raw):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                if skip is not None:
                    dirs[:] = [
                        d for d in dirs if not _skipped(os.path.join(root, d), skip, command)
                    ]
                found.extend(
                    os.path.join(root, f)
                    for f in files
                    if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES
                )
            for path in sorted(found):
                kind = special_file(path)
                if kind is None:
                    yield path
                else:
                    print(
                        f"{command}: {display_path(path)}: {kind}，不是普通文件，已跳过",
                        file=sys.stderr,
                    )
        else:
            yield raw


def _skipped(path: str, skip: Path, command: str) -> bool:
    if os.path.realpath(path) != str(skip):
        return False
    print(f"{command}: 已跳过数据目录 {display_path(path)}", file=sys.stderr)
    return True


@dataclass(frozen=True)
class Parsed:
    """One input read and parsed: the source (for its name, kind and text) and its record."""

    source: Source
    record: Record


def parse_one(path: str, *, stdin: TextIO | None = None) -> Parsed:
    """Read and parse one input; raises MinutesError (or a bug) on failure."""
    from jiyao.minutes.parse import parse
    from jiyao.minutes.read import MAX_BYTES, read_bytes, read_path

    if path == "-":
        stream = stdin if stdin is not None else sys.stdin
        # One byte past the limit is enough for read_bytes to refuse an oversized input,
        # without holding all of it in memory.
        source = read_bytes(stream.buffer.read(MAX_BYTES + 1), name="-")
    else:
        source = read_path(path)
    return Parsed(source, parse(source.text, name=path))


def _record_json(result: Parsed, *, spans: bool) -> dict[str, Any]:
    source = result.source
    data: dict[str, Any] = result.record.to_json(spans=spans)
    data["source"] = {"name": source.name, "kind": source.kind, "encoding": source.encoding}
    if spans:
        data["text"] = source.text
    return data


def _summary(result: Parsed) -> str:
    record = result.record
    m = record.meeting
    lines = [f"== {display_path(result.source.name)}", f"标题: {record.title or '—'}"]
    if record.issuer or record.issued_on:
        lines.append(f"发文: {record.issuer or '—'} {record.issued_on or ''}".rstrip())
    lines.append(
        "会议: "
        + " ".join(
            str(v)
            for v in (
                m.body,
                m.kind,
                f"第{m.session}次" if m.session else None,
                m.date,
                m.time_of_day,
                f"主持 {m.chair}" if m.chair else None,
            )
            if v
        )
    )
    for item in record.items:
        extra = "；".join(
            part
            for part in (
                "、".join(item.submitters),
                "、".join(f"《{d}》" for d in item.documents),
                item.decision or "",
            )
            if part
        )
        lines.append(f"  {item.number}. [{item.action}] {extra}".rstrip())
    a = record.attendance
    lines.append(
        f"出席 {len(a.present)} · 请假 {len(a.absent)} · 应邀 {len(a.invited)} · "
        f"列席 {len(a.observers)} · 分送 {len(record.distribution)}"
    )
    lines.extend(f"  ! {w}" for w in record.warnings)
    return "\n".join(lines)


def _failure_line(path: str, exc: BaseException) -> str:
    """One line naming the input and the reason, escaped for the terminal."""
    return display_text(_failure(path, exc))


def _failure(path: str, exc: BaseException) -> str:
    from jiyao.minutes.errors import MinutesError

    name = "<stdin>" if path == "-" else path
    if isinstance(exc, MinutesError):
        message = str(exc)
        return message if message.startswith((name, path)) else f"{name}: {message}"
    if isinstance(exc, MemoryError):
        return f"{name}: 读取时内存不足"
    # A bug in jiyao, not in the input: still one line, and say so.
    return f"{name}: 程序内部错误（{type(exc).__name__}: {exc}），请报告此问题"


def run(args: argparse.Namespace) -> int:
    inputs = list(expand(args.paths))
    if not inputs:
        print("jiyao parse: 所给文件夹中没有纪要文件", file=sys.stderr)
        return 1
    progress = None
    if len(inputs) > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(inputs), desc="解析", unit="份", file=sys.stderr, leave=False)
    single = len(inputs) == 1 and args.paths == inputs
    collected: list[dict[str, Any]] = []
    failed = 0
    out = sys.stdout
    for path in inputs:
        try:
            result = parse_one(path)
        except Exception as exc:
            failed += 1
            line = _failure_line(path, exc)
            if progress is not None:
                progress.write(line, file=sys.stderr)
            else:
                print(line, file=sys.stderr)
        else:
            if args.jsonl:
                out.write(json.dumps(_record_json(result, spans=args.spans), ensure_ascii=False))
                out.write("\n")
            elif args.json:
                collected.append(_record_json(result, spans=args.spans))
            else:
                out.write(_summary(result) + "\n")
        if progress is not None:
            progress.update()
    if progress is not None:
        progress.close()
    if args.json and collected:
        payload: Any = collected[0] if single else collected
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    out.flush()
    return 1 if failed else 0
