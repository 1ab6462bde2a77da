"""Keep the search entry's copied filter columns in step with edits made after import.

SearchEntry copies a meeting's government, date and public flag so a search is one
query over one table. Imports write those copies themselves (bulk inserts send no
signals); an edit in the admin saves a Minutes or Meeting and these handlers update
the copy, so that internal minutes never show in public search results. Text edits
are re-indexed by :func:`jiyao.archive.search.reindex_meeting` (the admin calls it).
"""

from __future__ import annotations

from typing import Any


def minutes_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from jiyao.archive.models import Minutes, SearchEntry

    if kwargs.get("raw"):
        return
    SearchEntry.objects.filter(meeting_id=instance.meeting_id).update(
        public=instance.visibility == Minutes.PUBLIC
    )


def minutes_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Minutes removed: the meeting leaves the archive, and so its search entry."""
    from jiyao.archive.models import SearchEntry

    SearchEntry.objects.filter(meeting_id=instance.meeting_id).delete()


def meeting_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from jiyao.archive.models import MeetingSeries, SearchEntry

    if kwargs.get("raw"):
        return
    government = (
        MeetingSeries.objects.filter(pk=instance.series_id)
        .values_list("government_id", flat=True)
        .first()
    )
    SearchEntry.objects.filter(meeting_id=instance.pk).update(
        date=instance.date, government_id=government
    )


def series_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A series moved to another government moves its meetings' search entries with it
    (search's government filter and the governments page count from them)."""
    from jiyao.archive.models import SearchEntry

    if kwargs.get("raw"):
        return
    SearchEntry.objects.filter(meeting__series_id=instance.pk).exclude(
        government_id=instance.government_id
    ).update(government_id=instance.government_id)
