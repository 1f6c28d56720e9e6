"""Bad input on every family form: a 400 with the error summary, every typed value kept, never a 500."""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from goldenthread.families import services
from goldenthread.families.models import (
    ConsentAgreement,
    EmergencyAccess,
    Family,
    LawfulBasis,
    Part,
    RetentionRule,
)
from tests.family_fixtures import record_family

from .test_pages_support import (
    REASON,
    agree,
    new_family_data,
    signed_in,
    story_data,
    url,
)


def page_text(response):
    return unescape(response.content.decode())


def assert_shown_with_errors(response, *messages, kept=()):
    body = page_text(response)
    assert response.status_code == 400, body[:400]
    assert "There is a problem" in body
    assert "<title>Error: " in body
    for message in messages:
        assert message in body
    for value in kept:
        assert value in body


@pytest.fixture
def lead(practitioner):
    return signed_in(practitioner)


# Search and joining ---------------------------------------------------------------------------------


def test_an_empty_search_says_what_to_enter(champion):
    response = signed_in(champion).post(url("search"), {})

    assert_shown_with_errors(response, "Enter the family name, or the child's first name and date of birth")


def test_a_first_name_without_a_date_of_birth_asks_for_it_and_keeps_the_name(champion):
    response = signed_in(champion).post(url("search"), {"child_first_name": "Rowan"})

    assert_shown_with_errors(response, "Enter the child's date of birth as well as their first name", kept=['value="Rowan"'])


def test_an_impossible_date_of_birth_is_explained(champion):
    response = signed_in(champion).post(
        url("search"), {"child_first_name": "Rowan", "child_date_of_birth_0": "31", "child_date_of_birth_1": "2", "child_date_of_birth_2": "2019"}
    )

    assert_shown_with_errors(response, "Enter a real date", kept=['value="31"'])


def test_a_huge_search_is_refused_calmly(champion):
    response = signed_in(champion).post(url("search"), {"family_name": "x" * 5000})

    assert_shown_with_errors(response, "Family name must be 150 characters or fewer")


def test_asking_to_join_needs_a_reason(champion, family):
    response = signed_in(champion).post(url("ask-to-join", family.public_id), {"organisation": str(family.recording_organisation.public_id), "reason": "   "})

    assert_shown_with_errors(response, "Say why you need to join the team around this family")


def test_asking_to_join_for_an_organisation_you_are_not_in_is_refused(champion, family, community_health):
    response = signed_in(champion).post(
        url("ask-to-join", family.public_id), {"organisation": str(community_health.public_id), "reason": "I would like to help"}
    )

    assert_shown_with_errors(response, "Choose one of your organisations from the list", kept=["I would like to help"])


# A new family ------------------------------------------------------------------------------------------


@pytest.fixture
def after_search(champion):
    browser = signed_in(champion)
    browser.post(url("search"), {"family_name": "Ashgrove"})
    return browser


def test_a_new_family_with_nothing_filled_in_says_what_is_needed(after_search, childrens_services):
    response = after_search.post(url("new"), {"organisation": str(childrens_services.public_id)})

    assert_shown_with_errors(
        response,
        "Enter how the family would like to be known",
        "Choose the lawful basis for holding the record",
        "Say why this lawful basis applies",
        "Enter their first name",
        "Choose who they are in the family",
    )
    assert not Family.objects.exists()


def test_a_half_filled_person_row_is_explained_and_everything_typed_is_kept(after_search, childrens_services):
    data = new_family_data(childrens_services, **{"person-3-last_name": "Ashgrove-Lee", "person-3-pronouns": "he/him"})

    response = after_search.post(url("new"), data)

    assert_shown_with_errors(
        response,
        "Enter a first name for person 3, or clear their row",
        "Choose who person 3 is in the family",
        kept=['value="The Ashgrove family (fictional)"', 'value="Ashgrove-Lee"', 'value="he/him"', "Concerns raised by school (fictional)", 'value="Lee"'],
    )
    assert f'value="{LawfulBasis.SAFEGUARDING}" checked' in response.content.decode()


def test_a_new_family_refuses_an_unknown_lawful_basis_and_an_organisation_not_yours(after_search, childrens_services, community_health):
    data = new_family_data(childrens_services, lawful_basis="because-i-said-so")
    data["organisation"] = str(community_health.public_id)

    response = after_search.post(url("new"), data)

    assert_shown_with_errors(response, "Choose one of the lawful bases listed", "Choose one of your organisations from the list")


