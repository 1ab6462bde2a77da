"""The review queue in Debian's Chromium: open a flagged meeting from the queue, see the
doubtful value marked in its source, correct it with a reason, see the reason kept.

Same launch as tests/web/test_browser.py (/usr/bin/chromium headless, never a download).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_review_a_placeholder_meeting_and_correct_its_government(
    live_server, browser, secretary, width
):
    from jiyao.archive import models as m
    from jiyao.archive.importer import Importer, Input

    text = EXAMPLE.read_text(encoding="utf-8")
    nameless = text.replace("象山县人民政府办公室", "县政府办公室").replace("象山", "")
    with Importer(batch="第一批") as importer:
        importer.import_many([Input(name="无名.txt", data=nameless.encode())])
    meeting = m.Meeting.objects.get()

    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    csp: list[str] = []
    page.on("console", lambda msg: csp.append(msg.text) if "Content Security" in msg.text else None)
    page.goto(f"{live_server.url}/accounts/login/?next=/review/")
    page.fill("input[name=username]", "secretary")
    page.fill("input[name=password]", "pw-secretary")
    page.click("button[type=submit]")
    page.wait_for_url("**/review/")

    row = page.locator(".review-row", has_text="政府待确认")
    assert row.count() == 1 and "待定政府（第一批）" in row.inner_text()
    row.locator("a").click()
    page.wait_for_url(f"**/review/meetings/{meeting.pk}/**")
    mark = page.locator("#source mark.hl")
    assert mark.count() == 1 and mark.inner_text() == meeting.minutes.title
    assert mark.is_visible() or width == 390  # on a phone the form may come first

    page.select_option("select[name=path]", "government")
    page.fill("input[name=value]", "象山县")
    page.click("#correct-form button[type=submit]")  # no reason: the browser asks for one
    assert page.evaluate("document.querySelector('#id_reason').validity.valueMissing")
    assert page.locator("input[name=value]").input_value() == "象山县"
    page.fill("textarea[name=reason]", "据发文机关核实")
    page.click("#correct-form button[type=submit]")
    page.wait_for_load_state()
    assert "已更正政府" in page.locator(".messages").inner_text()
    assert "修改了会议：据发文机关核实" in page.locator("#history").inner_text()

    page.fill(".resolve input[name=note]", "政府已更正")
    page.click(".resolve button[type=submit]")
    page.wait_for_load_state()
    assert "政府已更正" in page.locator(".review-flag").inner_text()
    page.goto(f"{live_server.url}/review/")
    assert page.locator("#review-empty").count() == 1
    meeting.refresh_from_db()
    assert meeting.series.government.name == "象山县人民政府"
    assert csp == []
    context.close()
