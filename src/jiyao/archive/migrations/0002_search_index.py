"""The full-text index over SearchEntry.words, per database.

SQLite: an FTS5 table with external content (the words live once, in
archive_searchentry) kept in step by triggers. PostgreSQL: a stored generated
tsvector column ('simple' config over the already-segmented words) with a GIN index.
Other databases get no index (search then falls back to a LIKE scan).
"""

from __future__ import annotations

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE archive_search_fts USING fts5(
        words, content='archive_searchentry', content_rowid='meeting_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER archive_search_ai AFTER INSERT ON archive_searchentry BEGIN
        INSERT INTO archive_search_fts(rowid, words) VALUES (new.meeting_id, new.words);
    END""",
    """CREATE TRIGGER archive_search_ad AFTER DELETE ON archive_searchentry BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, words)
        VALUES ('delete', old.meeting_id, old.words);
    END""",
    """CREATE TRIGGER archive_search_au AFTER UPDATE ON archive_searchentry BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, words)
        VALUES ('delete', old.meeting_id, old.words);
        INSERT INTO archive_search_fts(rowid, words) VALUES (new.meeting_id, new.words);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS archive_search_au",
    "DROP TRIGGER IF EXISTS archive_search_ad",
    "DROP TRIGGER IF EXISTS archive_search_ai",
    "DROP TABLE IF EXISTS archive_search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE archive_searchentry ADD COLUMN tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED""",
    "CREATE INDEX archive_searchentry_tsv ON archive_searchentry USING GIN (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS archive_searchentry_tsv",
    "ALTER TABLE archive_searchentry DROP COLUMN IF EXISTS tsv",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
