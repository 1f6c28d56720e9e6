"""The quality API (mounted by impact/api.py)."""

from ninja import Router

router = Router()
