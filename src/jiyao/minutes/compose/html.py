"""Record → HTML: a self-contained page that reads well on screen and prints as the 纪要.

One page, no scripts, no external resources; all record text is escaped. The stylesheet
has two faces: on screen a centred sheet the width of the text block; in print the
GB/T 9704 page (``@page`` A4 with the 37/26/35/28 mm margins, 16 pt 仿宋 with the letter
spacing that puts 28 characters on a 156 mm line, 28.95 pt line pitch, page numbers
"— 1 —" in the bottom margin, odd right and even left). Fonts are named by their official
names first, then the free faces of docs/domain.md §2.8 (fonts.CSS).
"""

from __future__ import annotations

from html import escape as _escape

from jiyao.minutes.compose.fonts import CSS
from jiyao.minutes.compose.layout import (
    BODY_PT,
    CELL_PT,
    END_BLOCK_PT,
    FULL_SPACE,
    LINE_PITCH_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MASTHEAD_OFFSET_MM,
    PAGE_NUMBER_PT,
    TITLE_PT,
    Document,
    Letterhead,
    Para,
    build,
    printable,
    spread_name,
)
from jiyao.minutes.record import Record


def escape(text: str) -> str:
    return _escape(printable(text))


TRACKING_PT = CELL_PT - BODY_PT

STYLE = f"""
@page {{ size: A4; margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm; }}
@page :right {{ @bottom-right {{ content: "— " counter(page) " —"; font: {PAGE_NUMBER_PT}pt {CSS["song"]};
  vertical-align: top; padding-top: 7mm; padding-right: 1em; }} }}
@page :left {{ @bottom-left {{ content: "— " counter(page) " —"; font: {PAGE_NUMBER_PT}pt {CSS["song"]};
  vertical-align: top; padding-top: 7mm; padding-left: 1em; }} }}
html {{ background: #f2f2f2; }}
body {{ margin: 0; }}
.sheet {{ box-sizing: content-box; width: 156mm; margin: 2em auto; padding: 20mm 26mm 20mm 28mm;
  background: #fff; box-shadow: 0 0 6px rgba(0,0,0,.2); color: #000;
  font: {BODY_PT}pt/{LINE_PITCH_PT}pt {CSS["body"]}; letter-spacing: {TRACKING_PT:.3f}pt; }}
.sheet p {{ margin: 0; text-indent: {2 * CELL_PT:.3f}pt; text-align: justify; }}
.masthead {{ margin-top: 10mm; text-align: center !important; text-indent: 0 !important;
  color: #f00; font-family: {CSS["title"]}; letter-spacing: 0; line-height: 1.2; }}
.number {{ text-align: center !important; text-indent: 0 !important; }}
.issued {{ display: flex; justify-content: space-between; padding: 0 1em 4mm; text-indent: 0 !important; }}
.rule {{ border: 0; border-top: 1pt solid #f00; margin: 0 0 {LINE_PITCH_PT}pt; }}
h1 {{ margin: 0 0 {LINE_PITCH_PT}pt; font: {TITLE_PT}pt/1.4 {CSS["title"]}; text-align: center;
  letter-spacing: 0; font-weight: normal; }}
h2 {{ margin: 0; font: inherit; font-family: {CSS["hei"]}; font-weight: normal;
  text-indent: {2 * CELL_PT:.3f}pt; text-align: justify; break-after: avoid; }}
.kai {{ font-family: {CSS["kai"]}; }}
.hei {{ font-family: {CSS["hei"]}; }}
.body {{ font-family: {CSS["body"]}; }}
.attendance {{ margin-top: {LINE_PITCH_PT}pt; }}
.attendance p {{ text-align: left; }}
.attendance .label {{ font-family: {CSS["hei"]}; }}
.attendance .name {{ white-space: nowrap; }}
.end-block {{ margin-top: {LINE_PITCH_PT}pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000;
  font-size: {END_BLOCK_PT}pt; line-height: 1.5; letter-spacing: 0; break-inside: avoid; }}
.end-block p {{ text-indent: 0; padding: 1mm 1em; }}
.end-block .distribution {{ padding-left: 4em; text-indent: -3em; }}
.end-block .imprint {{ display: flex; justify-content: space-between; border-top: 0.25mm solid #000; }}
.end-block .imprint:first-child {{ border-top: 0; }}
@media print {{
  html {{ background: none; }}
  .masthead {{ margin-top: 0; padding-top: {MASTHEAD_OFFSET_MM}mm; }}  /* margins are dropped at a page top */
  .sheet {{ width: auto; margin: 0; padding: 0; box-shadow: none; }}
  .end-block {{ position: relative; }}
}}
"""


