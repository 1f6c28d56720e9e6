"""Keeping the shared roadmap: adding, changing, reaching, moving and dropping milestones, each with its history. Everyone here is fictional."""

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.models import AuditEvent
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Sector
from goldenthread.programme.roadmap import queries, rules, services
from goldenthread.programme.roadmap.models import Milestone, MilestoneChange

from .conftest import in_days

pytestmark = pytest.mark.django_db


def kinds(milestone):
    return [change.kind for change in queries.history(milestone)]


def test_a_whole_system_milestone_is_added_with_the_first_line_of_its_history(whole_system, partnership_lead):
    assert whole_system.status == Milestone.Status.PLANNED
    assert whole_system.is_whole_system and whole_system.organisation is None and whole_system.sector == ""
    assert whole_system.domains == ["leadership", "partnership"] and whole_system.principles == ["safety", "hope"]
    (added,) = queries.history(whole_system)
    assert (added.kind, added.to_date, added.by) == ("added", whole_system.due_on, partnership_lead)


def test_an_organisations_own_milestone_takes_its_sector(own_milestone, childrens_services):
    assert own_milestone.organisation == childrens_services
    assert own_milestone.sector == Sector.CHILDRENS_SOCIAL_CARE
    assert queries.for_whom(own_milestone) == "Riverbend Children's Services"


def test_areas_and_principles_are_kept_in_the_lists_own_order_each_once(recovery, partnership_lead):
    milestone = services.add_milestone(
        recovery,
        by=partnership_lead,
        title="A family voice group meets every month",
        description="Parents and young people shape the response.",
        due_on=in_days(10),
        domains=["lived-experience", "leadership", "leadership"],
        principles=["hope", "safety"],
    )
    assert milestone.domains == ["leadership", "lived-experience"]
    assert milestone.principles == ["safety", "hope"]


def test_moving_a_milestone_keeps_every_date_it_had(whole_system, partnership_lead):
    first = whole_system.due_on
    services.move_milestone(whole_system, by=partnership_lead, due_on=in_days(45), reason="Families asked for more time to take part.")
    moved = services.move_milestone(whole_system, by=partnership_lead, due_on=in_days(75), reason="The board meets later in the season.")

    assert moved.status == Milestone.Status.MOVED and moved.due_on == in_days(75)
    moves = [(change.from_date, change.to_date, change.note) for change in queries.history(moved) if change.kind == "moved"]
    assert moves == [(first, in_days(45), "Families asked for more time to take part."), (in_days(45), in_days(75), "The board meets later in the season.")]


