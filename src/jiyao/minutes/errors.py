"""The core's errors: one family, each message naming the input and the reason.

Callers catch :class:`MinutesError` to report any failure of the core as one line;
nothing else the core raises is expected (anything else is a bug).
"""

from __future__ import annotations


class MinutesError(Exception):
    """Base of every error the core raises on purpose. ``str(e)`` is user-facing."""


class ReadError(MinutesError):
    """A file could not be turned into text (encoding, format, size, no text layer …)."""


class ParseError(MinutesError):
    """A text could not be parsed at all (a text that is merely not minutes is not an error:
    it gives a record with warnings)."""


class RecordError(MinutesError):
    """A record (usually JSON from outside) does not follow the contract; names the field."""


class ComposeError(MinutesError):
    """A record could not be rendered to the requested format."""
