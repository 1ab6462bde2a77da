"""Invented governments and their people: stable across seeds.

A :class:`Government` (象山县 → office 象山县人民政府办公室, body 县政府) is built from its
index alone, with a private random stream, so that government 7 is the same county
with the same office in every corpus, whatever the seed. Its people change with the
term (届): :func:`roster` gives the head, deputies, invited guests and department heads
of one government in one five-year term, again from a private stream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from jiyao.minutes.generate import pools

#: Years in which a five-year term of government begins (sessions count per term).
TERM_STARTS: tuple[int, ...] = (2012, 2017, 2022, 2027)


@dataclass(frozen=True)
class Government:
    """A county (县), county-level city (市) or district (区) government."""

    index: int
    short: str  # 象山
    level: str  # 县 | 市 | 区
    parent: str  # the prefecture-level city above it (宁川)

    @property
    def name(self) -> str:
        return self.short + self.level

    @property
    def office(self) -> str:
        return f"{self.name}人民政府办公室"

    @property
    def body(self) -> str:
        return f"{self.level}政府"

    @property
    def head_title(self) -> str:
        return f"{self.level}长"

    def fill(self, template: str, *, year: int = 2023, dept: str = "") -> str:
        """Fill a phrase-pool template's slots for this government."""
        return (
            template.replace("{L}", self.level)
            .replace("{G}", self.name)
            .replace("{S1}", self.short[0])
            .replace("{S}", self.short)
            .replace("{P}", self.parent)
            .replace("{Y0}", str(year))
            .replace("{Y1}", str(year + 1))
            .replace("{Y}", str(year - 1))
            .replace("{D}", dept)
        )


@dataclass(frozen=True)
class Roster:
    """The people of one government in one term."""

    head: str
    #: Vice heads (常务副县长 first), the usual members besides the head.
    deputies: tuple[str, ...]
    #: The office director, also a member.
    office_director: str
    #: Guests by invitation (人大常委会副主任, 政协副主席).
    invited: tuple[str, ...]
    #: Department heads who sit in (列席).
    observers: tuple[str, ...]


@lru_cache(maxsize=1)
def _more_place_names() -> tuple[str, ...]:
    """Names beyond the fixed pool: its first and second characters recombined."""
    firsts = sorted({n[0] for n in pools.PLACE_NAMES})
    seconds = sorted({n[1] for n in pools.PLACE_NAMES})
    known = set(pools.PLACE_NAMES)
    names = [a + b for a in firsts for b in seconds if a != b and a + b not in known]
    random.Random("place-names").shuffle(names)
    return tuple(names)


def government_count() -> int:
    """How many distinct governments can be made."""
    return len(pools.PLACE_NAMES) + len(_more_place_names())


def _place_name(index: int) -> str:
    if index < len(pools.PLACE_NAMES):
        return pools.PLACE_NAMES[index]
    more = _more_place_names()
    k = index - len(pools.PLACE_NAMES)
    if k >= len(more):
        raise ValueError(f"government {index}: only {len(pools.PLACE_NAMES) + len(more)} exist")
    return more[k]


@lru_cache(maxsize=4096)
def government(index: int) -> Government:
    """Government number ``index`` (0-based); the same for every seed."""
    rng = random.Random(f"government-{index}")
    level = rng.choices([lv for lv, _ in pools.LEVELS], [w for _, w in pools.LEVELS])[0]
    return Government(
        index=index,
        short=_place_name(index),
        level=level,
        parent=rng.choice(pools.PARENT_CITIES),
    )


def person_name(rng: random.Random) -> str:
    """An invented name: surname (now and then compound) + one or two given characters."""
    if rng.random() < 0.05:
        surname = rng.choice(pools.COMPOUND_SURNAMES)
    else:
        surname = rng.choice(pools.SURNAMES)
    count = 1 if rng.random() < 0.25 else 2
    given = "".join(
        rng.choice(pools.RARE_GIVEN_CHARS) if rng.random() < 0.03 else rng.choice(pools.GIVEN_CHARS)
        for _ in range(count)
    )
    return surname + given


def _names(rng: random.Random, count: int, taken: set[str]) -> tuple[str, ...]:
    out: list[str] = []
    while len(out) < count:
        name = person_name(rng)
        if name not in taken:
            taken.add(name)
            out.append(name)
    return tuple(out)


@lru_cache(maxsize=4096)
def roster(index: int, term: int) -> Roster:
    """The people of government ``index`` in the term beginning in year ``term``."""
    rng = random.Random(f"roster-{index}-{term}")
    taken: set[str] = set()
    return Roster(
        head=_names(rng, 1, taken)[0],
        deputies=_names(rng, rng.randint(4, 7), taken),
        office_director=_names(rng, 1, taken)[0],
        invited=_names(rng, rng.randint(2, 4), taken),
        observers=_names(rng, 30, taken),
    )


def term_of(year: int) -> int:
    """The year the term containing ``year`` began."""
    return max(t for t in TERM_STARTS if t <= year) if year >= TERM_STARTS[0] else TERM_STARTS[0]


def departments(gov: Government) -> tuple[str, ...]:
    """The government's department abbreviations as written (县发改局 …)."""
    return tuple(gov.level + abbr for abbr, _ in pools.DEPARTMENTS)
