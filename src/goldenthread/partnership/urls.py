from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/add/", views.organisation_add, name="organisation-add"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/change/", views.organisation_change, name="organisation-change"),
    path("organisations/<slug:slug>/people/add/", views.member_add, name="member-add"),
    path("organisations/<slug:slug>/people/<uuid:person>/role/", views.member_role, name="member-role"),
    path("organisations/<slug:slug>/people/<uuid:person>/remove/", views.member_remove, name="member-remove"),
]
