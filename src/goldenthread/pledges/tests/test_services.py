from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.partnership.models import Membership, Role
from goldenthread.pledges import queries, services
from goldenthread.pledges.models import Commitment, PersonalPledge, Pledge, PledgeAction, Renewal, Strand

from .conftest import move_expiry, one_commitment_per_strand, sign_for

TERM = timedelta(days=settings.GOLDENTHREAD_PLEDGE_TERM_DAYS)
TASK_PATH = "goldenthread.pledges.tasks.send_renewal_reminder"


def reminders():
    return DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("enqueued_at")


def test_signing_publishes_the_pledge_and_sets_its_end_a_term_later(signed_pledge):
    today = timezone.localdate()
    assert signed_pledge.status == Pledge.Status.PUBLISHED
    assert signed_pledge.expires_on == today + TERM
    assert signed_pledge.state_label == "Signed"
    assert list(queries.published_pledges()) == [signed_pledge]


def test_signing_records_the_version_the_signatory_and_the_commitments(signed_pledge, organisation_lead):
    assert signed_pledge.pledge_text.version == 1
    assert signed_pledge.signatory_name == "Morgan Ellis"
    assert signed_pledge.signed_by == organisation_lead
    assert {c.strand for c in signed_pledge.commitments.all()} == set(Strand.values)


def test_signing_queues_the_reminder_two_months_before_the_pledge_lapses(signed_pledge):
    (reminder,) = reminders()
    expected_day = signed_pledge.expires_on - timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS)
    assert timezone.localtime(reminder.run_after).date() == expected_day
    assert reminder.run_after == services.reminder_time(signed_pledge.expires_on)
    assert reminder.args_kwargs["args"] == [signed_pledge.pk, signed_pledge.expires_on.isoformat()]


def test_a_pledge_needs_a_commitment_under_every_strand(childrens_services, organisation_lead):
    without_resilience = [c for c in one_commitment_per_strand() if c.strand != Strand.BUILD_RESILIENCE]
    with pytest.raises(ValidationError) as refused:
        sign_for(childrens_services, organisation_lead, commitments=without_resilience)
    assert refused.value.message_dict == {"commitments_build_resilience": ["Choose at least one commitment under Build resilience"]}
    assert not Pledge.objects.exists()
    assert not reminders().exists()


def test_a_pledge_cannot_be_signed_with_a_date_in_the_future(childrens_services, organisation_lead):
    with pytest.raises(ValidationError):
        sign_for(childrens_services, organisation_lead, signed_on=timezone.localdate() + timedelta(days=1))


def test_an_empty_statement_is_refused(childrens_services, organisation_lead):
    with pytest.raises(ValidationError) as refused:
        sign_for(childrens_services, organisation_lead, vision="   ")
    assert "vision" in refused.value.message_dict


def test_an_organisation_signs_only_once(signed_pledge, childrens_services, organisation_lead):
    with pytest.raises(ValidationError):
        sign_for(childrens_services, organisation_lead)


@pytest.mark.parametrize("person", ["practitioner", "champion", "trainer", "other_agency_lead", "partnership_lead"])
def test_only_the_organisations_own_lead_may_sign(person, childrens_services, request):
    with pytest.raises(PermissionDenied):
        sign_for(childrens_services, request.getfixturevalue(person))


def test_updating_the_statement_changes_what_the_wall_shows(signed_pledge, organisation_lead):
    all_commitments = list(Commitment.objects.filter(pledge_text=signed_pledge.pledge_text))
    services.update_statement(
        signed_pledge, by=organisation_lead, commitments=all_commitments, vision="A new vision", how_we_will_do_it="Together", priorities="Listening"
    )
    assert list(queries.published_pledges(q="new vision")) == [signed_pledge]
    assert signed_pledge.commitments.count() == len(all_commitments)


