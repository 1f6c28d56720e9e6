"""The continuum's pages: self-assessment rounds, frameworks and the partnership map.

Each view parses, asks permissions, calls a service or a read query, and renders.
"""

from .answering import answer, check_answers
from .frameworks import framework_detail, framework_download, framework_list, framework_upload
from .map import partnership_map, partnership_map_csv, partnership_map_pdf
from .organisation_page import organisation
from .plan import action_done, actions, add_action, edit_action
from .round_results import result, result_pdf
from .rounds import assessment, complete, invite, start

__all__ = [
    "action_done",
    "actions",
    "add_action",
    "answer",
    "assessment",
    "check_answers",
    "complete",
    "edit_action",
    "framework_detail",
    "framework_download",
    "framework_list",
    "framework_upload",
    "invite",
    "organisation",
    "partnership_map",
    "partnership_map_csv",
    "partnership_map_pdf",
    "result",
    "result_pdf",
    "start",
]
