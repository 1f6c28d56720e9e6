"""The theory pages (mounted by impact/urls.py)."""

urlpatterns = []
