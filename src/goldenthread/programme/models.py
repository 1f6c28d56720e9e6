"""The partnership's programme: each part keeps its models in its own package; importing them here registers them with Django.

- `work`: programmes, workstreams, their members, meetings and actions, volunteering to join.
- `roadmap`: milestones over time, per sector and for the whole system.
- `resources`: the library of guides, tools, templates and recordings, with versions.
- `stories`: stories of practice and bright spots, approved before they are shared.
- `champions`: the champions network, what each offers, and posts to the network.
"""

from .champions import models as champions_models  # noqa: F401
from .resources import models as resources_models  # noqa: F401
from .roadmap import models as roadmap_models  # noqa: F401
from .stories import models as stories_models  # noqa: F401
from .work import models as work_models  # noqa: F401
from .work.models import Programme  # noqa: F401
