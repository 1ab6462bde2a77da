"""Every action URL with the role allowed to take it, a refused role (403) and an outsider
(404) — never a 500; the warnings of the meeting page; `jiyao parse` on signed minutes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.test_meetings_cycle import decide_all, held_meeting

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_every_action_refuses_a_leader_and_hides_from_an_outsider(world: Any) -> None:
    from jiyao.meetings.models import AgendaEntry, Participant

    wf = held_meeting(world)
    entry = AgendaEntry.objects.filter(meeting=wf.meeting).first()
    person = Participant.objects.filter(meeting=wf.meeting, role="observer").first()
    pk = wf.meeting_id
    posts = [
        reverse("meetings:act", args=[pk, "cancel"]),
        reverse("meetings:place", args=[pk]),
        reverse("meetings:add_participant", args=[pk]),
        reverse("meetings:attendance", args=[pk]),
        reverse("meetings:remove", args=[entry.pk]),
        reverse("meetings:move", args=[entry.pk, "up"]),
        reverse("meetings:decide", args=[entry.pk]),
        reverse("meetings:leave", args=[person.pk]),
        reverse("meetings:remove_participant", args=[person.pk]),
    ]
    vice, outsider, sec = (
        client_for(world.users.vice),
        client_for(world.users.outsider),
        client_for(world.users.secretary),
    )
    for url in posts:
        assert vice.post(url).status_code == 403, url
        assert outsider.post(url).status_code == 404, url
        # The secretariat is allowed: a rule refusal comes back as a message, not an error.
        assert sec.post(url, {"outcome": "同意"}).status_code == 302, url
    for url in (
        reverse("meetings:notice", args=[pk, "pdf"]),
        reverse("meetings:notice", args=[pk, "xls"]),
    ):
        assert outsider.get(url).status_code == 404
    assert (
        sec.get(reverse("meetings:notice", args=[pk, "pdf"]))["Content-Type"] == "application/pdf"
    )
    assert (
        sec.get(reverse("meetings:version", args=[pk, 1, "pdf"])).status_code == 404
    )  # not signed
    assert sec.post(reverse("meetings:remind", args=[999])).status_code == 404
    assert sec.post(reverse("meetings:acknowledge", args=[999])).status_code == 404
    assert sec.get(reverse("meetings:act", args=[pk, "hold"])).status_code == 405


def test_the_page_warns_when_the_leader_in_charge_is_absent_and_shows_the_quorum(
    world: Any,
) -> None:
    from jiyao.meetings import notice, services
    from jiyao.meetings.models import Participant
    from meetings import world as w

    wf = services.create_meeting(
        world.series, world.users.secretary, date=timezone.localdate(), chair=world.people["包朝阳"]
    )
    services.place_topic(wf, w.topic(world, "象山县海洋经济发展规划"), world.users.secretary)
    notice.send_notice(wf, world.users.secretary)
    members = {
        p.person.name: p for p in Participant.objects.filter(meeting=wf.meeting, role="member")
    }
    services.grant_leave(
        members["陈兴立"], world.users.secretary, reason="学习", approved_by=world.people["包朝阳"]
    )
    present = [members[n].pk for n in ("包朝阳", "干焊")]
    services.record_attendance(
        wf, world.users.secretary, present=present, absent=[members["张华"].pk]
    )
    page = client_for(world.users.secretary).get(reverse("meetings:detail", args=[wf.meeting_id]))
    text = page.content.decode()
    assert "分管领导陈兴立请假/缺席" in text
    assert "组成人员 5 人，已出席 2 人，法定人数 3 人：尚未达到法定人数" in text
    # Papers uploaded today for a meeting today came after the deadline (3 working days).
    assert "晚于材料提交期限" in text


def test_the_minutes_deadline_is_shown_once_it_has_passed(world: Any) -> None:
    from jiyao.meetings import drafting

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    meeting = wf.meeting
    meeting.date = timezone.localdate() - timezone.timedelta(days=14)
    meeting.save()
    draft = drafting.draft_of(meeting, world.users.secretary)
    errors, warnings = drafting.check_draft(meeting, drafting.draft_record(draft))
    assert errors == []  # the meeting's own record follows the meeting's date
    assert any("已超过纪要印发期限" in w for w in warnings)


def test_jiyao_parse_reads_the_signed_minutes_back_into_the_same_record(
    world: Any, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiyao.cli import main
    from jiyao.meetings import drafting, submission
    from jiyao.minutes.record import Record

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    draft = drafting.draft_of(wf.meeting, world.users.secretary)
    submission.submit_minutes(wf.meeting, world.users.secretary, expected_version=draft.version)
    version = drafting.sign_minutes(
        wf.meeting, world.users.chair, visibility="public", expected_version=draft.version
    )
    path = tmp_path / "minutes.txt"
    path.write_text(version.text, encoding="utf-8")
    capsys.readouterr()
    assert main(["parse", str(path), "--json"]) == 0
    parsed = Record.from_json(json.loads(capsys.readouterr().out))
    signed = drafting.version_record(version)
    assert parsed == signed  # every field, item texts included
    assert parsed.number == version.number and parsed.issued_on == version.issued_on
    # And the archive gives the same record back.
    assert wf.meeting.to_record() == signed
