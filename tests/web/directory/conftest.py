from __future__ import annotations

from county_fixtures import county, make_user

__all__ = ["county", "make_user"]