def _para(p: Para) -> str:
    """``<h2>`` for 一、 headings (黑体), ``<p>`` otherwise; runs in another face get a span."""
    base = "hei" if p.kind == "heading1" else "body"
    inner = "".join(
        escape(r.text) if r.face == base else f'<span class="{r.face}">{escape(r.text)}</span>'
        for r in p.runs
    )
    return f"<h2>{inner}</h2>" if p.kind == "heading1" else f"<p>{inner}</p>"


def _letterhead(lh: Letterhead) -> list[str]:
    out = [
        f'<p class="masthead" style="font-size: {lh.fitted_masthead_pt()}pt">{escape(lh.masthead)}</p>'
    ]
    if lh.number:
        out.append(f'<p class="number">{escape(lh.number)}</p>')
    if lh.issuer or lh.date:
        out.append(
            f'<p class="issued"><span>{escape(lh.issuer or "")}</span>'
            f"<span>{escape(lh.date or '')}</span></p>"
        )
    if lh.rule:
        out.append('<hr class="rule">')
    return out


def _attendance(doc: Document) -> list[str]:
    if not doc.attendance:
        return []
    cells = max(len(b.label) for b in doc.attendance) + 1
    out = ['<div class="attendance">']
    for block in doc.attendance:
        # One unbreakable span per name, the separator inside it: lines wrap between names
        # and never start with a space.
        last = len(block.names) - 1
        names = "".join(
            f'<span class="name">{escape(spread_name(n))}{FULL_SPACE if i < last else ""}</span>'
            for i, n in enumerate(block.names)
        )
        out.append(
            f'<p style="padding-left: {(2 + cells) * CELL_PT:.3f}pt;'
            f' text-indent: {-cells * CELL_PT:.3f}pt">'
            f'<span class="label">{escape(block.label)}：</span>{names}</p>'
        )
    out.append("</div>")
    return out


def _end_block(doc: Document) -> list[str]:
    if not (doc.distribution or doc.imprint):
        return []
    out = ['<footer class="end-block">']
    if doc.distribution:
        out.append(f'<p class="distribution">分送：{escape(doc.distribution)}</p>')
    if doc.imprint:
        issuer, date = doc.imprint
        out.append(
            f'<p class="imprint"><span>{escape(issuer)}</span><span>{escape(date)}</span></p>'
        )
    out.append("</footer>")
    return out


def compose_html(record: Record, *, letterhead: Letterhead | None = None) -> str:
    """The minutes as one HTML page (UTF-8, inline stylesheet, no scripts)."""
    doc = build(record, letterhead)
    parts: list[str] = []
    if doc.letterhead is not None:
        parts.extend(_letterhead(doc.letterhead))
    if doc.title:
        parts.append(f"<h1>{escape(doc.title)}</h1>")
    parts.extend(_para(p) for p in doc.body)
    parts.extend(_attendance(doc))
    parts.extend(_end_block(doc))
    title = escape(doc.title or (doc.letterhead.masthead if doc.letterhead else "会议纪要"))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        '<article class="sheet">\n' + "\n".join(parts) + "\n</article>\n</body>\n</html>\n"
    )


__all__ = ["compose_html"]
