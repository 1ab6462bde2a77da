"""A large import refreshes the database's planner statistics (importer.refresh_statistics).

Without them PostgreSQL planned a meeting page's queries as if a meeting had a thousand
agenda items (no ANALYZE had run since the bulk load) and spent 40 ms on what takes 2.
"""

from __future__ import annotations

import pytest
from django.db import connection
from test_import import small_record

from jiyao.archive import importer
from jiyao.archive.importer import Importer, Input

pytestmark = pytest.mark.django_db


def _analyzed() -> bool:
    """Whether PostgreSQL gathered the agenda items' statistics (reltuples stays -1 until
    the first ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'archive_agendaitem'")
        return float(cursor.fetchone()[0]) >= 0


def _inputs(n: int) -> list[Input]:
    return [
        Input(name=f"m{i}.txt", record=small_record(title=f"第{i}份"), text=f"第{i}份")
        for i in range(n)
    ]


def test_a_large_import_gathers_the_planner_statistics(monkeypatch) -> None:
    calls = []
    real = importer.refresh_statistics
    monkeypatch.setattr(importer, "refresh_statistics", lambda: calls.append(1) or real())
    monkeypatch.setattr(importer, "STATISTICS_AFTER", 3)
    Importer().import_many(_inputs(3))
    assert calls == [1]
    if connection.vendor == "postgresql":
        assert _analyzed()


def test_a_small_import_leaves_the_statistics_alone(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(importer, "refresh_statistics", lambda: calls.append(1))
    monkeypatch.setattr(importer, "STATISTICS_AFTER", 3)
    Importer().import_many(_inputs(2))
    assert calls == []
