"""``jiyao render``: a record (JSON) or any minutes file → the official 纪要 as docx/pdf/html/txt.

A ``.json`` input is a record in the shape of docs/record.md (what ``jiyao parse --json``
prints); any other input is read and parsed first, so imported minutes can be re-typeset.
The output goes to ``-o OUT`` (``-`` for standard output), or beside the input named by
government, date and sitting (象山县人民政府-2021-06-08-第53次常务会议纪要.pdf,
:func:`jiyao.minutes.compose.document_name`). It is written to a temporary file and renamed, never left half-written,
and its path is printed on standard output.
Exit status 0 on success, 1 when the input or the output fails (one line on stderr naming
the file and the reason), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jiyao.cli.paths import display_path, display_text

FORMATS: dict[str, str] = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "txt": ".txt"}

EXAMPLE = """示例：
  jiyao render record.json --to pdf    在旁边写出 象山县人民政府-2021-06-08-第53次常务会议纪要.pdf
  jiyao render minutes.docx --to docx -o clean.docx   重新排版已有的纪要
  jiyao parse minutes.txt --json > r.json && jiyao render r.json --to html -o -
  jiyao render r.json --to docx --series           版头为象山县人民政府常务会议纪要，标题在下
  jiyao render r.json --to docx --masthead 宁海县人民政府常务会议纪要 --number 〔2024〕7号
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="把纪要记录或纪要文件排版为正式纪要（docx、pdf、html、txt）",
        description=(
            "按 GB/T 9704 的纪要格式排版正式文件：docx 使用公文字体名称，pdf 使用 "
            "scripts/setup 安装的免费字体，html 网页可按 A4 打印，txt 为纯文本。"
            "记录.json 是 jiyao parse --json 打印的纪要记录；其他文件先解析再排版。"
        ),
        epilog=EXAMPLE,
    )
    p.add_argument("input", metavar="记录.json|纪要文件", help="纪要记录或纪要文件")
    p.add_argument("--to", required=True, choices=sorted(FORMATS), help="输出格式")
    p.add_argument("-o", "--output", metavar="输出", help="输出文件，- 表示标准输出")
    p.add_argument("--masthead", metavar="文字", help="纪要标志文字（默认：纪要标题）")
    p.add_argument(
        "--series",
        action="store_true",
        help="使用本级政府的系列版头（如象山县人民政府常务会议纪要），标题在其下",
    )
    p.add_argument("--number", metavar="编号", help="版头下的编号行（第53期、〔2021〕53号）")
    p.add_argument("--no-rule", action="store_true", help="版头下不加红色分隔线")
    p.set_defaults(func=run)


def load_record(path: str) -> Any:
    """The record in ``path``: JSON read directly, anything else read and parsed."""
    from jiyao.minutes.errors import os_reason
    from jiyao.minutes.record import Record

    if path.lower().endswith(".json"):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise _InputError(f"{path}: 无法读取（{os_reason(exc)}）") from None
        except UnicodeDecodeError:
            raise _InputError(f"{path}: 不是 UTF-8 编码的 JSON") from None
        return Record.loads(text, name=path)
    from jiyao.minutes.parse import parse
    from jiyao.minutes.read import read_path

    source = read_path(path)
    return parse(source.text, name=path)


class _InputError(Exception):
    pass


def render(record: Any, fmt: str, letterhead: Any = None) -> bytes:
    from jiyao.minutes import compose

    if fmt == "docx":
        return compose.compose_docx(record, letterhead=letterhead)
    if fmt == "pdf":
        return compose.compose_pdf(record, letterhead=letterhead)
    if fmt == "html":
        return compose.compose_html(record, letterhead=letterhead).encode("utf-8")
    return compose.compose_text(record).encode("utf-8")


def _letterhead(record: Any, args: argparse.Namespace) -> Any:
    if args.masthead is None and args.number is None and not args.no_rule and not args.series:
        return None
    import dataclasses

    from jiyao.minutes.compose import Letterhead

    base = Letterhead.for_series(record) if args.series else Letterhead.for_record(record)
    changes: dict[str, Any] = {"rule": not args.no_rule}
    if args.masthead is not None:
        changes["masthead"] = args.masthead
    if args.number is not None:
        changes["number"] = args.number
    return dataclasses.replace(base, **changes)


def run(args: argparse.Namespace) -> int:
    from jiyao.minutes.compose import document_name, write_output
    from jiyao.minutes.errors import MinutesError

    source = args.input
    out = args.output
    try:
        record = load_record(source)
        if out is None:
            # Beside the input, named by government, date and sitting: titles alone
            # (县政府第五十三次常务会议纪要) are shared by many governments.
            target = Path(source).parent / document_name(record, FORMATS[args.to])
            if target.resolve() == Path(source).resolve():
                print(
                    f"jiyao render: {display_path(source)}: 输出会覆盖输入文件，请用 -o 指定输出",
                    file=sys.stderr,
                )
                return 2
            out = str(target)
        data = render(record, args.to, _letterhead(record, args))
        if out == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_output(out, data)
    except (MinutesError, _InputError) as exc:
        message = str(exc)
        line = message if message.startswith(source) else f"{source}: {message}"
        print(display_text(line), file=sys.stderr)
        return 1
    if out != "-":
        print(display_path(out))  # where the document went
    return 0
