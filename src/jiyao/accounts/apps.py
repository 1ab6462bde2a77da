"""App config for accounts: after every migrate, give the role groups their permissions.

The groups themselves come from a data migration (0001_roles). Model permissions of
other apps only exist after *their* migrations ran, so the grant happens in a
post_migrate handler instead (idempotent; see roles.grant_role_permissions).
"""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "jiyao.accounts"
    label = "accounts"
    verbose_name = "账户与角色"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jiyao.accounts.roles import grant_on_migrate

        post_migrate.connect(grant_on_migrate, dispatch_uid="jiyao.accounts.grant_roles")