def test_moving_to_the_same_date_or_without_a_reason_says_what_to_do(whole_system, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.move_milestone(whole_system, by=partnership_lead, due_on=whole_system.due_on, reason="")
    assert refused.value.message_dict == {"due_on": [rules.SAME_DATE], "reason": [rules.MOVE_REASON.required_message]}
    assert kinds(whole_system) == ["added"]


def test_a_milestone_is_marked_reached_on_the_day_it_was_reached(whole_system, partnership_lead):
    reached = services.mark_reached(whole_system, by=partnership_lead, reached_on=in_days(-1), note="Agreed at the board.")
    assert (reached.status, reached.reached_on) == (Milestone.Status.REACHED, in_days(-1))
    assert kinds(reached) == ["added", "reached"]


def test_a_milestone_cannot_be_marked_reached_on_a_day_to_come(whole_system, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.mark_reached(whole_system, by=partnership_lead, reached_on=in_days(3))
    assert refused.value.message_dict == {"reached_on": [rules.REACHED_ON.future_message]}


def test_a_reached_milestone_is_not_moved_or_dropped_but_its_words_can_be_put_right(whole_system, partnership_lead):
    services.mark_reached(whole_system, by=partnership_lead, reached_on=in_days(0))
    with pytest.raises(Refused, match="already reached"):
        services.move_milestone(whole_system, by=partnership_lead, due_on=in_days(50), reason="Later.")
    with pytest.raises(Refused, match="already reached"):
        services.drop_milestone(whole_system, by=partnership_lead, reason="Not needed.")
    changed = services.change_milestone(
        whole_system, by=partnership_lead, title="A shared plan, agreed by every partner", description=whole_system.description, domains=whole_system.domains
    )
    assert changed.title == "A shared plan, agreed by every partner" and changed.status == Milestone.Status.REACHED


def test_a_dropped_milestone_stays_with_its_reason_and_cannot_be_changed(childrens_sector, partnership_lead):
    dropped = services.drop_milestone(childrens_sector, by=partnership_lead, reason="It is now part of the supervision milestone.")
    assert (dropped.status, dropped.dropped_reason) == (Milestone.Status.DROPPED, "It is now part of the supervision milestone.")
    assert Milestone.objects.filter(pk=dropped.pk).exists()
    with pytest.raises(Refused, match="dropped"):
        services.change_milestone(dropped, by=partnership_lead, title="Another title", description="", sector=Sector.CHILDRENS_SOCIAL_CARE)
    with pytest.raises(Refused, match="dropped"):
        services.mark_reached(dropped, by=partnership_lead, reached_on=in_days(0))


def test_a_change_says_in_the_history_what_changed(whole_system, partnership_lead):
    services.change_milestone(
        whole_system,
        by=partnership_lead,
        title=whole_system.title,
        description="Every partner knows the plan, and it fits on two pages.",
        sector=Sector.HEALTH,
        domains=whole_system.domains,
        principles=whole_system.principles,
    )
    change = queries.history(whole_system)[-1]
    assert (change.kind, change.note) == ("changed", "Changed what it means and who it is for.")


def test_saving_a_milestone_unchanged_adds_nothing_to_its_history(whole_system, partnership_lead):
    services.change_milestone(
        whole_system,
        by=partnership_lead,
        title=whole_system.title,
        description=whole_system.description,
        domains=whole_system.domains,
        principles=whole_system.principles,
    )
    assert kinds(whole_system) == ["added"]


def test_an_unknown_area_principle_or_sector_is_refused_with_what_to_do(recovery, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.add_milestone(
            recovery,
            by=partnership_lead,
            title="A milestone",
            description="What it means.",
            due_on=in_days(5),
            sector="space",
            domains=["not-an-area"],
            principles=["speed"],
        )
    assert refused.value.message_dict == {"sector": [rules.NOT_A_SECTOR], "domains": [rules.NOT_A_DOMAIN], "principles": [rules.NOT_A_PRINCIPLE]}
    assert not Milestone.objects.exists()


def test_the_words_and_date_are_checked_by_the_same_rules_as_the_form(recovery, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.add_milestone(recovery, by=partnership_lead, title="  ", description="x" * 2001, due_on=None)
    assert refused.value.message_dict == {
        "title": [rules.TITLE.required_message],
        "description": [rules.DESCRIPTION.too_long_message],
        "due_on": [rules.DUE_ON.required_message],
    }


def test_a_closed_programme_keeps_its_roadmap_as_it_is(recovery, partnership_lead):
    recovery.is_open = False
    recovery.save()
    with pytest.raises(ValidationError) as refused:
        services.add_milestone(recovery, by=partnership_lead, title="Late addition", description="What it means.", due_on=in_days(5))
    assert refused.value.message_dict == {"programme": [rules.PROGRAMME_CLOSED]}


def test_the_audit_log_names_a_milestone_by_its_title_and_date(whole_system):
    line = AuditEvent.objects.filter(object_type="programme.milestone", action=AuditEvent.Action.CREATE).get()
    assert line.object_label.startswith("A shared plan agreed by every partner, for ")


def test_the_next_milestones_are_the_open_ones_soonest_first_a_passed_date_still_open_included(every_kind, recovery, partnership_lead):
    services.mark_reached(every_kind["whole_system"], by=partnership_lead, reached_on=in_days(0))
    services.move_milestone(every_kind["health_sector"], by=partnership_lead, due_on=in_days(20), reason="The letters go out with the new term.")
    services.add_milestone(recovery, by=partnership_lead, title="Already past", description="What it means.", due_on=in_days(-3))

    found = queries.next_milestones(recovery)

    assert [m.title for m in found] == [
        "Already past",
        "One shared welcome letter from health visitors",
        "Supervision keeps time to reflect on the work",
        "Every child's plan written with the family",
        "Every clinic has a calm waiting area",
    ]
    assert found[0].date_has_passed
    assert len(queries.next_milestones(recovery, limit=2)) == 2


def test_no_workstream_actions_are_linked_until_the_work_part_has_them(whole_system):
    assert queries.actions_for(whole_system) == []


def test_the_history_is_kept_in_the_order_it_happened(own_milestone, organisation_lead):
    services.move_milestone(own_milestone, by=organisation_lead, due_on=in_days(140), reason="Families asked to help write it.")
    services.mark_reached(own_milestone, by=organisation_lead, reached_on=in_days(0))
    assert kinds(own_milestone) == ["added", "moved", "reached"]
    assert MilestoneChange.objects.filter(milestone=own_milestone).count() == 3
