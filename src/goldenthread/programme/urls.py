"""The programme's pages: its home, then each part's pages."""

from django.urls import include, path

from . import views
from .champions import urls as champions_urls
from .resources import urls as resources_urls
from .roadmap import urls as roadmap_urls
from .stories import urls as stories_urls
from .work import urls as work_urls

app_name = "programme"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(work_urls.urlpatterns)),
    path("roadmap/", include(roadmap_urls.urlpatterns)),
    path("resources/", include(resources_urls.urlpatterns)),
    path("stories/", include(stories_urls.urlpatterns)),
    path("champions/", include(champions_urls.urlpatterns)),
]
