"""The programme API (/api/v1/programme): programmes, workstreams, milestones, resources and stories, each part's router."""

from ninja import Router

from .champions.api import router as champions
from .resources.api import router as resources
from .roadmap.api import router as roadmap
from .stories.api import router as stories
from .work.api import router as work

router = Router(tags=["Programme"])
router.add_router("", work)
router.add_router("/roadmap", roadmap)
router.add_router("/resources", resources)
router.add_router("/stories", stories)
router.add_router("/champions", champions)
