"""What the family asks and what the team decides: nothing a family member suggests changes the record until a practitioner decides."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.families import services as family_services
from goldenthread.families.models import ConsentAgreement, OnePageProfile, Part, StoryEntry
from goldenthread.family_door import services
from goldenthread.family_door.models import Invitation, Suggestion, Waiting
from goldenthread.family_door.services import Outcome
from goldenthread.family_door.tests.family_side import MARNIE_EMAIL, make_family_account, marnie, marnie_person  # noqa: F401
from tests.family_fixtures import PROFILE_TEXT, STORY


def years_ago(years: int) -> date:
    today = timezone.localdate()
    return date(today.year - years, 1, 15)


@pytest.fixture
def wrenna_profile_suggestion(wrenna, marnie):  # noqa: F811
    """Marnie cannot suggest words for Wrenna's profile; this is Wrenna's own (made for the tests of deciding)."""
    account = make_family_account(wrenna, by=None, email="wrenna.brightwater@family.example")
    return services.suggest_change(
        wrenna, by=account, target=Suggestion.Target.PROFILE, profile_field="liked_and_admired", text="I am kind, funny and good at drawing"
    )


@pytest.fixture
def story_suggestion(family, marnie, marnie_person):  # noqa: F811
    entry = StoryEntry.objects.get(family=family)
    return services.suggest_change(marnie_person, by=marnie, target=Suggestion.Target.STORY_ENTRY, story_entry=entry, text=STORY + " She has made a friend.")


def test_a_suggestion_waits_beside_the_current_words_and_changes_nothing(family, story_suggestion):
    assert story_suggestion.status == Waiting.WAITING
    assert story_suggestion.text_then == STORY
    assert StoryEntry.objects.get(family=family).story == STORY


def test_the_lead_practitioner_accepting_puts_the_family_members_words_in_the_record_marked_as_theirs(family, story_suggestion, practitioner, marnie_person):  # noqa: F811
    services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.ACCEPT)
    entry = StoryEntry.objects.get(family=family)
    assert entry.story.endswith("She has made a friend.")
    assert entry.in_words_of == marnie_person
    assert Suggestion.objects.get(pk=story_suggestion.pk).status == Waiting.ACCEPTED


def test_changing_the_words_together_puts_in_the_agreed_words(family, story_suggestion, practitioner):
    services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.CHANGE_TOGETHER, final_text="We agreed these words together.")
    assert StoryEntry.objects.get(family=family).story == "We agreed these words together."
    assert Suggestion.objects.get(pk=story_suggestion.pk).status == Waiting.CHANGED_TOGETHER


def test_a_reply_leaves_the_record_as_it_is_and_needs_words(family, story_suggestion, practitioner):
    with pytest.raises(ValidationError):
        services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.REPLY, reply="")
    services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.REPLY, reply="Let us talk about it on Tuesday.")
    assert StoryEntry.objects.get(family=family).story == STORY
    assert Suggestion.objects.get(pk=story_suggestion.pk).status == Waiting.REPLIED


def test_a_decided_suggestion_cannot_be_decided_again(story_suggestion, practitioner):
    services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.REPLY, reply="Thank you.")
    with pytest.raises(Refused):
        services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.ACCEPT)


def test_a_partner_agency_in_the_team_cannot_decide_on_a_suggestion(story_suggestion, other_agency_practitioner):
    with pytest.raises(Refused):
        services.decide_suggestion(story_suggestion, by=other_agency_practitioner, outcome=Outcome.ACCEPT)


def test_the_family_member_is_told_by_email_when_the_team_decides_without_the_words_in_the_email(
    story_suggestion, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_suggestion(story_suggestion, by=practitioner, outcome=Outcome.REPLY, reply="A private reply about your story.")
    message = sent_by_the_worker()[-1]
    assert message.to == [MARNIE_EMAIL]
    assert "private reply" not in message.body


def test_the_lead_practitioner_is_told_by_email_when_a_suggestion_is_made(family, marnie, marnie_person, practitioner, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        services.suggest_change(marnie_person, by=marnie, target=Suggestion.Target.NEW_STORY, text="Something new for our story.")
    sent = sent_by_the_worker()
    assert any(practitioner.email in message.to and family.reference in message.subject for message in sent)
    assert all(STORY not in message.body for message in sent)


def test_accepting_a_profile_suggestion_changes_only_that_part(wrenna, wrenna_profile_suggestion, practitioner):
    services.decide_suggestion(wrenna_profile_suggestion, by=practitioner, outcome=Outcome.ACCEPT)
    profile = OnePageProfile.objects.get(person=wrenna)
    assert profile.liked_and_admired == "I am kind, funny and good at drawing"
    assert profile.important_to_me == "My cat, Biscuit"
    assert profile.in_words_of == wrenna
    assert wrenna_profile_suggestion.text_then == PROFILE_TEXT


def test_a_family_member_cannot_suggest_words_for_someone_elses_profile(wrenna, marnie):  # noqa: F811
    with pytest.raises(Refused):
        services.suggest_change(wrenna, by=marnie, target=Suggestion.Target.PROFILE, profile_field="liked_and_admired", text="Not mine to say")


def test_what_i_want_people_to_know_is_written_straight_in_and_only_by_the_person(marnie, marnie_person, practitioner):  # noqa: F811
    services.write_own_words(marnie_person, by=marnie, text="I work nights, so mornings are hard.")
    assert OnePageProfile.objects.get(person=marnie_person).in_my_own_words == "I work nights, so mornings are hard."
    with pytest.raises(Refused):
        services.write_own_words(marnie_person, by=practitioner, text="Written for her")


def test_a_question_is_answered_and_the_family_member_told(marnie, marnie_person, practitioner, django_capture_on_commit_callbacks):  # noqa: F811
    question = services.ask_question(marnie_person, by=marnie, text="When is the next meeting?")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(question, by=practitioner, answer="Next Tuesday at ten, at your home.")
    question.refresh_from_db()
    assert question.status == Waiting.REPLIED
    assert sent_by_the_worker()[-1].to == [MARNIE_EMAIL]


def test_a_request_to_share_is_recorded_as_given_by_the_family_member_once_the_team_confirms(family, marnie, marnie_person, practitioner, third_agency):  # noqa: F811
    request = services.ask_to_share(marnie_person, by=marnie, organisation=third_agency, parts=[Part.STORY], until=timezone.localdate() + timedelta(days=90))
    assert not ConsentAgreement.objects.filter(family=family, organisation=third_agency).exists()
    decided = services.decide_share_request(request, by=practitioner, agree=True)
    agreement = decided.agreement
    assert agreement.given_by == marnie_person
    assert agreement.method == ConsentAgreement.Method.ONLINE
    assert agreement.parts == [Part.STORY]


def test_a_partner_agency_cannot_confirm_a_request_to_share(marnie, marnie_person, other_agency_practitioner, third_agency):  # noqa: F811
    request = services.ask_to_share(marnie_person, by=marnie, organisation=third_agency, parts=[Part.STORY])
    with pytest.raises(Refused):
        services.decide_share_request(request, by=other_agency_practitioner, agree=True)


def test_a_family_member_withdraws_an_agreement_at_once(recorded_family, marnie):  # noqa: F811
    agreement = ConsentAgreement.objects.get(family=recorded_family)
    services.withdraw_agreement(agreement, by=marnie)
    agreement.refresh_from_db()
    assert agreement.withdrawn_at is not None


def test_the_lead_practitioner_invites_a_parent_and_the_link_makes_their_own_account_once(family, practitioner, django_capture_on_commit_callbacks):
    marnie_person = family.people.get(first_name="Marnie")
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invite(marnie_person, by=practitioner, email="Marnie.B@Family.example")
    assert services.invitation_for(token) == invitation
    assert any("/my-record/join/" in message.body for message in sent_by_the_worker())
    account = services.accept_invitation(invitation, terms_version=1)
    assert account.is_family_account and not account.has_usable_password()
    marnie_person.refresh_from_db()
    assert marnie_person.account == account
    assert services.invitation_for(token) is None
    with pytest.raises(Refused):
        services.accept_invitation(invitation, terms_version=1)


def test_a_child_under_the_partnerships_age_cannot_be_invited(wrenna, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.invite(wrenna, by=practitioner, email="wrenna@family.example")
    assert "from the age of 13" in str(refused.value)


def test_a_young_person_of_the_partnerships_age_can_be_invited(family, practitioner):
    juniper = family_services.add_person(family, by=practitioner, first_name="Juniper", date_of_birth=years_ago(14), role_in_family="sibling")
    invitation, _ = services.invite(juniper, by=practitioner, email="juniper@family.example")
    assert invitation.is_open


def test_an_address_already_used_for_a_sign_in_cannot_be_used_again(family, practitioner):
    marnie_person = family.people.get(first_name="Marnie")
    with pytest.raises(ValidationError):
        services.invite(marnie_person, by=practitioner, email=practitioner.email)


def test_a_partner_agency_cannot_invite_a_family_member(family, other_agency_practitioner):
    with pytest.raises(Refused):
        services.invite(family.people.get(first_name="Marnie"), by=other_agency_practitioner, email="marnie@family.example")


def test_stopping_a_sign_in_switches_the_account_off_and_leaves_the_record(marnie, marnie_person, practitioner):  # noqa: F811
    services.stop_sign_in(marnie_person, by=practitioner)
    marnie_person.refresh_from_db()
    assert marnie_person.account is None
    assert not User.objects.get(pk=marnie.pk).is_active
    assert services.send_sign_in_code(MARNIE_EMAIL) is None


def test_a_new_invitation_cancels_the_one_before(family, practitioner):
    marnie_person = family.people.get(first_name="Marnie")
    first, first_token = services.invite(marnie_person, by=practitioner, email="marnie@family.example")
    services.invite(marnie_person, by=practitioner, email="marnie@family.example")
    assert Invitation.objects.get(pk=first.pk).cancelled_at is not None
    assert services.invitation_for(first_token) is None


def test_a_family_account_is_never_given_an_api_token_even_with_a_device(marnie):  # noqa: F811
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from goldenthread.core import services as core_services

    device = TOTPDevice.objects.create(user=marnie, name="An authenticator", confirmed=True)
    with pytest.raises(Refused):
        core_services.create_api_token(marnie, by=marnie, name="Mine", device=device)
