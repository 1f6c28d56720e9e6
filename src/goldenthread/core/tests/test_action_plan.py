"""The action plan, written once: the same rules, form, checks and pages for the pledge's plan
(grouped by strand) and the continuum's (grouped by area), and for every module after them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from goldenthread.continuum import services as continuum_services
from goldenthread.continuum.action_plan import PLAN as CONTINUUM_PLAN
from goldenthread.continuum.frameworks import current_framework
from goldenthread.continuum.models import ContinuumAction
from goldenthread.core import action_plan
from goldenthread.core.action_plan import ActionPlan, GroupChoice, Grouping, StepForm, check_step
from goldenthread.core.models import AuditEvent
from goldenthread.pledges import services as pledge_services
from goldenthread.pledges.action_plan import PLAN as PLEDGE_PLAN
from goldenthread.pledges.models import PledgeAction, PledgeText, Strand

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def today():
    return timezone.localdate()


def step(**overrides):
    return {"description": "Kinder letters", "owner": "Letters group", "due_on": today() + timedelta(days=30), "status": "not-started", **overrides}


@pytest.fixture
def signed_pledge(childrens_services, organisation_lead):
    text = PledgeText.current()
    return pledge_services.sign_pledge(
        childrens_services,
        by=organisation_lead,
        commitments=[text.commitments.filter(strand=value).first() for value in Strand.values],
        vision="Families feel safe and heard.",
        how_we_will_do_it="Training and kinder letters.",
        priorities="Train every team.",
        signatory_name="Morgan Ellis",
        signatory_role="Chief executive",
        signed_on=today(),
    )


@pytest.fixture
def spring_round(childrens_services, organisation_lead):
    return continuum_services.start_assessment(childrens_services, by=organisation_lead, framework=current_framework("general"), title="Spring round")


@pytest.fixture
def safety(spring_round):
    return spring_round.framework.domains.order_by("order").first()


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user, backend=MODEL_BACKEND)
        return client

    return sign_in


# The rules and the checks, once ------------------------------------------------------


def test_every_problem_with_a_step_is_refused_at_once():
    with pytest.raises(ValidationError) as refused:
        check_step({"description": "  ", "owner": "x" * 151, "due_on": "soon", "status": "finished"})
    assert set(refused.value.message_dict) == {"description", "owner", "due_on", "status"}
    assert refused.value.message_dict["owner"] == ["Who owns it must be 150 characters or fewer"]


def test_a_steps_text_is_tidied_and_anything_else_passes_through():
    checked = check_step(step(description="  Kinder\x00 letters  ", strand="respond"))
    assert checked["description"] == "Kinder letters"
    assert checked["strand"] == "respond"


def test_the_app_adds_its_own_problems_to_the_shared_ones():
    with pytest.raises(ValidationError) as refused:
        check_step(step(description=""), errors={"strand": "Choose the strand this action is for"})
    assert set(refused.value.message_dict) == {"strand", "description"}


def test_the_form_puts_the_apps_group_first_and_gives_the_service_its_value():
    grouping = Grouping("theme", "Theme", "Choose the theme", "Choose one of the themes listed", radios=False, blank_label="Choose a theme")
    marker = object()
    due = today() + timedelta(days=5)
    form = StepForm(
        {
            "theme": "calm",
            "description": " Quiet rooms ",
            "owner": "Estates",
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "status": "in-progress",
        },
        grouping=grouping,
        choices=[GroupChoice("calm", "Calm spaces", marker)],
    )
    assert list(form.fields)[0] == "theme"
    assert form.group_field.name == "theme"
    assert form.fields["theme"].choices[0] == ("", "Choose a theme")
    assert form.is_valid(), form.errors
    assert form.step_values()["theme"] is marker
    assert form.step_values()["description"] == "Quiet rooms"


def test_an_unknown_group_is_explained_with_the_apps_own_words():
    grouping = Grouping("strand", "Strand", "Choose the strand this action is for", "Choose one of the four strands")
    form = StepForm({**step(), "strand": "everything"}, grouping=grouping, choices=[GroupChoice("respond", "Respond", "respond")])
    assert not form.is_valid()
    assert form.errors["strand"] == ["Choose one of the four strands"]


def test_a_new_apps_plan_must_say_who_may_see_and_change_it(organisation_lead, childrens_services):
    class Unfinished(ActionPlan):
        pass

    with pytest.raises(NotImplementedError):
        Unfinished().may_see(organisation_lead, childrens_services)


# Both apps use it ---------------------------------------------------------------------


def test_the_pledges_plan_now_tidies_and_limits_text_as_the_continuums_did(signed_pledge, organisation_lead):
    action = pledge_services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RESPOND, description="  Kinder letters\x00  ", owner=" Letters group ", due_on=today()
    )
    assert (action.description, action.owner) == ("Kinder letters", "Letters group")
    with pytest.raises(ValidationError) as refused:
        pledge_services.add_action(signed_pledge, by=organisation_lead, strand=Strand.RESPOND, description="x" * 501, owner="Team", due_on=today())
    assert refused.value.message_dict["description"] == ["What we will do must be 500 characters or fewer"]


@pytest.mark.parametrize("app", ["pledges", "continuum"])
def test_both_plans_list_with_the_same_page(app, request, signed_in, organisation_lead, childrens_services):
    if app == "pledges":
        request.getfixturevalue("signed_pledge")
    response = signed_in(organisation_lead).get(reverse(f"{app}:actions", args=[childrens_services.slug]))
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "core/action_plan/list.html"
    assert f"<title>Action plan: {childrens_services.name}" in response.content.decode().replace("&#x27;", "'")


def test_the_pledges_plan_lists_every_strand_and_the_continuums_only_the_areas_with_actions(
    signed_in, signed_pledge, spring_round, safety, organisation_lead, childrens_services
):
    client = signed_in(organisation_lead)
    pledge_page = client.get(reverse("pledges:actions", args=[childrens_services.slug])).content.decode()
    for label in Strand.labels:
        assert f"No action under {label} yet." in pledge_page
    continuum_services.add_action(
        childrens_services, by=organisation_lead, assessment=spring_round, domain=safety, **{k: v for k, v in step().items() if k != "status"}
    )
    continuum_page = client.get(reverse("continuum:actions", args=[childrens_services.slug])).content.decode()
    assert f"{safety.title}</caption>" in continuum_page
    assert continuum_page.count("<caption") == 1


def test_the_pledges_plan_now_filters_by_status_and_counts_the_overdue_as_the_continuums_did(signed_in, signed_pledge, organisation_lead, childrens_services):
    pledge_services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RESPOND, description="Late letters", owner="Team", due_on=today() - timedelta(days=3)
    )
    done = pledge_services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RECOGNISE, description="Finished training", owner="Team", due_on=today()
    )
    pledge_services.mark_action_done(done, by=organisation_lead)
    client = signed_in(organisation_lead)
    url = reverse("pledges:actions", args=[childrens_services.slug])
    page = client.get(url).content.decode()
    assert "1 action is overdue." in page
    only_done = client.get(url, {"status": "done"}).content.decode()
    assert "Finished training" in only_done and "Late letters" not in only_done
    assert "No action under Respond yet" not in only_done  # a filtered list shows only what matches
    assert "Late letters" in client.get(url, {"status": "no-such-status"}).content.decode()


@pytest.mark.parametrize("app", ["pledges", "continuum"])
def test_a_lead_marks_an_action_done_and_it_is_on_record(app, request, signed_in, organisation_lead, childrens_services):
    if app == "pledges":
        action = pledge_services.add_action(request.getfixturevalue("signed_pledge"), by=organisation_lead, strand=Strand.RESPOND, **step())
    else:
        action = continuum_services.add_action(
            childrens_services, by=organisation_lead, assessment=request.getfixturevalue("spring_round"), domain=request.getfixturevalue("safety"), **step()
        )
    client = signed_in(organisation_lead)
    plan_url = reverse(f"{app}:actions", args=[childrens_services.slug])
    done_url = reverse(f"{app}:action-done", args=[childrens_services.slug, action.public_id])
    assert done_url in client.get(plan_url).content.decode()
    assert "Mark an action as done" in client.get(done_url).content.decode()
    response = client.post(done_url)
    assert response.status_code == 302 and response["Location"] == plan_url
    action.refresh_from_db()
    assert action.status == "done"
    assert AuditEvent.objects.filter(object_type=action._meta.label_lower, object_id=str(action.pk), action=AuditEvent.Action.UPDATE).exists()
    assert done_url not in client.get(plan_url).content.decode()
    assert "already done" in client.get(done_url).content.decode()


@pytest.mark.parametrize("app", ["pledges", "continuum"])
def test_only_the_lead_marks_an_action_done(app, request, signed_in, organisation_lead, practitioner, childrens_services):
    if app == "pledges":
        action = pledge_services.add_action(request.getfixturevalue("signed_pledge"), by=organisation_lead, strand=Strand.RESPOND, **step())
        mark = pledge_services.mark_action_done
    else:
        action = continuum_services.add_action(childrens_services, by=organisation_lead, domain=request.getfixturevalue("safety"), **step())
        mark = continuum_services.mark_action_done
    with pytest.raises(PermissionDenied):
        mark(action, by=practitioner)
    client = signed_in(practitioner)
    assert client.post(reverse(f"{app}:action-done", args=[childrens_services.slug, action.public_id])).status_code == 403
    action.refresh_from_db()
    assert action.status == "not-started"


def test_each_app_says_only_what_differs_its_model_grouping_and_way_back():
    assert (PLEDGE_PLAN.model, PLEDGE_PLAN.grouping.field, PLEDGE_PLAN.back_text) == (PledgeAction, "strand", "Back to our pledge")
    assert (CONTINUUM_PLAN.model, CONTINUUM_PLAN.grouping.field, CONTINUUM_PLAN.back_text) == (ContinuumAction, "domain", "Back to our self-assessment")
    assert PLEDGE_PLAN.fields == ("strand", *action_plan.STEP_FIELDS)
