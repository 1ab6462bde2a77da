"""Every dashboard table (and a task list) as XLSX (openpyxl) or CSV.

CSV is UTF-8 with a byte-order mark, so Excel on Windows opens the Chinese names
correctly; a cell starting with = + - @ is prefixed with ' so that a spreadsheet never
runs a formula a unit name or a task text smuggled in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

SHARE_HEADER = (
    "名称",
    "事项总数",
    "已办结",
    "在办",
    "逾期",
    "办结率",
    "逾期率",
    "会议至办结天数（中位数）",
)


def share_rows(rows: Iterable[Any]) -> list[list[Any]]:
    return [
        [
            r.name,
            r.total,
            r.closed,
            r.open,
            r.overdue,
            round(r.closed_share, 4),
            round(r.overdue_share, 4),
            r.median_days if r.median_days is not None else "",
        ]
        for r in rows
    ]


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    sheet.freeze_panes = "A2"
    for i, name in enumerate(header):
        sheet.column_dimensions[chr(ord("A") + i)].width = max(10, min(40, 2 * len(name) + 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
