"""The directories: departments, people and documents, with search-as-you-type.

Each lists only what a user may learn of: for a public-only user, the departments that
brought an item to visible minutes, the people named in visible minutes (attendance or
chair), the document titles taken up in visible minutes. A name filter (``?q=``)
matches part of a name, a full name or an alias. Entries are shown in pinyin order;
at most ``SHOWN`` of them, the count says how many there are in all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode

from jiyao.archive import models
from jiyao.archive.access import visible_filter
from jiyao.archive.provinces import pinyin_key

#: Entries shown at once; the rest are reached by typing part of a name.
SHOWN = 200
#: Entries read from the database before sorting (bounded on a huge archive).
READ = 5000


@dataclass(frozen=True)
class Entry:
    url: str
    name: str
    note: str = ""


def _sorted(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: pinyin_key(e.name))


def departments(user: Any, q: str) -> tuple[list[Entry], int]:
    """Departments that brought items (visible to ``user``) matching ``q``."""
    brought = models.ItemSubmitter.objects.filter(
        visible_filter(user, "agenda_item__meeting"), organization=OuterRef("pk")
    )
    orgs = models.Organization.objects.filter(Exists(brought))
    if q:
        aliases = models.OrganizationAlias.objects.filter(alias__icontains=q)
        orgs = orgs.filter(
            Q(name__icontains=q)
            | Q(full_name__icontains=q)
            | Q(pk__in=aliases.values("organization_id"))
        )
    rows = list(
        orgs.order_by("name").values_list("pk", "name", "full_name", "government__name")[:READ]
    )
    entries = [
        Entry(reverse("archive:department", args=[pk]), full or name, gov or "")
        for pk, name, full, gov in rows
    ]
    return _sorted(entries)[:SHOWN], len(rows)


def people(user: Any, q: str) -> tuple[list[Entry], int]:
    """People named in minutes visible to ``user`` (attendance or chair) matching ``q``."""
    attended = models.Attendance.objects.filter(
        visible_filter(user, "meeting"), person=OuterRef("pk")
    )
    chaired = models.Meeting.objects.filter(visible_filter(user, "pk"), chair=OuterRef("pk"))
    found = models.Person.objects.filter(Exists(attended) | Exists(chaired))
    if q:
        found = found.filter(name__icontains=q)
    rows = list(found.order_by("name").values_list("pk", "name", "government__name")[:READ])
    entries = [
        Entry(reverse("archive:person", args=[pk]), name, gov or "") for pk, name, gov in rows
    ]
    return _sorted(entries)[:SHOWN], len(rows)


def documents(user: Any, q: str) -> tuple[list[Entry], int]:
    """Document titles taken up in minutes visible to ``user``, matching ``q``."""
    docs = models.Document.objects.filter(visible_filter(user, "agenda_item__meeting"))
    if q:
        docs = docs.filter(title__icontains=q)
    titles = list(docs.order_by("title").values_list("title", flat=True).distinct()[:READ])
    base = reverse("archive:document")
    entries = [Entry(f"{base}?{urlencode({'title': t})}", f"《{t}》") for t in titles if t]
    return sorted(entries, key=lambda e: pinyin_key(e.name[1:]))[:SHOWN], len(entries)
