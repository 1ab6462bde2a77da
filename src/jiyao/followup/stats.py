"""The dashboard's figures: tasks by unit, by leader, by meeting, with their shares.

Each table is one grouped query over the government's tasks (the covering indexes on
(government, lead|leader, state, deadline) let SQLite answer from the index alone) plus
one query for the days from meeting to 办结, whose medians are taken in Python. Rows:
name, total, closed, open (not overdue), overdue, the three shares, the median days.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from jiyao.followup import colour, states

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
    def open_share(self) -> float:
        return self.share(self.open)

    @property
    def overdue_share(self) -> float:
        return self.share(self.overdue)


def _counts(on: dt.date) -> dict[str, Any]:
    return {
        "total": Count("pk"),
        "closed": Count("pk", filter=Q(state=states.CLOSED)),
        "overdue": Count("pk", filter=Q(state__in=states.OPEN_STATES, deadline__lt=on)),
    }


def _medians(rows: Any, field: str) -> dict[Any, float]:
    values: dict[Any, list[int]] = defaultdict(list)
    for key, days in rows.filter(days_to_close__isnull=False).values_list(field, "days_to_close"):
        values[key].append(days)
    return {key: float(statistics.median(v)) for key, v in values.items()}


def _table(rows: Any, field: str, names: dict[Any, str], on: dt.date) -> list[Row]:
    grouped = rows.order_by().values(field).annotate(**_counts(on))
    medians = _medians(rows.order_by(), field)
    out = [
        Row(
            key=g[field],
            name=names.get(g[field], "（未指定）"),
            total=g["total"],
            closed=g["closed"],
            overdue=g["overdue"],
            median_days=medians.get(g[field]),
        )
        for g in grouped
    ]
    out.sort(key=lambda r: (-r.overdue, -r.total, r.name))
    return out


def by_unit(rows: Any, on: dt.date | None = None) -> list[Row]:
    from jiyao.archive.models import Organization

    on = on or colour.today()
    ids = rows.order_by().values("lead_id").distinct()
    names = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))
    return _table(rows, "lead_id", names, on)


def by_leader(rows: Any, on: dt.date | None = None) -> list[Row]:
    from jiyao.archive.models import Person

    on = on or colour.today()
    ids = rows.order_by().values("leader_id").distinct()
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    return _table(rows, "leader_id", names, on)


def by_meeting(rows: Any, on: dt.date | None = None, limit: int = RECENT_MEETINGS) -> list[Row]:
    """The most recent ``limit`` meetings that have tasks, newest first."""
    from jiyao.archive.models import Meeting

    on = on or colour.today()
    recent = list(
        rows.order_by()
        .values("meeting_id", "meeting_date")
        .distinct()
        .order_by("-meeting_date", "-meeting_id")[:limit]
    )
    ids = [r["meeting_id"] for r in recent]
    meetings = Meeting.objects.filter(pk__in=ids).select_related("series")
    names = {m.pk: _meeting_name(m) for m in meetings}
    table = _table(rows.filter(meeting_id__in=ids), "meeting_id", names, on)
    order = {pk: i for i, pk in enumerate(ids)}
    table.sort(key=lambda r: order.get(r.key, 0))
    return table


def _meeting_name(m: Any) -> str:
    kind = m.series.kind or "会议"
    session = f"第{m.session}次" if m.session else ""
    date = f"{m.date:%Y-%m-%d} " if m.date else ""
    return f"{date}{kind}{session}"


def totals(rows: Any, on: dt.date | None = None) -> dict[str, Any]:
    """Counts by colour and the overall median days to 办结."""
    on = on or colour.today()
    agg = rows.order_by().aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=colour.colour_q(colour.CLOSED, on)),
        red=Count("pk", filter=colour.colour_q(colour.RED, on)),
        yellow=Count("pk", filter=colour.colour_q(colour.YELLOW, on)),
        green=Count("pk", filter=colour.colour_q(colour.GREEN, on)),
    )
    days = list(
        rows.order_by().filter(days_to_close__isnull=False).values_list("days_to_close", flat=True)
    )
    agg["median_days"] = float(statistics.median(days)) if days else None
    return agg
