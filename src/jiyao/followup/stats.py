"""The dashboard's figures: tasks by unit, by leader, by meeting, with their shares.

Each table is two grouped queries over the government's tasks, both answered from a
covering index (government, lead|leader, state, deadline, warn_from, days_to_close)
without reading the table: the counts by colour, and the days from meeting to 办结 as
a histogram per group (days → how many tasks, from a partial index on (government,
lead|leader, days_to_close)), whose medians are taken in Python — a few thousand small
rows instead of every closed task. The totals are the sums of the
by-unit table. Rows: name, total, closed, open (not overdue), overdue, yellow, the
shares, the median days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from jiyao.followup import states

#: Meetings shown in the by-meeting table (the most recent ones).
RECENT_MEETINGS = 12
#: Units / leaders shown in a chart (all of them in the table and the exports).
CHART_ROWS = 15


@dataclass(frozen=True)
class Row:
    key: int | None
    name: str
    total: int
    closed: int
    overdue: int
    yellow: int
    median_days: float | None

    @property
    def open(self) -> int:
        return self.total - self.closed - self.overdue

    def share(self, part: int) -> float:
        return part / self.total if self.total else 0.0

    @property
    def closed_share(self) -> float:
        return self.share(self.closed)

    @property
    def closed_percent(self) -> int:
        return self.closed * 100 // self.total if self.total else 0

    @property
    def overdue_share(self) -> float:
        return self.share(self.overdue)

    @property
    def median_text(self) -> str:
        return days_text(self.median_days)


def days_text(days: float | None) -> str:
    """64.0 → "64", 64.5 → "64.5", None → "—"."""
    if days is None:
        return "—"
    return str(int(days)) if days == int(days) else f"{days:.1f}"


def median_of(histogram: Iterable[tuple[int, int]]) -> float | None:
    """The median of values given as (value, count) pairs; None when there are none."""
    pairs = sorted(histogram)
    n = sum(c for _, c in pairs)
    if n == 0:
        return None
    wanted = [(n - 1) // 2, n // 2]  # the two middle positions (equal when n is odd)
    found: list[int] = []
    seen = 0
    for value, count in pairs:
        while len(found) < 2 and wanted[len(found)] < seen + count:
            found.append(value)
        seen += count
        if len(found) == 2:
            break
    return (found[0] + found[1]) / 2


def _counts(on: dt.date) -> dict[str, Any]:
    is_open = Q(state__in=states.OPEN_STATES)
    return {
        "total": Count("pk"),
        "closed": Count("pk", filter=Q(state=states.CLOSED)),
        "overdue": Count("pk", filter=is_open & Q(deadline__lt=on)),
        "yellow": Count("pk", filter=is_open & Q(warn_from__lte=on, deadline__gte=on)),
    }


def histograms(rows: Any, field: str) -> dict[Any, list[tuple[int, int]]]:
    """Days from meeting to 办结 per ``field`` value, as (days, how many tasks) pairs in
    ascending order — read in index order from (government, lead|leader, days_to_close)."""
    from django.db import connection

    out: dict[Any, list[tuple[int, int]]] = defaultdict(list)
    grouped = (
        rows.order_by()
        .filter(days_to_close__isnull=False)
        .values(field, "days_to_close")
        .annotate(n=Count("pk"))
        .values_list(field, "days_to_close", "n")
    )
    # Plain integers: the cursor's tuples as they are (the ORM's per-row work would
    # cost more than the query on a government with many units).
    sql, params = grouped.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, days, n in cursor.fetchall():
            out[key].append((days, n))
    return out


def _table(
    rows: Any, field: str, names: dict[Any, str], on: dt.date
) -> tuple[list[Row], dict[Any, list[tuple[int, int]]]]:
    grouped = rows.order_by().values(field).annotate(**_counts(on))
    days = histograms(rows, field)
    out = [
        Row(
            key=g[field],
            name=names.get(g[field], "（未指定）"),
            total=g["total"],
            closed=g["closed"],
            overdue=g["overdue"],
            yellow=g["yellow"],
            median_days=median_of(days.get(g[field], ())),
        )
        for g in grouped
    ]
    out.sort(key=lambda r: (-r.overdue, -r.total, r.name))
    return out, days


def by_unit(rows: Any, on: dt.date) -> list[Row]:
    return _by_unit(rows, on)[0]


def _by_unit(rows: Any, on: dt.date) -> tuple[list[Row], dict[Any, list[tuple[int, int]]]]:
    from jiyao.archive.models import Organization

    table, days = _table(rows, "lead_id", {}, on)
    names = dict(
        Organization.objects.filter(pk__in=[r.key for r in table]).values_list("pk", "name")
    )
    return [_named(r, names) for r in table], days


def _named(row: Row, names: dict[Any, str]) -> Row:
    return Row(
        key=row.key,
        name=names.get(row.key, "（未指定）"),
        total=row.total,
        closed=row.closed,
        overdue=row.overdue,
        yellow=row.yellow,
        median_days=row.median_days,
    )


def by_leader(rows: Any, on: dt.date) -> list[Row]:
    from jiyao.archive.models import Person

    table, _ = _table(rows, "leader_id", {}, on)
    keys = [r.key for r in table if r.key is not None]
    names = dict(Person.objects.filter(pk__in=keys).values_list("pk", "name"))
    return [_named(r, names) for r in table]


def by_meeting(rows: Any, on: dt.date, limit: int = RECENT_MEETINGS) -> list[Row]:
    """The most recent ``limit`` meetings that have tasks, newest first."""
    from jiyao.archive.models import Meeting

    recent = list(
        rows.order_by("-meeting_date", "-meeting_id")
        .values_list("meeting_id", flat=True)
        .distinct()[: limit * 20]
    )
    ids = list(dict.fromkeys(recent))[:limit]
    meetings = Meeting.objects.filter(pk__in=ids).select_related("series")
    names = {m.pk: _meeting_name(m) for m in meetings}
    table, _ = _table(rows.filter(meeting_id__in=ids), "meeting_id", names, on)
    order = {pk: i for i, pk in enumerate(ids)}
    table.sort(key=lambda r: order.get(r.key, 0))
    return table


def _meeting_name(m: Any) -> str:
    kind = m.series.kind or "会议"
    session = f"第{m.session}次" if m.session else ""
    date = f"{m.date:%Y-%m-%d} " if m.date else ""
    return f"{date}{kind}{session}"


def dashboard(rows: Any, on: dt.date) -> dict[str, Any]:
    """Everything the dashboard shows: the three tables and the totals by colour."""
    units, days = _by_unit(rows, on)
    overall: dict[int, int] = defaultdict(int)
    for pairs in days.values():
        for value, n in pairs:
            overall[value] += n
    total = sum(r.total for r in units)
    closed = sum(r.closed for r in units)
    red = sum(r.overdue for r in units)
    yellow = sum(r.yellow for r in units)
    totals = {
        "total": total,
        "closed": closed,
        "red": red,
        "yellow": yellow,
        "green": total - closed - red - yellow,
        "median_days": median_of(overall.items()),
    }
    totals["median_text"] = days_text(totals["median_days"])
    return {
        "units": units,
        "leaders": by_leader(rows, on),
        "meetings": by_meeting(rows, on),
        "totals": totals,
    }
