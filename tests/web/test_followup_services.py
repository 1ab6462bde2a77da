"""Follow-up's services on the bundled example: proposals, transitions, bad input,
colours, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from followup_data import PDF, make_task, world

from jiyao.flow import TransitionRefused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    """Evidence files go to a temporary directory, not the data directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_the_example_proposes_a_task_for_every_decision_with_a_follow_up():
    from jiyao.followup.models import Proposal
    from jiyao.followup.proposals import propose_for_meeting

    w = world()
    assert propose_for_meeting(w["meeting"]) == 5
    rows = list(Proposal.objects.order_by("decision__agenda_item__position"))
    numbers = [p.decision.agenda_item.number for p in rows]
    assert numbers == [3, 5, 6, 7, 9]
    first = rows[0]
    assert first.lead == w["fgj_unit"]  # 县发改局, found through its alias
    assert first.lead_source == "submitter"
    assert first.deadline is not None and first.deadline > dt.date(2021, 6, 8)
    assert "默认" in first.deadline_note
    assert "action" in first.spans
    # Proposing again adds nothing, and a dropped proposal stays dropped.
    from jiyao.followup import services

    services.drop(first, w["supervisor"])
    assert propose_for_meeting(w["meeting"]) == 0
    assert Proposal.objects.get(pk=first.pk).status == Proposal.DROPPED


def test_an_unknown_unit_is_left_for_the_supervisor_and_nothing_is_created():
    from jiyao.archive.models import Organization
    from jiyao.followup.proposals import resolve_unit

    w = world()
    before = Organization.objects.count()
    assert resolve_unit(w["government"], "县火星开发局") is None
    assert Organization.objects.count() == before


def test_confirming_makes_a_task_with_the_leader_in_charge_and_a_log_row():
    w = world()
    task = make_task(w)
    assert task.leader == w["person"]
    assert task.state == "open"
    assert task.warn_from < task.deadline
    assert list(task.transitions.values_list("action", flat=True)) == ["confirm"]


def test_a_walk_report_return_report_close_is_logged_in_order():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    services.transition(task, "report", w["fgj"], text="已完成初稿", percent=50)
    services.transition(task, "return", w["supervisor"], "缺少佐证材料")
    upload = SimpleUploadedFile("印发文件.pdf", PDF, content_type="application/pdf")
    services.transition(task, "report", w["fgj"], text="已印发", percent="100", files=[upload])
    task = services.transition(task, "close", w["supervisor"])
    assert task.state == "closed"
    assert task.closed_on is not None
    assert task.days_to_close == (task.closed_on - task.meeting_date).days
    log = list(task.transitions.values_list("action", "source", "target"))
    assert log == [
        ("confirm", "", "open"),
        ("report", "open", "reported"),
        ("return", "reported", "returned"),
        ("report", "returned", "reported"),
        ("close", "reported", "closed"),
    ]
    assert task.reports.count() == 2
    assert task.reports.last().evidence.get().original_name == "印发文件.pdf"


def test_a_progress_report_on_a_closed_task_is_refused_and_nothing_is_stored():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    services.transition(task, "report", w["fgj"], text="完成", percent=100)
    services.transition(task, "close", w["supervisor"])
    with pytest.raises(TransitionRefused, match="已办结"):
        services.transition(task, "report", w["fgj"], text="补充", percent=100)
    assert task.reports.count() == 1


def test_another_unit_cannot_report_on_a_task_it_does_not_lead():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    with pytest.raises(TransitionRefused, match="牵头单位"):
        services.transition(task, "report", w["zjj"], text="代为反馈", percent=10)
    assert task.reports.count() == 0


def test_an_extension_to_a_date_before_the_meeting_is_refused():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    with pytest.raises(ValidationError, match="不能早于或等于会议日期"):
        services.transition(task, "extend", w["supervisor"], "需要", deadline=dt.date(2021, 1, 1))
    task.refresh_from_db()
    assert task.deadline == dt.date(2021, 12, 31)
    assert task.transitions.count() == 1


def test_an_extension_moves_the_deadline_and_the_warning():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    task = services.transition(
        task, "extend", w["supervisor"], "汛期影响", deadline=dt.date(2022, 3, 31)
    )
    assert task.deadline == dt.date(2022, 3, 31)
    assert task.warn_from == dt.date(2022, 3, 24)  # five working days before
    assert task.transitions.last().data["old_deadline"] == "2021-12-31"


def test_an_evidence_file_that_is_not_what_it_claims_is_refused_and_nothing_is_stored():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    fake = SimpleUploadedFile("照片.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    good = SimpleUploadedFile("截图.png", PNG, content_type="image/png")
    with pytest.raises(ValidationError, match=r"照片\.png.*与扩展名不符"):
        services.transition(task, "report", w["fgj"], text="见附件", percent=30, files=[good, fake])
    task.refresh_from_db()
    assert task.state == "open"
    assert task.reports.count() == 0
    exe = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="只接受"):
        services.transition(task, "report", w["fgj"], text="x", percent=30, files=[exe])


