"""jiyao.minutes.read — files (txt, docx, html, pdf) → normalized text.

Owned by the reader work; ``normalize`` is the one text form the parser reads.
"""

from __future__ import annotations

from jiyao.minutes.read.normalize import normalize

__all__ = ["normalize"]
