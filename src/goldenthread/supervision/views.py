"""Supervision pages."""
