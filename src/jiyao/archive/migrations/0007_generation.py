"""The archive's change counter (models.Generation) and the triggers that keep it.

Every table whose rows an archive page shows gets a trigger that adds one to the
counter in the same transaction as the write, so no writer — the importer's bulk
inserts, the admin, a correction, a restore, a hand-written SQL fix — can change a
page's content without changing the counter (jiyao.archive.pagecache keys on it).

SQLite: row triggers, AFTER each insert, update and delete (SQLite serializes writers,
so the counter row costs no waiting). PostgreSQL: statement triggers, BEFORE each
statement, so a transaction takes the counter's row lock before any lock on the
archive's rows: writers then queue on one row in one order and cannot deadlock.
"""

from __future__ import annotations

import secrets

from django.db import migrations, models

TABLES = (
    "archive_organization",
    "archive_organizationalias",
    "archive_person",
    "archive_meetingseries",
    "archive_meeting",
    "archive_sourcedocument",
    "archive_minutes",
    "archive_agendaitem",
    "archive_itemsubmitter",
    "archive_document",
    "archive_decision",
    "archive_attendance",
    "archive_distribution",
    "archive_searchentry",
)
EVENTS = ("insert", "update", "delete")
BUMP = "UPDATE archive_generation SET n = n + 1 WHERE id = 1"


def _sqlite(forward: bool) -> list[str]:
    out = []
    for table in TABLES:
        for event in EVENTS:
            name = f"{table}_gen_{event}"
            out.append(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {BUMP}; END"
                if forward
                else f"DROP TRIGGER IF EXISTS {name}"
            )
    return out


def _postgres(forward: bool) -> list[str]:
    if not forward:
        return [f"DROP TRIGGER IF EXISTS {t}_gen ON {t}" for t in TABLES] + [
            "DROP FUNCTION IF EXISTS archive_generation_bump()"
        ]
    return [
        f"""CREATE FUNCTION archive_generation_bump() RETURNS trigger AS $$
        BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql""",
        *(
            f"""CREATE TRIGGER {t}_gen BEFORE INSERT OR UPDATE OR DELETE ON {t}
            FOR EACH STATEMENT EXECUTE FUNCTION archive_generation_bump()"""
            for t in TABLES
        ),
    ]


def forward(apps, schema_editor):
    schema_editor.execute(
        "INSERT INTO archive_generation (id, n, epoch) VALUES (1, 0, %s)", [secrets.token_hex(8)]
    )
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": _sqlite, "postgresql": _postgres}.get(vendor, lambda f: [])(True):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": _sqlite, "postgresql": _postgres}.get(vendor, lambda f: [])(False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_meeting_chair_post")]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("n", models.BigIntegerField(default=0)),
                ("epoch", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "档案版本", "verbose_name_plural": "档案版本"},
        ),
        migrations.RunPython(forward, backward),
    ]
