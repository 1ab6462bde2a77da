"""Name resolution for the importer: governments, series, people and departments → ids.

A batch meets the same organizations, people and series again and again, so an
importer keeps them in memory (:class:`Names`). The caches only learn from committed
work: what a document creates is held aside and merged after its transaction succeeds,
so a rolled-back document never leaves a stale id behind (:class:`_Cache`). Before a
batch, the names of the governments it meets are read once, outside its transaction
(``_preload``): after that, a name the cache does not know is taken as new and costs no
lookup. A person or department another writer created meanwhile is found by the insert
itself (conflicts ignored, ids read back); an alias added in the admin while a long
import runs is seen by the next import, not by this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from jiyao.archive import identity
from jiyao.minutes.orgs import abbreviations_of, canonical

K = TypeVar("K")
V = TypeVar("V")


class _Cache(Generic[K, V]):
    """A lookup cache that learns only from committed work.

    ``remember`` holds a value aside (visible to lookups in the same transaction);
    ``commit`` keeps what was held, ``rollback`` forgets it, so a rolled-back document
    never leaves a stale id behind. Item assignment stores a committed fact directly.
    """

    def __init__(self) -> None:
        self.committed: dict[K, V] = {}
        self.pending: dict[K, V] = {}

    def get(self, key: K, default: V | None = None) -> V | None:
        if key in self.pending:
            return self.pending[key]
        return self.committed.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self.pending or key in self.committed

    def __getitem__(self, key: K) -> V:
        return self.pending[key] if key in self.pending else self.committed[key]

    def __setitem__(self, key: K, value: V) -> None:
        self.committed[key] = value

    def setdefault(self, key: K, value: V) -> V:
        return self.committed.setdefault(key, value)

    def remember(self, key: K, value: V) -> None:
        self.pending[key] = value

    def commit(self) -> None:
        self.committed.update(self.pending)
        self.pending.clear()

    def rollback(self) -> None:
        self.pending.clear()


class Names:
    """The cached lookups of one importer (see the module docstring)."""

    def __init__(self) -> None:
        self._orgs: _Cache[tuple[int | None, str], int | None] = _Cache()
        self._people: _Cache[tuple[int, str], int] = _Cache()
        self._series: _Cache[tuple[int, str], int] = _Cache()
        self._meetings = identity.MeetingIndex()
        #: Governments whose organizations and people are all in the caches (_preload).
        self._loaded: set[int] = set()

    def _preload(self, governments: set[str | None]) -> None:
        """Read the organizations, aliases and people of these governments into the caches.

        Run outside the batch's transaction, so it reads committed rows only (the cache
        must never hold an id a rollback takes back). Once a government is loaded, a name
        the cache does not know is known to be new: no query per unknown name.
        """
        from jiyao.archive import models as m

        names = {name for name in governments if name and (None, name) not in self._orgs}
        if names:
            for name, pk in m.Organization.objects.filter(
                government=None, name__in=names
            ).values_list("name", "pk"):
                self._orgs[(None, name)] = pk
        ids = {self._orgs.get((None, name)) for name in governments if name} - {None}
        todo = ids - self._loaded
        if not todo:
            return
        orgs = m.Organization.objects.filter(government_id__in=todo)
        for gov_id, name, pk in orgs.values_list("government_id", "name", "pk"):
            self._orgs[(gov_id, name)] = pk
        aliases = m.OrganizationAlias.objects.filter(organization__government_id__in=todo)
        for gov_id, alias, pk in aliases.values_list(
            "organization__government_id", "alias", "organization_id"
        ):
            self._orgs.setdefault((gov_id, alias), pk)  # a name wins over an alias
        people = m.Person.objects.filter(government_id__in=todo)
        for gov_id, name, pk in people.values_list("government_id", "name", "pk"):
            self._people[(gov_id, name)] = pk
        self._loaded |= {i for i in todo if i is not None}

    def _caches(self) -> tuple[_Cache[Any, Any] | identity.MeetingIndex, ...]:
        return (self._orgs, self._people, self._series, self._meetings)

    def _commit_cache(self) -> None:
        for cache in self._caches():
            cache.commit()

    def _rollback_cache(self) -> None:
        for cache in self._caches():
            cache.rollback()

    def _remember(self, cache: _Cache[Any, Any], key: Any, value: Any) -> None:
        cache.remember(key, value)

    def _government(self, name: str) -> int:
        from jiyao.archive import models as m

        key = (None, name)
        found = self._orgs.get(key)
        if found is not None:
            return found
        org, _ = m.Organization.objects.get_or_create(
            government=None,
            name=name,
            defaults={"kind": m.Organization.GOVERNMENT, "full_name": name},
        )
        self._remember(self._orgs, key, org.pk)
        return int(org.pk)

    def _series_id(self, gov_id: int, kind: str) -> int:
        from jiyao.archive import models as m

        key = (gov_id, kind)
        found = self._series.get(key)
        if found is not None:
            return found
        series, _ = m.MeetingSeries.objects.get_or_create(government_id=gov_id, kind=kind)
        self._remember(self._series, key, series.pk)
        return int(series.pk)

    def _people_ids(self, gov_id: int, names: Iterable[str]) -> dict[str, int]:
        from jiyao.archive import models as m

        out: dict[str, int] = {}
        missing = set()
        for name in names:
            pk = self._people.get((gov_id, name))
            if pk is None:
                missing.add(name)
            else:
                out[name] = pk
        if missing:
            # Insert what is missing, ignoring the names that exist after all (another
            # import or an edit may have added them since this government was preloaded),
            # then read the ids of them all.
            new = [m.Person(government_id=gov_id, name=n) for n in sorted(missing)]
            m.Person.objects.bulk_create(new, ignore_conflicts=True)
            found = dict(
                m.Person.objects.filter(government_id=gov_id, name__in=missing).values_list(
                    "name", "pk"
                )
            )
            for name, pk in found.items():
                out[name] = pk
                self._remember(self._people, (gov_id, name), pk)
        return out

    def _lookup_orgs(self, gov_id: int, written: Iterable[str]) -> dict[str, int | None]:
        """As-written name → organization id within the government (None: not known)."""
        from jiyao.archive import models as m

        out: dict[str, int | None] = {}
        missing: set[str] = set()
        for name in written:
            key = (gov_id, name)
            if key in self._orgs:
                out[name] = self._orgs[key]
            else:
                missing.add(name)
        if not missing:
            return out
        by_name = {name: canonical(name) for name in missing}
        if gov_id in self._loaded:  # every known name is cached: the rest are new
            for name, full in by_name.items():
                pk = self._orgs.get((gov_id, full))
                out[name] = pk
                self._remember(self._orgs, (gov_id, name), pk)
            return out
        rows = m.Organization.objects.filter(
            government_id=gov_id, name__in=set(by_name.values()) | missing
        ).values_list("name", "pk")
        known = dict(rows)
        aliases = dict(
            m.OrganizationAlias.objects.filter(
                organization__government_id=gov_id, alias__in=missing
            ).values_list("alias", "organization_id")
        )
        for name, full in by_name.items():
            pk = known.get(name) or known.get(full) or aliases.get(name)
            out[name] = pk
            self._remember(self._orgs, (gov_id, name), pk)
        return out

    def _department_ids(self, gov_id: int, gov_name: str, written: list[str]) -> dict[str, int]:
        """As-written submitter → department id, creating departments (and their aliases)."""
        from jiyao.archive import models as m

        found = self._lookup_orgs(gov_id, written)
        out: dict[str, int] = {k: v for k, v in found.items() if v is not None}
        unknown = sorted({name for name, pk in found.items() if pk is None})
        if not unknown:
            return out
        place = gov_name[: -len("人民政府")] if gov_name.endswith("人民政府") else ""
        created: dict[str, int] = {}
        for name in unknown:
            full = canonical(name)
            if full in created:
                out[name] = created[full]
                continue
            # get_or_create: another import may have created it since the preload.
            org, _ = m.Organization.objects.get_or_create(
                government_id=gov_id,
                name=full,
                defaults={"kind": m.Organization.DEPARTMENT, "full_name": _full_name(full, place)},
            )
            created[full] = org.pk
            out[name] = org.pk
            names = {*abbreviations_of(full), name} - {full}
            m.OrganizationAlias.objects.bulk_create(
                [m.OrganizationAlias(organization=org, alias=a) for a in sorted(names)],
                ignore_conflicts=True,
            )
            for alias in (*names, full):
                self._remember(self._orgs, (gov_id, alias), org.pk)
        for name in unknown:
            out[name] = created[canonical(name)]
            self._remember(self._orgs, (gov_id, name), out[name])
        return out

    def _known_org_ids(self, gov_id: int, written: Iterable[str]) -> dict[str, int]:
        return {k: v for k, v in self._lookup_orgs(gov_id, written).items() if v is not None}


def _full_name(name: str, place: str) -> str | None:
    """县发展和改革局 in 象山县 → 象山县发展和改革局 (None when the level does not match)."""
    if place and name and name[0] in "省市县区旗州" and place.endswith(name[0]):
        return place + name[1:]
    return None
