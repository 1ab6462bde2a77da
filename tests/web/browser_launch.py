"""How the browser tests start Debian's Chromium (never a downloaded browser).

Playwright's sync API runs an event loop in the test's thread, which Django's
async-safety check would refuse, hence DJANGO_ALLOW_ASYNC_UNSAFE, set when this module
is imported (so a browser test module run on its own works too). The flags keep Chromium off the network this machine does not have.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium() -> Iterator[Any]:
    """Yield a headless Chromium (for a module-scoped ``browser`` fixture), closed after."""
    from playwright.sync_api import sync_playwright

    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup (Debian package chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()
