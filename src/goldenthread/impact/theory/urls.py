"""The theory of change's pages (mounted under /impact/theory-of-change/ by ../urls.py). A version is named by its number; a part of the draft by an opaque id."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.theory, name="theory"),
    path("theory-of-change.pdf", views.theory_pdf, name="theory_pdf"),
    path("versions/", views.versions, name="theory_versions"),
    path("versions/<int:number>/", views.version, name="theory_version"),
    path("draft/", views.draft, name="theory_draft"),
    path("draft/start/", views.start, name="theory_start"),
    path("draft/publish/", views.publish, name="theory_publish"),
    path("draft/discard/", views.discard, name="theory_discard"),
    path("draft/outcomes/new/", views.outcome_add, name="theory_outcome_add"),
    path("draft/outcomes/<uuid:public_id>/", views.outcome_change, name="theory_outcome_change"),
    path("draft/outcomes/<uuid:public_id>/remove/", views.outcome_remove, name="theory_outcome_remove"),
    path("draft/activities/new/", views.activity_add, name="theory_activity_add"),
    path("draft/activities/<uuid:public_id>/", views.activity_change, name="theory_activity_change"),
    path("draft/activities/<uuid:public_id>/remove/", views.activity_remove, name="theory_activity_remove"),
    path("draft/assumptions/new/", views.assumption_add, name="theory_assumption_add"),
    path("draft/assumptions/<uuid:public_id>/", views.assumption_change, name="theory_assumption_change"),
    path("draft/assumptions/<uuid:public_id>/remove/", views.assumption_remove, name="theory_assumption_remove"),
]
