"""A milestone linked to the workstream actions that move it forward: chosen from its own programme's open actions, shown on its page and in the API.

The actions are made straight in the work part's tables: this part reads them and never changes them. Everyone is fictional.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.tests.tokens import bearer
from goldenthread.programme.roadmap import queries, rules, services
from goldenthread.programme.work.models import Programme, Workstream, WorkstreamAction

from .conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def communication(recovery):
    return Workstream.objects.create(programme=recovery, name="Communication", purpose="Clear, kind words for families and partners.")


def action(workstream, description, days, **more):
    return WorkstreamAction.objects.create(workstream=workstream, description=description, owner="Jo Park", due_on=in_days(days), **more)


@pytest.fixture
def card(communication):
    return action(communication, "Design one card with one number to call", 10)


@pytest.fixture
def guide(communication):
    return action(communication, "Write one short guide to the words we use", 20)


def test_a_milestone_is_added_with_actions_from_its_own_programme(recovery, partnership_lead, card, guide):
    milestone = services.add_milestone(
        recovery, by=partnership_lead, title="One number for families", description="What it means.", due_on=in_days(30), actions=[guide, card, card]
    )
    assert queries.actions_for(milestone) == [card, guide]
    assert list(card.milestones.all()) == [milestone]


def test_an_action_of_another_programme_is_refused(recovery, partnership_lead):
    elsewhere = Workstream.objects.create(
        programme=Programme.objects.create(name="Schools year (fictional)", starts_on=in_days(-5)), name="Schools", purpose="What it is for."
    )
    theirs = action(elsewhere, "Visit every school", 5)
    with pytest.raises(ValidationError) as refused:
        services.add_milestone(recovery, by=partnership_lead, title="A milestone", description="What it means.", due_on=in_days(30), actions=[theirs])
    assert refused.value.message_dict == {"actions": [rules.NOT_AN_ACTION]}


def test_changing_the_linked_actions_is_in_the_history(whole_system, partnership_lead, card):
    services.change_milestone(
        whole_system,
        by=partnership_lead,
        title=whole_system.title,
        description=whole_system.description,
        domains=whole_system.domains,
        principles=whole_system.principles,
        actions=[card],
    )
    assert queries.actions_for(whole_system) == [card]
    assert queries.history(whole_system)[-1].note == "Changed the linked actions."


def test_the_change_page_offers_the_programmes_open_actions_and_the_ones_already_linked(client, partnership_lead, whole_system, communication, card, guide):
    done = action(communication, "Print the cards", -5, status=WorkstreamAction.Status.DONE)
    cancelled = action(communication, "Post the cards", -3, cancelled_at=timezone.now())
    whole_system.actions.add(done)
    client.force_login(partnership_lead)
    url = reverse("programme:roadmap-change", args=[whole_system.public_id])
    html = client.get(url).content.decode()
    assert "Design one card with one number to call (Communication, due" in html and "Print the cards" in html
    assert "Post the cards" not in html and str(cancelled.public_id) not in html

    response = client.post(
        url,
        {
            "title": whole_system.title,
            "description": whole_system.description,
            "for_whom": "whole-system",
            "actions": [str(card.public_id), str(guide.public_id)],
        },
    )
    assert response.status_code == 302
    assert queries.actions_for(whole_system) == [card, guide]


def test_the_milestone_page_and_the_api_show_the_linked_actions(client, practitioner, whole_system, card, communication):
    whole_system.actions.add(card)
    client.force_login(practitioner)
    html = client.get(reverse("programme:roadmap-milestone", args=[whole_system.public_id])).content.decode()
    assert reverse("programme:work-action", args=[communication.public_id, card.public_id]) in html
    assert "Design one card with one number to call" in html and "Not started" in html

    found = client.get(f"/api/v1/programme/roadmap/milestones/{whole_system.public_id}", **bearer(practitioner)).json()
    assert found["actions"] == [
        {"id": str(card.public_id), "description": card.description, "workstream": "Communication", "due_on": card.due_on.isoformat(), "status": "Not started"}
    ]
