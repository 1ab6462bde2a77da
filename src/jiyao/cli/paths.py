"""File names as the command line prints them, and the files it agrees to open.

A file name may hold any byte but ``/`` and NUL: a newline in a name would forge extra
output lines, an escape sequence would reach the terminal. So every path or file name
the CLI prints goes through :func:`display_path`, which escapes what a terminal acts on
(C0 and C1 controls, DEL, the bidirectional overrides; ``\\n``, ``\\x1b``, ``\\u202e``) and
shows the bytes of an undecodable name as ``\\xff``. Machine-readable output (JSON) keeps
names exact, JSON's own escaping applies there.

Only regular files are read: opening a named pipe blocks until something writes to it,
a device may never end. :func:`special_file` names what a path is when it is not one.
"""

from __future__ import annotations

import os
import re

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Controls, DEL, C1 controls, bidirectional embeddings/overrides/isolates, line and
# paragraph separators, and lone surrogates (undecodable bytes, from os.fsdecode).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def display_path(name: str | os.PathLike[str]) -> str:
    """``name`` safe to print on one line of a terminal (see the module docstring)."""
    return _UNSAFE.sub(_escape, os.fspath(name))


#: Also for whole messages that embed a file name (error lines).
display_text = display_path


def special_file(path: str) -> str | None:
    """The kind of ``path`` when it exists and is a special file (it is not opened)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None  # missing or unreadable: the reader says so
    from jiyao.minutes.read.reader import special_kind

    return special_kind(info.st_mode)
