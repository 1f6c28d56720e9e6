"""The impact API (/api/v1/impact): indicators and their values, and each part's router."""

from ninja import Router

from .feedback.api import router as feedback
from .indicators.api import router as indicators
from .quality.api import router as quality
from .reports.api import router as reports
from .theory.api import router as theory

router = Router(tags=["Impact"])
router.add_router("/indicators", indicators)
router.add_router("/theory-of-change", theory)
router.add_router("/feedback", feedback)
router.add_router("/quality", quality)
router.add_router("", reports)