def test_a_percentage_out_of_range_is_refused():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    with pytest.raises(ValidationError, match="0 到 100"):
        services.transition(task, "report", w["fgj"], text="x", percent=150)
    with pytest.raises(ValidationError, match="整数"):
        services.transition(task, "report", w["fgj"], text="x", percent="一半")


def test_a_stale_version_is_refused():
    from jiyao.followup import services

    w = world()
    task = make_task(w)
    old = task.version
    services.transition(task, "report", w["fgj"], text="进展", percent=20, version=old)
    with pytest.raises(TransitionRefused, match="刚被他人修改过"):
        services.transition(task, "accept", w["supervisor"], version=old)


def test_a_deadline_phrase_in_an_unknown_form_gets_a_clear_message():
    from jiyao.followup.proposals import parse_deadline

    meeting = dt.date(2021, 6, 8)
    assert parse_deadline("2021-09-30", meeting) == (dt.date(2021, 9, 30), "")
    assert parse_deadline("年底前", meeting)[0] == dt.date(2021, 12, 31)
    with pytest.raises(ValueError, match="“等猴年马月”无法识别"):
        parse_deadline("等猴年马月", meeting)


def test_colours_follow_the_deadline_in_working_days():
    from jiyao.followup import colour
    from jiyao.followup.models import Task

    w = world()
    task = make_task(w, deadline=dt.date(2021, 12, 31))  # a Friday
    assert task.warn_from == dt.date(2021, 12, 24)
    assert colour.task_colour(task, dt.date(2021, 12, 23)) == colour.GREEN
    assert colour.task_colour(task, dt.date(2021, 12, 24)) == colour.YELLOW
    assert colour.task_colour(task, dt.date(2021, 12, 31)) == colour.YELLOW
    assert colour.task_colour(task, dt.date(2022, 1, 1)) == colour.RED
    for day, expected in ((dt.date(2021, 12, 23), "green"), (dt.date(2022, 1, 3), "red")):
        assert Task.objects.filter(colour.colour_q(expected, day)).get() == task


def test_changing_the_warning_days_moves_the_yellow_start_of_open_tasks():
    from jiyao.directory.models import rules_for

    w = world()
    task = make_task(w, deadline=dt.date(2021, 12, 31))
    rules = rules_for(w["government"])
    rules.followup_warning_days = 10
    rules.save()
    task.refresh_from_db()
    assert task.warn_from == dt.date(2021, 12, 17)


def test_remind_mails_each_unit_once_a_day(mailoutbox):
    from jiyao.followup.remind import send_reminders

    w = world()
    make_task(w, deadline=dt.date(2021, 9, 30))
    make_task(w, deadline=dt.date(2021, 10, 29))
    make_task(w, lead=w["zjj_unit"], deadline=dt.date(2022, 6, 30))  # not due yet
    summary = send_reminders(dt.date(2021, 10, 25))
    assert summary.sent == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["fgj@example.cn"]
    assert "1 项临期，1 项逾期" in mail.subject
    assert "【逾期】 期限 2021-09-30" in mail.body
    again = send_reminders(dt.date(2021, 10, 25))
    assert again.sent == 0 and again.skipped_already == 1
    assert len(mailoutbox) == 1
    send_reminders(dt.date(2021, 10, 26))
    assert len(mailoutbox) == 2


def test_remind_counts_units_without_an_address():
    from jiyao.followup.remind import send_reminders

    w = world()
    w["fgj"].email = ""
    w["fgj"].save()
    make_task(w, deadline=dt.date(2021, 9, 30))
    summary = send_reminders(dt.date(2021, 10, 25))
    assert summary.sent == 0
    assert summary.no_address == ["县发展和改革局"]


def test_todo_lists_what_each_role_must_do_next():
    from jiyao.followup import services

    w = world()
    task = make_task(w, deadline=dt.date(2021, 9, 30))
    assert any("逾期" in text for text, _ in services.todo_for(w["fgj"]))
    services.transition(task, "report", w["fgj"], text="进展", percent=20)
    assert any("待审核" in text for text, _ in services.todo_for(w["supervisor"]))
    assert services.todo_for(w["reader"]) == []


def test_jiyao_remind_sends_once_and_refuses_a_bad_date(mailoutbox, capsys):
    from jiyao.cli import main

    w = world()
    make_task(w, deadline=dt.date(2021, 9, 30))
    assert main(["remind", "--date", "2021-10-25"]) == 0
    assert "已发送提醒 1 封" in capsys.readouterr().out
    assert main(["remind", "--date", "2021-10-25"]) == 0
    assert "今日已提醒过 1 个单位" in capsys.readouterr().out
    assert len(mailoutbox) == 1
    assert main(["remind", "--date", "10/25"]) == 2
    assert "不是日期" in capsys.readouterr().err
