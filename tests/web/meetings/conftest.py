from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def world(db: None) -> Any:
    """A small county with its members, departments, leaders and logins (meetings.world)."""
    from meetings import world as w

    return w.build()
