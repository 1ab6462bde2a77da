"""Queries compiled once per process, for the pages every visitor asks for.

Building a queryset and compiling it to SQL costs the ORM far more than SQLite takes to
run a small indexed query (about 2 ms against 0.3 ms for the governments of the search
filter). A query whose shape never changes — only the values bound to it — is compiled
once here, from an ordinary queryset, and then run with new parameters: the ORM still
writes the SQL (quoting, joins, the database's dialect), the page just stops paying for
it on every request.

A query is cached under a name and the database vendor, so one process that talks to
SQLite and PostgreSQL (the test suite) never runs one's SQL on the other. The builder
must give the same SQL for every call: parameters are passed positionally, in the
order of the ``%s`` placeholders the compiler wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

#: The value a builder filters by where the real key goes (never a primary key: keys
#: are positive); :func:`rows` and :func:`objects` put the key in its place among the parameters.
KEY = -918273645

_CACHE: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}


def compiled(name: str, build: Callable[[], QuerySet[Any]]) -> tuple[str, tuple[Any, ...]]:
    """The SQL and default parameters of the queryset ``build()`` makes (compiled once)."""
    key = (name, connection.vendor)
    found = _CACHE.get(key)
    if found is None:
        sql, params = build().query.sql_with_params()
        found = _CACHE[key] = (sql, tuple(params))
    return found


def rows(
    name: str,
    build: Callable[[], QuerySet[Any]],
    params: Sequence[Any] | None = None,
    *,
    key: Any = None,
) -> list[tuple[Any, ...]]:
    """Run the query compiled under ``name`` and return its rows as tuples: with
    ``params`` when given, else with those it was compiled with — :data:`KEY` among them
    replaced by ``key`` when one is given."""
    sql, default = compiled(name, build)
    if params is None and key is not None:
        params = [key if p == KEY else p for p in default]
    with connection.cursor() as cursor:
        cursor.execute(sql, tuple(params) if params is not None else default)
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
    params = tuple(key if p == KEY else p for p in fetch.params)
    with connection.cursor() as cursor:
        cursor.execute(fetch.sql, params)
        return [fetch.make(row) for row in cursor.fetchall()]
