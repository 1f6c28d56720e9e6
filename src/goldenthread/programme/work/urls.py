"""The work pages of the programme (mounted under /programme/ by ../urls.py). Every record is named by an opaque id; every name starts "work-"."""

from django.urls import path

from . import views

ACTION = "workstreams/<uuid:public_id>/actions/<uuid:action_id>/"

urlpatterns = [
    path("programmes/", views.programmes, name="work-programmes"),
    path("programmes/new/", views.programme_add, name="work-programme-add"),
    path("programmes/<uuid:public_id>/", views.programme_detail, name="work-programme"),
    path("programmes/<uuid:public_id>/change/", views.programme_edit, name="work-programme-edit"),
    path("programmes/<uuid:public_id>/board/", views.board, name="work-board"),
    path("programmes/<uuid:public_id>/workstreams/new/", views.workstream_add, name="work-workstream-add"),
    path("workstreams/", views.workstreams, name="work-workstreams"),
    path("workstreams/<uuid:public_id>/", views.workstream_detail, name="work-workstream"),
    path("workstreams/<uuid:public_id>/change/", views.workstream_edit, name="work-workstream-edit"),
    path("workstreams/<uuid:public_id>/join/", views.join, name="work-join"),
    path("workstreams/<uuid:public_id>/members/add/", views.member_add, name="work-member-add"),
    path("workstreams/<uuid:public_id>/members/<uuid:member_id>/take-off/", views.member_remove, name="work-member-remove"),
    path("workstreams/<uuid:public_id>/meetings/new/", views.meeting_add, name="work-meeting-add"),
    path("meetings/<uuid:public_id>/", views.meeting_detail, name="work-meeting"),
    path("meetings/<uuid:public_id>/change/", views.meeting_edit, name="work-meeting-edit"),
    path("workstreams/<uuid:public_id>/actions/", views.actions, name="work-actions"),
    path("workstreams/<uuid:public_id>/actions/new/", views.add_action, name="work-add-action"),
    path(ACTION, views.action_detail, name="work-action"),
    path(ACTION + "change/", views.edit_action, name="work-edit-action"),
    path(ACTION + "done/", views.action_done, name="work-action-done"),
    path(ACTION + "move/", views.action_move, name="work-action-move"),
    path(ACTION + "cancel/", views.action_cancel, name="work-action-cancel"),
    path("join-requests/<uuid:public_id>/", views.join_request, name="work-join-request"),
]
