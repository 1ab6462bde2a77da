"""Every meeting page with an allowed role, a refused role and an outsider (never a 500),
the concurrent-edit rule on the minutes draft, and bad input refused with its reason."""

from __future__ import annotations

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


def test_pages_answer_the_secretary_a_leader_a_department_and_an_outsider(world: Any) -> None:
    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    pk = wf.meeting_id
    u = world.users
    pages = [
        reverse("meetings:index"),
        reverse("meetings:detail", args=[pk]),
        reverse("meetings:draft", args=[pk]),
        reverse("meetings:notice", args=[pk, "docx"]),
        reverse("meetings:inbox"),
    ]
    sec = client_for(u.secretary)
    for url in pages:
        assert sec.get(url).status_code == 200, url
    assert client_for(u.secretary).get(reverse("meetings:create")).status_code == 200
    # A leader reads the meeting, but cannot act for the secretariat.
    vice = client_for(u.vice)
    assert vice.get(reverse("meetings:detail", args=[pk])).status_code == 200
    assert vice.get(reverse("meetings:create")).status_code == 403
    assert vice.post(reverse("meetings:act", args=[pk, "hold"])).status_code == 403
    # The department whose topic is on the agenda reads it; another does not exist for it.
    assert client_for(u.clerk).get(reverse("meetings:detail", args=[pk])).status_code == 200
    assert client_for(u.clerk).post(reverse("meetings:attendance", args=[pk])).status_code == 403
    for outsider in (u.outsider, u.reader):
        c = client_for(outsider)
        assert c.get(reverse("meetings:detail", args=[pk])).status_code == 404
        assert c.get(reverse("meetings:draft", args=[pk])).status_code == 404
        assert c.post(reverse("meetings:sign", args=[pk])).status_code == 404
        assert c.get(reverse("meetings:index")).status_code in (403, 200)
    assert Client().get(reverse("meetings:detail", args=[pk])).status_code == 302  # login
    assert sec.get(reverse("meetings:detail", args=[99999])).status_code == 404


def test_only_the_chair_may_sign_and_the_signed_minutes_are_in_the_archive(world: Any) -> None:
    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    pk = wf.meeting_id
    sec = client_for(world.users.secretary)
    page = sec.get(reverse("meetings:draft", args=[pk]))
    version = page.context["draft"].version
    data = {"version": version, "visibility": "public"}
    assert sec.post(reverse("meetings:sign", args=[pk]), data).status_code == 403
    assert (
        client_for(world.users.vice).post(reverse("meetings:sign", args=[pk]), data).status_code
        == 403
    )
    chair = client_for(world.users.chair)
    assert chair.post(reverse("meetings:sign", args=[pk]), data).status_code == 302
    archive_page = Client().get(reverse("archive:meeting", args=[pk]))
    assert archive_page.status_code == 200
    assert "县政府第一次常务会议纪要" in archive_page.content.decode()
    for fmt in ("html", "docx", "pdf", "txt"):
        assert chair.get(reverse("meetings:version", args=[pk, 1, fmt])).status_code == 200


def test_two_secretaries_saving_one_draft_the_second_is_refused_and_keeps_its_input(
    world: Any,
) -> None:
    from meetings import world as w

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    second = w.user("secretary2", "secretariat", org=world.gov)
    url = reverse("meetings:draft", args=[wf.meeting_id])
    a, b = client_for(world.users.secretary), client_for(second)
    form_a = a.get(url).context
    form_b = b.get(url).context
    assert form_a["draft"].version == form_b["draft"].version

    def post(c: Client, ctx: Any, follow_up: str) -> Any:
        data = {"version": ctx["draft"].version, "title": ctx["record"].title}
        for i, item in enumerate(ctx["record"].items):
            data[f"item-{i}-heading"] = item.heading
            data[f"item-{i}-decision"] = item.decision or ""
            data[f"item-{i}-follow_up"] = follow_up
            data[f"item-{i}-requirements"] = "\n".join(item.requirements)
        for key, _label, names in ctx["attendance"]:
            data[f"att-{key}"] = names
        data["distribution"] = ctx["distribution"]
        return c.post(url, data)

    assert post(a, form_a, "会后按程序报批").status_code == 302
    refused = post(b, form_b, "提请县委常委会审议")
    assert refused.status_code == 409
    text = refused.content.decode()
    assert "已被secretary" in text and "提请县委常委会审议" in text  # told, input kept
    from jiyao.meetings.models import MinutesDraft

    saved = MinutesDraft.objects.get(meeting=wf.meeting)
    assert {i["follow_up"] for i in saved.record["items"]} == {"会后按程序报批"}
    assert saved.history.count() >= 2


