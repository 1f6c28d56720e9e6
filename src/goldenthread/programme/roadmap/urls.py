"""The roadmap pages of the programme (mounted under /programme/ by ../urls.py)."""

urlpatterns = []
