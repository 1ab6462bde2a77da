"""The demo: a government's directory, one login per role, topics in every state."""

from __future__ import annotations

import pytest

from jiyao.topics import states


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    from jiyao.accounts.demo import ensure_demo_users
    from jiyao.directory.demo import seed_government
    from jiyao.topics.demo import seed

    gov = seed_government()
    logins = ensure_demo_users(gov)
    made = seed(gov, logins)
    return gov, logins, made


def test_the_demo_directory_follows_the_example_minutes(demo):
    from jiyao.directory.models import Portfolio, SeriesMember

    gov, _, _ = demo
    members = list(
        SeriesMember.objects.filter(series__government=gov).values_list("person__name", flat=True)
    )
    assert members[0] == "包朝阳" and members[-1] == "张有为" and len(members) == 10
    fgj = Portfolio.objects.get(government=gov, department__name="县发展和改革局")
    assert fgj.leader.name == "陈兴立"


def test_one_login_per_role_with_passwords_kept_in_private_files(demo, tmp_path):
    from django.contrib.auth import authenticate

    from jiyao.accounts.users import role_of

    _, logins, _ = demo
    roles = set()
    for _label, username, password, _description in logins:
        user = authenticate(username=username, password=password)
        assert user is not None, username
        roles.add(role_of(user))
    assert roles == {"secretariat", "supervisor", "department", "leader", "reader"}
    for path in tmp_path.glob("demo-password*.txt"):
        assert path.stat().st_mode & 0o077 == 0


def test_the_demo_has_topics_in_every_state_each_step_by_the_right_user(demo):
    from jiyao.accounts.models import profile_of
    from jiyao.topics.models import Topic, TopicTransition

    gov, _, made = demo
    assert made == Topic.objects.filter(government=gov).count() >= len(states.STATES)
    assert set(Topic.objects.values_list("state", flat=True)) == set(states.STATES)
    for row in TopicTransition.objects.select_related("topic", "by"):
        profile = profile_of(row.by)
        if row.action in ("submit", "withdraw"):
            assert profile.organization == row.topic.department
        elif row.action == "approve":
            assert profile.person == row.topic.leader
    assert all(t.materials.count() == 1 for t in Topic.objects.all())


def test_seeding_twice_changes_nothing(demo):
    from jiyao.accounts.demo import ensure_demo_users
    from jiyao.topics.demo import seed
    from jiyao.topics.models import Topic

    gov, logins, _ = demo
    count = Topic.objects.count()
    again = ensure_demo_users(gov)
    assert [row[2] for row in again] == [row[2] for row in logins]  # same passwords
    assert seed(gov, again) == 0 and Topic.objects.count() == count
