"""The champions pages of the programme (mounted under /programme/ by ../urls.py)."""

urlpatterns = []
