"""Root URLs: the archive at the site root, accounts under accounts/, the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("jiyao.accounts.urls")),
    path("", include("jiyao.archive.urls")),
]