def test_a_champion_cannot_change_the_statement(signed_pledge, champion):
    with pytest.raises(PermissionDenied):
        services.update_statement(signed_pledge, by=champion, commitments=one_commitment_per_strand(), vision="x", how_we_will_do_it="y", priorities="z")


def test_naming_champions_goes_through_the_partnership(signed_pledge, organisation_lead, practitioner, champion, childrens_services):
    services.name_champions(childrens_services, by=organisation_lead, people=[practitioner])
    roles = dict(Membership.objects.filter(organisation=childrens_services).values_list("user__email", "role"))
    assert roles[practitioner.email] == Role.CHAMPION
    assert roles[champion.email] == Role.PRACTITIONER


def test_another_agencys_lead_cannot_name_our_champions(childrens_services, other_agency_lead, practitioner):
    with pytest.raises(PermissionDenied):
        services.name_champions(childrens_services, by=other_agency_lead, people=[practitioner])


def test_actions_are_added_and_changed_by_the_lead(signed_pledge, organisation_lead):
    action = services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RESPOND, description="Reflective supervision monthly", owner="Jo Park", due_on=timezone.localdate()
    )
    services.update_action(action, by=organisation_lead, status=PledgeAction.Status.DONE)
    action.refresh_from_db()
    assert action.status == PledgeAction.Status.DONE
    assert not action.is_overdue


def test_an_unfinished_action_past_its_date_is_overdue(signed_pledge, organisation_lead):
    action = services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RESPOND, description="Review letters", owner="Team", due_on=timezone.localdate() - timedelta(days=1)
    )
    assert action.is_overdue


