"""The JSON API, version 1: each app adds its own router; the schema is at /api/v1/openapi.json."""

from ninja import NinjaAPI

from .continuum.api import router as continuum_router
from .core.api import router as core_router
from .families.api import router as families_router
from .supervision.api import router as supervision_router
from .partnership.api import router as partnership_router
from .pledges.api import router as pledges_router

api = NinjaAPI(
    title="Golden Thread API",
    version="1",
    description="Read-only data about the partnership's organisations and their published pledges. "
    "Public data needs no token; anything else needs a personal token sent as 'Authorization: Bearer <token>'.",
    urls_namespace="api-v1",
)
api.add_router("", core_router)
api.add_router("/organisations", partnership_router)
api.add_router("/pledges", pledges_router)
api.add_router("/continuum", continuum_router)
api.add_router("/families", families_router)
api.add_router("/supervision", supervision_router)
