"""Rules of the cycle beyond the happy path: session numbers after imported minutes,
guards that refuse a skipped step, deferral and carry-over, corrections as new versions,
the check before signing, reminders."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from jiyao.flow import TransitionRefused
from meetings.test_meetings_cycle import decide_all, held_meeting

pytestmark = pytest.mark.django_db


def plan(world: Any, days: int = 0) -> Any:
    from jiyao.meetings import services

    return services.create_meeting(
        world.series,
        world.users.secretary,
        date=timezone.localdate() + timezone.timedelta(days=days),
        chair=world.people["包朝阳"],
    )


def test_the_session_follows_imported_minutes_and_planned_meetings(world: Any) -> None:
    from jiyao.archive.importer import import_record
    from jiyao.meetings import drafting
    from jiyao.minutes.compose.text import compose_text
    from jiyao.minutes.parse import parse
    from jiyao.minutes.record import Meeting, Record

    year = timezone.localdate().year
    old = Record(
        title="县政府第十一次常务会议纪要",
        issuer="象山县人民政府办公室",
        number=f"〔{year}〕9号",
        meeting=Meeting(body="县政府", kind="常务会议", session=11, chair="包朝阳"),
    )
    text = compose_text(old)
    import_record(parse(text), text=text, government="象山县人民政府")
    first = plan(world, 1)
    assert first.meeting.session == 12
    assert plan(world, 2).meeting.session == 13
    assert drafting.next_number(first.meeting, year) == f"〔{year}〕10号"


def test_skipped_steps_are_refused_by_the_services(world: Any) -> None:
    from jiyao.meetings import notice, services
    from meetings import world as w

    wf = plan(world, 1)
    sec = world.users.secretary
    with pytest.raises(TransitionRefused, match="还没有议题"):
        notice.send_notice(wf, sec)
    with pytest.raises(TransitionRefused, match="发送通知"):
        services.transition(wf, "notify", sec)  # the e-mail would be skipped
    with pytest.raises(TransitionRefused, match="不能执行"):
        services.transition(wf, "hold", sec)
    draft = w.topic(world, "未经审核的议题", state="submitted")
    with pytest.raises(TransitionRefused):
        services.place_topic(wf, draft, sec)
    lacking = w.topic(world, "缺少审查的规范性文件", kind="normative")
    lacking.checks.all().delete()
    with pytest.raises(TransitionRefused, match="合法性审查"):
        services.place_topic(wf, lacking, sec)
    ok = w.topic(world, "象山县海洋经济发展规划")
    services.place_topic(wf, ok, sec)
    with pytest.raises(TransitionRefused, match="政府办"):
        services.place_topic(wf, w.topic(world, "另一个议题"), world.users.vice)
    notice.send_notice(wf, sec)
    assert len(mail.outbox) == 1
    with pytest.raises(TransitionRefused, match="召开前"):
        services.transition(wf, "hold", sec)
    with pytest.raises(TransitionRefused, match="调整议程"):
        services.place_topic(wf, w.topic(world, "迟到的议题"), sec)
    services.transition(wf, "cancel", sec, "主持人出差")
    ok.refresh_from_db()
    assert ok.state == "accepted"  # back in the queue for another meeting


def test_a_deferred_topic_goes_back_and_the_later_minutes_show_it_was_carried_over(
    world: Any,
) -> None:
    from jiyao.meetings import drafting, notice, services
    from jiyao.meetings.models import AgendaEntry, Participant

    first = held_meeting(world, topics=1)
    entry = first.meeting.agenda.get()
    services.record_decision(
        entry, world.users.secretary, outcome="暂缓", follow_up="进一步征求意见后再提交会议研究"
    )
    entry.topic.refresh_from_db()
    assert entry.topic.state == "deferred"
    with pytest.raises(TransitionRefused, match="不能改为"):
        services.record_decision(entry, world.users.secretary, outcome="同意")
    with pytest.raises(TransitionRefused, match="无效"):
        services.record_decision(entry, world.users.secretary, outcome="基本同意")
    second = plan(world, 0)
    later = services.place_topic(second, entry.topic, world.users.secretary)
    assert later.carried_over_from == entry
    notice.send_notice(second, world.users.secretary)
    ids = list(Participant.objects.filter(meeting=second.meeting).values_list("pk", flat=True))
    services.record_attendance(second, world.users.secretary, present=ids, absent=[])
    services.transition(second, "hold", world.users.secretary)
    services.record_decision(
        AgendaEntry.objects.get(pk=later.pk), world.users.secretary, outcome="同意"
    )
    record = drafting.build_record(second.meeting)
    assert "本议题由县政府第一次常务会议结转" in record.items[0].text
    assert drafting.parse_back_problems(second.meeting, record) == []


def test_the_check_lists_what_is_wrong_before_signing(world: Any) -> None:
    from jiyao.meetings import drafting, submission
    from jiyao.minutes.record import Attendance

    wf = held_meeting(world)
    meeting = wf.meeting
    draft = drafting.draft_of(meeting, world.users.secretary)
    record = drafting.draft_record(draft)
    errors, _ = drafting.check_draft(meeting, record)
    assert any("没有会议决定" in e for e in errors)  # decisions not recorded yet
    bad = record.replace(
        items=(replace(record.items[0], number=1), replace(record.items[1], number=3)),
        attendance=Attendance(present=("包朝阳", "路人甲"), absent=("包朝阳",)),
    )
    errors, _ = drafting.check_draft(meeting, bad)
    text = "；".join(errors)
    assert "编号不连续" in text
    assert "“路人甲”不是本次会议的组成人员" in text
    assert "同时列在出席和请假中" in text
    assert "未达到法定人数" in text
    with pytest.raises(TransitionRefused, match=r"不能提请签发：.*没有会议决定"):
        submission.submit_minutes(meeting, world.users.secretary, expected_version=draft.version)
    with pytest.raises(TransitionRefused, match="不能执行“签发纪要”"):
        drafting.sign_minutes(
            meeting, world.users.chair, visibility="public", expected_version=draft.version
        )


def test_a_correction_is_a_new_version_and_both_stay_readable(world: Any) -> None:
    from jiyao.archive.models import Meeting
    from jiyao.meetings import distribution, drafting, submission

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    meeting = wf.meeting
    draft = drafting.draft_of(meeting, world.users.secretary)
    submission.submit_minutes(meeting, world.users.secretary, expected_version=draft.version)
    with pytest.raises(TransitionRefused, match="主持人"):
        drafting.sign_minutes(
            meeting, world.users.vice, visibility="public", expected_version=draft.version
        )
    first = drafting.sign_minutes(
        meeting, world.users.chair, visibility="internal", expected_version=draft.version
    )
    with pytest.raises(TransitionRefused, match="更正纪要"):
        drafting.save_draft(
            meeting,
            world.users.secretary,
            drafting.draft_record(draft),
            expected_version=draft.version,
        )
    draft = drafting.start_correction(meeting, world.users.secretary, "决定用语有误")
    record = drafting.draft_record(draft)
    fixed = record.replace(items=(replace(record.items[0], decision="同意"), *record.items[1:]))
    draft = drafting.save_draft(
        meeting, world.users.secretary, fixed, expected_version=draft.version
    )
    wf = submission.submit_minutes(meeting, world.users.secretary, expected_version=draft.version)
    assert wf.state == "correction_submitted"
    second = drafting.sign_minutes(
        meeting, world.users.chair, visibility="public", expected_version=draft.version
    )
    assert second.supersedes == first and second.number == first.number
    assert second.correction_reason == "决定用语有误"
    assert drafting.version_record(first).items[0].decision == "原则同意"
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.to_record().items[0].decision == "同意"
    assert stored.minutes.visibility == "public" and stored.search_entry.public
    # The old receipts are not in the inbox any more; the new version's are.
    assert [r.version for r in distribution.inbox_for(world.users.clerk)] == [second]


def test_the_secretariat_reminds_who_has_not_acknowledged(world: Any) -> None:
    from jiyao.meetings import distribution, drafting, services, submission

    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    draft = drafting.draft_of(wf.meeting, world.users.secretary)
    submission.submit_minutes(wf.meeting, world.users.secretary, expected_version=draft.version)
    version = drafting.sign_minutes(
        wf.meeting, world.users.chair, visibility="public", expected_version=draft.version
    )
    finance = next(
        r for r in distribution.receipts_of(version) if r.organization.name == "县财政局"
    )
    mail.outbox.clear()
    with pytest.raises(TransitionRefused):
        distribution.remind(finance, world.users.clerk)
    distribution.remind(finance, world.users.secretary)
    finance.refresh_from_db()
    assert finance.reminders == 1 and finance.reminded_at is not None
    assert mail.outbox[0].to == ["finance@example.cn"] and "请签收" in mail.outbox[0].subject
    assert ("1 份会议纪要待签收", "/agenda/inbox/") in services.todo_for(world.users.finance)
    distribution.acknowledge(finance, world.users.finance)
    with pytest.raises(TransitionRefused, match="已签收"):
        distribution.remind(finance, world.users.secretary)


def test_the_demo_seed_gives_a_signed_meeting_with_receipts_missing_and_one_in_preparation(
    world: Any,
) -> None:
    from jiyao.meetings import demo
    from jiyao.meetings.models import MinutesVersion, Recipient, Workflow

    users = {"secretariat": world.users.secretary, "department": world.users.clerk}
    assert demo.seed(world.gov, users) == 2
    states = dict(Workflow.objects.values_list("meeting__session", "state"))
    assert states == {1: "signed", 2: "planned"}
    version = MinutesVersion.objects.get()
    receipts = Recipient.objects.filter(version=version)
    assert receipts.filter(acknowledged_at__isnull=False).exists()
    assert receipts.filter(acknowledged_at__isnull=True).exists()
    assert demo.seed(world.gov, users) == 0  # idempotent


def test_the_draft_is_regenerated_from_the_meeting_after_a_decision_changed(world: Any) -> None:
    from jiyao.meetings import drafting, services

    wf = held_meeting(world)
    sec = world.users.secretary
    draft = drafting.draft_of(wf.meeting, sec)
    assert drafting.draft_record(draft).items[0].decision is None
    decide_all(wf, sec)
    with pytest.raises(services.StaleEdit):
        drafting.regenerate_draft(wf.meeting, sec, expected_version=draft.version - 1)
    draft = drafting.regenerate_draft(wf.meeting, sec, expected_version=draft.version)
    assert [i.decision for i in drafting.draft_record(draft).items] == ["原则同意", "原则同意"]


def test_default_recipients_written_together_are_split_as_the_parser_reads_them(world: Any) -> None:
    from jiyao.directory.models import LocalRules
    from jiyao.meetings import drafting

    LocalRules.objects.filter(government=world.gov).update(
        default_distribution=["县委各部门", "县人大办、政协办", "县法院、检察院"]
    )
    wf = held_meeting(world)
    decide_all(wf, world.users.secretary)
    record = drafting.draft_record(drafting.draft_of(wf.meeting, world.users.secretary))
    assert record.distribution[:5] == ("县委各部门", "县人大办", "政协办", "县法院", "检察院")
    assert drafting.check_draft(wf.meeting, record)[0] == []


@pytest.mark.parametrize(
    ("title", "matter", "stage"),
    [
        ("象山县海洋经济发展规划", "象山县海洋经济发展规划", None),
        (
            "审议《象山县海洋经济发展“十四五”规划》（送审稿）",
            "象山县海洋经济发展“十四五”规划",
            "送审稿",
        ),
        ("《象山县开发区（园区）整合提升方案》", "象山县开发区（园区）整合提升方案", None),
        ("听取县财政局关于2026年预算执行情况的汇报", "2026年预算执行情况", None),
        ("关于安全生产工作情况的汇报", "安全生产工作情况", None),
        ("象山县行政执法办法（草案）", "象山县行政执法办法", "草案"),
    ],
)
def test_a_topic_title_gives_the_matter_the_minutes_print(
    title: str, matter: str, stage: str | None
) -> None:
    from jiyao.meetings.drafting import matter_of

    assert matter_of(title, "县财政局") == (matter, stage)
