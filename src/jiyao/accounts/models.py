"""Who a user is: the organization they work for and, for a leader, the Person they are.

Roles stay Django groups (jiyao.accounts.roles); the profile adds what a role alone
cannot say — *which* department a liaison officer speaks for, *which* leader a login
belongs to (a leader is also an archive ``Person``, so the portfolio and the minutes
name the same row). Models of other apps are referenced by label only, so this module
imports nothing from them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Profile(models.Model):
    """One per user (created on demand by :func:`profile_of`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="profile",
    )
    #: The department (or the government itself, for the office's staff) the user works for.
    organization = models.ForeignKey(
        "archive.Organization",
        verbose_name="所在单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    #: For a leader: the Person the minutes and portfolios name.
    person = models.ForeignKey(
        "archive.Person",
        verbose_name="对应人员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "用户资料"
        verbose_name_plural = "用户资料"
        #: Given to secretariat users who manage the users of their government in the web.
        permissions = (("manage_users", "可以管理本级政府的用户"),)

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization or '—'}"


def profile_of(user: Any) -> Profile | None:
    """The profile of a logged-in ``user`` (made when missing); None for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = existing_profile(user)
    if cached is None:
        cached, _ = _profiles().get_or_create(user=user)
        user._jiyao_profile = cached
    return cached


def existing_profile(user: Any) -> Profile | None:
    """The profile of ``user`` if it has one — read, never made (for pages that only show
    people, such as logs). One query per user object, kept on it as :func:`profile_of`
    keeps it, with the person and unit it names."""
    cached: Profile | None = getattr(user, "_jiyao_profile", None)
    if cached is None and getattr(user, "pk", None) is not None:
        cached = _profiles().filter(user_id=user.pk).first()
        if cached is not None:
            user._jiyao_profile = cached
    return cached


def _profiles() -> Any:
    return Profile.objects.select_related("organization", "organization__government", "person")


def government_of(user: Any) -> Any:
    """The government (an archive Organization) ``user`` works for, or None.

    A user of a department works for that department's government; a user of the
    government itself (the office, a leader) for that government.
    """
    profile = profile_of(user)
    if profile is None or profile.organization is None:
        return None
    org = profile.organization
    if org.kind == "government" or org.government_id is None:
        return org
    return org.government
