"""The language rules' pages, mounted at /language-rules/. A rule is named by its id (`partnership.calm-corner`, `care.respite`), a version by an opaque id."""

from django.urls import path

from . import views

app_name = "language_rules"

urlpatterns = [
    path("", views.rules_list, name="list"),
    path("propose/", views.propose, name="propose"),
    path("download/", views.download, name="download"),
    path("rules/<str:rule_id>/", views.rule_detail, name="rule"),
    path("rules/<str:rule_id>/change/", views.change, name="change"),
    path("rules/<str:rule_id>/switch/", views.switch, name="switch"),
    path("versions/<uuid:public_id>/review/", views.review, name="review"),
    path("versions/<uuid:public_id>/publish/", views.publish, name="publish"),
]