def test_renewal_is_refused_until_every_strand_has_an_action(signed_pledge, organisation_lead):
    move_expiry(signed_pledge, timezone.localdate() + timedelta(days=30))
    services.add_action(signed_pledge, by=organisation_lead, strand=Strand.RECOGNISE, description="Training", owner="Team", due_on=timezone.localdate())
    with pytest.raises(ValidationError) as refused:
        services.renew_pledge(signed_pledge, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")
    message = " ".join(refused.value.messages)
    assert "Respond, Avoid re-traumatisation and Build resilience" in message
    assert not Renewal.objects.exists()


def test_renewal_is_not_open_before_the_reminder_period(full_action_plan, organisation_lead):
    with pytest.raises(ValidationError) as refused:
        services.renew_pledge(full_action_plan, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")
    assert "You can renew this pledge from" in " ".join(refused.value.messages)


def test_renewal_moves_the_end_a_term_from_today_and_queues_a_new_reminder(full_action_plan, organisation_lead):
    today = timezone.localdate()
    move_expiry(full_action_plan, today + timedelta(days=20))
    renewal = services.renew_pledge(full_action_plan, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")
    full_action_plan.refresh_from_db()
    assert renewal.expires_on == full_action_plan.expires_on == today + TERM
    assert full_action_plan.renewed_on == today
    latest = reminders().last()
    assert latest.args_kwargs["args"] == [full_action_plan.pk, (today + TERM).isoformat()]
    assert latest.run_after == services.reminder_time(today + TERM)
    assert reminders().count() == 2


def test_a_lapsed_pledge_shows_as_lapsed_on_the_wall_and_renewing_shows_it_signed_again(full_action_plan, organisation_lead):
    move_expiry(full_action_plan, timezone.localdate() - timedelta(days=3))
    assert full_action_plan.state_label == "Lapsed"
    assert list(queries.published_pledges()) == [full_action_plan]
    services.renew_pledge(full_action_plan, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")
    full_action_plan.refresh_from_db()
    assert full_action_plan.state_label == "Signed"


def test_withdrawing_hides_the_pledge_from_the_wall_and_publishing_shows_it_again(signed_pledge, partnership_lead):
    services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="The statement needs a review with the board.")
    assert list(queries.published_pledges()) == []
    assert signed_pledge.withdrawn_reason.startswith("The statement")
    services.republish_pledge(signed_pledge, by=partnership_lead)
    assert list(queries.published_pledges()) == [signed_pledge]


def test_a_withdrawn_pledge_cannot_be_renewed(full_action_plan, organisation_lead, partnership_lead):
    move_expiry(full_action_plan, timezone.localdate() + timedelta(days=10))
    services.withdraw_pledge(full_action_plan, by=partnership_lead, reason="Review")
    with pytest.raises(ValidationError):
        services.renew_pledge(full_action_plan, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")


@pytest.mark.parametrize("person", ["organisation_lead", "other_agency_lead", "champion"])
def test_only_the_partnership_lead_withdraws_a_pledge(person, signed_pledge, request):
    with pytest.raises(PermissionDenied):
        services.withdraw_pledge(signed_pledge, by=request.getfixturevalue(person), reason="No")


def test_a_withdrawal_needs_a_reason(signed_pledge, partnership_lead):
    with pytest.raises(ValidationError):
        services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="  ")


def test_a_progress_update_is_recorded_by_the_lead(signed_pledge, organisation_lead, practitioner):
    update = services.post_progress_update(signed_pledge, by=organisation_lead, summary="Every team has had training.")
    assert update.posted_by == organisation_lead
    with pytest.raises(PermissionDenied):
        services.post_progress_update(signed_pledge, by=practitioner, summary="Not mine to post")


def test_a_leaders_personal_pledge_is_shown_with_the_organisation(signed_pledge, organisation_lead, childrens_services):
    personal = services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="I will listen first.")
    pledge = queries.with_public_details(Pledge.objects.filter(pk=signed_pledge.pk)).get()
    assert pledge.organisation.shown_personal_pledges == [personal]
    services.update_personal_pledge(personal, by=organisation_lead, commitment="I will listen first, always.", is_shown=False)
    pledge = queries.with_public_details(Pledge.objects.filter(pk=signed_pledge.pk)).get()
    assert pledge.organisation.shown_personal_pledges == []


def test_a_personal_pledge_is_the_leaders_own(organisation_lead, partnership_lead, childrens_services):
    personal = services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="I will listen first.")
    with pytest.raises(PermissionDenied):
        services.update_personal_pledge(personal, by=partnership_lead, commitment="Changed", is_shown=True)
    with pytest.raises(PermissionDenied):
        services.remove_personal_pledge(personal, by=partnership_lead)
    services.remove_personal_pledge(personal, by=organisation_lead)
    assert not PersonalPledge.objects.exists()


def test_a_practitioner_cannot_make_a_personal_pledge(practitioner, childrens_services):
    with pytest.raises(PermissionDenied):
        services.make_personal_pledge(childrens_services, by=practitioner, commitment="I will listen.")


def test_a_partnership_lead_without_an_organisation_cannot_attach_a_personal_pledge(partnership_lead, childrens_services):
    with pytest.raises(PermissionDenied):
        services.make_personal_pledge(childrens_services, by=partnership_lead, commitment="I will listen.")


def test_a_personal_pledge_longer_than_600_characters_is_refused(organisation_lead, childrens_services):
    with pytest.raises(ValidationError):
        services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="a" * 601)


def test_one_personal_pledge_per_organisation(organisation_lead, childrens_services):
    services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="I will listen first.")
    with pytest.raises(ValidationError):
        services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="Again")


def test_the_checklist_names_the_gaps(signed_pledge):
    items = {item["text"]: item for item in queries.checklist(signed_pledge)}
    assert items["Statement: vision, how we will do it and priorities"]["done"]
    assert not items["At least one action under each strand"]["done"]
    assert "Recognise" in items["At least one action under each strand"]["gap"]
    assert not items["At least one champion named"]["done"]


def test_the_checklist_is_complete_with_actions_and_a_champion(full_action_plan, champion):
    assert all(item["done"] for item in queries.checklist(full_action_plan))
