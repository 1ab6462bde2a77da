"""The follow-up demo: tasks in every colour, progress, pending proposals, logins."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    """Evidence files go to a temporary directory, not the data directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


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
    roles = [row[0] for row in logins]
    assert roles == ["督查室", "部门联络员"]
    for _, username, password, _ in logins:
        assert authenticate(username=username, password=password) is not None
    client.login(username=logins[0][1], password=logins[0][2])
    page = client.get("/followup/", follow=True)
    assert page.status_code == 200 and page.content.decode().count("<svg") == 4


def test_jiyao_demo_seeds_follow_up_with_the_demo_logins(tmp_path, capsys):
    """The whole `jiyao demo --no-serve`: the supervisor and 县发改局 logins printed work
    on follow-up (the 县发改局 login has a task it may report on)."""
    from django.contrib.auth.models import User

    from jiyao.accounts.demo import ensure_demo_users
    from jiyao.cli.archive import load_demo_data
    from jiyao.directory.demo import seed_government
    from jiyao.followup import access
    from jiyao.followup.demo import seed
    from jiyao.followup.models import Task

    load_demo_data(12)
    government = seed_government()
    logins = ensure_demo_users(government)
    assert seed(government, logins) == []
    fgj = User.objects.get(username="demo-fgj")
    mine = Task.objects.filter(lead=access.unit_of(fgj))
    assert mine.filter(state="in_progress").exists()
    assert mine.filter(state="reported").exists()
    assert Task.objects.filter(government=government, state="closed").exists()
