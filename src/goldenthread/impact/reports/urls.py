"""The reports pages (mounted by impact/urls.py)."""

urlpatterns = []
