"""Accessibility in Debian's Chromium: axe-core over the main pages at phone and desktop
width, and the phone's 原文 bottom sheet (folds away, never hides the keyboard focus).

axe-core (tests/web/vendor/axe.min.js, vendored with its licence) is injected into each
page; the context bypasses the page's Content Security Policy for that injection only
(the site's own scripts are checked under the policy in test_browser.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_launch import CHROMIUM, LAUNCH_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: Impacts that fail the test.
BLOCKING = {"serious", "critical"}
#: Moderate rules the site's own pages (not Django's admin login) pass and must keep.
KEPT_MODERATE = {"heading-order", "page-has-heading-one", "landmark-one-main", "region"}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


def pages_to_check(archive) -> list[str]:
    from test_csp import main_pages

    extra = ["/people/", "/departments/", "/documents/", "/search/?q=防汛&action=review"]
    return [u for u in main_pages(archive) if u != "/no-such-page/"] + extra


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return result["violations"]


def login_cookie(live_server, context, user) -> None:
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("who", ["anonymous", "insider"])
def test_main_pages_have_no_serious_accessibility_violations(
    live_server, browser, viewport, who, request
) -> None:
    from pages_data import make_archive

    archive = make_archive()
    context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)
    if who == "insider":
        login_cookie(live_server, context, request.getfixturevalue("insider"))
    page = context.new_page()
    failures = []
    for url in pages_to_check(archive):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        for v in axe_violations(page):
            kept = v["id"] in KEPT_MODERATE and not url.startswith("/admin/")
            if v["impact"] in BLOCKING or kept:
                nodes = [n["target"] for n in v["nodes"][:3]]
                failures.append(f"{url}: {v['id']} ({v['impact']}) {json.dumps(nodes)}")
    context.close()
    assert failures == []


def phone_meeting(live_server, browser):
    from pages_data import make_archive

    archive = make_archive()
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/meetings/{archive['public'].pk}/")
    return context, page


def test_the_source_sheet_folds_on_a_phone_and_opens_for_a_chosen_fact(
    live_server, browser
) -> None:
    context, page = phone_meeting(live_server, browser)
    pane = page.locator(".source-pane")
    toggle = page.locator(".sheet-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert pane.bounding_box()["height"] < 844 / 8  # folded: its title bar only
    page.locator('.fact[data-path="attendance.absent[0]"]').click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#source mark.hl").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert pane.bounding_box()["height"] < 844 / 8
    context.close()


def test_no_tab_stop_ends_behind_the_source_sheet_on_a_phone(live_server, browser) -> None:
    context, page = phone_meeting(live_server, browser)
    page.locator('.fact[data-path="meeting.chair"]').click()  # the sheet open: worst case
    page.locator("body").focus()
    hidden = []
    for _ in range(150):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
              const el = document.activeElement;
              const sheet = document.querySelector('.source-pane');
              if (!el || el === document.body || sheet.contains(el)) return null;
              const r = el.getBoundingClientRect(), s = sheet.getBoundingClientRect();
              const behind = r.bottom > s.top + 1 && r.top < s.bottom && s.top < innerHeight;
              return {behind, text: el.textContent.trim().slice(0, 20)};
            }"""
        )
        if info and info["behind"]:
            hidden.append(info["text"])
    context.close()
    assert hidden == []


def test_the_phone_hint_speaks_of_tapping_not_of_keys(live_server, browser) -> None:
    context, page = phone_meeting(live_server, browser)
    hint = page.locator(".hint").inner_text()
    assert "Tab" not in hint and "Esc" not in hint and "轻点" in hint
    context.close()


def test_the_home_search_placeholder_fits_on_a_phone(live_server, browser) -> None:
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    fits = page.evaluate(
        """() => {
          const input = document.querySelector('input[name=q]');
          const style = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = style.fontSize + ' ' + style.fontFamily;
          const room = input.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight);
          return ctx.measureText(input.placeholder).width <= room;
        }"""
    )
    context.close()
    assert fits
