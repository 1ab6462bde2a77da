"""The meeting notice (会议通知): composed from the meeting, e-mailed, downloadable.

:func:`notice_of` fills the core's :class:`jiyao.minutes.compose.notice.Notice` from the
meeting's rows; :func:`send_notice` takes the "notify" transition and e-mails the notice
(plain text, with the DOCX attached) through Django's mail backend to every participant
and every department with an item who has a login with an e-mail address. The backend
is ``JIYAO_EMAIL_BACKEND`` (the console backend by default, so the demo prints the mail).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction

from jiyao.meetings.drafting import issuer_of
from jiyao.meetings.models import AgendaEntry, Participant, Workflow
from jiyao.meetings.services import meeting_name, today, transition
from jiyao.minutes.compose.notice import (
    Notice,
    NoticeItem,
    compose_notice_docx,
    compose_notice_text,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def notice_of(meeting: Any) -> Notice:
    entries = list(
        AgendaEntry.objects.filter(meeting=meeting)
        .select_related("topic__department")
        .order_by("position", "pk")
    )
    people = list(
        Participant.objects.filter(meeting=meeting)
        .select_related("person", "organization")
        .order_by("position", "pk")
    )
    from jiyao.meetings.drafting import item_for

    items = []
    for i, entry in enumerate(entries, 1):
        observers = tuple(
            (f"{p.organization.name}{p.person.name}" if p.organization else p.person.name)
            for p in people
            if p.agenda_entry_id == entry.pk
        )
        items.append(NoticeItem(item_for(entry, i).heading, entry.topic.department.name, observers))

    def names(role: str, *, whole: bool = False) -> tuple[str, ...]:
        return tuple(
            p.person.name
            for p in people
            if p.role == role and (not whole or p.agenda_entry_id is None)
        )

    members = tuple(p.person.name for p in people if p.role == Participant.MEMBER)
    return Notice(
        issuer=issuer_of(meeting),
        meeting=meeting_name(meeting),
        date=meeting.date,
        issued_on=today(),
        time_of_day=meeting.time_of_day,
        location=meeting.location,
        items=tuple(items),
        members=members,
        invited=names(Participant.INVITED),
        observers=names(Participant.OBSERVER, whole=True),
        requirements=(
            "组成人员因故不能出席的，请提前向会议主持人请假，并告知政府办",
            "汇报单位主要负责人汇报，时间一般不超过10分钟",
            "请列席人员提前10分钟到会签到，会议材料会后收回",
        ),
    )


def addresses_for(meeting: Any) -> list[str]:
    """E-mail addresses of the participants' logins and of the item departments' users."""
    User = get_user_model()
    persons = Participant.objects.filter(meeting=meeting).values_list("person_id", flat=True)
    orgs = AgendaEntry.objects.filter(meeting=meeting).values_list(
        "topic__department_id", flat=True
    )
    users = User.objects.filter(is_active=True).exclude(email="")
    found = users.filter(profile__person_id__in=list(persons)) | users.filter(
        profile__organization_id__in=list(orgs)
    )
    return sorted({u.email for u in found})


def send_notice(wf: Workflow, user: Any) -> int:
    """Send the notice (the "notify" transition, then the e-mail); the addresses written to.

    The state changes only if the transition's guards pass (an agenda, a date not past);
    the mail goes out after the change is committed.
    """
    with transaction.atomic():
        transition(wf, "notify", user, internal=True)
    meeting = wf.meeting
    notice = notice_of(meeting)
    addresses = addresses_for(meeting)
    if addresses:
        message = EmailMessage(
            subject=notice.title,
            body=compose_notice_text(notice),
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            to=[],
            bcc=addresses,
        )
        message.attach(f"{notice.title}.docx", compose_notice_docx(notice), DOCX)
        message.send()
    return len(addresses)
