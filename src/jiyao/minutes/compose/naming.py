"""File names for composed minutes: ``<government>-<date>-第N次常务会议纪要.<ext>``.

Many governments title their minutes alike (县政府第五十三次常务会议纪要), so a download
named by its title alone collides in a user's folder. The name says whose meeting, when,
and which sitting: 象山县人民政府-2021-06-08-第53次常务会议纪要.pdf.

Fallbacks, each part left out when the record does not say it:

- government: the issuer without its office (象山县人民政府办公室 → 象山县人民政府), else
  ``government`` (the caller's name for it, e.g. the archive's), else the meeting's body
  (县政府);
- date: the meeting's date, else the issuing date (ISO, so names sort by date);
- the meeting: 第N次 + kind + 纪要, or kind + 纪要 without a session, 会议纪要 without a kind.

When neither government nor date is known, the title stands in (or 纪要). Characters that
file systems or Content-Disposition refuse (/ \\ : * ? " < > | and controls) become -.
"""

from __future__ import annotations

import re

from jiyao.minutes.record import Record

_OFFICE = re.compile(r"(办公室|办公厅|秘书处|秘书科)$")
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')
#: Longest name part kept (a file name of ~255 bytes holds ~80 CJK characters).
_MAX_PART = 40


def document_name(record: Record, suffix: str, *, government: str | None = None) -> str:
    """The file name of ``record`` composed as ``suffix`` (".pdf" or "pdf")."""
    m = record.meeting
    who = _OFFICE.sub("", record.issuer or "") or government or m.body or ""
    day = m.date or record.issued_on
    when = day.isoformat() if day else ""
    session = f"第{m.session}次" if m.session is not None else ""
    what = f"{session}{m.kind or '会议'}纪要"
    if not who and not when:
        what = record.title or what
    parts = [_clean(p)[:_MAX_PART] for p in (who, when, what)]
    ext = suffix if suffix.startswith(".") or not suffix else "." + suffix
    return "-".join(p for p in parts if p) + ext


def _clean(text: str) -> str:
    return _UNSAFE.sub("-", text).strip(" .-")


__all__ = ["document_name"]
