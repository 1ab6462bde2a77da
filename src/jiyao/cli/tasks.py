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

EXAMPLE = """示例：
  jiyao tasks minutes.txt                  以表格列出拟定的督办事项
  jiyao tasks minutes.docx --json          以 JSON 打印拟定的督办事项
  jiyao tasks archive/ --convey --json     archive/ 下的每个文件，含传达学习通知
  jiyao tasks minutes.txt --next-meeting 2021-06-22   据此推算“下次常务会议前”
"""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期（应为 YYYY-MM-DD）：{value!r}") from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "tasks",
        help="从纪要文件拟定督办事项",
        description=(
            "解析纪要，为每项决定拟定督办事项：牵头单位、配合单位、要办的事和期限"
            "（按会议日期推算）。不作臆造：决定未写期限的，记为未写明期限；原文未点名"
            "单位的，由提交单位牵头。spans 是各议题正文中的字符位置；加 --json 时每条"
            "建议另有 item_offset，即该议题正文在全文（jiyao parse --spans 所打印的）"
            "中的起点。"
        ),
        epilog=EXAMPLE,
    )
    p.add_argument("paths", nargs="+", metavar="文件", help="文件、文件夹，或 - 表示标准输入")
    p.add_argument("--json", action="store_true", help="以 JSON 打印拟定的督办事项")
    p.add_argument(
        "--convey",
        action="store_true",
        help="传达学习类议题也拟一条通知，发往各地各部门",
    )
    p.add_argument(
        "--next-meeting",
        type=_date,
        metavar="日期",
        help="下次会议的日期（YYYY-MM-DD），用于推算“下次常务会议前”",
    )
    p.set_defaults(func=run)


def _proposals(result: Parsed, args: argparse.Namespace) -> list[Proposal]:
    from jiyao.minutes.followup import propose_record

    return propose_record(result.record, convey_tracked=args.convey, next_meeting=args.next_meeting)


def _file_json(result: Parsed, proposals: list[Proposal]) -> dict[str, Any]:
    """One file's proposals; each carries ``item_offset``, where its item's text starts
    in the normalized document (``jiyao parse --spans`` prints that text), or null."""
    from jiyao.minutes.followup import document_offset

    record = result.record
    date = record.meeting.date
    index_of = {item.number: i for i, item in enumerate(record.items)}
    out = []
    for p in proposals:
        data = p.to_json()
        index = index_of.get(p.item_number)
        data["item_offset"] = document_offset(record, index) if index is not None else None
        out.append(data)
    return {
        "file": result.source.name,
        "meeting_date": date.isoformat() if date else None,
        "proposals": out,
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
        print("jiyao tasks: 所给文件夹中没有纪要文件", file=sys.stderr)
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
