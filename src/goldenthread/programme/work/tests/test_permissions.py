"""Who may do what with programmes and workstreams, as a matrix: every person against every permission.

The workstream is led by Drew Hughes, with Casey Evans as a member. Jo Park (a champion) and
Riley Shah (a practitioner) are in the workforce but not on it. Alex Morgan leads the
partnership. Marnie Brightwater is a family member; and someone not signed in. Everyone is fictional.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from goldenthread.programme.work import permissions

pytestmark = pytest.mark.django_db

PEOPLE = ["member", "lead", "champion", "practitioner", "partnership_lead", "family_member", "anonymous"]

# permission -> the people it allows
EXPECTED = {
    "see programmes": {"member", "lead", "champion", "practitioner", "partnership_lead"},
    "see the programme": {"member", "lead", "champion", "practitioner", "partnership_lead"},
    "see the board": {"member", "lead", "champion", "practitioner", "partnership_lead"},
    "see the workstream": {"member", "lead", "champion", "practitioner", "partnership_lead"},
    "start and change programmes": {"partnership_lead"},
    "change the programme": {"partnership_lead"},
    "start a workstream": {"partnership_lead"},
    "change the workstream": {"partnership_lead"},
    "record meetings": {"member", "lead"},
    "add and change actions": {"member", "lead"},
    "ask to join": {"champion", "practitioner", "partnership_lead"},
    "decide requests to join": {"lead", "partnership_lead"},
    "add and take off members": {"lead", "partnership_lead"},
    "take off the member": {"member", "lead", "partnership_lead"},
}


def checks(workstream):
    programme = workstream.programme
    place = workstream.members.exclude(person=workstream.lead).get()
    return {
        "see programmes": permissions.can_see_programmes,
        "see the programme": lambda user: permissions.can_see_programme(user, programme),
        "see the board": lambda user: permissions.can_see_board(user, programme),
        "see the workstream": lambda user: permissions.can_see_workstream(user, workstream),
        "start and change programmes": permissions.can_run_programmes,
        "change the programme": lambda user: permissions.can_change_programme(user, programme),
        "start a workstream": lambda user: permissions.can_start_workstream(user, programme),
        "change the workstream": lambda user: permissions.can_change_workstream(user, workstream),
        "record meetings": lambda user: permissions.can_record_meetings(user, workstream),
        "add and change actions": lambda user: permissions.can_change_actions(user, workstream),
        "ask to join": lambda user: permissions.can_ask_to_join(user, workstream),
        "decide requests to join": lambda user: permissions.can_decide_join_requests(user, workstream),
        "add and take off members": lambda user: permissions.can_manage_members(user, workstream),
        "take off the member": lambda user: permissions.can_take_off(user, place),
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_may_do_exactly_what_the_matrix_says(request, workstream, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    allowed = {name for name, check in checks(workstream).items() if check(user)}
    expected = {name for name, people in EXPECTED.items() if who in people}
    assert allowed == expected


def test_the_matrix_covers_every_permission(workstream):
    assert set(checks(workstream)) == set(EXPECTED)


def test_once_a_workstream_finishes_nobody_records_meetings_or_asks_to_join(workstream, lead, member, practitioner):
    workstream.is_open = False
    workstream.save()
    for person in (lead, member):
        assert not permissions.can_record_meetings(person, workstream)
        assert not permissions.can_change_actions(person, workstream)
    assert not permissions.can_ask_to_join(practitioner, workstream)
    assert permissions.can_see_workstream(practitioner, workstream)


def test_someone_who_has_asked_to_join_does_not_ask_twice(workstream, practitioner):
    from goldenthread.programme.work import services

    services.ask_to_join(workstream, by=practitioner)
    assert not permissions.can_ask_to_join(practitioner, workstream)
