"""A hang guard for tests of linear time: an alarm that fails the test instead of waiting.

Not a timing assertion: the limit is ten times what the linear code needs on a busy
machine, and the inputs are sized so that the quadratic code they guard against needs
minutes. Main thread only (SIGALRM); pytest-xdist runs each test in a worker's main thread.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest


@contextmanager
def hang_guard(seconds: int = 20) -> Iterator[None]:
    def expired(signum: int, frame: FrameType | None) -> None:
        pytest.fail(f"still running after {seconds} s: quadratic time?")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
