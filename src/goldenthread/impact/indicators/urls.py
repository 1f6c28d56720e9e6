"""The indicators pages (mounted at impact/indicators/ by impact/urls.py). Every name starts "indicator"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("indicators.csv", views.indicators_csv, name="indicators_csv"),
    path("new/", views.indicator_add, name="indicator_add"),
    path("<uuid:public_id>/", views.indicator, name="indicator"),
    path("<uuid:public_id>/change/", views.indicator_change, name="indicator_change"),
    path("<uuid:public_id>/retire/", views.indicator_retire, name="indicator_retire"),
    path("<uuid:public_id>/figures/new/", views.indicator_value_add, name="indicator_value_add"),
]
