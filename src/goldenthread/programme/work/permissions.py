"""Who may see and do what with programmes and workstreams. Plain functions, no logging, tested as a matrix.

- See programmes, workstreams, their meetings, actions and the board: the workforce (anyone
  with a role in a member organisation, and the partnership team).
- Start and change programmes and workstreams: the partnership team (partnership admins).
- Record meetings, and add, change, move, finish or cancel actions: the workstream's lead and
  its members, while the workstream and its programme are open.
- Ask to join a workstream: anyone in the workforce who is not on it yet.
- Answer a request to join, add members and take them off: the workstream's lead and the
  partnership team. A member can also step back themselves.
- Family members, and anyone not signed in: nothing here.
"""

from goldenthread.core.permissions import is_signed_in
from goldenthread.programme.permissions import is_workforce, runs_programmes

# What each refusal says, and who to ask
NOT_FOR_YOU = "The programme is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."
RUN_BY_THE_TEAM = "Programmes and workstreams are started and changed by the partnership team. If something should change, tell them."
MEMBERS_ONLY = "Meetings and actions are recorded by the workstream's lead and members. If you would like to take part, ask to join the workstream."
NOT_RUNNING = "This workstream has finished, so its meetings and actions are kept as they were. Ask the partnership team if it should open again."
LEAD_DECIDES = "Requests to join are answered by the workstream's lead and the partnership team."
MEMBERS_BY_THE_LEAD = "Members are added and taken off by the workstream's lead and the partnership team. Ask the lead."


def can_see_programmes(user) -> bool:
    """Programmes, workstreams, their meetings, actions and boards: the workforce."""
    return is_workforce(user)


def can_see_programme(user, programme) -> bool:
    return programme is not None and is_workforce(user)


def can_see_board(user, programme) -> bool:
    return can_see_programme(user, programme)


def can_see_workstream(user, workstream) -> bool:
    return workstream is not None and is_workforce(user)


def can_run_programmes(user) -> bool:
    """Start and change programmes and workstreams: the partnership team."""
    return runs_programmes(user)


def can_change_programme(user, programme) -> bool:
    return programme is not None and runs_programmes(user)


def can_start_workstream(user, programme) -> bool:
    return programme is not None and runs_programmes(user)


def can_change_workstream(user, workstream) -> bool:
    return workstream is not None and runs_programmes(user)


def leads(user, workstream) -> bool:
    return workstream is not None and is_signed_in(user) and workstream.lead_id == user.pk


def is_member(user, workstream) -> bool:
    """On the workstream now (the lead is a member too)."""
    if workstream is None or not is_signed_in(user):
        return False
    return workstream.members.filter(person=user, left_at=None).exists()


def takes_part(user, workstream) -> bool:
    """The lead or a member, and in the workforce still."""
    return is_workforce(user) and (leads(user, workstream) or is_member(user, workstream))


def can_record_meetings(user, workstream) -> bool:
    """Record and change meetings: the lead and the members, while the workstream is running."""
    return workstream is not None and workstream.is_running and takes_part(user, workstream)


def can_change_actions(user, workstream) -> bool:
    """Add, change, move, finish and cancel actions: the lead and the members, while the workstream is running."""
    return can_record_meetings(user, workstream)


def can_ask_to_join(user, workstream) -> bool:
    """Anyone in the workforce not on the workstream yet, while it is running and they have not asked already."""
    if workstream is None or not workstream.is_running or not is_workforce(user):
        return False
    if leads(user, workstream) or is_member(user, workstream):
        return False
    return not workstream.join_requests.filter(person=user, status="waiting").exists()


def can_decide_join_requests(user, workstream) -> bool:
    """Answer a request to join: the lead and the partnership team."""
    return workstream is not None and (runs_programmes(user) or (is_workforce(user) and leads(user, workstream)))


def can_manage_members(user, workstream) -> bool:
    """Add members and take them off: the lead and the partnership team."""
    return can_decide_join_requests(user, workstream)


def can_take_off(user, member) -> bool:
    """Take someone off a workstream: its lead or the partnership team; or the member themselves, stepping back."""
    if member is None or not is_signed_in(user):
        return False
    return can_manage_members(user, member.workstream) or (member.person_id == user.pk and is_workforce(user))
