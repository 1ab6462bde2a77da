"""jiyao.minutes.read — files (txt, docx, html, pdf) → normalized text.

``read_path``/``read_bytes`` turn an input into a :class:`Source` (kind from the bytes,
encoding detected, HTML chrome dropped, PDF text layer extracted) whose ``text`` is
``normalize(original)``: the one text form the parser reads and spans index into.
Every failure is a one-line :class:`~jiyao.minutes.errors.ReadError`.
"""

from __future__ import annotations

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read.normalize import normalize
from jiyao.minutes.read.reader import read_bytes, read_path
from jiyao.minutes.read.source import MAX_BYTES, Source

__all__ = ["MAX_BYTES", "ReadError", "Source", "normalize", "read_bytes", "read_path"]
