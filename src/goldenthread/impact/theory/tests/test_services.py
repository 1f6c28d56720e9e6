"""The partnership team writes the theory of change as a draft, publishes it with a note, or discards it; a published version never changes."""

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.audit import acting_as
from goldenthread.core.models import AuditEvent
from goldenthread.core.refusals import EditConflict, Refused
from goldenthread.impact.theory import queries, services
from goldenthread.impact.theory.models import Activity, Assumption, Outcome, TheoryVersion

from .conftest import write_small_theory

pytestmark = pytest.mark.django_db


def test_a_draft_starts_empty_when_nothing_is_in_force(partnership_lead):
    draft = services.start_draft(by=partnership_lead)
    assert (draft.number, draft.state, draft.made_by) == (1, "draft", partnership_lead)
    assert not draft.outcomes.exists() and queries.in_force() is None


def test_a_new_draft_copies_everything_from_the_version_in_force(in_force, draft):
    assert draft.number == 2 and draft.is_draft
    assert list(draft.outcomes.values_list("key", "title", "horizon", "for_whom")) == list(in_force.outcomes.values_list("key", "title", "horizon", "for_whom"))
    copied = {activity.title: sorted(o.key for o in activity.leads_to.all()) for activity in draft.activities.all()}
    assert copied == {"Training for every sector": ["children-feel-heard", "system-learns"], "One story for each family": ["families-tell-their-story-once"]}
    assert all(o.theory_id == draft.pk for a in draft.activities.all() for o in a.leads_to.all())
    assert [a.text for a in draft.assumptions.all()] == [a.text for a in in_force.assumptions.all()]


def test_there_is_one_draft_at_a_time(draft, partnership_lead):
    assert services.start_draft(by=partnership_lead) == draft
    assert TheoryVersion.objects.filter(state="draft").count() == 1


def test_publishing_puts_the_draft_in_force_and_keeps_the_earlier_version(in_force, draft, draft_outcome, partnership_lead):
    services.change_outcome(
        draft_outcome, by=partnership_lead, version=draft_outcome.version, title="Children feel heard and believed", horizon="short", for_whom="children"
    )
    published = services.publish(draft, by=partnership_lead, note="Children are believed as well as heard.")
    assert queries.in_force() == published and published.published_by == partnership_lead and published.note
    assert [v.number for v in queries.published_versions()] == [2, 1]
    assert in_force.outcomes.get(key="children-feel-heard").title == "Children feel heard"
    assert published.outcomes.get(key="children-feel-heard").title == "Children feel heard and believed"


def test_publishing_needs_a_note_and_an_outcome(partnership_lead):
    draft = services.start_draft(by=partnership_lead)
    with pytest.raises(ValidationError) as refused:
        services.publish(draft, by=partnership_lead, note="  ")
    assert set(refused.value.message_dict) == {"note", "__all__"}


def test_a_published_version_never_changes(in_force, partnership_lead):
    outcome = in_force.outcomes.first()
    activity = in_force.activities.first()
    assumption = in_force.assumptions.first()
    for attempt in (
        lambda: services.add_outcome(in_force, by=partnership_lead, title="Another", horizon="short", for_whom="children"),
        lambda: services.change_outcome(outcome, by=partnership_lead, version=outcome.version, title="Changed", horizon="short", for_whom="children"),
        lambda: services.remove_outcome(outcome, by=partnership_lead),
        lambda: services.add_activity(in_force, by=partnership_lead, title="Another"),
        lambda: services.change_activity(activity, by=partnership_lead, version=activity.version, title="Changed"),
        lambda: services.remove_activity(activity, by=partnership_lead),
        lambda: services.add_assumption(in_force, by=partnership_lead, text="Another"),
        lambda: services.change_assumption(assumption, by=partnership_lead, version=assumption.version, text="Changed"),
        lambda: services.remove_assumption(assumption, by=partnership_lead),
        lambda: services.publish(in_force, by=partnership_lead, note="Again"),
        lambda: services.discard(in_force, by=partnership_lead),
    ):
        with pytest.raises(Refused):
            attempt()
    with pytest.raises(PermissionError):
        outcome.title = "Changed behind the services' back"
        outcome.save()
    with pytest.raises(PermissionError):
        in_force.note = "Changed"
        in_force.save()
    with pytest.raises(PermissionError):
        in_force.delete()
    in_force.refresh_from_db()
    assert in_force.note == "Our first theory of change." and in_force.outcomes.count() == 3


