"""Take the review screenshots of a running archive (docs/screenshots/).

Usage (a demo archive served on its own port):

    JIYAO_DATA_DIR=/tmp/shots-data uv run --frozen jiyao demo --data-dir /tmp/shots-data \\
        --docs 120 --no-serve
    JIYAO_PAGE_CACHE_MB=0 JIYAO_DATA_DIR=/tmp/shots-data \\
        uv run --frozen jiyao serve --dev --port 8131 &
    uv run --frozen python scripts/screenshots.py --base http://127.0.0.1:8131 \\
        --person 596 --meeting 41

Debian's Chromium (/usr/bin/chromium) is driven headless through Playwright's sync API
with the flags of tests/web/browser_launch.py; no browser is ever downloaded. Each shot
is the visible viewport (1280x800 desktop, 390x844 phone) so that a PNG stays small.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

Step = Callable[[Page], None]


def search_url(**params: str) -> str:
    return "/search/?" + urlencode(params)


def scroll_to(selector: str) -> Step:
    def step(page: Page) -> None:
        page.locator(selector).first.scroll_into_view_if_needed()
        page.evaluate(
            "s => { const e = document.querySelector(s);"
            " window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8); }",
            selector,
        )

    return step


def type_in_directory(text: str) -> Step:
    def step(page: Page) -> None:
        box = page.locator(".dir-search input[name=q]")
        box.click()
        with page.expect_response(lambda r: "/people/" in r.url and "q=" in r.url):
            box.press_sequentially(text, delay=80)
        page.wait_for_timeout(400)

    return step


def tap_first_fact(page: Page) -> None:
    page.locator(".item .fact[data-span]").first.click()
    page.wait_for_timeout(800)


def tap_sheet_toggle(page: Page) -> None:
    page.locator(".sheet-toggle").click()
    page.wait_for_timeout(400)


def shots(person: int, meeting: int) -> list[tuple[str, dict[str, int], str, list[Step]]]:
    """(file name, viewport, path, steps before the shot)."""
    filters = search_url(action="deliberate", decision="deferred")
    phrase = search_url(q="海洋经济")
    words = search_url(q="县发改局 十四五规划")
    name = search_url(q="范立年")
    return [
        ("05-search-item-filters-desktop.png", DESKTOP, filters, []),
        (
            "05-search-item-filters-phone.png",
            PHONE,
            filters,
            [scroll_to("label:has(select[name=action])")],
        ),
        ("06-search-phrase-desktop.png", DESKTOP, phrase, []),
        ("06-search-words-phone.png", PHONE, words, [scroll_to("#sortbar")]),
        ("06-search-name-desktop.png", DESKTOP, name, []),
        ("08-person-desktop.png", DESKTOP, f"/people/{person}/", []),
        ("08-person-phone.png", PHONE, f"/people/{person}/", []),
        ("08-people-typed-desktop.png", DESKTOP, "/people/", [type_in_directory("范立")]),
        ("08-people-typed-phone.png", PHONE, "/people/", [type_in_directory("范立")]),
        ("10-meeting-phone-sheet-collapsed.png", PHONE, f"/meetings/{meeting}/", []),
        ("10-meeting-phone-sheet-open.png", PHONE, f"/meetings/{meeting}/", [tap_first_fact]),
        (
            "10-meeting-phone-sheet-closed-again.png",
            PHONE,
            f"/meetings/{meeting}/",
            [tap_first_fact, tap_sheet_toggle],
        ),
        ("10-home-phone.png", PHONE, "/", []),
        ("10-home-desktop.png", DESKTOP, "/", []),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8131")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--person", type=int, required=True, help="a person who chairs")
    parser.add_argument("--meeting", type=int, required=True, help="a meeting with items")
    parser.add_argument("--only", default="", help="take only files containing this text")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        for file, viewport, path, steps in shots(args.person, args.meeting):
            if args.only not in file:
                continue
            phone = viewport is PHONE
            context = browser.new_context(
                viewport=viewport,
                device_scale_factor=1,
                is_mobile=phone,
                has_touch=phone,
                locale="zh-CN",
            )
            page = context.new_page()
            page.goto(args.base + path, wait_until="networkidle")
            for step in steps:
                step(page)
            target = args.out / file
            page.screenshot(path=str(target))
            print(f"{target}  {target.stat().st_size // 1024} KB")
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
