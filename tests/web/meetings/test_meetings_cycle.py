"""The meeting cycle through the services (no HTTP): plan, agenda, notice, attendance,
decisions, minutes, signing, distribution and 签收 — and the archive holding the result."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from jiyao.flow import TransitionRefused

pytestmark = pytest.mark.django_db


def held_meeting(world: Any, *, topics: int = 2) -> Any:
    """A meeting today with ``topics`` topics, notice sent, attendance taken, held."""
    from jiyao.meetings import notice, services
    from meetings import world as w

    u = world.users
    wf = services.create_meeting(
        world.series,
        u.secretary,
        date=timezone.localdate(),
        chair=world.people["包朝阳"],
        location="县行政中心1号楼会议室",
    )
    titles = ["象山县海洋经济发展规划", "2026年财政预算执行情况", "象山县老旧小区改造方案"]
    for i in range(topics):
        t = w.topic(
            world,
            titles[i],
            action="deliberate" if i != 1 else "hear_report",
            dept="县财政局" if i == 1 else "县发展和改革局",
        )
        services.place_topic(wf, t, u.secretary)
    notice.send_notice(wf, u.secretary)
    from jiyao.meetings.models import Participant

    absent = Participant.objects.get(meeting=wf.meeting, person=world.people["钮晶莹"])
    services.grant_leave(absent, u.secretary, reason="出差", approved_by=world.people["包朝阳"])
    present = list(
        Participant.objects.filter(meeting=wf.meeting)
        .exclude(pk=absent.pk)
        .values_list("pk", flat=True)
    )
    services.record_attendance(wf, u.secretary, present=present, absent=[absent.pk])
    services.transition(wf, "hold", u.secretary)
    return wf


def decide_all(wf: Any, user: Any) -> None:
    from jiyao.meetings import services

    for entry in wf.meeting.agenda.order_by("position"):
        services.record_decision(
            entry,
            user,
            outcome="原则同意",
            follow_up="会后修改完善后印发实施",
            requirements=["县发改局要加强统筹协调。"],
        )


def test_a_meeting_goes_from_plan_to_signed_minutes_a_recipient_acknowledges(world: Any) -> None:
    from jiyao.archive.models import Meeting
    from jiyao.meetings import distribution, drafting, submission
    from jiyao.minutes.parse import parse
    from jiyao.topics.models import Topic

    wf = held_meeting(world)
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments
    decide_all(wf, world.users.secretary)
    assert set(Topic.objects.values_list("state", flat=True)) == {"decided"}
    meeting = wf.meeting
    draft = drafting.draft_of(meeting, world.users.secretary)
    errors, _ = drafting.check_draft(meeting, drafting.draft_record(draft))
    assert errors == []
    submission.submit_minutes(meeting, world.users.secretary, expected_version=draft.version)
    version = drafting.sign_minutes(
        meeting, world.users.chair, visibility="public", expected_version=draft.version
    )
    assert version.number == f"〔{timezone.localdate().year}〕1号"
    wf.refresh_from_db()
    assert wf.state == "signed"
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.minutes.number == version.number
    record = stored.to_record()
    # The signed minutes parse back into the same record.
    assert drafting.differences(record, parse(version.text)) == []
    assert record.attendance.absent == ("钮晶莹",)
    assert [i.decision for i in record.items] == ["原则同意", "原则同意"]
    assert stored.search_entry.public
    recipients = distribution.receipts_of(version)
    assert [r.organization.name for r in recipients] == ["县发展和改革局", "县财政局"]
    distribution.acknowledge(recipients[0], world.users.clerk)
    with pytest.raises(TransitionRefused, match="已于"):
        distribution.acknowledge(recipients[0], world.users.clerk)
    with pytest.raises(TransitionRefused, match="本单位"):
        distribution.acknowledge(recipients[1], world.users.clerk)
