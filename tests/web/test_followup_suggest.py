"""The supervisor is asked to split imported minutes too, once, and only those whose
decisions ask for something (jiyao.followup.suggest)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from followup_data import world

pytestmark = pytest.mark.django_db


def _lines(user):
    from jiyao.followup.services import todo_for

    return [(text, url) for text, url in todo_for(user) if "生成督办建议" in text]


def test_imported_minutes_whose_decisions_ask_for_work_are_on_the_supervisors_desk(client):
    from jiyao.followup.proposals import propose_for_meeting

    w = world()
    link = reverse("followup:meeting", args=[w["meeting"].pk])
    assert _lines(w["supervisor"]) == [(f"{w['meeting']}纪要已导入：生成督办建议", link)]
    client.force_login(w["supervisor"])
    desk = client.get(reverse("desk")).content.decode()
    assert f'href="{link}"' in desk and "纪要已导入：生成督办建议" in desk
    listed = client.get(reverse("followup:meetings")).content.decode()
    assert f'href="{link}"' in listed.split('id="fresh"', 1)[1]
    # Once split, it is not suggested again (its proposals are on the list to confirm).
    assert propose_for_meeting(w["meeting"]) > 0
    assert _lines(w["supervisor"]) == []
    listed = client.get(reverse("followup:meetings")).content.decode()
    assert f'href="{link}"' not in listed.split('id="fresh"', 1)[1]
    # Only the supervisor is asked; a department and an outsider are not.
    assert _lines(w["fgj"]) == [] and _lines(w["outsider"]) == []
    client.force_login(w["outsider"])
    assert client.get(reverse("followup:meetings")).status_code in (403, 404)


def test_minutes_asking_for_nothing_and_meetings_without_minutes_are_not_suggested(client):
    from jiyao.archive.models import Decision, Meeting
    from jiyao.meetings.models import Workflow

    w = world()
    Decision.objects.filter(agenda_item__meeting=w["meeting"]).update(
        follow_up=None, requirements=[]
    )
    planned = Meeting.objects.create(
        series=w["meeting"].series, session=99, date=w["meeting"].date, body="县政府"
    )
    Workflow.objects.create(meeting=planned)
    assert _lines(w["supervisor"]) == []
    client.force_login(w["supervisor"])
    listed = client.get(reverse("followup:meetings")).content.decode().split('id="fresh"', 1)[1]
    for meeting in (w["meeting"], planned):
        assert reverse("followup:meeting", args=[meeting.pk]) not in listed


def test_an_imported_meeting_with_a_task_already_is_not_suggested():
    from followup_data import make_task

    w = world()
    make_task(w)
    assert _lines(w["supervisor"]) == []


def test_past_the_desks_share_the_desk_links_to_the_list(monkeypatch):
    from jiyao.followup import suggest
    from jiyao.followup.services import todo_for

    w = world()
    monkeypatch.setattr(suggest, "ON_DESK", 0)
    lines = [(t, u) for t, u in todo_for(w["supervisor"]) if "分解督办事项" in t]
    assert lines == [("更多纪要尚未分解督办事项", reverse("followup:meetings"))]
