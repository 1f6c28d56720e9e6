"""The indicators pages (mounted by impact/urls.py)."""

urlpatterns = []
