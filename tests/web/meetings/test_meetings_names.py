"""Logs and histories name people, not logins (jiyao.accounts.names.display_name)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from meetings.test_meetings_cycle import decide_all, held_meeting

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def named(user: Any, name: str) -> Any:
    user.first_name = name
    user.save(update_fields=["first_name"])
    return user


def test_a_user_is_named_by_their_person_then_their_full_name_then_login_and_unit(
    world: Any,
) -> None:
    from django.contrib.auth.models import User

    from jiyao.accounts.names import display_name

    u = world.users
    assert display_name(u.chair) == "包朝阳"  # the Person of a leader's profile
    assert display_name(named(u.secretary, "王秘书")) == "王秘书"
    assert display_name(u.clerk) == "clerk（县发展和改革局）"  # no name: login and unit
    assert display_name(u.outsider) == "outsider"
    assert display_name(None) == "系统" and display_name(None, "—") == "—"
    split = User.objects.create_user(username="split", first_name="明", last_name="王")
    assert display_name(split) == "王明"
    latin = User.objects.create_user(username="latin", first_name="Anna", last_name="Berg")
    assert display_name(latin) == "Anna Berg"


def test_the_meeting_log_and_the_draft_history_name_the_people_who_acted(world: Any) -> None:
    from jiyao.meetings import drafting, submission

    secretary = named(world.users.secretary, "王秘书")
    wf = held_meeting(world)
    decide_all(wf, secretary)
    draft = drafting.draft_of(wf.meeting, secretary)
    pk = wf.meeting_id
    sec = client_for(secretary)
    # Saved over HTTP, so the history knows who saved (django-simple-history's middleware).
    sec.post(reverse("meetings:draft", args=[pk]), {"version": draft.version, "regenerate": "1"})
    draft.refresh_from_db()
    submission.submit_minutes(wf.meeting, secretary, expected_version=draft.version)
    submission.return_minutes(wf.meeting, world.users.chair, "请核对出席名单")
    detail = sec.get(reverse("meetings:detail", args=[pk])).content.decode()
    log = detail.split("<h2>流转记录</h2>", 1)[1]
    assert "王秘书：筹备中 → 已发通知" in log
    assert "包朝阳：纪要已提请签发 → 已召开，纪要起草中（请核对出席名单）" in log
    assert "由 王秘书 发出" in detail
    assert "secretary" not in log and "chair" not in log
    page = sec.get(reverse("meetings:draft", args=[pk])).content.decode()
    assert "主持人包朝阳于" in page
    history = page.split("<h2>修改记录</h2>", 1)[1]
    assert "王秘书：第 2 版（按会议记录重新生成）" in history and "secretary" not in history
    assert (
        client_for(world.users.outsider).get(reverse("meetings:draft", args=[pk])).status_code
        == 404
    )


def test_a_stale_save_names_who_saved_first(world: Any) -> None:
    from jiyao.meetings import drafting
    from jiyao.meetings.services import StaleEdit

    secretary = named(world.users.secretary, "王秘书")
    wf = held_meeting(world)
    draft = drafting.draft_of(wf.meeting, secretary)
    record = drafting.draft_record(draft)
    drafting.save_draft(wf.meeting, secretary, record, expected_version=draft.version)
    with pytest.raises(StaleEdit, match="已被王秘书于"):
        drafting.save_draft(wf.meeting, secretary, record, expected_version=draft.version)


def test_the_receipts_and_the_topic_log_name_people(world: Any) -> None:
    from jiyao.meetings import distribution, drafting, submission
    from jiyao.topics.models import Topic

    clerk = named(world.users.clerk, "李联络员")
    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    draft = drafting.draft_of(wf.meeting, world.users.secretary)
    submission.submit_minutes(wf.meeting, world.users.secretary, expected_version=draft.version)
    version = drafting.sign_minutes(
        wf.meeting, world.users.chair, visibility="public", expected_version=draft.version
    )
    mine = next(
        r for r in distribution.receipts_of(version) if r.organization.name == "县发展和改革局"
    )
    distribution.acknowledge(mine, clerk)
    inbox = client_for(clerk).get(reverse("meetings:inbox")).content.decode()
    assert "李联络员" in inbox
    topic = Topic.objects.filter(department=world.dept["县发展和改革局"]).first()
    assert topic is not None
    page = client_for(world.users.secretary).get(reverse("topics:detail", args=[topic.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    log = html.split('id="change-log"', 1)[0]
    assert "申报人</dt><dd>李联络员" in html
    assert "secretary（象山县人民政府）" in log  # scheduled and decided by an unnamed login
    assert client_for(world.users.outsider).get(
        reverse("topics:detail", args=[topic.pk])
    ).status_code in (403, 404)
