"""Pages of the directory: a government's posts, members, observers, portfolios and rules;
the secretariat's forms to change them (with a reason); each object's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jiyao.directory import services
from jiyao.directory.forms import (
    FixedObserverForm,
    LocalRulesForm,
    PortfolioForm,
    PostForm,
    SeriesMemberForm,
)
from jiyao.directory.models import (
    FixedObserver,
    LocalRules,
    Portfolio,
    Post,
    SeriesMember,
    rules_for,
)


@dataclass(frozen=True)
class Kind:
    """One editable kind of directory object."""

    label: str
    model: Any
    form: Any
    #: The lookup from the object to its government's pk.
    scope: str


KINDS: dict[str, Kind] = {
    "post": Kind("职务", Post, PostForm, "person__government"),
    "member": Kind("组成人员", SeriesMember, SeriesMemberForm, "series__government"),
    "observer": Kind("固定列席单位", FixedObserver, FixedObserverForm, "series__government"),
    "portfolio": Kind("分管", Portfolio, PortfolioForm, "government"),
    "rules": Kind("议事规则", LocalRules, LocalRulesForm, "government"),
}


def _kind(name: str) -> Kind:
    if name not in KINDS:
        raise Http404("没有这类信息")
    return KINDS[name]


def _object(kind: Kind, government: Any, pk: Any) -> Any:
    obj = kind.model.objects.filter(pk=pk, **{kind.scope: government}).first()
    if obj is None:
        raise Http404("没有这条记录")
    return obj


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not services.may_use_directory(request.user):
        raise PermissionDenied("您的角色不能查看人员与分管信息。")
    governments = list(services.visible_governments(request.user))
    if len(governments) == 1:
        return redirect("directory:government", governments[0].pk)
    return render(request, "directory/index.html", {"governments": governments})


@login_required
def government(request: HttpRequest, pk: int) -> HttpResponse:
    gov = services.get_government_for_user(request, pk)
    series = list(gov.series.order_by("kind"))
    blocks = [
        (
            s,
            SeriesMember.objects.filter(series=s).select_related("person", "post"),
            FixedObserver.objects.filter(series=s).select_related("organization"),
        )
        for s in series
    ]
    rank: dict[int, int] = {}
    for member in SeriesMember.objects.filter(series__government=gov):
        rank[member.person_id] = min(rank.get(member.person_id, 999), member.position)
    posts = sorted(
        Post.objects.filter(person__government=gov).select_related("person", "organization"),
        key=lambda p: (rank.get(p.person_id, 999), p.organization.name, p.title, p.pk),
    )
    portfolios = sorted(
        Portfolio.objects.filter(government=gov).select_related("leader", "department"),
        key=lambda p: (rank.get(p.leader_id, 999), p.leader.name, p.department.name),
    )
    return render(
        request,
        "directory/government.html",
        {
            "government": gov,
            "posts": posts,
            "series_blocks": blocks,
            "portfolios": portfolios,
            "changes": services.recent_changes(gov, KINDS),
            "rules": LocalRules.objects.filter(government=gov).first(),
            "can_edit": services.can_edit(request.user, gov),
        },
    )


@login_required
def edit(request: HttpRequest, pk: int, kind: str, obj_pk: int | None = None) -> HttpResponse:
    """Create (``obj_pk`` None) or change one object; ``kind`` "rules" edits the one row."""
    gov = services.get_government_for_user(request, pk)
    services.require_edit(request.user, gov)
    spec = _kind(kind)
    if kind == "rules":
        obj = rules_for(gov)
    elif obj_pk is None:
        obj = spec.model(government=gov) if spec.scope == "government" else spec.model()
    else:
        obj = _object(spec, gov, obj_pk)
    changing = obj.pk is not None
    initial = {"series": request.GET["series"]} if "series" in request.GET else None
    form = spec.form(
        request.POST or None,
        instance=obj,
        initial=initial,
        government=gov,
        require_reason=changing,
    )
    if request.method == "POST":
        with transaction.atomic():
            if form.is_valid():
                saved = services.save(
                    form.save(commit=False),
                    request.user,
                    form.cleaned_data.get("reason") or ("新增" if not changing else ""),
                )
                messages.success(request, f"{spec.label}已保存。")
                return redirect(_back(gov, kind, saved))
            transaction.set_rollback(True)  # a person or unit named in a refused form
    return render(
        request,
        "directory/form.html",
        {"government": gov, "form": form, "spec": spec, "obj": obj if changing else None},
    )


@login_required
def remove(request: HttpRequest, pk: int, kind: str, obj_pk: int) -> HttpResponse:
    gov = services.get_government_for_user(request, pk)
    services.require_edit(request.user, gov)
    spec = _kind(kind)
    if kind == "rules":
        raise Http404("议事规则不能删除")
    obj = _object(spec, gov, obj_pk)
    error = ""
    if request.method == "POST":
        reason = (request.POST.get("reason") or "").strip()
        if not reason:
            error = "请填写删除理由。"
        else:
            services.delete(obj, request.user, reason)
            messages.success(request, f"已删除{spec.label}“{obj}”。")
            return redirect("directory:government", gov.pk)
    return render(
        request,
        "directory/remove.html",
        {"government": gov, "spec": spec, "obj": obj, "error": error},
    )


@login_required
def history(request: HttpRequest, pk: int, kind: str, obj_pk: int) -> HttpResponse:
    gov = services.get_government_for_user(request, pk)
    spec = _kind(kind)
    records = spec.model.history.filter(id=obj_pk)
    latest = records.order_by("-history_date").first()
    if latest is None or _government_pk(latest.instance, spec.scope) != gov.pk:
        raise Http404("没有这条记录")
    return render(
        request,
        "directory/history.html",
        {
            "government": gov,
            "spec": spec,
            "title": str(latest.instance),
            "rows": services.history_rows(spec.model, int(obj_pk)),
        },
    )


def _government_pk(instance: Any, scope: str) -> Any:
    """Follow ``scope`` (``person__government``) on an instance, to the government's pk."""
    *path, last = scope.split("__")
    obj = instance
    try:
        for part in path:
            obj = getattr(obj, part)
    except Exception:  # a related row deleted since: no government to check against
        return None
    return getattr(obj, f"{last}_id", None)


def _back(gov: Any, kind: str, obj: Any) -> str:
    from django.urls import reverse

    anchor = {"post": "posts", "member": "series", "observer": "series"}.get(kind, kind)
    return reverse("directory:government", args=[gov.pk]) + f"#{anchor}"
