"""The family's own door in the demo: two young people and a parent with their own sign-in, and what waits for their teams."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, Person, TeamMember
from goldenthread.family_door import rules, services
from goldenthread.family_door.management.commands.load_demo_family_door import demo_texts, read_demo_family_door
from goldenthread.family_door.models import Invitation, Question, ShareRequest, Suggestion, TermsAgreed, Waiting
from goldenthread.language import check

Basis = AccessLogEntry.Basis


def load():
    output = StringIO()
    call_command("load_demo_family_door", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(db):
    call_command("load_demo_partnership", stdout=StringIO())
    call_command("load_demo_families", stdout=StringIO())
    return load()


def test_two_young_people_and_a_parent_have_their_own_sign_in_and_no_password(demo):
    with_sign_in = Person.objects.filter(account__isnull=False).select_related("account", "family")

    young = [person for person in with_sign_in if person.role_in_family in ("child", "sibling")]
    parents = [person for person in with_sign_in if person.role_in_family in ("parent", "carer")]
    assert len(young) == 2 and len(parents) == 1
    for person in young:
        assert services.age_on(person, timezone.localdate()) >= rules.door().youngest_age, person
    for person in with_sign_in:
        account = person.account
        assert account.is_family_account and not account.has_usable_password()
        assert account.email.endswith(".example")
        assert Invitation.objects.get(person=person).accepted_at is not None
        assert TermsAgreed.objects.filter(user=account, version=rules.terms().version).exists()


def test_one_suggestion_waits_beside_the_current_text_and_nothing_in_the_record_changed(demo):
    suggestion = Suggestion.objects.select_related("person__profile").get()

    assert suggestion.status == Waiting.WAITING
    assert suggestion.person.account is not None
    assert suggestion.text_then == getattr(suggestion.person.profile, suggestion.profile_field)
    assert suggestion.suggested_text != suggestion.text_then


def test_one_question_waits_for_the_lead_practitioner_one_is_answered_and_one_request_to_share_waits_for_the_team(demo):
    waiting = Question.objects.get(status=Waiting.WAITING)
    answered = Question.objects.get(status=Waiting.REPLIED)
    request = ShareRequest.objects.select_related("family").get()

    assert waiting.person.account is not None
    assert answered.answer and TeamMember.objects.filter(family=answered.family, user=answered.answered_by, is_lead=True).exists()
    assert request.status == Waiting.WAITING and request.organisation_id != request.family.recording_organisation_id


def test_what_waits_is_for_the_demos_practitioner_sign_in_so_a_newcomer_finds_it(demo):
    tobias = User.objects.get(email="tobias.nwachukwu@childrens.riverbend.example")

    for item in (Suggestion.objects.get(), Question.objects.get(status=Waiting.WAITING), ShareRequest.objects.get()):
        assert TeamMember.objects.filter(family=item.family, user=tobias, is_lead=True).exists()


def test_one_agreement_was_withdrawn_by_a_family_member_themselves(demo):
    withdrawn = ConsentAgreement.objects.filter(withdrawn_at__isnull=False, withdrawn_by__is_family_account=True)

    assert withdrawn.count() == 1
    agreement = withdrawn.get()
    assert Person.objects.get(account=agreement.withdrawn_by).family == agreement.family


def test_every_family_action_is_in_the_familys_access_log_on_the_family_member_basis(demo):
    for item in (Suggestion.objects.get(), *Question.objects.all(), ShareRequest.objects.get()):
        lines = AccessLogEntry.objects.filter(family=item.family, user=item.person.account, basis=Basis.FAMILY_MEMBER, action="create")
        assert lines.exists(), item


def test_a_demo_family_member_signs_in_with_the_code_shown_on_screen_and_reads_their_record(demo, settings):
    settings.GOLDENTHREAD_SHOW_SIGN_IN_CODES = True
    saffron = Person.objects.get(first_name="Saffron")
    client = Client()

    shown = client.post(reverse("family_door:sign-in"), {"email": saffron.account.email}, follow=True)
    code = services.send_sign_in_code(saffron.account.email)  # the newest code works, as the page would show it
    signed_in = client.post(reverse("family_door:enter-code"), {"code": code})
    home = client.get(reverse("family_door:home"))

    assert shown.status_code == 200
    assert signed_in["Location"] == reverse("family_door:home")
    assert home.status_code == 200
    assert "Saffron" in home.content.decode()


def test_a_demo_family_member_cannot_sign_in_as_staff(demo):
    carys = User.objects.get(email="carys.amberley@families.riverbend.example")

    response = Client().post(reverse("core:sign-in"), {"username": carys.email, "password": "riverbend-demo-2026"})

    assert response.status_code == 400


def test_loading_again_changes_nothing(demo):
    counts = [model.objects.count() for model in (Invitation, TermsAgreed, Suggestion, Question, ShareRequest, AccessLogEntry)]

    again = load()

    assert "already loaded" in again
    assert [model.objects.count() for model in (Invitation, TermsAgreed, Suggestion, Question, ShareRequest, AccessLogEntry)] == counts


def test_the_family_door_is_not_loaded_without_the_families(db):
    call_command("load_demo_partnership", stdout=StringIO())

    with pytest.raises(CommandError, match="load_demo_families"):
        load()
    assert not Invitation.objects.exists()


def test_every_demo_text_of_the_familys_door_passes_the_language_check_for_children():
    problems = []
    for where, text in demo_texts(read_demo_family_door()):
        for findings in (check(text), check(text, audience="children")):
            problems += [f"{where}: {finding.rule} flags {finding.text!r}" for finding in findings]
    assert not problems, "\n".join(problems)
