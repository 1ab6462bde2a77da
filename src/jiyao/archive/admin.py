"""Django admin for corrections, with the history of every change.

Every editable model is registered with simple_history's SimpleHistoryAdmin, so each
object has a "历史" page listing who changed what and when (the history middleware
records the user). Who may change what is plain Django permissions: the role groups
get them in jiyao.accounts.roles (``secretariat`` all archive permissions, the other
roles view only), and a user needs ``is_staff`` to enter the admin at all.

Organization aliases are editable (inline on an organization and on their own page):
the shipped table of abbreviations is a start that users extend. The source document
is read-only: the original bytes are evidence, corrections go to the record's rows.
Foreign keys use autocomplete/raw ids so the admin stays fast on a large archive.

Imports write no history rows (history records *corrections*; bulk imports stay
fast). So that the first correction of an imported row still shows *what* changed,
the admin writes a baseline history row ("导入时的状态") holding the imported state just
before it saves the first change of a row (see ``ensure_baseline``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models as models_
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from jiyao.archive import models
from jiyao.archive.search import reindex_meeting

BASELINE_REASON = "导入时的状态"
SHORT_TEXT = {models_.TextField: {"widget": forms.TextInput(attrs={"size": 80})}}


def ensure_baseline(obj: Any) -> None:
    """Record ``obj``'s stored state as its first history row if it has none yet."""
    history = getattr(type(obj), "history", None)
    if obj.pk is None or history is None or history.filter(**{_pk_name(obj): obj.pk}).exists():
        return
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    if stored is not None:
        history.bulk_history_create([stored], default_change_reason=BASELINE_REASON)


def _pk_name(obj: Any) -> str:
    return str(obj._meta.pk.attname)


class NullTextMixin:
    """An emptied nullable text field saves NULL, as the importer stores "not said".

    Django gives nullable CharFields ``empty_value=None`` but not TextFields, so without
    this an untouched empty field would turn None into "" on every save (a false change
    in the history, and a different record on the way back).
    """

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and db_field.null and isinstance(db_field, models_.TextField):
            field.empty_value = None
        return field


def meetings_of(obj: Any) -> set[int]:
    """Ids of the meetings whose search entry depends on ``obj``."""
    m = models
    if isinstance(obj, m.Meeting):
        return {obj.pk}
    if isinstance(obj, m.Minutes | m.AgendaItem | m.Attendance):
        return {obj.meeting_id}
    if isinstance(obj, m.Document | m.Decision | m.ItemSubmitter):
        return set(
            m.AgendaItem.objects.filter(pk=obj.agenda_item_id).values_list("meeting_id", flat=True)
        )
    if isinstance(obj, m.Distribution):
        return set(m.Minutes.objects.filter(pk=obj.minutes_id).values_list("meeting_id", flat=True))
    if isinstance(obj, m.Person):
        chaired = m.Meeting.objects.filter(chair=obj).values_list("pk", flat=True)
        attended = m.Attendance.objects.filter(person=obj).values_list("meeting_id", flat=True)
        return set(chaired) | set(attended)
    if isinstance(obj, m.Organization):
        items = m.ItemSubmitter.objects.filter(organization=obj)
        return set(items.values_list("agenda_item__meeting_id", flat=True))
    return set()


def reindex(meeting_ids: set[int]) -> None:
    """Bring the search index up to date after a correction (visibility included)."""
    for pk in sorted(meeting_ids):
        reindex_meeting(pk)


REASON_FIELD = "change_reason"


