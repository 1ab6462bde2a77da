"""URLs of the followup app (namespace ``followup``), mounted at /followup/."""

from __future__ import annotations

from django.urls import path

from jiyao.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.index, name="index"),
    path("governments/<int:pk>/", views.dashboard, name="dashboard"),
    path(
        "governments/<int:pk>/export/<str:table>.<str:fmt>",
        views.export,
        name="export",
    ),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("tasks/<int:pk>/report/", views.report, name="report"),
    path("tasks/<int:pk>/act/", views.act, name="act"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/propose/", views.propose, name="propose"),
    path("proposals/<int:pk>/", views.decide, name="decide"),
]
