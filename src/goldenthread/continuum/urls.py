"""The continuum's pages: assessments, frameworks (views/frameworks.py), the partnership map (views/map.py)."""

from django.urls import path

from . import views

app_name = "continuum"

urlpatterns = [
    # Self-assessment rounds, their results and the action plan.
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("organisations/<slug:slug>/start/", views.start, name="start"),
    path("organisations/<slug:slug>/actions/", views.actions, name="actions"),
    path("organisations/<slug:slug>/actions/add/", views.add_action, name="add-action"),
    path("organisations/<slug:slug>/actions/<uuid:action_id>/", views.edit_action, name="edit-action"),
    path("organisations/<slug:slug>/actions/<uuid:action_id>/done/", views.action_done, name="action-done"),
    path("assessments/<uuid:assessment_id>/", views.assessment, name="assessment"),
    path("assessments/<uuid:assessment_id>/invite/", views.invite, name="invite"),
    path("assessments/<uuid:assessment_id>/answer/", views.answer, name="answer"),
    path("assessments/<uuid:assessment_id>/answer/check/", views.check_answers, name="check-answers"),
    path("assessments/<uuid:assessment_id>/complete/", views.complete, name="complete"),
    path("assessments/<uuid:assessment_id>/result/", views.result, name="result"),
    path("assessments/<uuid:assessment_id>/result.pdf", views.result_pdf, name="result-pdf"),
    # Frameworks, for partnership admins.
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/upload/", views.framework_upload, name="framework-upload"),
    path("frameworks/<slug:code>/<int:version>/", views.framework_detail, name="framework"),
    path("frameworks/<slug:code>/<int:version>/download/", views.framework_download, name="framework-download"),
    # The partnership map.
    path("map/", views.partnership_map, name="map"),
    path("map/map.csv", views.partnership_map_csv, name="map-csv"),
    path("map/map.pdf", views.partnership_map_pdf, name="map-pdf"),
]
