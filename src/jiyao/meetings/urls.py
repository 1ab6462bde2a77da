"""URLs of the meetings app (namespace ``meetings``), included at ``agenda/``."""

from __future__ import annotations

from django.urls import path

from jiyao.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:recipient_pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("receipts/<int:recipient_pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<int:pk>/notice.<str:fmt>", views.notice_file, name="notice"),
    path("<int:pk>/place/", views.place, name="place"),
    path("<int:pk>/participants/", views.add_participant, name="add_participant"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/minutes/", views.draft, name="draft"),
    path("<int:pk>/minutes/submit/", views.submit, name="submit"),
    path("<int:pk>/minutes/sign/", views.sign, name="sign"),
    path("<int:pk>/minutes/return/", views.send_back, name="return"),
    path("<int:pk>/minutes/v<int:number>.<str:fmt>", views.version_file, name="version"),
    path("items/<int:entry_pk>/remove/", views.remove, name="remove"),
    path("items/<int:entry_pk>/move/<str:direction>/", views.move, name="move"),
    path("items/<int:entry_pk>/decision/", views.decide, name="decide"),
    path("participants/<int:participant_pk>/leave/", views.leave, name="leave"),
    path(
        "participants/<int:participant_pk>/remove/",
        views.remove_participant,
        name="remove_participant",
    ),
]
