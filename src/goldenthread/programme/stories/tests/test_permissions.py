"""Who may do what with stories, as a matrix: the champion, the organisation lead, a practitioner, the partnership lead, a family member and anyone not signed in.

Riley Shah (practitioner, Riverbend Children's Services) shared the story. Jo Park (champion) and
Sam Okafor (organisation lead) are of the same organisation; Drew Hughes leads another agency.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from goldenthread.programme.stories import permissions

pytestmark = pytest.mark.django_db

PEOPLE = ["champion", "organisation_lead", "practitioner", "other_agency_lead", "other_agency_practitioner", "partnership_lead", "family_member", "anonymous"]


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


# (reads stories, shares a story, approves somewhere, decides on Riley's waiting story)
MATRIX = {
    "champion": (True, True, True, True),
    "organisation_lead": (True, True, True, True),
    "practitioner": (True, True, False, False),  # Riley wrote it
    "other_agency_lead": (True, True, True, False),  # a lead, but of another organisation
    "other_agency_practitioner": (True, True, False, False),
    "partnership_lead": (True, True, True, True),
    "family_member": (False, False, False, False),
    "anonymous": (False, False, False, False),
}


@pytest.mark.parametrize("who", PEOPLE)
def test_who_reads_shares_and_approves(request, who, waiting_story):
    user = person(request, who)
    found = (
        permissions.can_read_stories(user),
        permissions.can_share_story(user),
        permissions.can_approve_stories(user),
        permissions.can_decide(user, waiting_story),
    )
    assert found == MATRIX[who]


# Who sees the story's page: (draft, waiting, sent back... as waiting, approved, withdrawn)
SEES = {
    "champion": {"draft": False, "waiting": True, "approved": True},
    "organisation_lead": {"draft": False, "waiting": True, "approved": True},
    "practitioner": {"draft": True, "waiting": True, "approved": True},
    "other_agency_lead": {"draft": False, "waiting": False, "approved": True},
    "other_agency_practitioner": {"draft": False, "waiting": False, "approved": True},
    "partnership_lead": {"draft": False, "waiting": True, "approved": True},
    "family_member": {"draft": False, "waiting": False, "approved": False},
    "anonymous": {"draft": False, "waiting": False, "approved": False},
}


@pytest.mark.parametrize("who", PEOPLE)
def test_who_sees_a_story_at_each_step(request, who, draft_story, waiting_story, public_story):
    user = person(request, who)
    seen = {
        "draft": permissions.can_see_story(user, draft_story),
        "waiting": permissions.can_see_story(user, waiting_story),
        "approved": permissions.can_see_story(user, public_story),
    }
    assert seen == SEES[who]
    # The public page is for anyone, and only for an approved public story.
    assert permissions.can_see_public(public_story)
    assert not permissions.can_see_public(waiting_story)
    assert not permissions.can_see_public(draft_story)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_author_changes_or_withdraws(request, who, approved_story):
    user = person(request, who)
    assert permissions.can_change(user, approved_story) == (who == "practitioner")
    assert permissions.can_withdraw(user, approved_story) == (who == "practitioner")


@pytest.mark.parametrize("who", PEOPLE)
def test_the_pages_answer_as_the_permissions_say(client, request, who, waiting_story, public_story):
    user = person(request, who)
    if who != "anonymous":
        client.force_login(user)
    reads = MATRIX[who][0]
    expected_list = 200 if reads else (302 if who == "anonymous" else 403)
    assert client.get("/programme/stories/").status_code == expected_list
    public = 403 if who == "family_member" else 200  # a family account opens only the family's own pages
    assert client.get("/programme/stories/public/").status_code == public
    assert client.get(f"/programme/stories/public/{public_story.public_id}/").status_code == public
    decide = client.get(f"/programme/stories/{waiting_story.public_id}/decide/").status_code
    if MATRIX[who][3]:
        assert decide == 200
    else:
        assert decide in (302, 403, 404)
