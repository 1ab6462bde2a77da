"""User management in the web, for superusers and secretariat users with
``accounts.manage_users`` (see jiyao.accounts.users for the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jiyao.accounts.models import government_of, profile_of
from jiyao.accounts.roles import ROLES
from jiyao.accounts.users import (
    UserError,
    UserInput,
    generate_password,
    manageable_users,
    may_manage_users,
    role_of,
    save_user,
)


class UserForm(forms.Form):
    username = forms.CharField(
        label="用户名", max_length=150, help_text="登录用，例：xsfgj-wang（字母、数字、-、_）"
    )
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    role = forms.ChoiceField(label="角色", choices=tuple(ROLES.items()))
    organization = forms.ModelChoiceField(
        label="所在单位",
        queryset=None,
        required=False,
        help_text="部门联络员填本部门；政府办、督查室、领导填本级政府",
    )
    person = forms.ModelChoiceField(
        label="对应人员",
        queryset=None,
        required=False,
        help_text="领导须选择：纪要和分管表中的同一人",
    )
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    password = forms.CharField(
        label="新密码",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="新建时留空则自动生成并显示一次；修改时留空则不变",
    )

    def __init__(self, *args: Any, manager: Any, editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        from jiyao.archive.models import Organization, Person

        gov = None if manager.is_superuser else government_of(manager)
        if gov is None:
            orgs = Organization.objects.filter(kind=Organization.GOVERNMENT) | (
                Organization.objects.filter(government__kind=Organization.GOVERNMENT)
            )
            people = Person.objects.filter(government__isnull=False)
        else:
            orgs = Organization.objects.filter(pk=gov.pk) | Organization.objects.filter(
                government=gov
            )
            people = Person.objects.filter(government=gov)
        self.fields["organization"].queryset = orgs.order_by("government_id", "kind", "name")
        self.fields["person"].queryset = people.order_by("name")
        if editing:
            self.fields["username"].disabled = True

    def clean_username(self) -> str:
        import re

        value = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[A-Za-z0-9_.@+-]+", value):
            raise forms.ValidationError("用户名只能用字母、数字和 _ . @ + -。")
        return value

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        value = self.cleaned_data.get("password") or ""
        if value:
            validate_password(value)
        return value


def _manager(request: HttpRequest) -> Any:
    if not may_manage_users(request.user):
        raise PermissionDenied("只有管理员可以管理用户。")
    return request.user


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    manager = _manager(request)
    rows = [
        (u, ROLES.get(role_of(u), "超级管理员" if u.is_superuser else "（无角色）"), profile_of(u))
        for u in manageable_users(manager).prefetch_related("groups")
    ]
    return render(request, "accounts/users.html", {"rows": rows})


@login_required
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    manager = _manager(request)
    target = None
    if pk is not None:
        target = manageable_users(manager).filter(pk=pk).first()
        if target is None:
            raise Http404("没有这个用户，或您无权管理")
    initial: dict[str, Any] = {}
    if target is not None:
        profile = profile_of(target)
        initial = {
            "username": target.username,
            "full_name": target.first_name,
            "role": role_of(target),
            "organization": profile.organization_id if profile else None,
            "person": profile.person_id if profile else None,
            "is_active": target.is_active,
        }
    form = UserForm(
        request.POST or None, initial=initial, manager=manager, editing=target is not None
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        password = d["password"] or (generate_password() if target is None else None)
        try:
            saved = save_user(
                UserInput(
                    username=d["username"],
                    role=d["role"],
                    organization=d["organization"],
                    person=d["person"],
                    full_name=d["full_name"],
                    is_active=d["is_active"],
                ),
                manager=manager,
                user=target,
                password=password,
            )
        except UserError as refused:
            form.add_error(None, str(refused))
        else:
            if target is None and not d["password"]:
                messages.success(
                    request,
                    f"已创建用户 {saved.username}，初始密码：{password}（只显示这一次，请转告本人）。",
                )
            else:
                messages.success(request, f"用户 {saved.username} 已保存。")
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "target": target})
