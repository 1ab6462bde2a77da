"""Repair government names that earlier importers made up (第5次县政府, 了县人民政府,
【图】象山县人民政府 …): run once by migration 0005 on existing archives.

A government's name is valid when jiyao.minutes.orgs.government_of gives it back
unchanged (a place ending in 县/市/区/旗/州/盟 + 人民政府, Han characters only, none of
次 了 第 …), or when it is a placeholder (待定政府（…）). For an invalid one:

- the valid government named inside it (【图】象山县人民政府 → 象山县人民政府), if any,
  takes its meetings — renamed when no such government exists yet, merged into the
  existing one otherwise (series of the same kind merged, departments and people of
  the same name merged, everything that pointed at them re-pointed);
- otherwise it becomes a placeholder, 待定政府（原“…”）, and each of its meetings is
  flagged for review.

Works on the models it is given (a migration's historical models, or the real ones).
"""

from __future__ import annotations

from typing import Any

from jiyao.minutes.orgs import government_of, place_before_government

PLACEHOLDER_PREFIX = "待定政府（"


def valid_government_name(name: str) -> bool:
    return name.startswith(PLACEHOLDER_PREFIX) or government_of(name) == name


def _candidate(name: str) -> str | None:
    place = place_before_government(name)
    return government_of(place) if place else None


def repair_government_names(apps: Any) -> list[tuple[str, str]]:
    """Repair every invalid top-level government name; returns (old, new) pairs."""
    org_model = apps.get_model("archive", "Organization")
    flag_model = apps.get_model("archive", "ReviewFlag")
    meeting_model = apps.get_model("archive", "Meeting")
    done: list[tuple[str, str]] = []
    for bad in list(org_model.objects.filter(government=None)):
        if valid_government_name(bad.name):
            continue
        old = bad.name
        new = _candidate(old)
        if new is None:
            new = f"{PLACEHOLDER_PREFIX}原“{old[:40]}”）"
            flag_model.objects.bulk_create(
                flag_model(
                    meeting_id=pk,
                    kind="placeholder",
                    detail=f"政府名称“{old}”无效，已改为“{new}”，请核实是哪级政府的会议",
                )
                for pk in meeting_model.objects.filter(series__government=bad).values_list(
                    "pk", flat=True
                )
            )
        target = org_model.objects.filter(government=None, name=new).first()
        if target is None:
            bad.name = new
            if bad.full_name == old:
                bad.full_name = new
            bad.save()
        else:
            _merge(apps, bad, target)
        done.append((old, new))
    return done


def _merge(apps: Any, bad: Any, target: Any) -> None:
    """Move everything of government ``bad`` to ``target``, then delete ``bad``."""
    get = apps.get_model
    series_model, meeting_model = get("archive", "MeetingSeries"), get("archive", "Meeting")
    org_model, person_model = get("archive", "Organization"), get("archive", "Person")
    for series in series_model.objects.filter(government=bad):
        same = series_model.objects.filter(government=target, kind=series.kind).first()
        if same is None:
            series.government = target
            series.save()
        else:
            meeting_model.objects.filter(series=series).update(series=same)
            series.delete()
    get("archive", "SearchEntry").objects.filter(government=bad).update(government=target)
    for dept in org_model.objects.filter(government=bad):
        same = org_model.objects.filter(government=target, name=dept.name).first()
        if same is None:
            org_model.objects.filter(pk=dept.pk).update(government=target)
            continue
        get("archive", "ItemSubmitter").objects.filter(organization=dept).update(organization=same)
        get("archive", "Distribution").objects.filter(organization=dept).update(organization=same)
        for alias in get("archive", "OrganizationAlias").objects.filter(organization=dept):
            if not same.aliases.filter(alias=alias.alias).exists():
                alias.organization = same
                alias.save()
        dept.delete()
    for person in person_model.objects.filter(government=bad):
        same = person_model.objects.filter(government=target, name=person.name).first()
        if same is None:
            person_model.objects.filter(pk=person.pk).update(government=target)
            continue
        get("archive", "Attendance").objects.filter(person=person).update(person=same)
        meeting_model.objects.filter(chair=person).update(chair=same)
        person.delete()
    bad.delete()
