"""Whole generated records: one meeting of one government, or a chronological stream.

:func:`generate_record` makes one plausible record from a random stream.
:func:`generate_records` makes ``n`` of them lazily, in date order over the years
2020–2025, with sessions counting up per government and series the way real ones do
(常务会议 and 全体会议 per five-year term, 办公会议 per year; 专题会议 unnumbered), so
that an archive filled from it has consistent series. Only a small dict of counters
per government is kept, so memory does not grow with ``n``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator

from jiyao.minutes.compose.text import chinese_numeral
from jiyao.minutes.generate import pools
from jiyao.minutes.generate.governments import (
    Government,
    government,
    government_count,
    roster,
    term_of,
)
from jiyao.minutes.generate.items import ItemContext, agenda
from jiyao.minutes.record import Attendance, Meeting, Record

#: Governments in the pool for corpora of up to :data:`PER_GOVERNMENT` × 50 records.
POOL_SIZE = 50
#: Above this many records per government the pool grows, keeping about this many each.
PER_GOVERNMENT = 300
KINDS: tuple[tuple[str, int], ...] = (
    ("常务会议", 72),
    ("专题会议", 10),
    ("办公会议", 10),
    ("全体会议", 8),
)
#: Meetings of each kind per government and year in the whole-pool rate (to start a
#: term's counter part-way when the corpus begins in the middle of a term).
_YEARLY = {"常务会议": 24.0, "全体会议": 2.0}
START = dt.date(2020, 1, 1)
END = dt.date(2025, 12, 31)


def _weekday(day: dt.date) -> dt.date:
    """Move a Saturday or Sunday to the following Monday."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _kind(rng: random.Random) -> str:
    return rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]


def _title(body: str | None, kind: str, session: int | None, gov: Government) -> str:
    number = f"第{chinese_numeral(session)}次" if session is not None else ""
    if kind == "办公会议":
        return f"{number}{gov.head_title}办公会议纪要"
    return f"{body or ''}{number}{kind}纪要"


def _distribution(rng: random.Random, gov: Government) -> tuple[str, ...]:
    out: list[str] = []
    for slot in pools.DISTRIBUTION_SLOTS:
        line = rng.choice(slot)
        out.extend(gov.fill(recipient) for recipient in line or ())
    return tuple(out)


def build_record(
    rng: random.Random, gov: Government, kind: str, date: dt.date, session: int | None
) -> Record:
    """One record of ``gov``'s meeting of ``kind`` on ``date`` (the generator's core)."""
    people = roster(gov.index, term_of(date.year))
    if kind == "专题会议":
        chair = rng.choice(people.deputies[:3])
        members = [chair, *rng.sample([d for d in people.deputies if d != chair], 1)]
        n_items = rng.randint(1, 3)
    else:
        chair = people.head
        members = [people.head, *people.deputies]
        if kind != "办公会议":
            members.append(people.office_director)
        n_items = rng.randint(3, 9) if kind == "常务会议" else rng.randint(2, 5)
    absent = [m for m in members[1:] if rng.random() < 0.1]
    present = [m for m in members if m not in absent]
    invited = (
        sorted(rng.sample(people.invited, rng.randint(1, 2)), key=people.invited.index)
        if kind in ("常务会议", "全体会议") and rng.random() < 0.6
        else []
    )
    observers = rng.sample(
        people.observers, rng.randint(3, 20) if kind != "专题会议" else rng.randint(2, 6)
    )
    body = None if kind == "办公会议" else gov.body
    ctx = ItemContext(rng, gov, date.year)
    items = agenda(ctx, n_items, convey_first=kind != "专题会议" and rng.random() < 0.55)
    issued_on = date + dt.timedelta(days=rng.randint(2, 12))
    number = (
        f"〔{issued_on.year}〕{session}号" if session is not None and rng.random() < 0.2 else None
    )
    return Record(
        title=_title(body, kind, session, gov),
        issuer=gov.office,
        issued_on=issued_on,
        number=number,
        meeting=Meeting(
            body=body,
            kind=kind,
            session=session,
            date=date,
            time_of_day=rng.choices(("上午", "下午", "晚上"), (55, 40, 5))[0],
            chair=chair,
            location=gov.fill(rng.choice(pools.ROOMS)) if rng.random() < 0.4 else None,
        ),
        items=items,
        attendance=Attendance(
            present=tuple(present),
            absent=tuple(absent),
            invited=tuple(invited),
            observers=tuple(observers),
        ),
        distribution=_distribution(rng, gov),
    )


def generate_record(rng: random.Random | int, *, government: Government | None = None) -> Record:
    """One plausible record; ``rng`` a random stream or a seed. Deterministic in both."""
    r = rng if isinstance(rng, random.Random) else random.Random(rng)
    gov = government if government is not None else _government(r.randrange(POOL_SIZE))
    kind = _kind(r)
    date = _weekday(START + dt.timedelta(days=r.randrange((END - START).days - 2)))
    into_term = (date - dt.date(term_of(date.year), 1, 1)).days / 365.25
    session: int | None
    if kind == "常务会议":
        session = int(into_term * _YEARLY["常务会议"]) + 1
    elif kind == "全体会议":
        session = int(into_term * _YEARLY["全体会议"]) + 1
    elif kind == "办公会议":
        session = date.timetuple().tm_yday // 30 + 1
    else:
        session = None
    return build_record(r, gov, kind, date, session)


def _government(index: int) -> Government:
    return government(index)


def generate_records(n: int, seed: int = 0) -> Iterator[Record]:
    """``n`` records in date order, lazily; the same ``n`` and ``seed`` give the same records.

    Up to 15,000 records share a pool of 50 governments; larger corpora spread over
    more (about 300 meetings each), so that per-government series stay plausible.
    """
    if n < 0:
        raise ValueError(f"generate_records: n must be ≥ 0, got {n}")
    rng = random.Random(seed)
    pool = min(max(POOL_SIZE, math.ceil(n / PER_GOVERNMENT)), government_count())
    span = (END - START).days
    # Meetings of one government in one year (capped: only absurd corpora get near it).
    per_year = min(n / pool / (span / 365.25), 60.0)
    counters: dict[tuple[int, str], tuple[int, int]] = {}  # (gov, kind) → (period, count)
    last: dict[tuple[int, str], dt.date] = {}
    for i in range(n):
        day = START + dt.timedelta(days=int((i + rng.random()) * span / n))
        gov = government(rng.randrange(pool))
        kind = _kind(rng)
        key = (gov.index, kind)
        previous = last.get(key)
        if previous is not None and day <= previous:
            day = previous + dt.timedelta(days=1)
        day = _weekday(day)
        last[key] = day
        session: int | None = None
        if kind != "专题会议":
            period = day.year if kind == "办公会议" else term_of(day.year)
            held = counters.get(key)
            if held is None or held[0] != period:
                # The corpus may begin in the middle of a term: start the count there.
                begun = (day - dt.date(period, 1, 1)).days / 365.25 if held is None else 0.0
                share = dict(KINDS)[kind] / 100
                held = (period, int(begun * per_year * share))
            session = held[1] + 1
            counters[key] = (period, session)
        yield build_record(rng, gov, kind, day, session)
