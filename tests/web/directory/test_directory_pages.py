"""The directory pages: who may see and edit a government's people, portfolios and rules,
and the history that says who changed what, when and why."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jiyao.directory.models import LocalRules, Portfolio, Post, SeriesMember


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_index_leads_a_county_user_to_their_government(county):
    response = client_for(county.department_user).get(reverse("directory:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:government", args=[county.gov.pk])


@pytest.mark.parametrize("who", ["county_reader", "stranger"])
def test_readers_and_users_without_a_role_are_refused(county, who):
    c = client_for(getattr(county, who))
    assert c.get(reverse("directory:index")).status_code == 403
    assert c.get(reverse("directory:government", args=[county.gov.pk])).status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("gov_secretary", 200),
        ("department_user", 200),
        ("leader_user", 200),
        ("gov_supervisor", 200),
        ("other_secretary", 404),
    ],
)
def test_the_government_page_by_role(county, who, status):
    response = client_for(getattr(county, who)).get(
        reverse("directory:government", args=[county.gov.pk])
    )
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "陈兴立" in page and "县发展和改革局" in page


def test_only_the_secretariat_sees_edit_links_and_may_edit(county):
    url = reverse("directory:new", args=[county.gov.pk, "portfolio"])
    assert client_for(county.gov_secretary).get(url).status_code == 200
    assert client_for(county.department_user).get(url).status_code == 403
    assert client_for(county.other_secretary).get(url).status_code == 404
    assert client_for(county.stranger).get(url).status_code == 403
    page = client_for(county.leader_user).get(reverse("directory:government", args=[county.gov.pk]))
    assert url not in page.content.decode()  # no "新增分管" button


def test_changing_a_portfolio_needs_a_reason_and_the_history_shows_it(county):
    row = Portfolio.objects.get(department=county.fgj)
    url = reverse("directory:edit", args=[county.gov.pk, "portfolio", row.pk])
    c = client_for(county.gov_secretary)
    data = {"leader": county.zhou.pk, "department": county.fgj.pk, "start": "2021-07-01"}
    refused = c.post(url, data)
    assert refused.status_code == 200 and "这个字段是必填项" in refused.content.decode()
    row.refresh_from_db()
    assert row.leader == county.chen
    done = c.post(url, {**data, "reason": "县政府分工调整（象政发〔2021〕20号）"})
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.leader == county.zhou
    history = c.get(reverse("directory:history", args=[county.gov.pk, "portfolio", row.pk]))
    text = history.content.decode()
    assert "gov_secretary" in text and "象政发〔2021〕20号" in text
    assert "分管领导：陈兴立 → 周坚栋" in text
    # Others may read the history too, an outsider may not.
    assert client_for(county.department_user).get(history.request["PATH_INFO"]).status_code == 200
    assert client_for(county.stranger).get(history.request["PATH_INFO"]).status_code == 403


def test_a_new_member_with_a_new_person_is_added_to_the_series(county):
    url = reverse("directory:new", args=[county.gov.pk, "member"])
    c = client_for(county.gov_secretary)
    response = c.post(
        url, {"series": county.series.pk, "new_person": "张微燕", "position": 6, "reason": ""}
    )
    assert response.status_code == 302
    member = SeriesMember.objects.get()
    assert member.person.name == "张微燕" and member.person.government == county.gov


def test_a_refused_form_creates_no_new_person(county):
    from jiyao.archive.models import Person

    url = reverse("directory:new", args=[county.gov.pk, "post"])
    before = Person.objects.count()
    response = client_for(county.gov_secretary).post(
        url,
        {
            "new_person": "石坚定",
            "organization": county.gov.pk,
            "title": "副县长",
            "start": "2021-06-01",
            "end": "2021-01-01",
        },
    )
    assert response.status_code == 200 and "终止日期不能早于起始日期" in response.content.decode()
    assert Person.objects.count() == before


def test_deleting_needs_a_reason_and_stays_in_the_history(county):
    post = Post.objects.filter(person=county.zhou).get()
    url = reverse("directory:delete", args=[county.gov.pk, "post", post.pk])
    c = client_for(county.gov_secretary)
    assert "请填写删除理由" in c.post(url, {"reason": ""}).content.decode()
    assert c.post(url, {"reason": "已调任"}).status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()
    history = c.get(reverse("directory:history", args=[county.gov.pk, "post", post.pk]))
    assert history.status_code == 200 and "删除" in history.content.decode()
    assert "已调任" in history.content.decode()


def test_local_rules_start_from_the_defaults_and_are_edited_with_history(county):
    url = reverse("directory:edit_single", args=[county.gov.pk, "rules"])
    c = client_for(county.gov_secretary)
    page = c.get(url).content.decode()
    assert 'value="3"' in page and 'value="8"' in page
    rules = LocalRules.objects.get(government=county.gov)
    data = {
        "quorum_share": "0.50",
        "material_deadline_days": 5,
        "max_topics": 8,
        "minutes_deadline_days": 2,
        "followup_warning_days": 5,
        "followup_default_days": 30,
        "distribution": "县委各部门\n县政府各部门",
        "reason": "按新修订的议事规则",
    }
    assert c.post(url, data).status_code == 302
    rules.refresh_from_db()
    assert rules.material_deadline_days == 5
    assert rules.default_distribution == ["县委各部门", "县政府各部门"]
    bad = c.post(url, {**data, "quorum_share": "1.5"})
    assert "0 到 1 之间" in bad.content.decode()


def test_an_object_of_another_government_is_404(county):
    from jiyao.archive.models import Person

    stranger_person = Person.objects.create(name="外县人", government=county.other_gov)
    post = Post.objects.create(person=stranger_person, organization=county.other_gov, title="县长")
    c = client_for(county.gov_secretary)
    assert (
        c.get(reverse("directory:edit", args=[county.gov.pk, "post", post.pk])).status_code == 404
    )
    assert (
        c.get(reverse("directory:history", args=[county.gov.pk, "post", post.pk])).status_code
        == 404
    )
    assert c.get(f"/directory/{county.gov.pk}/nonsense/new/").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("department_user", 403), ("leader_user", 403), ("other_secretary", 404), ("stranger", 403)],
)
def test_only_the_secretariat_may_delete(county, who, status):
    post = Post.objects.filter(person=county.zhou).get()
    url = reverse("directory:delete", args=[county.gov.pk, "post", post.pk])
    assert client_for(getattr(county, who)).post(url, {"reason": "x"}).status_code == status
    assert Post.objects.filter(pk=post.pk).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("gov_secretary", 200),
        ("gov_supervisor", 403),
        ("department_user", 403),
        ("county_reader", 403),
        ("stranger", 403),
        ("other_secretary", 404),
    ],
)
def test_the_edit_forms_by_role(county, who, status):
    post = Post.objects.filter(person=county.zhou).get()
    c = client_for(getattr(county, who))
    assert (
        c.get(reverse("directory:edit", args=[county.gov.pk, "post", post.pk])).status_code
        == status
    )
    assert (
        c.get(reverse("directory:edit_single", args=[county.gov.pk, "rules"])).status_code == status
    )
    assert (
        Client().get(reverse("directory:edit_single", args=[county.gov.pk, "rules"])).status_code
        == 302
    )


def test_the_government_page_lists_recent_changes_with_their_reason(county):
    row = Portfolio.objects.get(department=county.fgj)
    c = client_for(county.gov_secretary)
    c.post(
        reverse("directory:edit", args=[county.gov.pk, "portfolio", row.pk]),
        {"leader": county.zhou.pk, "department": county.fgj.pk, "reason": "分工调整"},
    )
    page = (
        client_for(county.leader_user)
        .get(reverse("directory:government", args=[county.gov.pk]))
        .content.decode()
    )
    recent = page.split('id="changes"')[1]
    assert "修改分管" in recent and "分工调整" in recent and "gov_secretary" in recent
