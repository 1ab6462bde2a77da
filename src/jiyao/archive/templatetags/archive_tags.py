"""Template tags of the archive pages.

``{% fact spans path value %}`` renders one fact of the record: a link that, chosen,
highlights the value's source span in the text beside it (meeting.js; the href is the
no-JavaScript fallback the server renders itself). Without a span it is plain text.
Every value is escaped (conditional_escape), so source text never becomes markup.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def span_of(spans: Any, path: str) -> tuple[int, int] | None:
    """The ``(start, end)`` of ``path`` in a flat spans mapping, or None."""
    if not isinstance(spans, dict):
        return None
    value = spans.get(path)
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] <= value[1]
    ):
        return int(value[0]), int(value[1])
    return None


@lru_cache(maxsize=4096)
def _path_attrs(path: str) -> tuple[str, str]:
    """The escaped ``?hl=`` query and ``data-path`` of a record path (few, and repeated
    on every meeting page)."""
    return html.escape(urlencode({"hl": path})), html.escape(path)


@register.simple_tag
def fact(spans: Any, path: str, value: Any, label: str = "") -> SafeString:
    """A focusable fact tied to its source span (or plain text when it has none).

    Written with f-strings rather than ``format_html``: a meeting page has about a hundred
    facts, and format_html cost ten times as much for the same markup.
    """
    text = conditional_escape("" if value is None else value)
    span = span_of(spans, path)
    if span is None:
        return mark_safe(f'<span class="fact nospan">{text}</span>')
    query, data_path = _path_attrs(path)
    title = html.escape(f"在原文中标出{label or ''}")
    return mark_safe(
        f'<a class="fact" href="?{query}#hl" data-path="{data_path}"'
        f' data-span="{span[0]},{span[1]}" title="{title}">{text}</a>'
    )


_MARK = re.compile(r"(</?mark>)")


@register.filter
def snippet(value: Any) -> SafeString:
    """Search's ``snippet_html`` reduced to text plus ``<mark>``: nothing else survives.

    search.py escapes its snippets already; this does not trust that: every piece
    between the marks is unescaped and escaped again, so a snippet can only ever
    carry ``<mark>`` tags, whatever the source text held.
    """
    pieces = _MARK.split("" if value is None else str(value))
    out = []
    depth = 0
    for piece in pieces:
        if piece == "<mark>" and depth == 0:
            out.append(piece)
            depth = 1
        elif piece == "</mark>" and depth == 1:
            out.append(piece)
            depth = 0
        elif piece not in ("<mark>", "</mark>"):
            out.append(escape(html.unescape(piece)))
    if depth:
        out.append("</mark>")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (for pagination links)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if hasattr(params, "urlencode") else "?" + urlencode(params)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (None when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def meeting_name(meeting: Any) -> str:
    """How a meeting is named in Chinese: 第8次常务会议 (the session before the kind)."""
    kind = getattr(getattr(meeting, "series", None), "kind", "")
    return meeting_label(kind, getattr(meeting, "session", None))


def meeting_label(kind: str | None, session: int | None) -> str:
    """第8次常务会议 from a series' kind and a session (just the kind without one)."""
    kind = kind or "会议"
    return f"第{session}次{kind}" if session else kind


@register.filter
def split(value: Any, sep: str) -> list[str]:
    """``"a,b"|split:","`` → ["a", "b"] (for short fixed lists in templates)."""
    return str(value).split(sep)
