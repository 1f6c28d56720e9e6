"""Impact's pages: its home, then each part's pages."""

from django.urls import include, path

from . import views
from .feedback import urls as feedback_urls
from .indicators import urls as indicators_urls
from .quality import urls as quality_urls
from .reports import urls as reports_urls
from .theory import urls as theory_urls

app_name = "impact"

urlpatterns = [
    path("", views.home, name="home"),
    path("theory-of-change/", include(theory_urls.urlpatterns)),
    path("indicators/", include(indicators_urls.urlpatterns)),
    path("feedback/", include(feedback_urls.urlpatterns)),
    path("quality/", include(quality_urls.urlpatterns)),
    path("", include(reports_urls.urlpatterns)),  # the golden thread (thread/) and board reports (reports/)
]
