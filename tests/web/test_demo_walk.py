"""The demo a newcomer walks: every step of the meeting cycle has a printed login, and
each role's desk shows the concrete next step of that role, with a link."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> dict[str, tuple[str, str, str]]:
    """The whole demo as ``jiyao demo`` seeds it; username → (role label, password, text)."""
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    from jiyao.accounts.demo import ensure_demo_users
    from jiyao.cli.archive import load_demo_data, seed_meetings_demo
    from jiyao.directory.demo import seed_government
    from jiyao.followup.demo import seed as seed_followup
    from jiyao.topics.demo import seed as seed_topics

    load_demo_data(0)
    government = seed_government()
    logins = ensure_demo_users(government)
    seed_topics(government, logins)
    seed_meetings_demo(government, logins)
    seed_followup(government, logins)
    return {username: (label, pw, text) for label, username, pw, text in logins}


def _desk(client: Any, username: str, demo: dict[str, tuple[str, str, str]]) -> str:
    assert client.login(username=username, password=demo[username][1])
    response = client.get("/desk/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_chair_who_signs_the_minutes_has_a_printed_login(client: Any, demo: Any) -> None:
    from jiyao.meetings.models import Workflow

    prepared = Workflow.objects.filter(state="planned").get()
    chairs = {u for u, (_, _, text) in demo.items() if "签发" in text}
    assert chairs, "no printed login says it signs the minutes"
    (chair,) = chairs
    assert client.login(username=chair, password=demo[chair][1])
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=chair)
    assert user.profile.person == prepared.meeting.chair


def test_each_printed_login_says_what_that_user_does_in_the_cycle(demo: Any) -> None:
    texts = {u: text for u, (_, _, text) in demo.items()}
    assert all(w in texts["demo-fgj"] for w in ("申报议题", "签收纪要", "报送督办进展"))
    assert all(w in texts["demo"] for w in ("审核议题", "议程", "会议通知", "纪要"))
    assert all(w in texts["demo-duchashi"] for w in ("督办建议", "办结"))
    assert "审核" in texts["demo-chenxl"] and "议题" in texts["demo-chenxl"]


def test_the_department_desk_offers_a_new_topic_and_its_tasks_to_report_on(
    client: Any, demo: Any
) -> None:
    page = _desk(client, "demo-fgj", demo)
    assert 'href="/topics/new/"' in page and "申报新议题" in page
    assert "待报送进展" in page


def test_the_secretariat_desk_links_missing_receipts_to_their_meeting(
    client: Any, demo: Any
) -> None:
    from django.urls import reverse

    from jiyao.meetings.models import Workflow

    held = Workflow.objects.filter(state="signed").get()
    page = _desk(client, "demo", demo)
    assert "尚未签收" in page
    link = reverse("meetings:detail", args=[held.meeting_id])
    assert f'href="{link}"' in page.split("尚未签收")[0].rsplit("<li>", 1)[-1]


def test_the_prepared_meeting_can_be_held_today_so_the_walk_reaches_signed_minutes(
    demo: Any,
) -> None:
    from jiyao.meetings import services
    from jiyao.meetings.models import Workflow

    prepared = Workflow.objects.filter(state="planned").get()
    held = Workflow.objects.filter(state="signed").get()
    assert prepared.meeting.date == services.today()
    assert held.meeting.time_of_day == "上午" and prepared.meeting.time_of_day == "下午"


def test_the_supervisor_desk_asks_to_split_newly_signed_minutes_into_tasks(
    client: Any, demo: Any
) -> None:
    from django.urls import reverse

    from jiyao.followup.models import Proposal, Task
    from jiyao.meetings.models import Workflow

    signed = Workflow.objects.filter(state="signed").get()
    Proposal.objects.filter(meeting=signed.meeting).delete()
    Task.objects.filter(meeting=signed.meeting).delete()
    page = _desk(client, "demo-duchashi", demo)
    link = reverse("followup:meeting", args=[signed.meeting_id])
    assert f'href="{link}"' in page and "生成督办建议" in page
