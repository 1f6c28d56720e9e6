"""The champions network's pages (mounted at /programme/champions/ by ../urls.py). A champion is named by their opaque id, never their name."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.directory, name="champions-directory"),
    path("profile/", views.profile, name="champions-profile"),
    path("network/", views.network, name="champions-network"),
    path("network/<uuid:public_id>/remove/", views.remove_post, name="champions-remove-post"),
    path("volunteer/", views.volunteer, name="champions-volunteer"),
    path("offers/", views.offers, name="champions-offers"),
    path("offers/<uuid:public_id>/", views.decide, name="champions-decide"),
    path("<uuid:public_id>/", views.champion, name="champions-champion"),
]
