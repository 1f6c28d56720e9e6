"""Continuum pages."""

urlpatterns = []
