"""The quality pages (mounted at /impact/quality/ by impact/urls.py; names in the `impact` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="quality"),
    path("questions/", views.questions_page, name="quality_questions"),
    path("auditors/", views.auditors, name="quality_auditors"),
    path("auditors/<uuid:auditor_id>/end/", views.end_auditor, name="quality_auditor_end"),
    path("draw/", views.draw, name="quality_draw"),
    path("rounds/<uuid:round_id>/", views.round_page, name="quality_round"),
    path("records/<uuid:item_id>/", views.item_page, name="quality_item"),
    path("records/<uuid:item_id>/leave-out/", views.skip, name="quality_item_skip"),
    path("results/", views.results, name="quality_results"),
]
