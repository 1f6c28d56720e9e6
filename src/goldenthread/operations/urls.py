"""The addresses a council's monitoring and load balancer call: not pages for people."""

from django.urls import path

from . import health, metrics

app_name = "operations"

urlpatterns = [
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("metrics", metrics.metrics, name="metrics"),
]
