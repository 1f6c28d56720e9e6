"""The resources pages of the programme (mounted under /programme/resources/ by ../urls.py; names in the "programme" namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.library, name="resources-library"),
    path("add/", views.add, name="resources-add"),
    path("<uuid:public_id>/", views.detail, name="resources-detail"),
    path("<uuid:public_id>/versions/add/", views.add_version, name="resources-add-version"),
    path("<uuid:public_id>/versions/<int:number>/download/", views.download, name="resources-download"),
    path("<uuid:public_id>/change/", views.change, name="resources-change"),
    path("<uuid:public_id>/withdraw/", views.withdraw, name="resources-withdraw"),
]
