"""The work pages: programmes and their boards, workstreams, their members, meetings and actions, and joining one.

Each view checks the person is in the workforce before it looks anything up, then parses,
asks `permissions`, calls `services` or `queries`, and renders. Every form page is
`core.pages.form_page`; the action pages are the shared action plan's (`core.action_plan`).
Records are named in addresses by opaque ids.
"""

from .actions import action_cancel, action_detail, action_done, action_move, actions, add_action, edit_action
from .joining import join, join_request
from .meetings import meeting_add, meeting_detail, meeting_edit
from .programmes import board, programme_add, programme_detail, programme_edit, programmes
from .workstreams import member_add, member_remove, workstream_add, workstream_detail, workstream_edit, workstreams

__all__ = [
    "action_cancel",
    "action_detail",
    "action_done",
    "action_move",
    "actions",
    "add_action",
    "board",
    "edit_action",
    "join",
    "join_request",
    "meeting_add",
    "meeting_detail",
    "meeting_edit",
    "member_add",
    "member_remove",
    "programme_add",
    "programme_detail",
    "programme_edit",
    "programmes",
    "workstream_add",
    "workstream_detail",
    "workstream_edit",
    "workstreams",
]
