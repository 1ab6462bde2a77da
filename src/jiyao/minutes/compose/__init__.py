"""jiyao.minutes.compose — a record as official minutes: plain text, HTML, DOCX, PDF.

HTML, DOCX and PDF render one :class:`~jiyao.minutes.compose.layout.Document` built from the
record (layout.py) with compose_text's wording, so they print the same words in the same
order; the GB/T 9704-2012 geometry (A4, 37/28 mm margins, 156 × 225 mm text block, 22 lines
× 28 characters) lives in layout.py too. The header (版头) is a :class:`Letterhead`:
``Letterhead.for_record`` (the default: the title as the red masthead) or
``Letterhead.for_series`` (象山县人民政府常务会议纪要, the title under it), or any other.
Every function takes ``letterhead=`` (keyword) except compose_text.

    compose_text(record) -> str        plain text like the example minutes (text.py)
    compose_html(record) -> str        web page that prints as A4
    compose_docx(record) -> bytes      Word document with official font names and a grid
    compose_pdf(record) -> bytes       typeset with free fonts (route: pdf.ROUTE)
    write_output(path, data)           write atomically (temporary file, then rename)
    document_name(record, ".pdf")      象山县人民政府-2021-06-08-第53次常务会议纪要.pdf (naming.py)
"""

from __future__ import annotations

from jiyao.minutes.compose.docx import compose_docx
from jiyao.minutes.compose.html import compose_html
from jiyao.minutes.compose.layout import Document, Letterhead, build
from jiyao.minutes.compose.naming import document_name
from jiyao.minutes.compose.output import write_output
from jiyao.minutes.compose.pdf import compose_pdf
from jiyao.minutes.compose.text import compose_text

__all__ = [
    "Document",
    "Letterhead",
    "build",
    "compose_docx",
    "compose_html",
    "compose_pdf",
    "compose_text",
    "document_name",
    "write_output",
]
