"""Record → PDF with the GB/T 9704 layout, typeset in process by Typst.

Route and why: the ``typst`` package compiles in process (no subprocess, no office suite),
takes font directories directly and places text on exact page geometry. Measured on
generated 3-page 纪要 on this 2-core machine (``uv run python bench/compose_bench.py
--compare``; bench/README.md): typst 0.031 s median (0.13 s for the first document of a
fresh process, font index included); WeasyPrint from the HTML 0.15 s (plus 1.3 s to
import); LibreOffice headless from the DOCX 1.0–1.6 s, and it lays Word's character grid
out with two cells per character. So: typst.

The layout is the one of :mod:`jiyao.minutes.compose.layout`: each character advances one
grid cell (156 mm / 28) through a negative tracking of the 16 pt face, and every line —
paragraph breaks included — advances one pitch of 28.95 pt, so a full page holds 22 lines.
Full-width punctuation takes one whole cell, as in Word with "do not compress punctuation"
(Typst would compress it), and stays with its neighbouring character at line breaks.
Lines are broken for the whole paragraph at once (Typst's optimized breaking): it avoids
the very loose lines that first-fit leaves before an unbreakable run such as 年）》，,
whose wide gaps PDF text extraction reads as spaces.
All text of the record enters the Typst source as string literals, never as markup, so no
record can inject Typst code; lists enter as flat arrays, never as chains of ``+`` (whose
nesting overflowed the compiler's stack at a few thousand recipients: a segfault), and
:func:`~jiyao.minutes.compose.layout.build` refuses records over its size limits. One
compiler (and its font index) is kept per process.
"""

from __future__ import annotations

import math
import re
import threading
from typing import Any

from jiyao.minutes.compose.fonts import FREE, font_dirs
from jiyao.minutes.compose.grid import body_line_starts
from jiyao.minutes.compose.layout import (
    BODY_PT,
    CELL_PT,
    END_BLOCK_PT,
    LINE_PITCH_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MASTHEAD_OFFSET_MM,
    PAGE_MM,
    PAGE_NUMBER_PT,
    TITLE_PT,
    Document,
    Letterhead,
    Para,
    Run,
    build,
    printable,
    spread_name,
)
from jiyao.minutes.errors import ComposeError
from jiyao.minutes.record import Record

#: Named in the benchmark and the docs.
ROUTE = "typst (in-process, Fandol + Noto CJK)"


def _faces(role: str) -> str:
    return "(" + ", ".join(_str(f) for f in FREE[role]) + ")"


