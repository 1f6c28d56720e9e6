"""The action plan: next steps turned into actions, area by area, with owners, due dates and status."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from goldenthread.continuum import services
from goldenthread.continuum.models import ContinuumAction, Domain
from goldenthread.core.models import AuditEvent

from .conftest import make_framework, today


@pytest.fixture
def safety(completed_round):
    return completed_round.framework.domains.get(code="safety")


def add(organisation, lead, round_, domain, **overrides):
    fields = {"description": "Calmer reception areas", "owner": "Facilities team", "due_on": today() + timedelta(days=30)}
    fields.update(overrides)
    return services.add_action(organisation, by=lead, assessment=round_, domain=domain, **fields)


def test_lead_adds_an_action_in_an_area_of_the_rounds_framework(childrens_services, organisation_lead, completed_round, safety):
    action = add(childrens_services, organisation_lead, completed_round, safety)
    assert action.organisation == childrens_services
    assert action.assessment == completed_round
    assert action.status == ContinuumAction.Status.NOT_STARTED


def test_an_area_from_another_framework_is_refused(childrens_services, organisation_lead, completed_round):
    other = Domain.objects.filter(framework=make_framework(code="another")).first()
    with pytest.raises(ValidationError) as error:
        add(childrens_services, organisation_lead, completed_round, other)
    assert "domain" in error.value.message_dict


def test_another_organisations_round_is_refused(childrens_services, community_health, other_agency_lead, completed_round, safety):
    from goldenthread.partnership.models import Membership, Role

    Membership.objects.filter(user=other_agency_lead).update(role=Role.ORGANISATION_LEAD)
    with pytest.raises(ValidationError):
        add(community_health, other_agency_lead, completed_round, safety)


@pytest.mark.parametrize("person", ["champion", "practitioner", "trainer", "other_agency_lead", "partnership_lead"])
def test_only_the_organisation_lead_adds_or_changes_actions(person, request, childrens_services, organisation_lead, completed_round, safety):
    with pytest.raises(PermissionDenied):
        add(childrens_services, request.getfixturevalue(person), completed_round, safety)
    action = add(childrens_services, organisation_lead, completed_round, safety)
    with pytest.raises(PermissionDenied):
        services.update_action(action, by=request.getfixturevalue(person), status=ContinuumAction.Status.DONE)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"description": "  "}, "description"),
        ({"owner": ""}, "owner"),
        ({"due_on": "soon"}, "due_on"),
        ({"status": "finished"}, "status"),
        ({"description": "x" * 501}, "description"),
    ],
)
def test_an_action_needs_what_who_when_and_a_known_status(overrides, field, childrens_services, organisation_lead, completed_round, safety):
    with pytest.raises(ValidationError) as error:
        add(childrens_services, organisation_lead, completed_round, safety, **overrides)
    assert field in error.value.message_dict


def test_a_change_of_status_is_kept_on_record(childrens_services, organisation_lead, completed_round, safety):
    action = add(childrens_services, organisation_lead, completed_round, safety)
    services.update_action(action, by=organisation_lead, status=ContinuumAction.Status.IN_PROGRESS)
    services.update_action(action, by=organisation_lead, status=ContinuumAction.Status.DONE)
    action.refresh_from_db()
    assert action.status == ContinuumAction.Status.DONE
    changes = AuditEvent.objects.filter(object_type="continuum.continuumaction", object_id=str(action.pk), action=AuditEvent.Action.UPDATE)
    assert changes.count() == 2
    assert all("status" in event.changed_fields for event in changes)


def test_an_overdue_action_is_one_not_done_past_its_date(childrens_services, organisation_lead, completed_round, safety):
    late = add(childrens_services, organisation_lead, completed_round, safety, due_on=today() - timedelta(days=1))
    assert late.is_overdue
    services.update_action(late, by=organisation_lead, status=ContinuumAction.Status.DONE)
    late.refresh_from_db()
    assert not late.is_overdue


# The pages ----------------------------------------------------------------------------


def test_add_to_the_action_plan_prefills_the_area_and_the_statement(as_person, organisation_lead, childrens_services, completed_round, safety):
    url = reverse("continuum:add-action", args=[childrens_services.slug])
    page = as_person(organisation_lead).get(url, {"assessment": str(completed_round.public_id), "domain": "safety", "item": "safety-2"}).content.decode()
    assert f'<option value="{safety.pk}" selected>' in page
    assert "People know what will happen next." in page


def test_the_area_choice_is_limited_to_the_rounds_framework(as_person, organisation_lead, childrens_services, completed_round):
    page = as_person(organisation_lead).get(reverse("continuum:add-action", args=[childrens_services.slug])).content.decode()
    assert page.count("<option") == 1 + completed_round.framework.domains.count()


def test_lead_adds_and_changes_an_action_through_the_pages(as_person, organisation_lead, childrens_services, completed_round, safety):
    client = as_person(organisation_lead)
    due = today() + timedelta(days=60)
    data = {
        "domain": str(safety.pk),
        "description": "Quiet room in every office",
        "owner": "Estates",
        "due_on_0": due.day,
        "due_on_1": due.month,
        "due_on_2": due.year,
        "status": "not-started",
    }
    assert client.post(reverse("continuum:add-action", args=[childrens_services.slug]), data).status_code == 302
    action = ContinuumAction.objects.get()
    assert action.assessment == completed_round and action.domain == safety and action.due_on == due
    data["status"] = "in-progress"
    assert client.post(reverse("continuum:edit-action", args=[childrens_services.slug, action.public_id]), data).status_code == 302
    action.refresh_from_db()
    assert action.status == ContinuumAction.Status.IN_PROGRESS


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"domain": "999999"}, "Choose one of the areas listed"),
        ({"domain": ""}, "Choose the area this action is for"),
        ({"description": ""}, "Describe what you will do"),
        ({"description": "x" * 501}, "500 characters or fewer"),
        ({"owner": ""}, "Enter who owns this action"),
        ({"due_on_0": "31", "due_on_1": "2", "due_on_2": "2026"}, "Enter a real date"),
        ({"due_on_0": "", "due_on_1": "", "due_on_2": ""}, "Enter the date it is due"),
        ({"status": "finished"}, "Choose one of the statuses listed"),
    ],
)
def test_bad_action_input_is_explained_and_kept(changes, message, as_person, organisation_lead, childrens_services, completed_round, safety):
    data = {
        "domain": str(safety.pk),
        "description": "Kind letters <b>first</b>",
        "owner": "Comms team",
        "due_on_0": "1",
        "due_on_1": "9",
        "due_on_2": "2026",
        "status": "not-started",
    }
    data.update(changes)
    response = as_person(organisation_lead).post(reverse("continuum:add-action", args=[childrens_services.slug]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "<title>Error:" in page
    if "owner" not in changes:
        assert "Comms team" in page
    assert not ContinuumAction.objects.exists()


def test_a_domain_from_another_framework_cannot_be_posted(as_person, organisation_lead, childrens_services, completed_round):
    other = Domain.objects.filter(framework=make_framework(code="another")).first()
    data = {"domain": str(other.pk), "description": "x", "owner": "y", "due_on_0": "1", "due_on_1": "9", "due_on_2": "2026", "status": "not-started"}
    response = as_person(organisation_lead).post(reverse("continuum:add-action", args=[childrens_services.slug]), data)
    assert response.status_code == 400
    assert not ContinuumAction.objects.exists()


def test_action_plan_groups_by_area_marks_overdue_and_filters_by_status(
    as_person, practitioner, organisation_lead, childrens_services, completed_round, safety
):
    leadership = completed_round.framework.domains.get(code="leadership")
    add(childrens_services, organisation_lead, completed_round, safety, description="Overdue step", due_on=today() - timedelta(days=5))
    done = add(childrens_services, organisation_lead, completed_round, leadership, description="Finished step")
    services.update_action(done, by=organisation_lead, status=ContinuumAction.Status.DONE)
    client = as_person(practitioner)
    url = reverse("continuum:actions", args=[childrens_services.slug])
    page = client.get(url).content.decode()
    assert "Physical and emotional safety</caption>" in page and "Leadership and governance</caption>" in page
    assert "Overdue</strong>" in page
    assert "Add an action" not in page  # a practitioner reads the plan; the lead changes it
    only_done = client.get(url, {"status": "done"}).content.decode()
    assert "Finished step" in only_done and "Overdue step" not in only_done
    only_overdue = client.get(url, {"status": "overdue"}).content.decode()
    assert "Overdue step" in only_overdue and "Finished step" not in only_overdue


def test_add_action_before_any_round_explains_what_to_do_first(as_person, organisation_lead, childrens_services):
    page = as_person(organisation_lead).get(reverse("continuum:add-action", args=[childrens_services.slug]))
    assert page.status_code == 200
    assert "Start a round of self-assessment first" in page.content.decode()
