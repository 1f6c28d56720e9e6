"""The feedback pages (mounted by impact/urls.py)."""

urlpatterns = []
