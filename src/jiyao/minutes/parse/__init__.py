"""jiyao.minutes.parse — minutes text → :class:`~jiyao.minutes.record.Record`.

Theory of operation:

1. ``normalize`` (from :mod:`jiyao.minutes.read`) gives the one text form; every span in
   the record indexes it.
2. :mod:`.tokens` cuts it into lines and classifies each by its opening alone (label,
   numbering mark, office/date line, chrome …): frozen tokens that keep their position.
3. A state machine walks the tokens through the document's regions — header → body
   (opening line and items) → attendance → distribution → end — with ONE transition
   table, :data:`TRANSITIONS`, keyed by (region, token kind). Attendance and
   distribution blocks swallow their continuation lines.
4. Field extractors fill the record: :mod:`.header` (title, issuer, meeting), formal
   items from numbered headings (:mod:`.items`) or, for reports without numbered
   headings, items from the verbs of the prose (:mod:`.news`), and
   :mod:`.attendance` (labelled blocks, table rows, report sentences; distribution).
5. A frozen :class:`Record` comes out; anything the parser could not place becomes a
   warning (in Chinese, for users). Only :class:`ParseError` is raised, and only for
   input that is not text at all.

Speed (read + parse is benchmarked by bench/parse_bench.py at thousands of documents a
second): ``re`` costs ~4–10 ns a character to scan or match CJK text, ``str.find`` and
``in`` well under one, so literal searches and cheap character guards come before
patterns, patterns search windows in place (``pattern.search(text, pos, endpos)``) rather
than slices, and fields already found are not searched for again. A pattern runs only
when a cheap test that every match needs passes (a label's colon, a unit's ending, a
title short enough to be generic); a scan whose first find is all that is used stops
there (dates, decisions); pieces wanted whole come from a C-level ``split`` rather than
``finditer`` (a Match object costs more than the piece). The small values made by the
dozen (tokens, :class:`~.fields.Found`) are built with ``tuple.__new__``, skipping the
named tuple's Python-level constructor. Any such shortcut must give exactly the output
of the plain form: compare ``parse(text).dumps(spans=True)`` before and after.
"""

from __future__ import annotations

import re

from jiyao.minutes.errors import ParseError
from jiyao.minutes.parse import attendance as A
from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse import tokens as T
from jiyao.minutes.parse.fields import DOC_RE, Found, is_generic
from jiyao.minutes.parse.header import read_header
from jiyao.minutes.parse.items import Draft, fill
from jiyao.minutes.parse.news import MAX_ITEMS, news_items
from jiyao.minutes.read import normalize
from jiyao.minutes.record import Attendance, Item, Meeting, Record, Span

#: Stored with every parsed record; bump when the output for some text changes.
PARSER_VERSION = "4"

__all__ = ["PARSER_VERSION", "ParseError", "parse"]

# Regions.
HEAD, BODY, ATTEND, DIST, END = "head", "body", "attend", "dist", "end"
# Derived token kinds the table uses besides tokens.* kinds.
OPENING, TITLE, LIST, PROSE = "opening", "title", "list", "prose"

#: (region, token kind) → next region. Pairs not listed keep the region.
TRANSITIONS: dict[tuple[str, str], str] = {
    (HEAD, OPENING): BODY,
    (HEAD, T.HEADING): BODY,
    (HEAD, T.NUMBERED): BODY,
    (HEAD, PROSE): BODY,
    (HEAD, T.ATTEND): ATTEND,
    (HEAD, T.DIST): DIST,
    (BODY, T.ATTEND): ATTEND,
    (BODY, T.DIST): DIST,
    (BODY, T.IMPRINT): END,
    (ATTEND, T.ATTEND): ATTEND,
    (ATTEND, PROSE): BODY,
    (ATTEND, OPENING): BODY,
    (ATTEND, T.HEADING): BODY,
    (ATTEND, T.NUMBERED): BODY,
    (ATTEND, T.FIELD): BODY,
    (ATTEND, T.DIST): DIST,
    (ATTEND, T.IMPRINT): END,
    (DIST, T.DIST): DIST,
    (DIST, T.ATTEND): ATTEND,
    (DIST, T.IMPRINT): END,
    (END, T.ATTEND): ATTEND,
    (END, T.DIST): DIST,
}

_OPENING_RE = re.compile(r"主持|召开|举行|会议")
_COMMA_RE = re.compile("[，,]")
_COLON_END_RE = re.compile(r"[，,].*[：:]$")
_DATE_HINT_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|[近日]前|近日|日前")


def _opening_like(text: str) -> bool:
    """A line that says who held the meeting, its clauses cut by commas, is the opening
    even without a full stop: a long one (2月18日，县长X主持召开…，会议传达…) or one ending
    with a colon after a comma (…主持召开…会议，…，现纪要如下：)."""
    return (
        _COMMA_RE.search(text) is not None
        and _OPENING_RE.search(text) is not None
        and (len(text) > 60 or _COLON_END_RE.search(text) is not None)
    )


