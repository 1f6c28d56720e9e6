"""A story is shared only once a champion or lead has approved it, with the consent of everyone it touches; the person who shared it can withdraw it at any time."""

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.programme.stories import queries, rules, services, waiting
from goldenthread.programme.stories.models import Story

from .conftest import story_details

pytestmark = pytest.mark.django_db


def test_a_story_sent_for_approval_waits_and_is_on_no_list(waiting_story, practitioner):
    assert waiting_story.status == Story.Status.WAITING
    assert waiting_story not in queries.approved_for_workforce()
    assert waiting_story not in queries.approved_public()
    assert waiting_story in queries.own_stories(practitioner)


def test_the_champions_and_lead_of_the_organisation_are_told_a_story_waits(
    practitioner, childrens_services, champion, organisation_lead, other_agency_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.share_story(childrens_services, by=practitioner, **story_details())
    told = {address for message in sent_by_the_worker() for address in message.to}
    assert told == {champion.email, organisation_lead.email}
    assert all(message.subject.startswith("A story of practice is waiting for approval") for message in sent_by_the_worker())


def test_the_story_is_waiting_for_its_organisations_champion_and_lead_not_for_others(
    waiting_story, champion, organisation_lead, practitioner, other_agency_lead, partnership_lead
):
    assert [notice.what for notice in waiting.waiting(champion)] == [f"Read a story of practice and approve it or send it back: {waiting_story.title}"]
    assert len(waiting.waiting(organisation_lead)) == 1
    assert waiting.waiting(other_agency_lead) == []
    assert waiting.waiting(practitioner) == []
    # The organisation has a champion and a lead, so the partnership team is not asked as well.
    assert waiting.waiting(partnership_lead) == []


def test_the_partnership_team_is_asked_where_an_organisation_has_no_one_else_to_approve(
    other_agency_practitioner, community_health, partnership_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = services.share_story(community_health, by=other_agency_practitioner, **story_details())
    assert [message.to for message in sent_by_the_worker()] == [[partnership_lead.email]]
    assert [notice.link for notice in waiting.waiting(partnership_lead)] == [f"/programme/stories/{story.public_id}/decide/"]


def test_a_champion_approves_and_the_author_is_told(waiting_story, champion, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.approve_story(waiting_story, by=champion)
    assert approved.status == Story.Status.APPROVED
    assert approved.approved_by == champion
    assert approved in queries.approved_for_workforce()
    assert approved not in queries.approved_public()  # shared with the partnership only
    [message] = sent_by_the_worker()
    assert message.to == [practitioner.email]
    assert message.subject == f"Your story is approved: {approved.title}"
    assert waiting.waiting(champion) == []


def test_the_organisation_lead_and_the_partnership_team_may_approve_too(practitioner, childrens_services, organisation_lead, partnership_lead):
    first = services.share_story(childrens_services, by=practitioner, **story_details())
    second = services.share_story(childrens_services, by=practitioner, **story_details(title="Another story (fictional)"))
    assert services.approve_story(first, by=organisation_lead).status == Story.Status.APPROVED
    assert services.approve_story(second, by=partnership_lead).status == Story.Status.APPROVED


@pytest.mark.parametrize("who", ["practitioner", "other_agency_lead", "other_agency_practitioner", "trainer", "family_member"])
def test_nobody_else_may_approve_or_send_back(waiting_story, request, who):
    person = request.getfixturevalue(who)
    with pytest.raises(Refused):
        services.approve_story(waiting_story, by=person)
    with pytest.raises(Refused):
        services.send_back_story(waiting_story, by=person, reason="Please add more.")
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.WAITING


def test_a_champion_never_approves_their_own_story(champion, childrens_services):
    story = services.share_story(childrens_services, by=champion, **story_details())
    with pytest.raises(Refused):
        services.approve_story(story, by=champion)


def test_a_story_sent_back_carries_a_kind_note_to_the_author(waiting_story, champion, practitioner, django_capture_on_commit_callbacks):
    note = "Thank you. Could you check the family is happy for it to be shared, and add what they said?"
    with django_capture_on_commit_callbacks(execute=True):
        story = services.send_back_story(waiting_story, by=champion, reason=note)
    assert story.status == Story.Status.SENT_BACK
    assert story not in queries.approved_for_workforce()
    [message] = sent_by_the_worker()
    assert message.to == [practitioner.email]
    assert note in message.body
    [notice] = waiting.waiting(practitioner)
    assert notice.what == f"Look again at your story: {story.title}"


def test_sending_back_needs_a_note(waiting_story, champion):
    with pytest.raises(ValidationError) as refused:
        services.send_back_story(waiting_story, by=champion, reason="   ")
    assert refused.value.message_dict == {"reason": [rules.REASON_NEEDED]}


def test_a_story_sent_back_and_changed_waits_again(waiting_story, champion, practitioner):
    services.send_back_story(waiting_story, by=champion, reason="Could you add what the family said?")
    story = services.change_story(waiting_story, by=practitioner, **story_details(what_families_said="‘It felt normal.’"))
    assert story.status == Story.Status.WAITING
    assert waiting.waiting(practitioner) == []
    assert len(waiting.waiting(champion)) == 1


def test_changing_an_approved_story_takes_it_off_the_lists_until_it_is_approved_again(approved_story, practitioner):
    story = services.change_story(approved_story, by=practitioner, **story_details(title="Family time, outdoors (fictional)"))
    assert story.status == Story.Status.WAITING
    assert story.approved_at is None
    assert not queries.approved_for_workforce().exists()


def test_a_decision_on_a_story_no_longer_waiting_is_refused_calmly(approved_story, organisation_lead):
    with pytest.raises(ValidationError) as refused:
        services.approve_story(approved_story, by=organisation_lead)
    assert rules.NOT_WAITING in refused.value.messages


# --- consent -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "missing, field, message",
    [
        ({"consent_confirmed": False}, "consent_confirmed", rules.CONSENT_NEEDED),
        ({"consent_given_by": ""}, "consent_given_by", rules.CONSENT_BY.required_message),
        ({"consent_how": "  "}, "consent_how", rules.CONSENT_HOW.required_message),
        ({"consent_on": None}, "consent_on", rules.CONSENT_ON.required_message),
        ({"reach": ""}, "reach", rules.REACH_NEEDED),
    ],
)
def test_a_story_is_not_sent_for_approval_without_the_consent_recorded(practitioner, childrens_services, missing, field, message):
    with pytest.raises(ValidationError) as refused:
        services.share_story(childrens_services, by=practitioner, **story_details(**missing))
    assert refused.value.message_dict[field] == [message]
    assert not Story.objects.exists()


def test_consent_cannot_be_dated_in_the_future(practitioner, childrens_services):
    from datetime import timedelta

    from django.utils import timezone

    with pytest.raises(ValidationError) as refused:
        services.share_story(childrens_services, by=practitioner, **story_details(consent_on=timezone.localdate() + timedelta(days=1)))
    assert "consent_on" in refused.value.message_dict


def test_a_draft_may_wait_for_consent_but_is_seen_by_nobody_else(draft_story, practitioner, champion):
    assert draft_story.status == Story.Status.DRAFT
    assert not draft_story.consent_confirmed
    assert waiting.waiting(champion) == []
    assert draft_story not in queries.waiting_for_approval_by(champion)
    with pytest.raises(ValidationError):
        services.change_story(draft_story, by=practitioner, **story_details(consent_confirmed=False))


def test_only_the_author_changes_a_story(waiting_story, champion):
    with pytest.raises(Refused):
        services.change_story(waiting_story, by=champion, **story_details())


def test_areas_and_principles_must_come_from_their_lists(practitioner, childrens_services):
    with pytest.raises(ValidationError) as refused:
        services.share_story(childrens_services, by=practitioner, **story_details(domains=["not-an-area"], principles=["nope"]))
    assert set(refused.value.message_dict) == {"domains", "principles"}


def test_a_story_is_shared_only_from_ones_own_organisation(practitioner, community_health):
    with pytest.raises(ValidationError) as refused:
        services.share_story(community_health, by=practitioner, **story_details())
    assert refused.value.message_dict == {"organisation": [rules.ORGANISATION_NEEDED]}


def test_a_family_member_shares_no_story(family_member, childrens_services):
    with pytest.raises(Refused):
        services.share_story(childrens_services, by=family_member, **story_details())


# --- withdrawing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["draft_story", "waiting_story", "approved_story", "public_story"])
def test_the_author_withdraws_at_any_time_and_it_leaves_every_list(request, fixture, practitioner, champion):
    story = request.getfixturevalue(fixture)
    withdrawn = services.withdraw_story(story, by=practitioner)
    assert withdrawn.status == Story.Status.WITHDRAWN
    assert not queries.approved_for_workforce().filter(pk=story.pk).exists()
    assert not queries.approved_public().filter(pk=story.pk).exists()
    assert not queries.waiting_for_approval_by(champion).filter(pk=story.pk).exists()
    assert waiting.waiting(champion) == []
    with pytest.raises(ValidationError):
        services.change_story(withdrawn, by=practitioner, **story_details())


def test_only_the_author_withdraws(approved_story, organisation_lead, partnership_lead):
    for person in (organisation_lead, partnership_lead):
        with pytest.raises(Refused):
            services.withdraw_story(approved_story, by=person)