def test_a_date_of_birth_in_the_future_is_refused_by_the_service_and_shown(after_search, childrens_services):
    future = timezone.localdate() + timedelta(days=400)
    data = new_family_data(
        childrens_services,
        **{"person-1-date_of_birth_0": str(future.day), "person-1-date_of_birth_1": str(future.month), "person-1-date_of_birth_2": str(future.year)},
    )

    response = after_search.post(url("new"), data)

    assert_shown_with_errors(response, "The date must be today or in the past")


def test_html_and_sql_like_names_are_kept_as_text(after_search, childrens_services):
    name = "<script>alert(1)</script> Robert'); DROP TABLE families;--"

    response = after_search.post(url("new"), new_family_data(childrens_services, family_name=name, lawful_basis=""))

    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert name in page_text(response)


# The story ----------------------------------------------------------------------------------------------


def test_an_empty_story_says_what_to_write(lead, family):
    response = lead.post(url("add-story", family.public_id), {"story": "", "who_was_there": "Marnie", "how_agreed": ""})

    assert_shown_with_errors(
        response,
        "Write the family's story, in their words",
        "Enter the date the story was told",
        "Say how the family agreed to the story being recorded",
        kept=['value="Marnie"'],
    )


def test_a_story_told_in_the_future_is_refused(lead, family):
    future = timezone.localdate() + timedelta(days=3)

    response = lead.post(url("add-story", family.public_id), story_data(told_on_0=future.day, told_on_1=future.month, told_on_2=future.year))

    assert_shown_with_errors(response, "The date must be today or in the past", kept=["Marnie told us about the move"])


def test_a_story_that_is_too_long_is_kept_and_explained(lead, family):
    response = lead.post(url("add-story", family.public_id), story_data(story="Ü" * 20001))

    assert_shown_with_errors(response, "must be 20,000 characters or fewer")
    assert "Ü" * 100 in page_text(response)


def test_a_story_edit_without_its_version_is_refused_without_saving(lead, family):
    entry = family.story_entries.first()

    response = lead.post(url("edit-story", family.public_id, entry.public_id), story_data(version="not-a-number"))

    entry.refresh_from_db()
    assert_shown_with_errors(response, "Go back to the record and try again", kept=["Marnie told us about the move"])
    assert not entry.story.startswith("Marnie told us")


def test_a_hidden_null_character_is_refused(lead, family):
    response = lead.post(url("add-story", family.public_id), story_data(story="Marnie\x00 said"))

    assert_shown_with_errors(response, "contains a character we cannot store")


def test_an_unknown_story_entry_is_not_found(lead, family):
    assert lead.get(f"/families/{family.public_id}/story/7b0c2b4e-0000-4000-8000-000000000000/edit/").status_code == 404


# People, profiles, chronology -----------------------------------------------------------------------------


def test_a_person_needs_a_first_name_and_who_they_are(lead, family):
    response = lead.post(url("add-person", family.public_id), {"last_name": "Brightwater", "role_in_family": "pet"})

    assert_shown_with_errors(response, "Enter their first name", "Choose who they are in the family from the list", kept=['value="Brightwater"'])


def test_an_empty_profile_asks_for_at_least_one_part(lead, family, wrenna):
    response = lead.post(url("edit-profile", family.public_id, wrenna.public_id), {"written_with": "Wrenna and Riley", "version": str(wrenna.profile.version)})

    assert_shown_with_errors(response, "Write at least one part of the profile", kept=['value="Wrenna and Riley"'])


def test_a_profile_for_someone_in_another_family_is_not_found(lead, family, wrenna, practitioner, childrens_services):
    other = record_family(practitioner, childrens_services)

    assert lead.get(url("profile", family.public_id, other.people.first().public_id)).status_code == 404


def test_a_chronology_event_needs_its_date_and_meaning(lead, family):
    response = lead.post(url("add-chronology", family.public_id), {"what_happened": "A hospital visit"})

    assert_shown_with_errors(response, "Enter the date it happened", "Say what it meant for the child or young person", kept=["A hospital visit"])


def test_a_chronology_event_in_the_future_is_refused(lead, family):
    future = timezone.localdate() + timedelta(days=10)

    response = lead.post(
        url("add-chronology", family.public_id),
        {
            "occurred_on_0": future.day,
            "occurred_on_1": future.month,
            "occurred_on_2": future.year,
            "what_happened": "Planned move",
            "meaning_for_child": "Unknown yet",
        },
    )

    assert_shown_with_errors(response, "The date must be today or in the past", kept=["Planned move"])


# Team and consent -------------------------------------------------------------------------------------------


def test_choosing_a_lead_who_is_not_in_the_team_is_refused(lead, family, trainer):
    response = lead.post(url("make-lead", family.public_id), {"member": str(trainer.public_id)})

    assert_shown_with_errors(response, "Choose someone from the team")


