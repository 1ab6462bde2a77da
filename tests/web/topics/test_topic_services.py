"""The topic services: the one transition function, its guards, its log, who sees what."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from jiyao.flow import TransitionRefused
from jiyao.topics import rules, services, states
from jiyao.topics.models import Check, Material, Topic, TopicTransition


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def docx_bytes(text: str = "象山县海洋经济发展规划（送审稿）") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def new_topic(county, kind=rules.REPORT, *, material=True, **extra) -> Topic:
    from django.core.files.base import ContentFile

    topic = Topic.objects.create(
        government=county.gov,
        series=county.series,
        department=county.fgj,
        title=extra.pop("title", "关于海洋经济发展规划的汇报"),
        action="hear_report",
        kind=kind,
        created_by=county.department_user,
        **extra,
    )
    if material:
        data = docx_bytes()
        Material.objects.create(
            topic=topic,
            file=ContentFile(data, name="规划.docx"),
            original_name="规划.docx",
            stage="送审稿",
            size=len(data),
            sha256="0" * 64,
        )
    return topic


def add_check(topic, kind):
    Check.objects.create(topic=topic, kind=kind, passed_on=dt.date(2021, 5, 1), evidence="已完成")


def test_a_topic_goes_from_draft_to_accepted_and_every_step_is_logged(county):
    topic = new_topic(county)
    topic = services.transition(topic, "submit", county.department_user)
    assert topic.state == states.SUBMITTED
    assert topic.leader == county.chen  # from the portfolio
    topic = services.transition(topic, "approve", county.leader_user)
    topic = services.transition(topic, "accept", county.gov_secretary)
    assert topic.state == states.ACCEPTED
    log = list(TopicTransition.objects.filter(topic=topic).values_list("source", "target", "by"))
    assert log == [
        (states.DRAFT, states.SUBMITTED, county.department_user.pk),
        (states.SUBMITTED, states.LEADER_APPROVED, county.leader_user.pk),
        (states.LEADER_APPROVED, states.ACCEPTED, county.gov_secretary.pk),
    ]


def test_submission_without_a_leader_in_charge_is_refused_with_the_reason(county):
    from jiyao.directory.models import Portfolio

    Portfolio.objects.filter(department=county.fgj).delete()
    topic = new_topic(county)
    with pytest.raises(TransitionRefused, match="没有分管领导"):
        services.transition(topic, "submit", county.department_user)
    topic.refresh_from_db()
    assert topic.state == states.DRAFT
    assert not TopicTransition.objects.filter(topic=topic).exists()


def test_submission_without_any_material_is_refused(county):
    topic = new_topic(county, material=False)
    with pytest.raises(TransitionRefused, match="至少上传一份材料"):
        services.transition(topic, "submit", county.department_user)


def test_another_department_cannot_submit_the_topic(county):
    topic = new_topic(county)
    with pytest.raises(TransitionRefused, match="职责范围"):
        services.transition(topic, "submit", county.other_department_user)


def test_a_leader_not_in_charge_cannot_approve(county):
    topic = services.transition(new_topic(county), "submit", county.department_user)
    with pytest.raises(TransitionRefused, match="职责范围"):
        services.transition(topic, "approve", county.other_leader_user)


def test_a_step_cannot_be_skipped(county):
    topic = new_topic(county)
    with pytest.raises(TransitionRefused, match="不能执行"):
        services.transition(topic, "accept", county.gov_secretary)


def test_another_governments_secretary_cannot_accept(county):
    topic = new_topic(county)
    topic = services.transition(topic, "submit", county.department_user)
    topic = services.transition(topic, "approve", county.leader_user)
    with pytest.raises(TransitionRefused, match="职责范围"):
        services.transition(topic, "accept", county.other_secretary)


def test_a_topic_missing_a_required_check_cannot_be_scheduled_and_the_rule_is_named(county):
    topic = new_topic(county, kind=rules.NORMATIVE)
    for action, user in (
        ("submit", county.department_user),
        ("approve", county.leader_user),
        ("accept", county.gov_secretary),
    ):
        topic = services.transition(topic, action, user)
    add_check(topic, rules.CONSULTATION)
    add_check(topic, rules.COLLECTIVE)
    assert list(services.schedulable_topics(county.gov)) == []
    with pytest.raises(TransitionRefused) as refused:
        services.transition(topic, "schedule", county.gov_secretary)
    assert "合法性审查" in str(refused.value)
    assert "规范性文件提交集体讨论前须经合法性审查" in str(refused.value)
    add_check(topic, rules.LEGALITY)
    assert list(services.schedulable_topics(county.gov)) == [topic]
    topic = services.transition(topic, "schedule", county.gov_secretary)
    assert topic.state == states.SCHEDULED


def test_system_actions_need_the_system_flag(county):
    topic = new_topic(county, state=states.SCHEDULED)
    with pytest.raises(TransitionRefused):
        services.transition(topic, "decide", county.gov_secretary)
    topic = services.transition(topic, "decide", county.gov_secretary, system=True)
    assert topic.state == states.DECIDED


def test_a_stale_click_is_refused(county):
    topic = new_topic(county)
    shown = topic.version
    services.transition(topic, "submit", county.department_user)
    with pytest.raises(services.StaleTopic, match="已被他人修改"):
        services.transition(topic, "withdraw", county.department_user, expected_version=shown)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("department_user", True),
        ("other_department_user", False),
        ("leader_user", True),
        ("other_leader_user", False),
        ("gov_secretary", True),
        ("gov_supervisor", True),
        ("other_secretary", False),
        ("county_reader", False),
        ("stranger", False),
    ],
)
def test_who_sees_a_topic(county, who, sees):
    topic = new_topic(county)
    assert services.visible_topics(getattr(county, who)).filter(pk=topic.pk).exists() is sees
