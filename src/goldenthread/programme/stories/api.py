"""The stories part of the programme API (mounted under /api/v1/programme by ../api.py)."""

from ninja import Router

router = Router()
