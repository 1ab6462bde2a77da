"""URLs of the topics app (namespace ``topics``)."""

from __future__ import annotations

from django.urls import path

from jiyao.topics import views

app_name = "topics"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="new"),
    path("leader/", views.leader_queue, name="leader"),
    path("review/", views.review_queue, name="review"),
    path("ready/", views.ready, name="ready"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/act/", views.act, name="act"),
    path("<int:pk>/materials/<int:material_pk>/", views.material, name="material"),
    path("<int:pk>/checks/<int:check_pk>/evidence/", views.evidence, name="evidence"),
]
