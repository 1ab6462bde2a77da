"""jiyao (纪要): executive meetings of Chinese local governments and their minutes."""

from __future__ import annotations

__version__ = "0.1.0"