def _derived(tok: T.Token, region: str, have_title: bool, have_opening: bool) -> str:
    """What a TEXT token is in its region (other tokens are their kind)."""
    if tok.kind != T.TEXT:
        return tok.kind
    text = tok.text
    if region == HEAD and not have_title and "。" not in text and not _opening_like(text):
        return TITLE
    if (
        (region == HEAD or not have_opening)
        and _OPENING_RE.search(text)
        and ("。" in text or _COMMA_RE.search(text) is not None)
    ):
        return OPENING
    if region in (ATTEND, DIST) and "。" not in text.rstrip("。") and len(text) < 200:
        return LIST
    if region == HEAD and text.startswith("——"):
        return TITLE
    return PROSE if "。" in text or len(text) > 60 else LIST


def parse(text: str, *, name: str = "-") -> Record:
    """Parse one minutes text (any genre) into a record; spans index ``normalize(text)``.

    Never raises for text: what cannot be read becomes a warning. ``ParseError`` only
    for input that is not a string."""
    if not isinstance(text, str):
        raise ParseError(f"{name}: expected text, got {type(text).__name__}")
    source = normalize(text)
    tokens = T.tokenize(source)
    region = HEAD
    have_title = False
    regions: dict[str, list[T.Token]] = {HEAD: [], BODY: [], ATTEND: [], DIST: [], END: []}
    opening: T.Token | None = None
    blocks: list[tuple[str, list[tuple[int, int]]]] = []
    dist_windows: list[tuple[int, int]] = []
    for tok in tokens:
        kind = tok.kind
        if kind == T.TEXT and tok.text.startswith(P.NEXT_REPORT_OPENINGS) and opening is not None:
            break  # another meeting's report follows on the page
        if kind == T.TEXT:
            kind = _derived(tok, region, have_title, opening is not None)
        if kind == TITLE:
            have_title = True
        region = TRANSITIONS.get((region, kind), region)
        if kind == OPENING and opening is None:
            opening = tok
        regions[region].append(tok)
        if region == ATTEND:
            if tok.kind == T.ATTEND:
                role = A.role_of(tok.label) or "present"
                blocks.append((role, [(tok.body_start, tok.end)]))
            elif blocks and tok.kind != T.CHROME:
                blocks[-1][1].append((tok.start, tok.end))
        elif region == DIST and tok.kind != T.IMPRINT:
            dist_windows.append((tok.body_start if tok.kind == T.DIST else tok.start, tok.end))
    header = read_header(source, tokens, opening)
    spans: dict[str, Span] = dict(header.spans)
    drafts = _items(source, regions[BODY], opening)
    items = [_item(source, d, i, spans) for i, d in enumerate(drafts)]
    people = _attendance(source, regions[BODY], blocks, spans)
    dist = A.distribution(source, dist_windows)
    for i, f in enumerate(dist):
        spans[f"distribution[{i}]"] = (f.start, f.end)
    warnings = []
    if not items:
        warnings.append(f"{name}: 未找到会议议题")
    elif len(items) >= MAX_ITEMS:
        warnings.append(f"{name}: 议题超过{MAX_ITEMS}项，其余未读取")
    if header.title is None:
        warnings.append(f"{name}: 未找到标题")
    if header.kind is None and header.date is None and not items:
        warnings.append(f"{name}: 这段文字不像会议纪要")
    return Record(
        title=header.title,
        issuer=header.issuer,
        issued_on=header.issued_on,
        number=header.number,
        meeting=Meeting(
            body=header.body,
            kind=header.kind,
            session=header.session,
            date=header.date,
            time_of_day=header.time_of_day,
            chair=header.chair,
            chair_post=header.chair_post,
            location=header.location,
        ),
        items=tuple(items),
        attendance=people,
        distribution=tuple([f.value for f in dist]),
        warnings=tuple(warnings),
        spans=spans,
    )


def _items(source: str, body: list[T.Token], opening: T.Token | None) -> list[Draft]:
    tops = [t for t in body if t.kind == T.HEADING]
    if not tops:
        tops = [t for t in body if t.kind == T.NUMBERED]
    if not tops:
        tops = [t for t in body if t.kind == T.SUB]
        first = body.index(tops[0]) if tops else 0
        if first and _POINTS_LEAD_RE.search(body[first - 1].text):
            tops = []  # 会议议定：（一）…（二）…: points of the item before, not items (I12)
    formal = bool(tops) and not _outline(source, body, tops)
    if not formal:
        paragraphs = []
        for tok in body:
            if tok.kind in (T.ATTEND, T.DIST, T.FIELD, T.CHROME):
                continue
            if tok is opening:
                paragraphs.append((tok.start, tok.end))
            elif tok.kind not in (T.NUMBERED,) or not tops:
                paragraphs.append((tok.body_start if tok.kind != T.TEXT else tok.start, tok.end))
        return news_items(
            source, paragraphs, (opening.start, opening.end) if opening is not None else None
        )
    drafts = []
    top_ids = {id(t) for t in tops}
    current: list[T.Token] = []
    for tok in body:
        if id(tok) in top_ids:
            if current:
                drafts.append(current)
            current = [tok]
        elif current and tok.kind not in (T.ATTEND, T.DIST, T.FIELD, T.CHROME):
            if tok.kind == T.TEXT and len(tok.text) < 30 and is_generic(tok.text):
                drafts.append(current)
                current = []
                continue
            current.append(tok)
    if current:
        drafts.append(current)
    out = []
    for group in drafts:
        head = group[0]
        draft = Draft(head.start, group[-1].end)
        heading_end = head.end
        fill(source, draft, (head.body_start, heading_end))
        out.append(draft)
    return out


