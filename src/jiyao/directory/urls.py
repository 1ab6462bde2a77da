"""URLs of the directory app (namespace ``directory``)."""

from __future__ import annotations

from django.urls import path

from jiyao.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.government, name="government"),
    path("<int:pk>/<slug:kind>/new/", views.edit, name="new"),
    path("<int:pk>/<slug:kind>/edit/", views.edit, name="edit_single"),
    path("<int:pk>/<slug:kind>/<int:obj_pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/<slug:kind>/<int:obj_pk>/delete/", views.remove, name="delete"),
    path("<int:pk>/<slug:kind>/<int:obj_pk>/history/", views.history, name="history"),
]
