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
        assert c.post(reverse("meetings:submit", args=[pk])).status_code == 404
        assert c.post(reverse("meetings:return", args=[pk])).status_code == 404
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
    page = sec.post(reverse("meetings:submit", args=[pk]), {"version": version}, follow=True)
    assert "纪要已提请签发" in page.content.decode()
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
    assert "筹备中 → 已发通知" in log and "已发通知 → 已召开，纪要起草中" in log
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
    from jiyao.meetings import drafting, submission
    from jiyao.meetings.services import todo_for

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    # Nothing to sign (and no page to open) before the secretariat has submitted.
    assert not [url for text, url in todo_for(world.users.chair) if text.startswith("签发")]
    draft = drafting.draft_of(wf.meeting, world.users.secretary)
    assert not [url for text, url in todo_for(world.users.chair) if text.startswith("签发")]
    submission.submit_minutes(wf.meeting, world.users.secretary, expected_version=draft.version)
    signing = [url for text, url in todo_for(world.users.chair) if text.startswith("签发")]
    assert signing == [reverse("meetings:draft", args=[wf.meeting_id])]
    page = client_for(world.users.chair).get(signing[0])
    assert page.status_code == 200 and "签发前检查" in page.content.decode()


def test_the_secretariat_submits_the_checked_draft_and_the_chair_signs_it_from_the_desk(
    world: Any,
) -> None:
    from jiyao.meetings.models import MeetingTransition
    from jiyao.meetings.services import todo_for

    wf = held_meeting(world)
    pk = wf.meeting_id
    sec = client_for(world.users.secretary)
    url = reverse("meetings:draft", args=[pk])
    version = sec.get(url).context["draft"].version
    # The checks run when the draft is submitted: no decisions yet, so it is refused.
    page = sec.post(reverse("meetings:submit", args=[pk]), {"version": version}, follow=True)
    assert "不能提请签发" in page.content.decode() and "没有会议决定" in page.content.decode()
    wf.refresh_from_db()
    assert wf.state == "held"
    assert 'id="submit-form"' not in page.content.decode()
    decide_all(wf, world.users.secretary)
    sec.post(url, {"version": version, "regenerate": "1"})
    page = sec.get(url)
    assert 'id="submit-form"' in page.content.decode()
    version = page.context["draft"].version
    # Nobody but the secretariat submits; an outsider does not see the meeting.
    assert (
        client_for(world.users.chair).post(reverse("meetings:submit", args=[pk])).status_code == 403
    )
    assert (
        client_for(world.users.clerk).post(reverse("meetings:submit", args=[pk])).status_code == 403
    )
    assert (
        client_for(world.users.outsider).post(reverse("meetings:submit", args=[pk])).status_code
        == 404
    )
    # Not on the chair's desk before it is submitted.
    assert not [t for t, _ in todo_for(world.users.chair) if t.startswith("签发")]
    assert sec.post(reverse("meetings:submit", args=[pk]), {"version": version}).status_code == 302
    wf.refresh_from_db()
    assert wf.state == "submitted"
    row = MeetingTransition.objects.filter(workflow=wf).latest("pk")
    assert (row.action, row.source, row.target, row.by) == (
        "submit",
        "held",
        "submitted",
        world.users.secretary,
    )
    signing = [u for t, u in todo_for(world.users.chair) if t.startswith("签发")]
    assert signing == [url]
    assert not [t for t, _ in todo_for(world.users.vice) if t.startswith("签发")]
    # The draft is frozen while the chair has it.
    page = sec.get(url)
    assert (
        'id="draft-form"' not in page.content.decode() and "等待主持人签发" in page.content.decode()
    )
    chair = client_for(world.users.chair)
    page = chair.get(url).content.decode()
    assert 'id="sign-form"' in page and 'id="return-form"' in page
    data = {"version": version, "visibility": "public"}
    assert chair.post(reverse("meetings:sign", args=[pk]), data).status_code == 302
    wf.refresh_from_db()
    assert wf.state == "signed"


def test_the_chair_returns_the_draft_with_a_reason_and_the_secretariat_revises_it(
    world: Any,
) -> None:
    from jiyao.meetings import drafting, submission
    from jiyao.meetings.services import todo_for

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    pk = wf.meeting_id
    draft = drafting.draft_of(wf.meeting, world.users.secretary)
    submission.submit_minutes(wf.meeting, world.users.secretary, expected_version=draft.version)
    back = reverse("meetings:return", args=[pk])
    # Only the chair returns; a reason is required.
    assert client_for(world.users.secretary).post(back, {"reason": "x"}).status_code == 403
    assert client_for(world.users.vice).post(back, {"reason": "x"}).status_code == 403
    assert client_for(world.users.outsider).post(back, {"reason": "x"}).status_code == 404
    chair = client_for(world.users.chair)
    page = chair.post(back, {"reason": "  "}, follow=True)
    assert "须填写理由" in page.content.decode()
    wf.refresh_from_db()
    assert wf.state == "submitted"
    assert chair.post(back, {"reason": "第一项会议要求表述不准确"}).status_code == 302
    wf.refresh_from_db()
    assert wf.state == "held"
    assert not [t for t, _ in todo_for(world.users.chair) if t.startswith("签发")]
    returned = [(t, u) for t, u in todo_for(world.users.secretary) if "退回修改" in t]
    assert returned == [
        (
            "县政府第一次常务会议纪要被退回修改（第一项会议要求表述不准确），修改后再提请签发",
            reverse("meetings:draft", args=[pk]),
        )
    ]
    page = client_for(world.users.secretary).get(reverse("meetings:draft", args=[pk]))
    html = page.content.decode()
    assert 'id="draft-form"' in html and "第一项会议要求表述不准确" in html
    log = client_for(world.users.secretary).get(reverse("meetings:detail", args=[pk]))
    text = log.content.decode().split("<h2>流转记录</h2>", 1)[1]
    assert "已召开，纪要起草中 → 纪要已提请签发" in text
    assert "纪要已提请签发 → 已召开，纪要起草中（第一项会议要求表述不准确）" in text


