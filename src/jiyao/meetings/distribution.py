"""分送 and 签收: the organizations a signed version goes to, their receipts, reminders.

Recipients are the names of the signed record's distribution (the government's default
list plus what the secretariat chose for these minutes) that name an organization of
the government (by name or alias); a name like 县委各部门 is printed but has nobody to
sign for it. Each recipient organization's users see the minutes in their inbox and
acknowledge receipt; the secretariat sees who has not and can remind them (an e-mail to
the organization's users, recorded on the recipient row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from jiyao.flow import TransitionRefused
from jiyao.meetings.access import manages, organization_of, roles_of
from jiyao.meetings.models import MinutesVersion, Recipient
from jiyao.minutes.orgs import canonical

if TYPE_CHECKING:
    from django.db.models import QuerySet


def resolve_organizations(government: Any, names: tuple[str, ...] | list[str]) -> list[Any]:
    """The government's organizations named in ``names`` (by name, full name or alias)."""
    from jiyao.archive.models import Organization

    found: list[Any] = []
    for name in names:
        org = (
            Organization.objects.filter(government=government)
            .filter(
                Q(name=name) | Q(name=canonical(name)) | Q(full_name=name) | Q(aliases__alias=name)
            )
            .order_by("pk")
            .first()
        )
        if org is not None and org not in found:
            found.append(org)
    return found


def create_recipients(version: MinutesVersion) -> list[Recipient]:
    names = list(version.record.get("distribution") or [])
    orgs = resolve_organizations(version.meeting.series.government, names)
    return [
        Recipient.objects.create(version=version, organization=org, position=i)
        for i, org in enumerate(orgs)
    ]


def inbox_for(user: Any) -> QuerySet[Recipient]:
    """The current (not superseded) minutes sent to the user's organization, newest first."""
    org = organization_of(user)
    if org is None or not roles_of(user):
        return Recipient.objects.none()
    return (
        Recipient.objects.filter(organization=org, version__superseded_by__isnull=True)
        .select_related("version__meeting__series__government", "acknowledged_by")
        .order_by("acknowledged_at", "-version__signed_at")
    )


def get_recipient_for_user(user: Any, pk: Any) -> Recipient:
    """A recipient row of the user's organization; Http404 otherwise."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("没有这份纪要") from None
    found = inbox_for(user).filter(pk=key).first()
    if found is None:
        raise Http404("没有这份纪要，或它不是分送给您单位的")
    return found


def acknowledge(recipient: Recipient, user: Any) -> Recipient:
    """签收 by a user of the recipient organization; a second 签收 is refused politely."""
    if organization_of(user) != recipient.organization:
        raise TransitionRefused("只能签收分送给本单位的纪要。")
    with transaction.atomic():
        current = Recipient.objects.select_for_update().get(pk=recipient.pk)
        if MinutesVersion.objects.filter(supersedes_id=current.version_id).exists():
            raise TransitionRefused("这份纪要已被更正后的版本取代，请签收新版本。")
        if current.acknowledged_at is not None:
            raise TransitionRefused(
                f"这份纪要已于 {timezone.localtime(current.acknowledged_at):%Y-%m-%d %H:%M} 签收。"
            )
        current.acknowledged_at = timezone.now()
        current.acknowledged_by = user
        current._change_reason = "签收"  # type: ignore[attr-defined]
        current.save()
    return current


def users_of(organization: Any) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(profile__organization=organization, is_active=True))


def remind(recipient: Recipient, user: Any) -> int:
    """催办: e-mail the organization's users that the minutes wait for 签收; recorded.
    Returns the number of addresses written to."""
    meeting = recipient.version.meeting
    if not manages(user, meeting):
        raise TransitionRefused("只有本级政府办（秘书科）可以催办签收。")
    recipient = Recipient.objects.select_related("version", "organization").get(pk=recipient.pk)
    if recipient.acknowledged_at is not None:
        raise TransitionRefused(f"{recipient.organization}已签收，无需催办。")
    from jiyao.meetings.services import meeting_name

    addresses = [u.email for u in users_of(recipient.organization) if u.email]
    title = f"{meeting_name(meeting)}纪要（{recipient.version.number}）"
    sent = 0
    if addresses:
        sent = send_mail(
            f"【催办】请签收{title}",
            f"{recipient.organization}：\n\n{title}已于 {recipient.version.issued_on:%Y年%-m月%-d日} "
            "签发分送贵单位，请登录纪要系统“待签收纪要”签收。\n\n"
            f"{meeting.series.government.name}办公室",
            getattr(settings, "DEFAULT_FROM_EMAIL", None),
            addresses,
        )
    with transaction.atomic():
        current = Recipient.objects.select_for_update().get(pk=recipient.pk)
        current.reminded_at = timezone.now()
        current.reminders += 1
        current._change_reason = f"催办（邮件 {len(addresses)} 人）"  # type: ignore[attr-defined]
        current.save()
    return sent and len(addresses)


def receipts_of(version: MinutesVersion) -> list[Recipient]:
    return list(version.recipients.select_related("organization", "acknowledged_by"))
