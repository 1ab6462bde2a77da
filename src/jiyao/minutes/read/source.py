"""The reader's result type and its limits.

A :class:`Source` keeps both the decoded text (``original``, characters as the file had
them) and its normalized form (``text``), which is what the parser reads and what every
span indexes into.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Largest input accepted, in bytes (minutes are a few KB; 20 MB leaves room for a PDF
#: with images). Checked from the file size before reading, and on ``len(data)``.
MAX_BYTES = 20 * 1024 * 1024

#: Largest total uncompressed size declared by a .docx zip (a zip bomb declares more).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

KINDS = ("txt", "docx", "html", "pdf")


@dataclass(frozen=True)
class Source:
    """One input turned into text.

    ``name`` is the path as given ("-" for stdin); ``kind`` one of :data:`KINDS`;
    ``encoding`` the detected text encoding (txt/html), None for docx/pdf; ``original`` the
    decoded text; ``text`` is ``normalize(original)``, the form spans index into.

    For a web page, ``page_title`` is its <title> and ``site_name`` the site's name its
    <meta> tags give (SiteName, og:site_name, ColumnName); both None for other kinds.
    They are not part of the text: the government inference reads them as the page's own
    signal (澄湾县召开常务会议_澄湾县人民政府), after everything the text says.
    """

    name: str
    kind: str
    encoding: str | None
    original: str
    text: str
    page_title: str | None = None
    site_name: str | None = None
