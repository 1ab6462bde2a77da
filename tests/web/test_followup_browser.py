"""A decision followed to the end in Debian's Chromium, as three users.

The supervisor (督查室) has the example meeting's decisions proposed as tasks and
confirms one; the liaison officer of 县发展和改革局 reports progress with a PDF; the
supervisor returns it with a reason; the unit reports again; the supervisor closes it
(办结); the leader in charge sees it closed on the archive's meeting page. Each user has
their own browser context and logs in through the real login form. Runs on SQLite and,
with JIYAO_DATABASE_URL set, on PostgreSQL.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    """Evidence files go to a temporary directory, not the data directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def login(browser, live_server):
    contexts = []
    outside: list[str] = []

    def open_as(username: str, width: int = 1280):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if not r.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
                else None
            ),
        )
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "pw-" + username)
        page.click("button:has-text('登录')")
        page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert outside == [], f"the pages made external requests: {outside}"


def test_a_decision_is_proposed_confirmed_reported_returned_reported_and_closed(
    live_server, login, tmp_path
):
    from followup_data import PDF, world

    from jiyao.followup.models import Task

    w = world()
    meeting = w["meeting"]
    evidence = tmp_path / "印发通知.pdf"
    evidence.write_bytes(PDF)

    # The supervisor: from the archive's meeting page to the proposals, confirm one.
    sup = login("supervisor")
    sup.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    sup.click("text=分解督办事项")
    sup.click("button:has-text('根据会议决定生成督办建议')")
    first = sup.locator("article.proposal").first
    assert "县发改局" in first.inner_text()
    first.locator("textarea[name=action]").fill(
        "修改完善《象山县海洋经济发展“十四五”规划》后印发实施"
    )
    first.locator("input[name=deadline]").fill("年底前")
    first.locator("button:has-text('确认立项')").click()
    sup.wait_for_selector("text=已立项")
    task = Task.objects.get()
    assert task.deadline.isoformat() == "2021-12-31"

    # The department (at phone width): report progress with a PDF.
    dept = login("fgj", width=390)
    dept.goto(f"{live_server.url}/followup/")
    dept.click("text=修改完善《象山县海洋经济发展")
    dept.fill("textarea[name=text]", "规划已按审议意见修改，报县政府审定。")
    dept.fill("input[name=percent]", "80")
    dept.set_input_files("input[name=files]", str(evidence))
    dept.click("button:has-text('提交反馈')")
    dept.wait_for_selector("text=进展已反馈")
    assert "已反馈，待督查室审核" in dept.inner_text("#task-state")

    # The supervisor returns it with a reason.
    sup.goto(f"{live_server.url}/followup/tasks/{task.pk}/")
    assert "印发通知.pdf" in sup.inner_text("main")
    sup.locator("form:has(input[value=return]) input[name=reason]").fill("缺少印发文件")
    sup.click("button:has-text('退回')")
    sup.wait_for_selector("text=已退回，待重新反馈")

    # The department reports again.
    dept.reload()
    assert "缺少印发文件" in dept.inner_text("main")
    dept.fill("textarea[name=text]", "规划已印发（象政发〔2021〕20号）。")
    dept.fill("input[name=percent]", "100")
    dept.click("button:has-text('提交反馈')")
    dept.wait_for_selector("text=进展已反馈")

    # The supervisor closes it (办结).
    sup.reload()
    sup.click("form:has(input[value=close]) button")
    sup.wait_for_selector("#task-state:has-text('已办结')")
    assert sup.inner_text("#task-colour") == "已办结"

    # The leader in charge sees it closed on the meeting page and on the dashboard.
    leader = login("leader")
    leader.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    panel = leader.inner_text("section.panel-followup")
    assert "已办结" in panel and "修改完善《象山县海洋经济发展" in panel
    leader.goto(f"{live_server.url}/followup/governments/{w['government'].pk}/")
    assert leader.locator("svg.chart").count() == 4

    task.refresh_from_db()
    actions = list(task.transitions.values_list("action", flat=True))
    assert actions == ["confirm", "report", "return", "report", "close"]
