"""URLs of the archive pages, included at the site root (namespace ``archive``)."""

from __future__ import annotations

from django.urls import path

from jiyao.archive import review, upload, views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_view, name="search"),
    path("governments/", views.governments, name="governments"),
    path("governments/<int:pk>/", views.government, name="government"),
    path("governments/<int:pk>/<int:year>/", views.government, name="government_year"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("departments/", views.department_lookup, name="department_lookup"),
    path("departments/<int:pk>/", views.department, name="department"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("documents/", views.document, name="document"),
    path("review/", review.queue, name="review"),
    path("review/meetings/<int:pk>/", review.meeting, name="review_meeting"),
    path("upload/", upload.upload, name="upload"),
    path("upload/<str:task_id>/", upload.progress, name="upload_progress"),
]
