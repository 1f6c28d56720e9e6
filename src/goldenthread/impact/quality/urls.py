"""The quality pages (mounted by impact/urls.py)."""

urlpatterns = []
