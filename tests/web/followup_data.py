"""Shared data of the follow-up tests: the bundled example imported, role-named users.

``world()`` imports the bundled 象山县 minutes (nine items) and makes the users every
permission test needs: ``supervisor`` (督查室), ``fgj`` (liaison officer of
县发展和改革局, the lead of items 3 and 9), ``zjj`` (liaison officer of another unit),
``leader`` (陈兴立, in charge of 县发展和改革局), ``reader`` and ``outsider`` (no role).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

#: A one-page PDF (pdfium opens it: jiyao.uploads checks that).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
EXAMPLE = Path(__file__).resolve().parents[2] / "src/jiyao/examples/xiangshan-2021-53.txt"


def user(username: str, group: str | None, *, org: Any = None, person: Any = None) -> Any:
    from django.contrib.auth.models import Group, User

    from jiyao.accounts.models import profile_of

    u = User.objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.cn"
    )
    if group:
        u.groups.add(Group.objects.get_or_create(name=group)[0])
    if org is not None or person is not None:
        profile = profile_of(u)
        profile.organization = org
        profile.person = person
        profile.save()
    return u


def unit(government: Any, name: str) -> Any:
    from jiyao.followup.proposals import resolve_unit

    found = resolve_unit(government, name)
    assert found is not None, name
    return found


def world() -> dict[str, Any]:
    from jiyao.archive.importer import Importer
    from jiyao.archive.models import Person
    from jiyao.directory.models import Portfolio

    meeting = Importer(visibility="public").import_path(str(EXAMPLE)).meeting
    government = meeting.series.government
    fgj = unit(government, "县发改局")
    zjj = unit(government, "县住建局")
    person = Person.objects.get(government=government, name="陈兴立")
    Portfolio.objects.create(government=government, leader=person, department=fgj)
    return {
        "meeting": meeting,
        "government": government,
        "fgj_unit": fgj,
        "zjj_unit": zjj,
        "person": person,
        "supervisor": user("supervisor", "supervisor"),
        "fgj": user("fgj", "department", org=fgj),
        "zjj": user("zjj", "department", org=zjj),
        "leader": user("leader", "leader", person=person),
        "reader": user("reader", "reader"),
        "outsider": user("outsider", None),
        "secretary": user("secretary", "secretariat"),
    }


def make_task(
    w: dict[str, Any],
    lead: Any = None,
    deadline: dt.date | None = None,
    action: str = "修改完善后印发实施",
) -> Any:
    """A task of the example meeting's ninth item, confirmed by the supervisor."""
    from jiyao.followup import services
    from jiyao.followup.models import Proposal

    decision = w["meeting"].items.order_by("position").last().decision
    position = Proposal.objects.filter(decision=decision).count()
    proposal = Proposal.objects.create(
        decision=decision, meeting=w["meeting"], position=position, action=action
    )
    return services.confirm(
        proposal,
        w["supervisor"],
        lead=lead or w["fgj_unit"],
        co_units=[],
        action=action,
        deadline=deadline or dt.date(2021, 12, 31),
    )
