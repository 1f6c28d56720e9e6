from django.urls import path

from . import views

app_name = "pledges"

urlpatterns = [
    # Public
    path("pledges/", views.wall, name="wall"),
    path("pledges/manage/", views.all_pledges, name="all"),
    path("pledges/<slug:slug>/", views.organisation_pledge, name="organisation"),
    # An organisation's own pages
    path("organisations/<slug:slug>/pledge/", views.manage, name="manage"),
    path("organisations/<slug:slug>/pledge/sign/", views.sign, name="sign"),
    path("organisations/<slug:slug>/pledge/statement/", views.statement, name="statement"),
    path("organisations/<slug:slug>/pledge/champions/", views.champions, name="champions"),
    path("organisations/<slug:slug>/pledge/actions/", views.actions, name="actions"),
    path("organisations/<slug:slug>/pledge/actions/add/", views.add_action, name="add-action"),
    path("organisations/<slug:slug>/pledge/actions/<uuid:action_id>/", views.edit_action, name="edit-action"),
    path("organisations/<slug:slug>/pledge/actions/<uuid:action_id>/done/", views.action_done, name="action-done"),
    path("organisations/<slug:slug>/pledge/progress/", views.progress, name="progress"),
    path("organisations/<slug:slug>/pledge/renew/", views.renew, name="renew"),
    path("organisations/<slug:slug>/pledge/withdraw/", views.withdraw, name="withdraw"),
    path("organisations/<slug:slug>/pledge/publish/", views.republish, name="republish"),
    # Leaders' personal pledges
    path("personal-pledge/", views.personal_pledge, name="personal-pledge"),
    path("personal-pledge/<uuid:pledge_id>/", views.edit_personal_pledge, name="edit-personal-pledge"),
    path("personal-pledge/<uuid:pledge_id>/remove/", views.remove_personal_pledge, name="remove-personal-pledge"),
]
