"""The partnership's figures: counts that show a trend, and never a family, a name or anything anyone typed."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.core.tests.tokens import working_token
from goldenthread.partnership.models import Organisation, Sector
from goldenthread.supervision import queries, services
from goldenthread.supervision.models import AgreedAction, Session

from .test_services_support import acknowledged, arrange, ask, hold

TODAY = timezone.localdate()

THIS_MONTH_START = TODAY.replace(day=1)
LAST_MONTH_END = THIS_MONTH_START - timedelta(days=1)
NEXT_WEEK = TODAY + timedelta(days=7)


def month(day):
    return f"{day.year:04d}-{day.month:02d}"


def run(requester, facilitator, manager, *, held_on, kind=Session.Kind.GROUP_SUPERVISION, family=None, invitees=(), came=(), **record):
    """Ask for, arrange and hold one session, with the people who came."""
    asked = ask(requester, kind=kind, family=family, invitees=invitees)
    arrange(asked, requester, facilitator=facilitator, manager=manager)
    acknowledged(asked, facilitator)
    hold(asked, facilitator, held_on=held_on, **record)
    services.mark_attended(asked, by=facilitator, attended=[facilitator, *came])
    return asked


@pytest.fixture
def a_year_of_sessions(practitioner, other_agency_practitioner, organisation_lead):
    """Two group supervisions and a learning conversation this month and last; one long ago; one cancelled; one only asked for."""
    run(practitioner, practitioner, organisation_lead, held_on=THIS_MONTH_START, invitees=[other_agency_practitioner], came=[other_agency_practitioner])
    run(practitioner, practitioner, organisation_lead, held_on=LAST_MONTH_END)
    run(
        practitioner,
        practitioner,
        organisation_lead,
        held_on=LAST_MONTH_END,
        kind=Session.Kind.LEARNING_CONVERSATION,
        invitees=[other_agency_practitioner],
        came=[other_agency_practitioner],
        themes=["information-sharing", "timeliness"],
    )
    run(practitioner, practitioner, organisation_lead, held_on=THIS_MONTH_START, kind=Session.Kind.LEARNING_CONVERSATION, themes=["information-sharing"])
    run(practitioner, practitioner, organisation_lead, held_on=TODAY - timedelta(days=800), themes=["transitions"])
    cancelled = ask(practitioner)
    services.cancel_session(cancelled, by=practitioner, reason="Not needed")
    ask(practitioner)


def counts(found):
    return {(row.month, row.kind): row.sessions for row in found.sessions_by_month if row.sessions}


def test_sessions_held_are_counted_by_kind_and_month(a_year_of_sessions):
    found = queries.figures()
    assert found.sessions_total == 4
    assert counts(found) == {
        (month(TODAY), Session.Kind.GROUP_SUPERVISION): 1,
        (month(TODAY), Session.Kind.LEARNING_CONVERSATION): 1,
        (month(LAST_MONTH_END), Session.Kind.GROUP_SUPERVISION): 1,
        (month(LAST_MONTH_END), Session.Kind.LEARNING_CONVERSATION): 1,
    }
    assert len(found.months) == 12 and found.months[-1] == month(TODAY)
    assert len(found.sessions_by_month) == 24


def test_a_longer_period_reaches_older_sessions(a_year_of_sessions):
    assert queries.figures(months=30).sessions_total == 5
    assert queries.figures(months=1).sessions_total == 2


@pytest.mark.parametrize("months", [0, -5, 10_000, "twelve", None])
def test_odd_periods_are_kept_within_bounds(months, db):
    found = queries.figures(months=months)
    assert 1 <= len(found.months) <= queries.MAX_FIGURE_MONTHS


def test_agencies_and_sectors_taking_part_are_counted_from_who_came(a_year_of_sessions):
    found = queries.figures()
    assert [(a.organisation, a.sector_label, a.sessions) for a in found.agencies] == [
        ("Riverbend Children's Services", "Children's social care", 4),
        ("Riverbend Community Health", "Health", 2),
    ]
    assert {(s.sector, s.organisations, s.sessions) for s in found.sectors} == {
        (Sector.CHILDRENS_SOCIAL_CARE, 1, 4),
        (Sector.HEALTH, 1, 2),
    }


def test_the_most_common_themes_come_first_with_their_months(a_year_of_sessions):
    found = queries.figures()
    assert [(t.code, t.sessions) for t in found.themes] == [("information-sharing", 2), ("timeliness", 1)]
    sharing = found.themes[0]
    assert sharing.name == "Sharing information between agencies"
    assert sharing.by_month[month(TODAY)] == 1 and sharing.by_month[month(LAST_MONTH_END)] == 1


def test_the_share_of_actions_done_on_time(practitioner, other_agency_practitioner, organisation_lead):
    held = run(practitioner, practitioner, organisation_lead, held_on=LAST_MONTH_END, invitees=[other_agency_practitioner], came=[other_agency_practitioner])
    actions = [services.add_action(held, by=practitioner, description=f"AgreedAction {n}", owner=other_agency_practitioner, due_on=NEXT_WEEK) for n in range(5)]
    on_time, late, still_open, cancelled, proposed = actions
    services.complete_action(on_time, by=other_agency_practitioner, note="Done")
    services.complete_action(late, by=other_agency_practitioner, note="Done")
    services.cancel_action(cancelled, by=practitioner, reason="Not needed")
    AgreedAction.objects.filter(pk=proposed.pk).update(status=AgreedAction.Status.PROPOSED)
    due = TODAY - timedelta(days=3)
    AgreedAction.objects.filter(pk__in=[a.pk for a in actions]).update(due_on=due)
    AgreedAction.objects.filter(pk=on_time.pk).update(completed_on=due - timedelta(days=1))
    AgreedAction.objects.filter(pk=late.pk).update(completed_on=due + timedelta(days=2))

    found = queries.figures()
    assert (found.actions_due, found.actions_done_on_time, found.actions_done_late) == (3, 1, 1)
    assert found.on_time_share == pytest.approx(0.333)
    assert still_open.pk in AgreedAction.objects.filter(status=AgreedAction.Status.OPEN).values_list("pk", flat=True)


def test_with_nothing_due_the_share_is_left_empty(db):
    found = queries.figures()
    assert found.on_time_share is None
    assert found.sessions_total == 0
    assert "Share of actions done on time,,All,," in queries.figures_csv(found)


# --- nothing about a family, ever -----------------------------------------------------------

PLANTED = {
    "situation_reference": "QZV-REFERENCE",
    "purpose": "QZV-PURPOSE about Wrenna",
    "location": "QZV-LOCATION 1 Example Row",
    "meaning_for_child": "QZV-MEANING",
    "impact": "QZV-IMPACT",
    "informs_risk": "QZV-RISK",
    "reflected_in_planning": "QZV-PLANNING",
    "going_well": "QZV-GOING-WELL",
    "risks_and_needs": "QZV-NEEDS",
    "safety_plan": "QZV-SAFETY-PLAN",
    "helping": "QZV-HELPING",
    "getting_in_the_way": "QZV-IN-THE-WAY",
    "own_themes": "QZV-OWN-THEME",
}


@pytest.fixture
def planted(family, practitioner, other_agency_practitioner, champion, organisation_lead, community_health):
    """A learning conversation about the Brightwater family with a distinctive string in every free-text field."""
    conversation = ask(
        practitioner,
        family=family,
        kind=Session.Kind.LEARNING_CONVERSATION,
        invitees=[other_agency_practitioner, champion],
        reference=PLANTED["situation_reference"],
        purpose=PLANTED["purpose"],
        location=PLANTED["location"],
    )
    arrange(conversation, practitioner, facilitator=practitioner, manager=organisation_lead)
    acknowledged(conversation, practitioner, other_agency_practitioner, champion, organisation_lead)
    recorded = {k: v for k, v in PLANTED.items() if k not in ("situation_reference", "purpose", "location")}
    hold(conversation, practitioner, held_on=TODAY, themes=["family-voice"], **recorded)
    services.mark_attended(conversation, by=practitioner, attended=[practitioner, other_agency_practitioner, champion])
    services.add_agency_commitment(conversation, by=practitioner, organisation=community_health, commitment="QZV-COMMITMENT")
    services.save_wellbeing_note(conversation, by=other_agency_practitioner, note="QZV-WELLBEING")
    done = services.add_action(conversation, by=practitioner, description="QZV-ACTION-DONE", owner=other_agency_practitioner, due_on=TODAY)
    services.complete_action(done, by=other_agency_practitioner, note="QZV-DONE-NOTE")
    services.add_action(conversation, by=practitioner, description="QZV-ACTION-PROPOSED", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True)
    services.add_to_chronology(conversation, by=practitioner, summary="QZV-CHRONOLOGY-SUMMARY", meaning_for_child="QZV-CHRONOLOGY-MEANING")
    return conversation


def forbidden(family):
    """Everything that could point to the family or the people: planted text, references, names, e-mails."""
    words = ["QZV", family.reference, "Brightwater", "Wrenna", "Marnie", "Example Row", str(family.public_id)]
    words += ["Riley", "Shah", "Casey", "Evans", "Jo Park", "Okafor", "@"]
    return words


def assert_reveals_nothing(text, family):
    for word in forbidden(family):
        assert word not in text, f"{word!r} reached the figures"


def test_the_figures_count_the_planted_session(planted):
    found = queries.figures()
    assert found.sessions_total == 1
    assert [t.code for t in found.themes] == ["family-voice"]
    assert found.actions_due == 1 and found.actions_done_on_time == 1


def test_the_figures_reveal_no_family_name_or_free_text(planted, family):
    found = queries.figures()
    assert_reveals_nothing(repr(found), family)
    assert_reveals_nothing(json.dumps(queries.figures_data(found)), family)


def test_the_csv_reveals_no_family_name_or_free_text(planted, family):
    text = queries.figures_csv(queries.figures())
    assert text.startswith("Measure,Month,Group,Sector,Value\r\n")
    assert "Riverbend Community Health" in text
    assert_reveals_nothing(text, family)


def test_the_api_reveals_no_family_name_or_free_text(planted, family, partnership_lead, client):
    _, key = working_token(partnership_lead, "Figures")
    for path in ("/api/v1/supervision/figures", "/api/v1/supervision/figures.csv"):
        response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200
        body = response.content.decode()
        assert "family-voice" in body or "Hearing the child" in body
        assert_reveals_nothing(body, family)


def test_a_cell_that_looks_like_a_formula_is_made_safe_in_the_csv(practitioner, organisation_lead, db):
    from goldenthread.partnership.models import Membership, Role

    risky = Organisation.objects.create(name="=HYPERLINK(1)", sector=Sector.HEALTH)
    Membership.objects.create(user=organisation_lead, organisation=risky, role=Role.PRACTITIONER)
    Membership.objects.filter(user=organisation_lead).exclude(organisation=risky).delete()
    run(practitioner, organisation_lead, organisation_lead, held_on=TODAY)
    text = queries.figures_csv(queries.figures())
    assert "'=HYPERLINK(1)" in text
    assert ",=HYPERLINK" not in text


def test_a_cell_starting_with_a_full_width_equals_sign_is_made_safe_in_the_csv(practitioner, organisation_lead, db):
    from goldenthread.partnership.models import Membership, Role

    risky = Organisation.objects.create(name="\uff1dHYPERLINK(1)", sector=Sector.HEALTH)  # ＝, as a Japanese keyboard types it
    Membership.objects.create(user=organisation_lead, organisation=risky, role=Role.PRACTITIONER)
    Membership.objects.filter(user=organisation_lead).exclude(organisation=risky).delete()
    run(practitioner, organisation_lead, organisation_lead, held_on=TODAY)
    text = queries.figures_csv(queries.figures())
    assert "'\uff1dHYPERLINK(1)" in text
    assert ",\uff1dHYPERLINK" not in text