def test_bad_input_is_refused_with_the_reason(world: Any) -> None:
    from jiyao.meetings.models import Participant
    from meetings import world as w

    sec = client_for(world.users.secretary)
    past = (timezone.localdate().replace(day=1) - timezone.timedelta(days=1)).isoformat()
    page = sec.post(
        reverse("meetings:create"),
        {
            "series": world.series.pk,
            "date": past,
            "time_of_day": "上午",
            "chair": world.people["包朝阳"].pk,
        },
    )
    assert page.status_code == 422 and "早于今天" in page.content.decode()
    page = sec.post(
        reverse("meetings:create"),
        {
            "series": world.series.pk,
            "date": "2026-13-40",
            "time_of_day": "上午",
            "chair": world.people["包朝阳"].pk,
        },
    )
    assert page.status_code == 422 and "无效" in page.content.decode()
    today = timezone.localdate().isoformat()
    page = sec.post(
        reverse("meetings:create"),
        {
            "series": world.series.pk,
            "date": today,
            "time_of_day": "上午",
            "chair": world.people["包朝阳"].pk,
        },
    )
    assert page.status_code == 302
    pk = int(page["Location"].rstrip("/").split("/")[-1])
    t = w.topic(world, "象山县海洋经济发展规划")
    assert sec.post(reverse("meetings:place", args=[pk]), {"topic": t.pk}).status_code == 302
    page = sec.post(reverse("meetings:place", args=[pk]), {"topic": t.pk}, follow=True)
    assert "已在本次会议议程中" in page.content.decode()
    sec.post(reverse("meetings:act", args=[pk, "notify"]))
    member = Participant.objects.filter(meeting_id=pk, role="member").first()
    page = sec.post(
        reverse("meetings:attendance", args=[pk]),
        {"present": [member.pk], "absent": [member.pk]},
        follow=True,
    )
    assert f"{member.person.name}同时被标为出席和缺席" in page.content.decode()
    # Skipping a step over HTTP: holding without attendance is refused, the state stays.
    page = sec.post(reverse("meetings:act", args=[pk, "hold"]), follow=True)
    assert "未登记出席或请假" in page.content.decode()
    page = sec.post(reverse("meetings:act", args=[pk, "sign"]))
    assert page.status_code == 404


def test_the_meeting_log_names_states_and_people_in_chinese(world: Any) -> None:
    wf = held_meeting(world)
    page = client_for(world.users.secretary).get(reverse("meetings:detail", args=[wf.meeting_id]))
    log = page.content.decode().split("<h2>流转记录</h2>", 1)[1]
    assert "筹备中 → 已发通知" in log and "已发通知 → 已召开，待签发纪要" in log
    for code in ("create", "planned", "notify", "notified", "hold"):
        assert f"{code} " not in log and f" {code}" not in log, code


def test_a_confirmation_is_shown_once_not_twice(world: Any) -> None:
    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    c = client_for(world.users.secretary)
    page = c.post(reverse("meetings:draft", args=[wf.meeting_id]), {}, follow=True)
    shown = [m.message for m in page.context["messages"]]
    assert shown, "the action gave no message"
    assert page.content.decode().count(str(shown[0])) == 1


def test_the_decision_form_shows_the_recorded_requirements_not_template_code(
    world: Any,
) -> None:
    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    page = client_for(world.users.secretary).get(reverse("meetings:detail", args=[wf.meeting_id]))
    html = page.content.decode()
    assert "{{" not in html and "}}" not in html
    assert ">县发改局要加强统筹协调</textarea>" in html


def test_the_chairs_desk_leads_straight_to_the_minutes_to_sign(world: Any) -> None:
    from jiyao.meetings import drafting
    from jiyao.meetings.services import todo_for

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    # Nothing to sign (and no page to open) before the secretariat has drafted.
    assert not [url for text, url in todo_for(world.users.chair) if text.startswith("签发")]
    drafting.draft_of(wf.meeting, world.users.secretary)
    signing = [url for text, url in todo_for(world.users.chair) if text.startswith("签发")]
    assert signing == [reverse("meetings:draft", args=[wf.meeting_id])]
    page = client_for(world.users.chair).get(signing[0])
    assert page.status_code == 200 and "签发前检查" in page.content.decode()
