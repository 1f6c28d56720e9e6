"""Family record pages. URLs carry only opaque identifiers (public_id), never a name."""

from django.urls import path

from . import views

app_name = "families"

urlpatterns = [
    path("", views.your_families, name="your-families"),
    path("search/", views.search, name="search"),
    path("new/", views.new_family, name="new"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<uuid:access_id>/", views.review, name="review"),
    path("retention/", views.retention, name="retention"),
    path("<uuid:family_id>/", views.overview, name="overview"),
    path("<uuid:family_id>/join/", views.ask_to_join, name="ask-to-join"),
    path("<uuid:family_id>/details/", views.edit_details, name="edit-details"),
    path("<uuid:family_id>/close/", views.close_record, name="close"),
    path("<uuid:family_id>/reopen/", views.reopen_record, name="reopen"),
    path("<uuid:family_id>/story/add/", views.add_story, name="add-story"),
    path("<uuid:family_id>/story/<uuid:entry_id>/edit/", views.edit_story, name="edit-story"),
    path("<uuid:family_id>/people/add/", views.add_person, name="add-person"),
    path("<uuid:family_id>/people/<uuid:person_id>/", views.profile, name="profile"),
    path("<uuid:family_id>/people/<uuid:person_id>/edit/", views.edit_person, name="edit-person"),
    path("<uuid:family_id>/people/<uuid:person_id>/profile/", views.edit_profile, name="edit-profile"),
    path("<uuid:family_id>/chronology/add/", views.add_chronology, name="add-chronology"),
    path("<uuid:family_id>/team/requests/<uuid:request_id>/", views.decide_join_request, name="decide-join-request"),
    path("<uuid:family_id>/team/leave/", views.leave_team, name="leave-team"),
    path("<uuid:family_id>/team/lead/", views.make_lead, name="make-lead"),
    path("<uuid:family_id>/consent/", views.consents, name="consents"),
    path("<uuid:family_id>/consent/new/", views.record_consent, name="record-consent"),
    path("<uuid:family_id>/consent/<uuid:consent_id>/withdraw/", views.withdraw_consent, name="withdraw-consent"),
    path("<uuid:family_id>/emergency/", views.emergency, name="emergency"),
    path("<uuid:family_id>/access/", views.access_account, name="access-account"),
    path("<uuid:family_id>/access.pdf", views.access_account_pdf, name="access-account-pdf"),
    path("<uuid:family_id>/export.json", views.export_json, name="export-json"),
    path("<uuid:family_id>/export.pdf", views.export_pdf, name="export-pdf"),
]
