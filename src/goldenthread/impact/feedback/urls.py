"""The feedback pages (mounted by impact/urls.py under feedback/); URL names are in the `impact` namespace.
The pages a family answers on are in `family_urls.py`."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.results, name="feedback_results"),
    path("results.csv", views.results_csv, name="feedback_results_csv"),
    path("ask/", views.send_list, name="feedback_send_list"),
    path("ask/<uuid:family_id>/", views.send, name="feedback_send"),
    path("asked/<uuid:request_id>/", views.sent, name="feedback_sent"),
    path("open-links/", views.open_links, name="feedback_open_links"),
    path("open-links/<uuid:link_id>/stop/", views.stop_open_link, name="feedback_stop_open_link"),
]
