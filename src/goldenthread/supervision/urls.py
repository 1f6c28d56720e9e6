"""Group supervision pages: sessions and actions are named by opaque ids, never by family or person."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.home, name="home"),
    path("request/", views.request_session, name="request"),
    path("figures/", views.figures, name="figures"),
    path("figures/download.csv", views.figures_csv, name="figures-csv"),
    path("sessions/<uuid:session_id>/", views.session_detail, name="session"),
    path("sessions/<uuid:session_id>/confidentiality/", views.acknowledge, name="acknowledge"),
    path("sessions/<uuid:session_id>/respond/", views.respond, name="respond"),
    path("sessions/<uuid:session_id>/schedule/", views.schedule, name="schedule"),
    path("sessions/<uuid:session_id>/invite/", views.invite, name="invite"),
    path("sessions/<uuid:session_id>/attendance/", views.attendance, name="attendance"),
    path("sessions/<uuid:session_id>/cancel/", views.cancel_session, name="cancel"),
    path("sessions/<uuid:session_id>/actions/new/", views.add_action, name="add-action"),
    path("sessions/<uuid:session_id>/agency-commitments/new/", views.add_commitment, name="add-commitment"),
    path("sessions/<uuid:session_id>/wellbeing/", views.wellbeing, name="wellbeing"),
    path("sessions/<uuid:session_id>/chronology-summary/", views.chronology_summary, name="chronology-summary"),
    path("actions/<uuid:action_id>/done/", views.complete_action, name="complete-action"),
    path("actions/<uuid:action_id>/cancel/", views.cancel_action, name="cancel-action"),
    path("actions/<uuid:action_id>/move/", views.move_action, name="move-action"),
    path("actions/<uuid:action_id>/confirm/", views.confirm_action, name="confirm-action"),
]
