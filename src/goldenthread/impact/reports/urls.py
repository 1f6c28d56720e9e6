"""The golden thread's and the board reports' pages (mounted at /impact/ by ../urls.py). Every name starts "thread" or "report"."""

from django.urls import path

from . import views

REPORT = "reports/<uuid:public_id>/"

urlpatterns = [
    path("thread/", views.golden_thread, name="thread"),
    path("thread/<int:organisation_id>/", views.organisation_thread, name="thread_organisation"),
    path("reports/", views.reports, name="reports"),
    path("reports/new/", views.report_start, name="report_start"),
    path(REPORT, views.report_detail, name="report"),
    path(REPORT + "commentary/", views.report_commentary, name="report_commentary"),
    path(REPORT + "refresh/", views.report_refresh, name="report_refresh"),
    path(REPORT + "finalise/", views.report_finalise, name="report_finalise"),
    path(REPORT + "report.pdf", views.report_pdf, name="report_pdf"),
    path(REPORT + "report.csv", views.report_csv, name="report_csv"),
]
