"""``jiyao tasks``: minutes files → the follow-up tasks (督办事项) proposed from them.

Each input is read and parsed as ``jiyao parse`` does, then every item's proposals are
printed (lead unit, co-units, action, deadline with its phrase and span). Spans index the
item's text. A failure prints one line on stderr naming the file and the reason; the
others are still processed. Exit status 0 when every input parsed, 1 when any failed,
2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

from jiyao.cli.parse import Parsed, _failure_line, expand, parse_one

if TYPE_CHECKING:
    from jiyao.minutes.followup import Proposal

EXAMPLE = """examples:
  jiyao tasks minutes.txt                  a table of the proposed tasks
  jiyao tasks minutes.docx --json          the proposals as JSON
  jiyao tasks archive/ --convey --json     every file under archive/, with convey notices
  jiyao tasks minutes.txt --next-meeting 2021-06-22   resolves 下次常务会议前
"""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期（应为 YYYY-MM-DD）：{value!r}") from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "tasks",
        help="propose follow-up tasks (督办事项) from minutes files",
        description=(
            "Parse minutes and propose the follow-up tasks of every decision: lead unit "
            "(牵头), co-units (配合), what must be done and the deadline resolved against "
            "the meeting date. Nothing is invented: a decision without a deadline gets "
            "none (未写明期限), and the submitting department leads when the text names "
            "no unit. Spans are character offsets into each item's text."
        ),
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="files, directories, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the proposals as JSON")
    p.add_argument(
        "--convey",
        action="store_true",
        help="also propose a notice for convey items (传达学习) addressed to 各地各部门",
    )
    p.add_argument(
        "--next-meeting",
        type=_date,
        metavar="DATE",
        help="date of the next meeting (YYYY-MM-DD), for 下次常务会议前",
    )
    p.set_defaults(func=run)


def _proposals(result: Parsed, args: argparse.Namespace) -> list[Proposal]:
    from jiyao.minutes.followup import propose_record

    return propose_record(result.record, convey_tracked=args.convey, next_meeting=args.next_meeting)


def _file_json(result: Parsed, proposals: list[Proposal]) -> dict[str, Any]:
    date = result.record.meeting.date
    return {
        "file": result.source.name,
        "meeting_date": date.isoformat() if date else None,
        "proposals": [p.to_json() for p in proposals],
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1 and used + w < _width(text):
            return out + "…"
        out += ch
        used += w
    return out


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _deadline_cell(p: Proposal) -> str:
    d = p.deadline
    if d is None:
        return "未写明期限"
    when = d.date.isoformat() if d.date else {"none": "未定", "unresolved": "待定"}[d.certainty]
    return f"{when}（{d.phrase}）"


def _table(result: Parsed, proposals: list[Proposal]) -> str:
    from jiyao.minutes.followup import NOTE_NO_DEADLINE

    date = result.record.meeting.date
    lines = [f"== {result.source.name}", f"会议日期: {date.isoformat() if date else '不详'}"]
    if not proposals:
        lines.append("（无督办事项建议）")
        return "\n".join(lines)
    rows = [("议题", "牵头单位", "配合单位", "事项", "期限")]
    for p in proposals:
        lead = p.lead or "—"
        if p.lead_source == "submitter":
            lead += "（提交单位）"
        if p.kind == "notice":
            lead += "（通知）"
        rows.append(
            (
                str(p.item_number),
                lead,
                "、".join(p.co_units) or "—",
                _cut(p.action, 40),
                _deadline_cell(p),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:4])]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    # 未写明期限 is already in the table; the notes add what the table cannot show.
    notes = [
        f"  {p.item_number}. {'；'.join(n for n in p.notes if n != NOTE_NO_DEADLINE)}"
        for p in proposals
        if any(n != NOTE_NO_DEADLINE for n in p.notes)
    ]
    if notes:
        lines.append("说明:")
        lines.extend(notes)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    inputs = list(expand(args.paths))
    if not inputs:
        print("jiyao tasks: no minutes files found in the given directories", file=sys.stderr)
        return 1
    single = len(inputs) == 1 and args.paths == inputs
    collected: list[dict[str, Any]] = []
    failed = 0
    out = sys.stdout
    for path in inputs:
        try:
            result = parse_one(path)
            proposals = _proposals(result, args)
        except Exception as exc:
            failed += 1
            print(_failure_line(path, exc), file=sys.stderr)
            continue
        if args.json:
            collected.append(_file_json(result, proposals))
        else:
            out.write(_table(result, proposals) + "\n")
    if args.json and collected:
        payload: Any = collected[0] if single else collected
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    out.flush()
    return 1 if failed else 0