def _str(text: str) -> str:
    """A Typst string literal."""
    return '"' + printable(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


# The text the show rule of the preamble boxes (the same regex): punctuation clusters.
_BOXED = re.compile(
    "[^\\s，。、；：！？）》”’」』】〕（《“‘「『【〔]?[，。、；：！？）》”’」』】〕]+"
    "|[（《“‘「『【〔]+[^\\s，。、；：！？）》”’」』】〕（《“‘「『【〔]?"
)
#: Typst realizes the matches of a regex show rule in one run of text nested one in
#: another, and gives up past a few hundred ("maximum grouping depth exceeded"); a weak
#: zero space before every 100th match starts a new run (the match is boxed after a weak
#: space anyway, so the line breaks and the spacing stay the same).
_MATCHES_PER_RUN = 100


def _text(text: str) -> str:
    """Record text as Typst content: one string literal, or a flat array of them joined
    with a weak zero space when the text has many punctuation clusters."""
    text = printable(text)
    cuts = [
        m.start() for i, m in enumerate(_BOXED.finditer(text)) if i and not i % _MATCHES_PER_RUN
    ]
    if not cuts:
        return _str(text)
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return "(" + ", h(0pt, weak: true), ".join(_str(p) for p in pieces) + ",).join()"


PREAMBLE = f"""
#let cell = {math.floor(CELL_PT * 1000) / 1000}pt  // a hair under 156 mm / 28: 28 cells must fit
#let pitch = {LINE_PITCH_PT}pt
#let body-size = {BODY_PT}pt
#let red = rgb(255, 0, 0)
#let fang = {_faces("body")}
#let hei = {_faces("hei")}
#let kai = {_faces("kai")}
#let song = {_faces("song")}
#let title-faces = {_faces("title")}
// The last page holding text before the 版记: the page of the anchor set where the body
// ends, or the page before when the body filled its page and the anchor opens the next.
#let body-end-page() = {{
  let anchors = query(<jiyao-end-block>)
  if anchors.len() == 0 {{ return none }}
  let at = anchors.first().location().position()
  if at.y <= {MARGIN_TOP_MM}mm + 1pt {{ at.page - 1 }} else {{ at.page }}
}}
#set page(
  width: {PAGE_MM[0]}mm, height: {PAGE_MM[1]}mm,
  margin: (top: {MARGIN_TOP_MM}mm, left: {MARGIN_LEFT_MM}mm,
           right: {MARGIN_RIGHT_MM}mm, bottom: {MARGIN_BOTTOM_MM}mm),
  footer-descent: 0pt,
  footer: context {{
    let n = counter(page).get().first()
    // GB/T 9704 §7.5: when a blank page precedes the 版记 page, neither carries a number.
    let body-end = body-end-page()
    if body-end != none and n > body-end and counter(page).final().first() - body-end > 1 {{
      return
    }}
    set text(font: song, size: {PAGE_NUMBER_PT}pt, tracking: 0pt, top-edge: 0.88em, bottom-edge: -0.12em)
    set par(first-line-indent: 0pt, leading: 0pt)
    v(7mm)
    let label = [— #n —]
    if calc.odd(n) {{ align(right, label + h(1em)) }} else {{ align(left, h(1em) + label) }}
  }},
)
#set text(font: fang, size: body-size, lang: "zh", region: "cn", tracking: cell - body-size,
          top-edge: 0.88em, bottom-edge: -0.12em, cjk-latin-spacing: none, hyphenate: false, overhang: false,
          costs: (widow: 0%, orphan: 0%))
#set par(justify: true, linebreaks: "optimized", leading: pitch - body-size, spacing: pitch - body-size,
         first-line-indent: (amount: 2 * cell, all: true))
// Grid typesetting as in Word with "do not compress punctuation": every full-width
// punctuation mark takes one whole cell (Typst would otherwise compress it). A closing
// mark is boxed with the character before it and an opening mark with the one after it,
// so neither can be separated from its word at a line break.
#let opening = "（《“‘「『【〔"
#let closing = "，。、；：！？）》”’」』】〕"
// Full-width characters get one cell each; half-width ones (digits) keep their width.
#let cells(s) = context {{
  let w = 1em + text.tracking
  s.clusters().map(c => if str.to-unicode(c.codepoints().first()) < 0x2E80
      and not (opening + closing).contains(c) {{ c }} else {{
    box(width: w, align(if opening.contains(c) {{ right }} else {{ left }}, c)) }}).join()
}}
// A text run loses its last tracking before a box: give it back (weak: none at line start).
#show regex("[^\\s，。、；：！？）》”’」』】〕（《“‘「『【〔]?[，。、；：！？）》”’」』】〕]+|[（《“‘「『【〔]+[^\\s，。、；：！？）》”’」』】〕（《“‘「『【〔]?"): it => context {{
  h(text.tracking, weak: true) + box(cells(it.text))
}}
#let para(..runs) = par(runs.pos().join())
// A heading cut before its last line: the lines before it, filled first-fit as the grid
// model cut them and all justified (the last character of a run keeps no tracking: take it
// off, or a full last line would not fit), then the last line alone.
#let lead(..runs) = par(linebreaks: "simple",
  runs.pos().join() + h(cell - body-size) + linebreak(justify: true))
#let tail(..runs) = par(first-line-indent: 0pt, runs.pos().join())
#let names(label, width, list) = pad(left: 2 * cell, par(first-line-indent: 0pt,
  hanging-indent: width * cell, justify: false,
  // The separator stays in the box of the name before it, so no line starts with it.
  text(font: hei, label + "：") + list.enumerate().map(((i, n)) =>
    box(if i < list.len() - 1 {{ n + "\\u{{3000}}" }} else {{ n }})).join()))
"""


def _run(face: str, text: str) -> str:
    """One run; ``face`` names a font chain of the preamble (hei, kai), body is the default."""
    if face == "body":
        return _text(text)
    return f"text(font: {face}, {_text(text)})"


def _para(p: Para) -> str:
    inner = "para(" + ", ".join(_run(r.face, r.text) for r in p.runs) + ")"
    if p.kind != "heading1":
        return "#" + inner
    # A heading keeps its last line on the page of the paragraph that follows it, as
    # Word's "keep with next" does: only that line moves to the next page, so a full page
    # holds 22 lines less one at most. The lines before it are a paragraph of their own,
    # cut where the grid model breaks the heading (grid.py) and set first-fit, all lines
    # justified, so they break where the model cut them.
    starts = body_line_starts(printable(p.text))
    sticky = "#block(width: 100%, sticky: true, spacing: pitch - body-size, {})"
    if len(starts) < 2:
        return sticky.format(inner)
    head, last = _split_runs(p.runs, starts[-1])
    first = "lead(" + ", ".join(_run(r.face, r.text) for r in head) + ")"
    rest = "tail(" + ", ".join(_run(r.face, r.text) for r in last) + ")"
    return f"#block(width: 100%, spacing: pitch - body-size, {first})\n" + sticky.format(rest)


def _split_runs(runs: tuple[Run, ...], cut: int) -> tuple[list[Run], list[Run]]:
    """``runs`` cut at offset ``cut`` of their printable text."""
    head: list[Run] = []
    last: list[Run] = []
    at = 0
    for run in runs:
        text = printable(run.text)
        k = min(max(cut - at, 0), len(text))
        if k:
            head.append(Run(text[:k], run.face))
        if k < len(text):
            last.append(Run(text[k:], run.face))
        at += len(text)
    return head, last


def _letterhead(lh: Letterhead) -> list[str]:
    out = [
        # From the top of the text block to the masthead's top edge.
        f"#v({MASTHEAD_OFFSET_MM}mm)",
        "#block(width: 100%, spacing: 0pt, align(center, text(font: title-faces, weight: 700, fill: red,"
        f" size: {lh.fitted_masthead_pt()}pt, tracking: 0pt, {_text(lh.masthead)})))",
    ]
    # A blank line under the masthead: it is no line of the text (a reader must not join
    # a full-width masthead to the line after it).
    out.append("#v(pitch)")
    if lh.number:
        out.append(
            f"#block(width: 100%, spacing: 0pt, align(center, text(tracking: 0pt, {_text(lh.number)})))"
        )
    if lh.issuer or lh.date:
        if lh.number:
            out.append("#v(pitch - body-size)")
        out.append(
            "#block(width: 100%, spacing: 0pt, grid(columns: (1fr, 1fr),"
            f" align(left, h(cell) + text({_text(lh.issuer or '')})),"
            f" align(right, text({_text(lh.date or '')}) + h(cell))))"
        )
    if lh.rule:
        out.append("#v(4mm)")
        out.append("#block(width: 100%, spacing: 0pt, line(length: 100%, stroke: 1pt + red))")
    out.append("#v(pitch)")
    return out


def typst_source(doc: Document) -> str:
    """The Typst source of a document (record text only in string literals)."""
    name = doc.title or (doc.letterhead.masthead if doc.letterhead else None)
    out = [PREAMBLE, f"#set document(title: {_str(name) if name else 'none'})"]
    if doc.letterhead is not None:
        out.extend(_letterhead(doc.letterhead))
    if doc.title:
        out.append(
            "#block(width: 100%, spacing: 0pt, align(center, par(first-line-indent: 0pt, leading: 6pt,"
            f" text(font: title-faces, weight: 700, size: {TITLE_PT}pt, tracking: 0pt,"
            f" {_text(doc.title)}))))"
        )
        out.append("#v(pitch)")
    out.extend(_para(p) for p in doc.body)
    if doc.attendance:
        out.append("#v(pitch)")
        width = max(len(b.label) for b in doc.attendance) + 1
        for block in doc.attendance:
            shown = "(" + "".join(f"{_text(spread_name(n))}," for n in block.names) + ")"
            out.append(f"#names({_text(block.label)}, {width}, {shown})")
    if doc.distribution or doc.imprint:
        out.append(_end_block(doc))
    return "\n".join(out)


def _end_block(doc: Document) -> str:
    """版记: thick rule, 分送, thin rule, 印发 line, thick rule; 4号 仿宋."""
    parts = ["line(length: 100%, stroke: 0.35mm)"]
    size = f"{END_BLOCK_PT}pt"
    if doc.distribution:
        # Lines break only between recipients: a reader splits recipients at line ends.
        # One flat array (a chain of ``+`` nests one level per term and a few thousand
        # overflow the compiler's stack).
        recipients = doc.distribution.rstrip("。").split("，")
        boxes = "".join(
            f"{_text(r + ('，' if i < len(recipients) - 1 else '。'))},"
            for i, r in enumerate(recipients)
        )
        parts.append(
            f"pad(left: 1em, right: 1em, top: 2mm, bottom: 2mm, par(first-line-indent: 0pt,"
            f" hanging-indent: 3em, justify: false, {_str('分送：')} + ({boxes}).map(box).join()))"
        )
    if doc.imprint:
        if doc.distribution:
            parts.append("line(length: 100%, stroke: 0.25mm)")
        issuer, date = doc.imprint
        parts.append(
            "pad(top: 2mm, bottom: 2mm, grid(columns: (1fr, auto),"
            f" align(left, h(1em) + text({_text(issuer)})), align(right, text({_text(date)}) + h(1em))))"
        )
    parts.append("line(length: 100%, stroke: 0.35mm)")
    block = (
        f"block(breakable: false, width: 100%, {{ set text(size: {size}, tracking: 0pt);"
        " set par(first-line-indent: 0pt, leading: 8pt, justify: true); " + "; ".join(parts) + " })"
    )
    # GB/T 9704 §7.3: the 版记 closes the last page, which is an even page (the back of a
    # printed sheet). It stays where the body ends when it fits there on an even page;
    # otherwise it goes to the foot of the next even page (after a blank odd page when the
    # body ends on an even page it does not fit). Measured in the flow, so a block that
    # does not fit never lands at the top of a page with the rest of the page blank.
    return (
        f"#let end-block = {block}\n"
        # Where the body ends, read from an anchor before the pagebreak: the context's own
        # position moves with the pagebreak it makes, and the layout would not converge.
        "#metadata(none) <jiyao-end-block>\n"
        "#context {\n"
        "  let at = locate(<jiyao-end-block>).position()\n"
        "  let height = measure(end-block, width: page.width - "
        f"{MARGIN_LEFT_MM + MARGIN_RIGHT_MM}mm).height\n"
        f"  let room = page.height - {MARGIN_BOTTOM_MM}mm - at.y\n"
        '  if height > room or calc.odd(at.page) { pagebreak(to: "even") }\n'
        "}\n"
        # Placed, not pushed down by v(1fr): fractional spacing collapsed before the block on
        # a page opened by that pagebreak. The block fits the room left (checked above).
        "#place(bottom, end-block)"
    )


_lock = threading.Lock()
_compiler: Any = None


def _get_compiler() -> Any:
    global _compiler
    if _compiler is None:
        import typst

        dirs = font_dirs()
        if not dirs:
            raise ComposeError(
                "PDF：找不到字体（请安装 texlive-lang-chinese 和 fonts-noto-cjk，见 scripts/setup）"
            )
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=dirs
        )
        _compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True)
    return _compiler


def compose_pdf(record: Record, *, letterhead: Letterhead | None = None) -> bytes:
    """The minutes as a PDF (A4, GB/T 9704 layout). Raises ComposeError when Typst fails."""
    source = typst_source(build(record, letterhead))
    with _lock:
        compiler = _get_compiler()
        try:
            pdf = compiler.compile(input=source.encode("utf-8"), format="pdf", timestamp=0)
        except Exception as exc:  # typst.TypstError; the message is Typst's own
            raise ComposeError(f"PDF：排版失败：{exc}") from exc
    if not isinstance(pdf, bytes):
        raise ComposeError("PDF：排版没有产生文件")
    return pdf


__all__ = ["ROUTE", "compose_pdf", "typst_source"]