def test_a_join_decision_that_is_neither_accept_nor_decline_changes_nothing(lead, family, champion):
    join = services.request_to_join(family, by=champion, organisation=family.recording_organisation, reason="Family support")

    response = lead.post(url("decide-join-request", family.public_id, join.public_id), {"decision": "maybe"})

    join.refresh_from_db()
    assert response.status_code == 302
    assert join.status == "waiting"


def test_an_agreement_needs_parts_who_and_how(lead, family, community_health):
    response = lead.post(url("record-consent", family.public_id), {"organisation": str(community_health.public_id), "given_by": "someone-else"})

    assert_shown_with_errors(
        response,
        "Choose at least one part of the record",
        "Enter the date the agreement starts",
        "Enter the name of the person who gave the agreement",
        "Choose how the agreement was given",
    )
    assert f'value="{community_health.public_id}" selected' in response.content.decode()


def test_an_agreement_that_ends_before_it_starts_is_refused(lead, family, community_health):
    today = timezone.localdate()
    earlier = today - timedelta(days=3)

    response = lead.post(
        url("record-consent", family.public_id),
        {
            "organisation": str(community_health.public_id),
            "parts": [Part.STORY],
            "valid_from_0": today.day,
            "valid_from_1": today.month,
            "valid_from_2": today.year,
            "valid_until_0": earlier.day,
            "valid_until_1": earlier.month,
            "valid_until_2": earlier.year,
            "given_by": "someone-else",
            "given_by_name": "Aunt Mo (fictional)",
            "method": "phone",
        },
    )

    assert_shown_with_errors(response, "The end date must be the same as or after the start date", kept=['value="Aunt Mo (fictional)"'])
    assert not ConsentAgreement.objects.exists()


def test_an_agreement_for_the_recording_organisation_or_unknown_parts_is_refused(lead, family):
    response = lead.post(
        url("record-consent", family.public_id),
        {"organisation": str(family.recording_organisation.public_id), "parts": ["everything"], "given_by": "nobody", "method": "telepathy"},
    )

    assert_shown_with_errors(
        response,
        "Choose an organisation from the list",
        "Choose parts of the record from the list",
        "Choose who gave the agreement from the list",
        "Choose how the agreement was given from the list",
    )


def test_a_withdrawal_note_that_is_too_long_is_kept_and_explained(lead, family, practitioner, community_health):
    consent = agree(family, community_health, [Part.STORY], by=practitioner)

    response = lead.post(url("withdraw-consent", family.public_id, consent.public_id), {"withdrawal_note": "n" * 501})

    consent.refresh_from_db()
    assert_shown_with_errors(response, "must be 500 characters or fewer")
    assert consent.withdrawn_at is None


# Emergency, review, retention ---------------------------------------------------------------------------------


def test_an_emergency_reason_must_say_enough(champion, family):
    browser = signed_in(champion)

    empty = browser.post(url("emergency", family.public_id), {"reason": ""})
    short = browser.post(url("emergency", family.public_id), {"reason": "Worried"})

    assert_shown_with_errors(empty, "Say why you need to open this record now")
    assert_shown_with_errors(short, "at least 20 characters", kept=["Worried"])
    assert not EmergencyAccess.objects.exists()


def test_not_justified_needs_a_note(data_protection_lead, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    browser = signed_in(data_protection_lead)

    missing = browser.post(url("review", emergency.public_id), {"outcome": "not-justified"})
    unknown = browser.post(url("review", emergency.public_id), {"outcome": "fine"})

    assert_shown_with_errors(missing, "Say why it was not justified")
    assert_shown_with_errors(unknown, "Choose justified or not justified")
    emergency.refresh_from_db()
    assert emergency.review == "waiting"


@pytest.mark.parametrize(
    "years, message",
    [
        ("", "Enter how many years"),
        ("six", "Enter the number of years as a whole number"),
        ("0", "Enter at least 1 year"),
        ("1000", "Enter 100 years or fewer"),
    ],
)
def test_a_retention_rule_needs_a_sensible_number_of_years(partnership_lead, years, message):
    response = signed_in(partnership_lead).post(url("retention"), {"years_after_closure": years, "outcome": "anonymise"})

    assert_shown_with_errors(response, message)
    assert not RetentionRule.objects.exists()


def test_a_retention_rule_needs_an_outcome(partnership_lead):
    response = signed_in(partnership_lead).post(url("retention"), {"years_after_closure": "6", "outcome": "shred"})

    assert_shown_with_errors(response, "Choose one of the options", kept=['value="6"'])
