"""A second liaison officer of the same department (two sessions on one topic)."""

from __future__ import annotations

from county_fixtures import make_user


def colleague(county):
    return make_user("department_colleague", "department", county.fgj)
