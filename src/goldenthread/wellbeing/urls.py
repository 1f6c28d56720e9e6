"""Wellbeing pages. A check-in is named by an opaque id and found only among the signed-in person's own."""

from django.urls import path

from . import views

app_name = "wellbeing"

urlpatterns = [
    path("", views.home, name="home"),
    path("check-in/", views.check_in, name="check-in"),
    path("check-ins/<uuid:public_id>/", views.check_in_detail, name="check-in-detail"),
    path("check-ins/<uuid:public_id>/delete/", views.check_in_delete, name="check-in-delete"),
    path("check-ins/delete-all/", views.delete_all, name="delete-all"),
    path("check-ins/your-check-ins.csv", views.download, name="download"),
    path("reminders/", views.reminders, name="reminders"),
    path("support/", views.support, name="support"),
    path("support/manage/", views.support_manage, name="support-manage"),
    path("support/manage/new/", views.support_add, name="support-add"),
    path("support/manage/<uuid:public_id>/", views.support_edit, name="support-edit"),
    path("spaces/", views.spaces, name="spaces"),
    path("spaces/run/", views.spaces_run, name="spaces-run"),
    path("spaces/new/", views.space_add, name="space-add"),
    path("spaces/offer-to-a-team/", views.team_offer, name="team-offer"),
    path("spaces/<uuid:public_id>/", views.space_detail, name="space"),
    path("spaces/<uuid:public_id>/give-up/", views.give_up_place, name="give-up-place"),
    path("spaces/<uuid:public_id>/edit/", views.space_edit, name="space-edit"),
    path("spaces/<uuid:public_id>/cancel/", views.space_cancel, name="space-cancel"),
    path("figures/", views.figures, name="figures"),
]
