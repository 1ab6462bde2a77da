"""Server-rendered SVG charts for the dashboard (no script, no CDN).

:func:`share_bars` draws one stacked horizontal bar per row (办结 / 在办 / 逾期, as
shares of the row's tasks) with the name and the counts written out, so the chart is
readable without colour and by a screen reader (``role="img"``, ``<title>``, and a
``<desc>`` listing every row). :func:`colour_bar` draws the government's tasks by
colour as one bar with a legend. All text is escaped here; the templates mark the
result safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: (label, fill) of the three parts of a share bar.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("closed", "已办结", "#3d7a4f"),
    ("open", "在办", "#7a93b8"),
    ("overdue", "逾期", "#c0392b"),
)
COLOURS: tuple[tuple[str, str, str], ...] = (
    ("red", "逾期", "#c0392b"),
    ("yellow", "临期", "#e0a800"),
    ("green", "正常推进", "#3f8f5a"),
    ("closed", "已办结", "#8a8f98"),
)

#: Narrow on purpose: the SVG scales to the page, and a 400-unit drawing keeps its text
#: readable on a 390px phone as well as on a desktop (CSS caps the width there).
WIDTH = 400
ROW_H = 42
BAR_H = 16


def _cut(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _legend(y: int, parts: Sequence[tuple[str, str, str]], counts: dict[str, int]) -> list[str]:
    out = []
    x = 0
    for key, label, fill in parts:
        text = f"{label} {counts[key]}" if key in counts else label
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{fill}"/>')
        out.append(f'<text x="{x + 16}" y="{y + 11}" class="lg">{escape(text)}</text>')
        x += 28 + 12 * len(text)
    return out


def share_bars(rows: Sequence[Any], title: str) -> SafeString:
    """One bar per row (objects with name, total, closed, open, overdue): the name and
    the counts on a line, the stacked bar under it."""
    height = ROW_H * len(rows) + 24
    desc = "；".join(
        f"{r.name}：共{r.total}项，办结{r.closed}，在办{r.open}，逾期{r.overdue}" for r in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        "<style>text{font-size:14px;fill:#222}.lg{font-size:12px}.n{fill:#555;font-size:13px}"
        "</style>",
    ]
    for i, r in enumerate(rows):
        y = i * ROW_H
        share = f"{r.closed * 100 // max(r.total, 1)}%"
        parts.append(
            f'<text x="0" y="{y + 15}"><title>{escape(r.name)}</title>{escape(_cut(r.name))}</text>'
            f'<text x="{WIDTH}" y="{y + 15}" text-anchor="end" class="n">'
            f"办结 {r.closed}/{r.total}（{share}）{f'，逾期 {r.overdue}' if r.overdue else ''}</text>"
        )
        x = 0.0
        for key, label, fill in PARTS:
            n = getattr(r, key)
            w = WIDTH * n / r.total if r.total else 0.0
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 21}" width="{w:.1f}" height="{BAR_H}" '
                    f'fill="{fill}"><title>{escape(r.name)} {label} {n} 项'
                    f"（{n * 100 // max(r.total, 1)}%）</title></rect>"
                )
            x += w
    parts.extend(_legend(ROW_H * len(rows) + 6, PARTS, {}))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def colour_bar(counts: dict[str, int], title: str) -> SafeString:
    """The government's open and closed tasks by colour, as one bar and a legend."""
    total = sum(counts.get(k, 0) for k, _, _ in COLOURS)
    desc = "，".join(f"{label}{counts.get(k, 0)}项" for k, label, _ in COLOURS)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} 60" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        "<style>text{font-size:13px;fill:#222}.lg{font-size:12px}</style>",
    ]
    x = 0.0
    for key, label, fill in COLOURS:
        n = counts.get(key, 0)
        w = WIDTH * n / total if total else 0.0
        if w > 0:
            parts.append(
                f'<rect x="{x:.1f}" y="4" width="{w:.1f}" height="28" fill="{fill}">'
                f"<title>{label} {n} 项</title></rect>"
            )
        x += w
    parts.extend(_legend(42, COLOURS, {k: counts.get(k, 0) for k, _, _ in COLOURS}))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
