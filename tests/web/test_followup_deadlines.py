"""A task's deadline comes from the decision's requirements when they write one (于2027年
3月底前完成, 6月30日前), the default only otherwise, and the task says where it came from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from meetings.test_meetings_cycle import held_meeting

pytestmark = pytest.mark.django_db


def _next_june_30(today: dt.date) -> dt.date:
    this_year = dt.date(today.year, 6, 30)
    return this_year if this_year >= today else dt.date(today.year + 1, 6, 30)


def signed_with(world: Any, requirement: str) -> Any:
    """A meeting signed in jiyao whose first item requires ``requirement`` (no unit named)
    and whose second names its unit but no date."""
    from jiyao.meetings import drafting, services, submission

    wf = held_meeting(world)
    first, second = wf.meeting.agenda.order_by("position")
    sec = world.users.secretary
    services.record_decision(
        first,
        sec,
        outcome="原则同意",
        follow_up="会后修改完善后印发实施",
        requirements=[requirement],
    )
    services.record_decision(
        second, sec, outcome="原则同意", requirements=["县财政局要加强预算执行管理"]
    )
    draft = drafting.draft_of(wf.meeting, sec)
    submission.submit_minutes(wf.meeting, sec, expected_version=draft.version)
    drafting.sign_minutes(
        wf.meeting, world.users.chair, visibility="public", expected_version=draft.version
    )
    return wf.meeting


@pytest.fixture
def world(db: None) -> Any:
    from meetings import world as w

    built = w.build()
    built.users.supervisor = w.user("duchashi", "supervisor", org=built.gov)
    return built


@pytest.mark.parametrize(
    ("requirement", "due", "phrase"),
    [
        ("要于{next}年3月底前完成", lambda t: dt.date(t.year + 1, 3, 31), "{next}年3月底前"),
        ("上述工作须于6月30日前完成", _next_june_30, "6月30日前"),
    ],
)
def test_a_date_written_in_the_requirements_is_the_tasks_deadline(
    world: Any, requirement: str, due: Any, phrase: str
) -> None:
    from jiyao.followup.models import Proposal, Task
    from jiyao.followup.proposals import propose_for_meeting

    today = timezone.localdate()
    requirement = requirement.format(next=today.year + 1)
    phrase = phrase.format(next=today.year + 1)
    meeting = signed_with(world, requirement)
    assert propose_for_meeting(meeting) == 2
    written, other = Proposal.objects.order_by("decision__agenda_item__position", "position")
    assert written.action == "会后修改完善后印发实施"
    assert written.deadline == due(today)
    assert written.deadline_phrase == phrase
    assert "期限取自会议要求" in written.deadline_note and requirement in written.deadline_note
    assert "默认" not in written.deadline_note
    # The second item writes no date anywhere: the default, and it says so.
    assert other.deadline_phrase == "" and "默认" in other.deadline_note
    # The supervisor confirms as proposed: the task keeps the date and where it came from.
    sup = Client()
    sup.force_login(world.users.supervisor)
    page = sup.get(reverse("followup:meeting", args=[meeting.pk])).content.decode()
    assert "期限取自会议要求" in page
    data = {
        "decision": "confirm",
        "lead": str(written.lead_id),
        "action": written.action,
        "deadline": written.deadline.isoformat(),
        "note": page.split(f'id="p{written.pk}"', 1)[1]
        .split('name="note" maxlength="500" value="', 1)[1]
        .split('"', 1)[0],
    }
    assert sup.post(reverse("followup:decide", args=[written.pk]), data).status_code == 302
    task = Task.objects.get(proposal=written)
    assert task.deadline == due(today)
    shown = sup.get(reverse("followup:task", args=[task.pk])).content.decode()
    assert "期限取自会议要求" in shown
    outsider = Client()
    outsider.force_login(world.users.outsider)
    assert outsider.get(reverse("followup:meeting", args=[meeting.pk])).status_code in (403, 404)


def test_a_date_the_supervisor_changes_is_not_credited_to_the_minutes(world: Any) -> None:
    from jiyao.followup.models import Proposal, Task
    from jiyao.followup.proposals import deadline_source, propose_for_meeting
    from jiyao.minutes.followup import add_workdays

    today = timezone.localdate()
    meeting = signed_with(world, f"要于{today.year + 1}年3月底前完成")
    propose_for_meeting(meeting)
    written = Proposal.objects.order_by("decision__agenda_item__position", "position").first()
    sup = Client()
    sup.force_login(world.users.supervisor)
    data = {
        "decision": "confirm",
        "lead": str(written.lead_id),
        "action": written.action,
        "deadline": "10个工作日内",
        "note": deadline_source(written),
    }
    assert sup.post(reverse("followup:decide", args=[written.pk]), data).status_code == 302
    task = Task.objects.get(proposal=written)
    assert task.deadline == add_workdays(today, 10)
    assert task.deadline_note == "督查室确定（10个工作日内）"
