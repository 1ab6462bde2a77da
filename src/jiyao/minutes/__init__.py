"""jiyao.minutes — the core: the minutes record, reading files, parsing, composing.

Plain typed Python with no Django import (a test enforces it); everything else in
jiyao builds on it.
"""

from __future__ import annotations

from jiyao.minutes.errors import ComposeError, MinutesError, ParseError, ReadError, RecordError
from jiyao.minutes.record import Attendance, Item, Meeting, Record

__all__ = [
    "Attendance",
    "ComposeError",
    "Item",
    "Meeting",
    "MinutesError",
    "ParseError",
    "ReadError",
    "Record",
    "RecordError",
]
