"""Root URLs: the archive at the site root; accounts, the directory (who is who), topics,
meetings being prepared and held (agenda/), follow-up; the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from jiyao.web.desk import desk

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", desk, name="desk"),
    path("accounts/", include("jiyao.accounts.urls")),
    path("directory/", include("jiyao.directory.urls")),
    path("topics/", include("jiyao.topics.urls")),
    path("agenda/", include("jiyao.meetings.urls")),
    path("followup/", include("jiyao.followup.urls")),
    path("", include("jiyao.archive.urls")),
]