class CorrectionForm(forms.ModelForm):
    """A model form that asks why: every correction of a stored row needs a reason
    (kept as simple_history's ``history_change_reason``); a new row may have one."""

    change_reason = forms.CharField(
        label="修改原因",
        max_length=100,
        help_text="必填：说明为什么修改（如“与原件核对，日期录入有误”），会记入修改历史。",
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            field = self.fields[REASON_FIELD]
            field.required = False
            field.label = "说明（可选）"
            field.help_text = "可选：新增这条记录的原因，会记入修改历史。"


def _reason(form: Any) -> str:
    return str(getattr(form, "cleaned_data", {}).get(REASON_FIELD) or "").strip()


class CorrectionAdmin(NullTextMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin that asks a reason for every correction, keeps the imported
    state before the first one, and re-indexes the meetings a correction touches (so
    search, and search's public/internal flag, follow at once). Page titles read as
    natural Chinese (Django's zh-Hans gives 选择 会议 来修改)."""

    form = CorrectionForm

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if change:
            ensure_baseline(obj)
        obj._change_reason = _reason(form)
        super().save_model(request, obj, form, change)

    def changelist_view(self, request: Any, extra_context: Any = None) -> Any:
        name = self.model._meta.verbose_name
        context = {"title": f"选择要修改的{name}", **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    def changeform_view(
        self, request: Any, object_id: Any = None, form_url: str = "", extra_context: Any = None
    ) -> Any:
        name = self.model._meta.verbose_name
        title = f"新增{name}" if object_id is None else f"修改{name}"
        context = {"title": title, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context=context)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        reindex(meetings_of(form.instance))

    def delete_model(self, request: Any, obj: Any) -> None:
        ensure_baseline(obj)
        touched = meetings_of(obj)
        super().delete_model(request, obj)
        reindex(touched)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        touched: set[int] = set()
        for obj in queryset:
            ensure_baseline(obj)
            touched |= meetings_of(obj)
        super().delete_queryset(request, queryset)
        reindex(touched)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        reason = _reason(form)
        for inline_form in formset.forms:
            instance = inline_form.instance
            if instance.pk is not None and (inline_form.has_changed() or _deleting(inline_form)):
                ensure_baseline(instance)
            instance._change_reason = reason
        super().save_formset(request, form, formset, change)


def _deleting(form: Any) -> bool:
    return bool(getattr(form, "cleaned_data", {}).get("DELETE"))


admin.site.site_header = "会议纪要档案 · 管理与更正"
admin.site.site_title = "纪要管理"
admin.site.index_title = "数据更正（每次修改都会记录修改人、时间和内容）"


class OrganizationAliasInline(NullTextMixin, admin.TabularInline):
    formfield_overrides = SHORT_TEXT
    model = models.OrganizationAlias
    extra = 1


@admin.register(models.Organization)
class OrganizationAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("name", "full_name", "kind", "government")
    list_filter = ("kind",)
    search_fields = ("name", "full_name", "aliases__alias")
    autocomplete_fields = ("government",)
    inlines = (OrganizationAliasInline,)


@admin.register(models.OrganizationAlias)
class OrganizationAliasAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("alias", "organization")
    search_fields = ("alias", "organization__name", "organization__full_name")
    autocomplete_fields = ("organization",)


@admin.register(models.Person)
class PersonAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("name", "government")
    search_fields = ("name",)
    autocomplete_fields = ("government",)


@admin.register(models.MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("government", "kind")
    search_fields = ("government__name", "kind")
    autocomplete_fields = ("government",)


class MinutesInline(NullTextMixin, admin.StackedInline):
    formfield_overrides = SHORT_TEXT
    model = models.Minutes
    fields = ("title", "issuer", "issued_on", "number", "visibility")
    extra = 0
    can_delete = False


class AgendaItemForm(forms.ModelForm):
    """An agenda item with its decision (outcome, follow-up) on one row of the meeting's
    page: Django's admin cannot nest the Decision inline inside the item inline."""

    outcome = forms.ChoiceField(
        label="会议决定", choices=(("", "—"), *models.DECISION_CHOICES), required=False
    )
    follow_up = forms.CharField(
        label="后续要求", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )

    class Meta:
        model = models.AgendaItem
        fields = ("number", "heading", "action", "outcome", "follow_up")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heading"].widget = forms.Textarea(attrs={"rows": 2, "cols": 50})
        decision = _decision_of(self.instance)
        if decision is not None:
            self.fields["outcome"].initial = decision.outcome or ""
            self.fields["follow_up"].initial = decision.follow_up or ""

    def save(self, commit: bool = True) -> Any:
        item = super().save(commit=commit)
        if commit:
            self.save_decision(item)
        return item

    def save_decision(self, item: Any) -> None:
        """Store the outcome and follow-up in the item's Decision row (with history)."""
        outcome = self.cleaned_data.get("outcome") or None
        follow_up = (self.cleaned_data.get("follow_up") or "").strip() or None
        decision = _decision_of(item)
        if decision is None:
            if outcome is None and follow_up is None:
                return
            decision = models.Decision(agenda_item=item)
        elif (decision.outcome, decision.follow_up) == (outcome, follow_up):
            return
        else:
            ensure_baseline(decision)
        decision.outcome, decision.follow_up = outcome, follow_up
        decision._change_reason = getattr(item, "_change_reason", "")
        decision.save()


def _decision_of(item: Any) -> Any:
    if item is None or item.pk is None:
        return None
    return models.Decision.objects.filter(agenda_item_id=item.pk).first()


class AgendaItemInline(NullTextMixin, admin.TabularInline):
    model = models.AgendaItem
    form = AgendaItemForm
    extra = 0
    show_change_link = True  # submitters and documents: on the item's own page
    verbose_name = "会议事项"
    verbose_name_plural = "会议事项（议题、性质、决定）"


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    fields = ("person", "role", "position")
    autocomplete_fields = ("person",)
    extra = 0
    verbose_name_plural = "出席情况"


@admin.register(models.Meeting)
class MeetingAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("__str__", "date", "session", "series", "chair")
    list_filter = ("series__kind", "date")
    date_hierarchy = "date"
    search_fields = ("minutes__title", "series__government__name")
    autocomplete_fields = ("series", "chair")
    inlines = (MinutesInline, AgendaItemInline, AttendanceInline)

    def view_on_site(self, obj: Any) -> str:
        return reverse("archive:meeting", args=[obj.pk])


@admin.register(models.Minutes)
class MinutesAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("title", "number", "issued_on", "visibility")
    list_filter = ("visibility",)
    search_fields = ("title", "number", "issuer")
    raw_id_fields = ("meeting", "source")
    readonly_fields = ("warnings",)
    exclude = ("spans",)  # offsets into the source text: the importer's, not for hand edits

    def view_on_site(self, obj: Any) -> str:
        return reverse("archive:meeting", args=[obj.meeting_id])


class ItemSubmitterInline(NullTextMixin, admin.TabularInline):
    formfield_overrides = SHORT_TEXT
    model = models.ItemSubmitter
    extra = 0
    autocomplete_fields = ("organization",)


class DocumentInline(NullTextMixin, admin.TabularInline):
    formfield_overrides = SHORT_TEXT
    model = models.Document
    extra = 0


class DecisionInline(NullTextMixin, admin.StackedInline):
    model = models.Decision
    extra = 0


@admin.register(models.AgendaItem)
class AgendaItemAdmin(CorrectionAdmin):
    list_display = ("heading", "number", "action", "meeting")
    list_filter = ("action",)
    search_fields = ("heading",)
    raw_id_fields = ("meeting",)
    inlines = (ItemSubmitterInline, DocumentInline, DecisionInline)


@admin.register(models.Document)
class DocumentAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("title", "stage", "agenda_item")
    list_filter = ("stage",)
    search_fields = ("title",)
    raw_id_fields = ("agenda_item",)


@admin.register(models.Decision)
class DecisionAdmin(CorrectionAdmin):
    list_display = ("agenda_item", "outcome", "follow_up")
    list_filter = ("outcome",)
    search_fields = ("agenda_item__heading", "follow_up")
    raw_id_fields = ("agenda_item",)


@admin.register(models.Attendance)
class AttendanceAdmin(CorrectionAdmin):
    list_display = ("person", "role", "meeting")
    list_filter = ("role",)
    search_fields = ("person__name",)
    raw_id_fields = ("meeting",)
    autocomplete_fields = ("person",)


@admin.register(models.Distribution)
class DistributionAdmin(CorrectionAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ("recipient", "organization", "minutes")
    search_fields = ("recipient",)
    raw_id_fields = ("minutes",)
    autocomplete_fields = ("organization",)


@admin.register(models.SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    """Read-only: the original file is the evidence every fact is checked against."""

    list_display = ("filename", "kind", "parser_version", "imported_at")
    search_fields = ("filename", "content_hash")
    exclude = ("original",)

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return [f.name for f in self.model._meta.fields if f.name != "original"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