def _outline(source: str, body: list[T.Token], tops: list[T.Token]) -> bool:
    """Numbered lines that only list the agenda: consecutive, and every one of them named
    again by the narrative that follows (live blogs, 要点速览 outlines)."""
    if len(tops) < 2:
        return False
    first = body.index(tops[0])
    last = body.index(tops[-1])
    if any(t.kind not in (T.HEADING, T.NUMBERED) for t in body[first : last + 1]):
        return False
    rest = source[tops[-1].end :]
    named = 0
    for top in tops:
        line = source[top.body_start : top.end]
        doc = DOC_RE.search(line)
        if doc:
            key = doc.group(1)
        elif "关于" in line:
            key = line[line.index("关于") + 2 :]
        else:
            key = _VERB_LEAD_RE.sub("", line)
        if len(key) >= 4 and key[:6] in rest:
            named += 1
    return named == len(tops)


#: A line that introduces the points of one decision (会议议定：, 会议决定如下：).
_POINTS_LEAD_RE = re.compile(r"(?:议定|决定|明确|同意)[^：:]{0,6}[：:]$")
_VERB_LEAD_RE = re.compile(r"^(?:会议)?(?:传达学习|审议|审定|听取|研究|讨论|部署)(?:了)?")


def _item(source: str, d: Draft, i: int, spans: dict[str, Span]) -> Item:
    base = f"items[{i}]"
    spans[base] = (d.start, d.end)
    if d.heading is not None:
        spans[f"{base}.heading"] = (d.heading.start, d.heading.end)
    for j, f in enumerate(d.submitters):
        spans[f"{base}.submitters[{j}]"] = (f.start, f.end)
    for j, doc in enumerate(d.documents):
        spans[f"{base}.documents[{j}]"] = (doc.start, doc.end)
    if d.decision is not None:
        spans[f"{base}.decision"] = (d.decision.start, d.decision.end)
    if d.follow_up is not None:
        spans[f"{base}.follow_up"] = (d.follow_up.start, d.follow_up.end)
    for j, f in enumerate(d.requirements):
        spans[f"{base}.requirements[{j}]"] = (f.start, f.end)
    return Item(
        number=i + 1,
        heading=d.heading.value if d.heading else "",
        action=d.action or "其他",
        submitters=tuple([f.value for f in d.submitters]),
        documents=tuple([doc.title for doc in d.documents]),
        document_stages=tuple([doc.stage for doc in d.documents]),
        decision=d.decision.value if d.decision else None,
        follow_up=d.follow_up.value if d.follow_up else None,
        requirements=tuple([f.value for f in d.requirements]),
        text=d.text(source),
    )


def _attendance(
    source: str,
    body: list[T.Token],
    blocks: list[tuple[str, list[tuple[int, int]]]],
    spans: dict[str, Span],
) -> Attendance:
    found: dict[str, list[Found]] = {role: [] for role in A.ROLES}
    for role, windows in blocks:
        found[role].extend(A.block_names(source, windows))
    for tok in body:
        text = tok.text
        # 席: 出席 or 列席 (another 席 costs one call that finds nothing)
        if tok.kind == T.TEXT and ("席" in text or "参加" in text):
            for role, names in A.sentence_attendance(source, tok.start, tok.end).items():
                found[role].extend(names)
    last = next((t for t in reversed(body) if t.kind != T.CHROME), None)
    if last is not None and last.kind == T.TEXT and not blocks:
        # a closing line of posts and names without a verb (副县长A、B): present
        found["present"].extend(A.trailing_names(source, last.start, last.end))
    out: dict[str, tuple[str, ...]] = {}
    for role in A.ROLES:
        # each name once, where it first appears (a dict keeps insertion order)
        seen: dict[str, Found] = {}
        for f in found[role]:
            seen.setdefault(f.value, f)
        for j, f in enumerate(seen.values()):
            spans[f"attendance.{role}[{j}]"] = (f.start, f.end)
        out[role] = tuple(seen)
    return Attendance(**out)
