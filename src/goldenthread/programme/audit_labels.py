"""How the audit log names the programme's records: each part's labels, gathered."""

from .champions.audit_labels import LABELS as CHAMPIONS
from .resources.audit_labels import LABELS as RESOURCES
from .roadmap.audit_labels import LABELS as ROADMAP
from .stories.audit_labels import LABELS as STORIES
from .work.audit_labels import LABELS as WORK

LABELS = {**WORK, **ROADMAP, **RESOURCES, **STORIES, **CHAMPIONS}