def test_discarding_the_draft_leaves_the_version_in_force_as_it_is(in_force, draft, partnership_lead):
    assert services.discard(draft, by=partnership_lead) == 2
    assert not TheoryVersion.objects.filter(number=2).exists()
    assert queries.in_force() == in_force and in_force.outcomes.count() == 3
    assert Outcome.objects.count() == 3 and Activity.objects.count() == 2 and Assumption.objects.count() == 1
    assert services.start_draft(by=partnership_lead).number == 2


def test_an_outcome_keeps_its_key_and_a_key_is_made_from_its_words(draft, partnership_lead):
    made = services.add_outcome(draft, by=partnership_lead, title="Workers feel supported!", horizon="medium", for_whom="workforce")
    assert made.key == "workers-feel-supported"
    again = services.add_outcome(draft, by=partnership_lead, title="Workers feel supported", horizon="long", for_whom="workforce")
    assert again.key == "workers-feel-supported-2"
    with pytest.raises(ValidationError) as taken:
        services.add_outcome(draft, by=partnership_lead, key="system-learns", title="Another", horizon="long", for_whom="system")
    assert "key" in taken.value.message_dict
    with pytest.raises(ValidationError) as not_a_slug:
        services.add_outcome(draft, by=partnership_lead, key="Not A Slug!", title="Another", horizon="long", for_whom="system")
    assert "key" in not_a_slug.value.message_dict


def test_a_bad_horizon_or_group_is_refused_with_what_to_choose(draft, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.add_outcome(draft, by=partnership_lead, title="Something", horizon="soon", for_whom="everyone")
    assert set(refused.value.message_dict) == {"horizon", "for_whom"}


def test_two_people_editing_the_same_outcome_never_overwrite_each_other(draft_outcome, partnership_lead):
    read = draft_outcome.version
    services.change_outcome(draft_outcome, by=partnership_lead, version=read, title="First words", horizon="short", for_whom="children")
    with pytest.raises(EditConflict) as conflict:
        services.change_outcome(draft_outcome, by=partnership_lead, version=read, title="Second words", horizon="short", for_whom="children")
    assert conflict.value.saved["title"] == "First words" and conflict.value.typed["title"] == "Second words"
    draft_outcome.refresh_from_db()
    assert draft_outcome.title == "First words" and draft_outcome.key == "children-feel-heard"


def test_activities_lead_only_to_outcomes_of_their_own_draft(in_force, draft, partnership_lead):
    old = in_force.outcomes.first()
    with pytest.raises(ValidationError) as refused:
        services.add_activity(draft, by=partnership_lead, title="Something", leads_to=[old])
    assert "leads_to" in refused.value.message_dict
    activity = draft.activities.get(title="Training for every sector")
    once = draft.outcomes.get(key="families-tell-their-story-once")
    services.change_activity(activity, by=partnership_lead, version=activity.version, title=activity.title, description="", leads_to=[once])
    assert [o.key for o in activity.leads_to.all()] == ["families-tell-their-story-once"]


def test_removing_an_outcome_unlinks_it_from_the_activities(draft, draft_outcome, partnership_lead):
    services.remove_outcome(draft_outcome, by=partnership_lead)
    training = draft.activities.get(title="Training for every sector")
    assert [o.key for o in training.leads_to.all()] == ["system-learns"]


def test_every_change_is_in_the_audit_log(partnership_lead):
    with acting_as(partnership_lead):  # as the request's middleware does
        draft = write_small_theory(partnership_lead)
        services.publish(draft, by=partnership_lead, note="First.")
    logged = AuditEvent.objects.filter(object_type__startswith="impact.")
    assert {event.object_type for event in logged} >= {"impact.theoryversion", "impact.outcome", "impact.activity", "impact.assumption"}
    assert all(event.actor_id == partnership_lead.pk for event in logged)
