"""The follow-up demo: tasks in every colour, progress, pending proposals, logins."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_seed_fills_every_colour_and_prints_working_logins(client):
    from django.contrib.auth import authenticate

    from jiyao.cli.archive import load_demo_data
    from jiyao.followup import colour
    from jiyao.followup.demo import seed
    from jiyao.followup.models import Proposal, Task

    load_demo_data(40)
    logins = seed()
    colours = {colour.task_colour(t) for t in Task.objects.all()}
    assert colours == {"green", "yellow", "red", "closed"}
    assert Task.objects.filter(state="reported").exists()
    assert Task.objects.filter(transitions__action="return").exists()
    assert Proposal.objects.filter(status="pending").exists()
    roles = [role for role, _, _ in logins]
    assert roles[0] == "督查室" and roles[1].startswith("部门联络员")
    for _, username, password in logins:
        assert authenticate(username=username, password=password) is not None
    client.login(username=logins[0][1], password=logins[0][2])
    page = client.get("/followup/", follow=True)
    assert page.status_code == 200 and page.content.decode().count("<svg") == 4
