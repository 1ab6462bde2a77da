"""Queries compiled once per process, for the pages every visitor asks for.

Building a queryset and compiling it to SQL costs the ORM far more than SQLite takes to
run a small indexed query (about 2 ms against 0.3 ms for the governments of the search
filter). A query whose shape never changes — only the values bound to it — is compiled
once here, from an ordinary queryset that filters by :data:`KEY` where the value goes,
and then run with the value in its place: the ORM still writes the SQL (quoting, joins,
the database's dialect), the page just stops paying for it on every request.

A query is cached under a name and the database vendor, so one process that talks to
SQLite and PostgreSQL (the test suite) never runs one's SQL on the other. The builder
must give the same SQL for every call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

#: The value a builder filters by where the real key goes (never a primary key: keys
#: are positive); :func:`rows` and :func:`objects` put the key in its place.
KEY = -918273645

_CACHE: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}


def _compiled(name: str, build: Callable[[], QuerySet[Any]]) -> tuple[str, tuple[Any, ...]]:
    """The SQL and parameters of the queryset ``build()`` makes (compiled once)."""
    cache_key = (name, connection.vendor)
    found = _CACHE.get(cache_key)
    if found is None:
        sql, params = build().query.sql_with_params()
        found = _CACHE[cache_key] = (sql, tuple(params))
    return found


def _bind(params: Sequence[Any], key: Any) -> tuple[Any, ...]:
    """The compiled parameters with ``key`` where the builder put :data:`KEY`."""
    return tuple(key if p == KEY else p for p in params)


def rows(
    name: str, build: Callable[[], QuerySet[Any]], *, key: Any = None
) -> list[tuple[Any, ...]]:
    """Run the query compiled under ``name`` (with ``key`` where :data:`KEY` stood) and
    return its rows as tuples."""
    sql, params = _compiled(name, build)
    with connection.cursor() as cursor:
        cursor.execute(sql, _bind(params, key))
        return list(cursor.fetchall())


class _Fetch:
    """What a compiled model query needs to make instances again from a row."""

    def __init__(self, queryset: QuerySet[Any]) -> None:
        from django.db.models.query import get_related_populators

        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        self.sql = sql
        self.params = tuple(params)
        klass_info = compiler.klass_info
        assert klass_info is not None, "objects() needs a queryset of model instances"
        select = compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [s[0].target.attname for s in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, queryset.db)
        self.converters = compiler.get_converters([s[0] for s in select[: compiler.col_count]])
        self.db = queryset.db

    def make(self, row: Sequence[Any]) -> Any:
        values = list(row)
        for pos, (convs, expression) in self.converters.items():
            value = values[pos]
            for convert in convs:
                value = convert(value, expression, connection)
            values[pos] = value
        obj = self.model.from_db(self.db, self.init_list, values[self.start : self.end])
        for populator in self.populators:
            populator.populate(values, obj)
        return obj


_FETCHES: dict[tuple[str, str], _Fetch] = {}


def objects(name: str, build: Callable[[], QuerySet[Any]], key: Any) -> list[Any]:
    """The model instances (``select_related`` ones included) of the queryset ``build()``
    makes with :data:`KEY` where ``key`` goes — compiled once, as :func:`rows`.

    Django's own iterator does the same per row (converters, ``from_db``, related
    populators); only the compiling is saved.
    """
    cache_key = (name, connection.vendor)
    fetch = _FETCHES.get(cache_key)
    if fetch is None:
        fetch = _FETCHES[cache_key] = _Fetch(build())
    with connection.cursor() as cursor:
        cursor.execute(fetch.sql, _bind(fetch.params, key))
        return [fetch.make(row) for row in cursor.fetchall()]