def test_a_draft_saved_after_the_secretary_looked_is_not_submitted(world: Any) -> None:
    from jiyao.meetings import drafting, submission
    from jiyao.meetings.services import StaleEdit

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    draft = drafting.draft_of(wf.meeting, world.users.secretary)
    seen = draft.version
    drafting.save_draft(
        wf.meeting, world.users.secretary, drafting.draft_record(draft), expected_version=seen
    )
    with pytest.raises(StaleEdit, match="请检查最新内容后再提请签发"):
        submission.submit_minutes(wf.meeting, world.users.secretary, expected_version=seen)
    wf.refresh_from_db()
    assert wf.state == "held"


def test_only_schedulable_topics_are_offered_and_the_others_say_what_stops_them(
    world: Any,
) -> None:
    from jiyao.meetings import services
    from meetings import world as w

    wf = services.create_meeting(
        world.series,
        world.users.secretary,
        date=timezone.localdate(),
        chair=world.people["包朝阳"],
    )
    ready = w.topic(world, "象山县海洋经济发展规划")
    lacking = w.topic(world, "象山县行政执法办法", kind="normative")
    lacking.checks.filter(kind="legality").delete()
    reviewing = w.topic(world, "象山县老旧小区改造方案", state="leader_approved")
    page = client_for(world.users.secretary).get(reverse("meetings:detail", args=[wf.meeting_id]))
    html = page.content.decode()
    select = html.split('id="topic-select"', 1)[1].split("</select>", 1)[0]
    assert f'value="{ready.pk}"' in select
    assert f'value="{lacking.pk}"' not in select and f'value="{reviewing.pk}"' not in select
    blocked = html.split('id="not-schedulable"', 1)[1].split("</section>", 1)[0]
    assert "象山县行政执法办法" in blocked
    assert "合法性审查" in blocked and "规范性文件提交集体讨论前须经合法性审查" in blocked
    assert "象山县老旧小区改造方案" in blocked and "尚未通过审核" in blocked
    assert reverse("topics:detail", args=[lacking.pk]) in blocked
    # Posting the blocked topic anyway is refused with the same rule.
    page = client_for(world.users.secretary).post(
        reverse("meetings:place", args=[wf.meeting_id]), {"topic": lacking.pk}, follow=True
    )
    assert "规范性文件提交集体讨论前须经合法性审查" in page.content.decode()
    lacking.refresh_from_db()
    assert lacking.state == "accepted"
    # Only the secretariat sees the list; an outsider does not see the meeting at all.
    vice = client_for(world.users.vice).get(reverse("meetings:detail", args=[wf.meeting_id]))
    assert 'id="not-schedulable"' not in vice.content.decode()
    outsider = client_for(world.users.outsider)
    assert outsider.get(reverse("meetings:detail", args=[wf.meeting_id])).status_code == 404


def test_the_topic_links_to_its_meeting_and_the_meetings_item_back_to_the_topic(
    world: Any,
) -> None:
    from jiyao.topics.models import Topic

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    topic = Topic.objects.get(title="象山县海洋经济发展规划")
    entry = wf.meeting.agenda.get(topic=topic)
    meeting_link = reverse("meetings:detail", args=[wf.meeting_id]) + f"#entry-{entry.pk}"
    topic_link = reverse("topics:detail", args=[topic.pk])
    for user in (world.users.secretary, world.users.clerk, world.users.vice):
        page = client_for(user).get(topic_link).content.decode()
        on = page.split('id="topic-meetings"', 1)[1].split("</section>", 1)[0]
        assert f'href="{meeting_link}"' in on, user
        assert "县政府第一次常务会议" in on and "第 1 项" in on and "原则同意" in on
        item = (
            client_for(user)
            .get(reverse("meetings:detail", args=[wf.meeting_id]))
            .content.decode()
            .split(f'id="entry-{entry.pk}"', 1)[1]
            .split("</b>", 2)[1]
        )
        assert f'href="{topic_link}"' in item, user
    # A department sees the meeting (an observer of another item) but not the other
    # department's topic: the item is named, not linked to a page it may not open.
    finance_topic = Topic.objects.get(title="2026年财政预算执行情况")
    finance_entry = wf.meeting.agenda.get(topic=finance_topic)
    page = client_for(world.users.clerk).get(reverse("meetings:detail", args=[wf.meeting_id]))
    item = page.content.decode().split(f'id="entry-{finance_entry.pk}"', 1)[1].split("</div>")[0]
    assert "2026年财政预算执行情况" in item
    assert reverse("topics:detail", args=[finance_topic.pk]) not in item
    outsider = client_for(world.users.outsider)
    assert outsider.get(topic_link).status_code == 404
