"""Working days and the calendar facts deadlines need (Spring Festival dates).

A working day is Monday to Friday and not in the ``holidays`` set the caller passes
(statutory holidays differ by year and are published each December, so they are data,
not code). Make-up working weekends (调休) are not modelled: a Saturday is never a
working day here, which errs on the generous side for the assignee.

:data:`SPRING_FESTIVAL` lists 春节 (the first day of the lunar year) for 2000–2050, as
printed in the official calendars; the lunar calendar has no closed formula, so a list
is the honest form.
"""

from __future__ import annotations

import datetime as dt

#: No holidays: weekends only.
NO_HOLIDAYS: frozenset[dt.date] = frozenset()

_SPRING_FESTIVAL_ISO = (
    "2000-02-05 2001-01-24 2002-02-12 2003-02-01 2004-01-22 2005-02-09 2006-01-29 "
    "2007-02-18 2008-02-07 2009-01-26 2010-02-14 2011-02-03 2012-01-23 2013-02-10 "
    "2014-01-31 2015-02-19 2016-02-08 2017-01-28 2018-02-16 2019-02-05 2020-01-25 "
    "2021-02-12 2022-02-01 2023-01-22 2024-02-10 2025-01-29 2026-02-17 2027-02-06 "
    "2028-01-26 2029-02-13 2030-02-03 2031-01-23 2032-02-11 2033-01-31 2034-02-19 "
    "2035-02-08 2036-01-28 2037-02-15 2038-02-04 2039-01-24 2040-02-12 2041-02-01 "
    "2042-01-22 2043-02-10 2044-01-30 2045-02-17 2046-02-06 2047-01-26 2048-02-14 "
    "2049-02-02 2050-01-23"
)

#: Year → the date of 春节 (正月初一) in that Gregorian year, 2000–2050.
SPRING_FESTIVAL: dict[int, dt.date] = {
    d.year: d for d in (dt.date.fromisoformat(s) for s in _SPRING_FESTIVAL_ISO.split())
}


def spring_festival(year: int) -> dt.date | None:
    """The date of 春节 in ``year``; None outside the table (2000–2050)."""
    return SPRING_FESTIVAL.get(year)


def is_workday(day: dt.date, holidays: frozenset[dt.date] = NO_HOLIDAYS) -> bool:
    """Monday to Friday and not a holiday."""
    return day.weekday() < 5 and day not in holidays


def add_workdays(day: dt.date, n: int, holidays: frozenset[dt.date] = NO_HOLIDAYS) -> dt.date:
    """The ``n``-th working day after ``day`` (``day`` itself is not counted).

    ``n == 0`` gives ``day`` unchanged; a negative ``n`` counts backwards. So
    "10个工作日内" from a Tuesday meeting is ``add_workdays(meeting, 10)``, two weeks later.
    """
    step = 1 if n >= 0 else -1
    left = abs(n)
    current = day
    # Whole weeks first when no holiday can interfere, so large n stay cheap: any seven
    # consecutive days hold exactly five working days. At least one day is left to the
    # loop so that the answer is always a working day.
    if not holidays and left > 10:
        weeks, left = divmod(left, 5)
        if left == 0:
            weeks, left = weeks - 1, 5
        current += dt.timedelta(days=7 * weeks * step)
    while left:
        current += dt.timedelta(days=step)
        if is_workday(current, holidays):
            left -= 1
    return current


def workdays_between(a: dt.date, b: dt.date, holidays: frozenset[dt.date] = NO_HOLIDAYS) -> int:
    """Working days ``d`` with ``a < d <= b``; negative (the same count) when ``b < a``.

    The inverse of :func:`add_workdays` for working days:
    ``workdays_between(a, add_workdays(a, n)) == n`` for every ``n >= 0``.
    """
    if b < a:
        return -workdays_between(b, a, holidays)
    days = (b - a).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    current = a + dt.timedelta(days=7 * weeks)
    for _ in range(rest):
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            count += 1
    if holidays:
        count -= sum(1 for h in holidays if a < h <= b and h.weekday() < 5)
    return count
