"""The continuum's pages: assessments (views), frameworks (framework_views), the partnership map (map_views)."""

from . import framework_views, map_views, views

app_name = "continuum"

urlpatterns = [*views.urlpatterns, *framework_views.urlpatterns, *map_views.urlpatterns]
