"""Addresses for the database-fault tests: each view raises the error the test names (see test_database_unavailable)."""

from django.http import HttpResponse
from django.urls import path

from goldenthread.urls import handler500  # noqa: F401 (the site's own 500 page, for errors that are not the database's)

RAISED = {}  # set by a test: the error the next request's view raises


def raising(request):
    raise RAISED["error"]


def fine(request):
    return HttpResponse("fine")


urlpatterns = [
    path("write/", raising),
    path("api/v1/write/", raising),
    path("fine/", fine),
]
