"""Every page and the API. Each app owns its own URLs; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

from .api import api

handler400 = "goldenthread.core.views.bad_request"
handler403 = "goldenthread.core.views.permission_denied"
handler404 = "goldenthread.core.views.page_not_found"
handler500 = "goldenthread.core.views.server_error"

urlpatterns = [
    path("", include("goldenthread.core.urls")),
    path("partnership/", include("goldenthread.partnership.urls")),
    path("", include("goldenthread.pledges.urls")),
    path("continuum/", include("goldenthread.continuum.urls")),
    path("families/", include("goldenthread.families.urls")),
    path("my-record/", include("goldenthread.family_door.urls")),
    path("families/", include("goldenthread.family_door.staff_urls")),
    path("supervision/", include("goldenthread.supervision.urls")),
    path("training/", include("goldenthread.training.urls")),
    path("wellbeing/", include("goldenthread.wellbeing.urls")),
    path("programme/", include("goldenthread.programme.urls")),
    path("writing/", include("goldenthread.language_monitoring.urls")),
    path("language-rules/", include("goldenthread.language_rules.urls")),
    path("impact/", include("goldenthread.impact.urls")),
    path("feedback/", include("goldenthread.impact.feedback.family_urls")),
    path("", include("goldenthread.operations.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
