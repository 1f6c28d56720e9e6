"""The roadmap pages of the programme (mounted under /programme/roadmap/ by ../urls.py). A milestone is named by an opaque id."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.roadmap, name="roadmap-home"),
    path("new/", views.add, name="roadmap-add"),
    path("<uuid:public_id>/", views.milestone, name="roadmap-milestone"),
    path("<uuid:public_id>/change/", views.change, name="roadmap-change"),
    path("<uuid:public_id>/reached/", views.reached, name="roadmap-reached"),
    path("<uuid:public_id>/move/", views.move, name="roadmap-move"),
    path("<uuid:public_id>/drop/", views.drop, name="roadmap-drop"),
]
