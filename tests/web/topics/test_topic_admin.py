"""The admin pages of topics and the directory open, and the transition log is read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_admin_pages_open_and_the_log_cannot_be_changed(county):
    from jiyao.topics import services
    from jiyao.topics.demo import _file, docx_bytes
    from jiyao.topics.editing import TopicInput, save_topic

    topic = save_topic(
        county.department_user,
        TopicInput(
            title="关于经济运行情况的汇报",
            action="hear_report",
            kind="report",
            summary="",
            series=county.series,
            new_materials=[(_file(docx_bytes("汇报", ["正文"]), "汇报.docx"), "送审稿")],
        ),
    )
    services.transition(topic, "submit", county.department_user)
    admin = User.objects.create_superuser("root", password="pw-root")
    c = Client()
    c.force_login(admin)
    row = topic.transitions.get()
    for url in (
        "/admin/topics/topic/",
        f"/admin/topics/topic/{topic.pk}/change/",
        "/admin/topics/topictransition/",
        "/admin/directory/portfolio/",
        "/admin/directory/localrules/",
        "/admin/accounts/profile/",
    ):
        assert c.get(url).status_code == 200, url
    assert c.get(f"/admin/topics/topictransition/{row.pk}/delete/").status_code == 403
    assert c.post(f"/admin/topics/topictransition/{row.pk}/change/", {}).status_code == 403
