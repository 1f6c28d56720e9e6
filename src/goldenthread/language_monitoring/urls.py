"""The writing figures' pages: no page names a record, a family or a practitioner."""

from django.urls import path

from . import views

app_name = "language_monitoring"

urlpatterns = [
    path("", views.figures, name="figures"),
    path("download.csv", views.figures_csv, name="figures-csv"),
    path("yours/", views.yours, name="yours"),
    path("yours/download.csv", views.yours_csv, name="yours-csv"),
]
