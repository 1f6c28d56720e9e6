"""The family pages, for every named person: who is let in, who is refused, what each page shows and logs.

Everyone signs in with two-step verification and has accepted the terms, unless a test says
otherwise. The shared fictional family is in test_pages_support.
"""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.families import access, menu, services
from goldenthread.families.models import (
    AccessLogEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    Part,
    RetentionRule,
    StoryEntry,
    TeamMember,
)

from .test_pages_support import (
    CONTACT,
    REASON,
    STORY,
    agree,
    family_urls,
    general_urls,
    new_family_data,
    signed_in,
    story_data,
    url,
)


def page_text(response):
    return unescape(response.content.decode())


# Signing in, two-step and the terms come first -------------------------------------------------


def test_people_not_signed_in_are_sent_to_sign_in_from_every_family_page(client, family, wrenna):
    story_entry = family.story_entries.first()
    for name, address in {**general_urls(), **family_urls(family, wrenna, story_entry)}.items():
        response = client.get(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("core:sign-in")), name


def test_a_practitioner_without_two_step_is_sent_to_set_it_up_before_any_family_page(practitioner, family, wrenna):
    browser = signed_in(practitioner, two_step=False)
    for name, address in {**general_urls(), **family_urls(family, wrenna, family.story_entries.first())}.items():
        response = browser.get(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("core:two-step-setup")), name


def test_a_practitioner_who_has_not_accepted_the_terms_is_asked_to_first(practitioner, family, wrenna):
    browser = signed_in(practitioner, terms=False)
    for name, address in {**general_urls(), **family_urls(family, wrenna, family.story_entries.first())}.items():
        response = browser.get(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("core:terms")), name


def test_every_family_page_tells_the_browser_not_to_keep_it(practitioner, family, wrenna):
    consent = agree(family, family.team.get(is_lead=False).organisation, [Part.STORY], by=practitioner)
    browser = signed_in(practitioner)
    for name, address in {**general_urls(), **family_urls(family, wrenna, family.story_entries.first(), consent)}.items():
        if name in ("new", "reviews", "retention"):
            continue
        response = browser.get(address)
        assert response.status_code in (200, 302), name
        assert response["Cache-Control"] == "no-store", name


def test_family_page_addresses_carry_no_names(practitioner, family, wrenna):
    consent = agree(family, family.team.get(is_lead=False).organisation, [Part.STORY], by=practitioner)
    for address in family_urls(family, wrenna, family.story_entries.first(), consent).values():
        for name in ("Brightwater", "Wrenna", "Marnie", "brookfield", "wrenna"):
            assert name not in address
    browser = signed_in(practitioner)
    body = page_text(browser.get(url("overview", family.public_id)))
    assert 'href="/families/' in body
    for link in [part.split('"')[0] for part in body.split('href="/families/')[1:]]:
        assert "Brightwater" not in link and "Wrenna" not in link


# Your families --------------------------------------------------------------------------------


def test_your_families_lists_the_families_you_are_in_the_team_for(practitioner, family):
    response = signed_in(practitioner).get(url("your-families"))

    body = page_text(response)
    assert response.status_code == 200
    assert family.reference in body
    assert "The Brightwater family (fictional)" in body
    assert "Riley Shah, Riverbend Children's Services" in body
    assert "Riverbend Children's Services holds the record" in body
    assert "Find or add a family" in body


def test_your_families_is_empty_for_a_practitioner_in_no_team(champion, family):
    body = page_text(signed_in(champion).get(url("your-families")))

    assert family.reference not in body
    assert "You are not in the team around any family yet" in body


def test_another_agency_sees_why_it_can_see_a_family(other_agency_practitioner, practitioner, family, community_health):
    agree(family, community_health, [Part.STORY, Part.PROFILES], by=practitioner)

    body = page_text(signed_in(other_agency_practitioner).get(url("your-families")))

    assert "The family's agreement: the family's story, one-page profiles" in body


# Search before create --------------------------------------------------------------------------


def test_search_shows_only_the_reference_and_the_leads_organisation(champion, family):
    browser = signed_in(champion)

    response = browser.post(url("search"), {"family_name": "Brightwater family (fictional)"})

    body = page_text(response)
    assert response.status_code == 200
    assert family.reference in body
    assert "Riverbend Children's Services" in body
    assert STORY not in body and CONTACT not in body and "Wrenna" not in body
    assert f'href="{url("ask-to-join", family.public_id)}"' in body
    assert AccessLogEntry.objects.filter(family=family, user=champion, action="search").exists()


def test_search_by_the_childs_first_name_and_date_of_birth_finds_the_family(champion, family):
    response = signed_in(champion).post(
        url("search"), {"child_first_name": "wrenna", "child_date_of_birth_0": "4", "child_date_of_birth_1": "3", "child_date_of_birth_2": "2015"}
    )

    assert family.reference in page_text(response)


def test_a_search_that_finds_nobody_offers_to_add_a_new_family_with_the_terms_carried_over(champion):
    browser = signed_in(champion)

    searched = browser.post(
        url("search"),
        {"family_name": "Hollowmere", "child_first_name": "Ash", "child_date_of_birth_0": "1", "child_date_of_birth_1": "2", "child_date_of_birth_2": "2019"},
    )
    new_page = browser.get(url("new"))

    assert "No family matches this search" in page_text(searched)
    assert "None of these: add a new family" in page_text(searched)
    assert new_page.status_code == 200
    assert 'value="Hollowmere"' in new_page.content.decode()
    assert 'value="Ash"' in new_page.content.decode()


def test_adding_a_family_needs_a_search_first(practitioner):
    response = signed_in(practitioner).get(url("new"))

    assert response.status_code == 302
    assert response["Location"] == url("search")


def test_search_is_refused_to_people_who_do_no_casework(trainer, partnership_lead, data_protection_lead):
    for person in (trainer, partnership_lead, data_protection_lead):
        assert signed_in(person).get(url("search")).status_code == 403


def test_search_terms_never_reach_the_address_bar(champion, family):
    response = signed_in(champion).get(url("search") + "?family_name=Brightwater")

    assert family.reference not in page_text(response)


# A new family ------------------------------------------------------------------------------------


def test_a_practitioner_adds_a_new_family_and_becomes_its_lead(champion, childrens_services):
    browser = signed_in(champion)
    browser.post(url("search"), {"family_name": "Ashgrove"})

    response = browser.post(url("new"), new_family_data(childrens_services))

    family = Family.objects.get(family_name="The Ashgrove family (fictional)")
    assert response.status_code == 302
    assert response["Location"] == url("overview", family.public_id)
    assert TeamMember.objects.get(family=family, user=champion).is_lead
    people = {p.first_name: p for p in family.people.all()}
    assert set(people) == {"Ash", "Lee"}
    assert people["Ash"].is_focus and people["Ash"].pronouns == "they/them"
    assert not people["Lee"].is_focus
    assert browser.get(url("new")).status_code == 302  # the search is used up


def test_the_new_family_page_explains_each_lawful_basis(champion):
    browser = signed_in(champion)
    browser.post(url("search"), {"family_name": "Ashgrove"})

    body = page_text(browser.get(url("new")))

    assert "This can apply even when the family has not agreed." in body
    assert "separate from the family's agreement to share" in body
    assert body.count("(optional)") == 5


# The overview --------------------------------------------------------------------------------------


def test_the_lead_practitioner_sees_every_part_of_the_record(practitioner, family, wrenna):
    response = signed_in(practitioner).get(url("overview", family.public_id))

    body = page_text(response)
    assert response.status_code == 200
    assert "The Brightwater family (fictional)" in body
    assert STORY in body
    assert CONTACT in body
    assert "Moved house" in body and "Wrenna changed school" in body
    assert f'href="{url("profile", family.public_id, wrenna.public_id)}"' in body
    assert "Casey Evans" in body and "Lead practitioner" in body
    assert "not shared with you" not in body.lower().replace("not shared with you</td>", "")
    logged = set(AccessLogEntry.objects.filter(family=family, user=practitioner, action="view").values_list("part", flat=True))
    assert {Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT, access.HOUSEHOLD, access.TEAM} <= logged


def test_another_agency_without_agreement_sees_the_team_and_a_calm_explanation(other_agency_practitioner, family):
    response = signed_in(other_agency_practitioner).get(url("overview", family.public_id))

    body = page_text(response)
    assert response.status_code == 200
    assert STORY not in body and CONTACT not in body and "Moved house" not in body
    assert "The family has not agreed to share their story, one-page profiles, chronology and contact details with Riverbend Community Health." in body
    assert "the lead practitioner, Riley Shah (Riverbend Children's Services)" in body
    assert f'href="{url("emergency", family.public_id)}"' in body
    assert "Riley Shah" in body  # the team is visible to every team member
    refused = AccessLogEntry.objects.filter(family=family, user=other_agency_practitioner, basis="refused").values_list("part", flat=True)
    assert Part.STORY in set(refused)


def test_another_agency_sees_exactly_the_parts_the_family_agreed(other_agency_practitioner, practitioner, family, community_health):
    agree(family, community_health, [Part.STORY, Part.PROFILES], by=practitioner)

    body = page_text(signed_in(other_agency_practitioner).get(url("overview", family.public_id)))

    assert STORY in body
    assert "Wrenna" in body
    assert CONTACT not in body and "Moved house" not in body
    assert "The family has not agreed to share their chronology and contact details with Riverbend Community Health." in body


def test_withdrawing_the_agreement_hides_the_story_at_once(other_agency_practitioner, practitioner, family, community_health):
    consent = agree(family, community_health, [Part.STORY], by=practitioner)
    health = signed_in(other_agency_practitioner)
    assert STORY in page_text(health.get(url("overview", family.public_id)))

    signed_in(practitioner).post(url("withdraw-consent", family.public_id, consent.public_id), {"withdrawal_note": "Marnie asked by phone"})

    assert STORY not in page_text(health.get(url("overview", family.public_id)))


@pytest.mark.parametrize("person", ["trainer", "organisation_lead", "partnership_lead", "other_agency_lead", "data_protection_lead", "champion"])
def test_people_outside_the_team_are_refused_the_overview_whatever_their_role(request, person, family):
    user = request.getfixturevalue(person)

    response = signed_in(user).get(url("overview", family.public_id))

    body = page_text(response)
    assert response.status_code == 403
    assert "You are not in the team around this family" in body
    assert STORY not in body and "Brightwater" not in body
    assert AccessLogEntry.objects.filter(family=family, user=user, basis="refused").exists()


def test_an_unknown_family_is_not_found(practitioner):
    assert signed_in(practitioner).get("/families/7b0c2b4e-0000-4000-8000-000000000000/").status_code == 404
    assert signed_in(practitioner).get("/families/not-a-uuid/").status_code == 404


def test_the_lead_sees_waiting_requests_and_accepts_one(practitioner, champion, family, childrens_services):
    other = User.objects.create_user("lou.north@health.example", "a-long-test-password", full_name="Lou North")
    from goldenthread.partnership.models import Membership, Role

    Membership.objects.create(user=other, organisation=family.team.get(is_lead=False).organisation, role=Role.PRACTITIONER)
    join = services.request_to_join(family, by=other, organisation=family.team.get(is_lead=False).organisation, reason="School nurse for Wrenna")
    lead = signed_in(practitioner)

    overview = page_text(lead.get(url("overview", family.public_id)))
    refused = signed_in(champion).post(url("decide-join-request", family.public_id, join.public_id), {"decision": "accept"})
    accepted = lead.post(url("decide-join-request", family.public_id, join.public_id), {"decision": "accept"})

    assert "Lou North" in overview and "School nurse for Wrenna" in overview
    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert TeamMember.objects.filter(family=family, user=other, left_on__isnull=True).exists()


# Story, people, profiles, chronology ------------------------------------------------------------------


def test_the_lead_adds_to_the_story(practitioner, family):
    response = signed_in(practitioner).post(url("add-story", family.public_id), story_data())

    assert response.status_code == 302
    assert family.story_entries.filter(story__startswith="Marnie told us").exists()


def test_another_agency_without_agreement_cannot_add_to_the_story(other_agency_practitioner, family):
    browser = signed_in(other_agency_practitioner)

    assert browser.get(url("add-story", family.public_id)).status_code == 403
    assert browser.post(url("add-story", family.public_id), story_data()).status_code == 403
    assert not family.story_entries.filter(story__startswith="Marnie told us").exists()


def test_two_people_changing_the_story_at_once_lose_nothing(practitioner, family):
    entry = family.story_entries.first()
    browser = signed_in(practitioner)
    form_page = browser.get(url("edit-story", family.public_id, entry.public_id))
    assert f'name="version" value="{entry.version}"' in form_page.content.decode()
    services.update_story_entry(
        entry, by=practitioner, version=entry.version, story="Someone else's newer words.", who_was_there="Marnie", told_on=entry.told_on, how_agreed="Agreed"
    )

    response = browser.post(
        url("edit-story", family.public_id, entry.public_id), story_data(story="My careful changes to the story.", version=str(entry.version))
    )

    body = page_text(response)
    assert response.status_code == 409
    assert "Someone else saved this part of the story while you were writing" in body
    assert "Someone else's newer words." in body
    assert "My careful changes to the story." in body
    assert "<title>Error: " in body
    entry.refresh_from_db()
    assert entry.story == "Someone else's newer words."
    assert f'name="version" value="{entry.version}"' in response.content.decode()

    saved = browser.post(url("edit-story", family.public_id, entry.public_id), story_data(story="My careful changes to the story.", version=str(entry.version)))
    entry.refresh_from_db()
    assert saved.status_code == 302
    assert entry.story == "My careful changes to the story."


def test_the_profile_page_shows_the_profile_in_the_persons_words(practitioner, family, wrenna):
    response = signed_in(practitioner).get(url("profile", family.public_id, wrenna.public_id))

    body = page_text(response)
    assert "What people like and admire about me" in body and "Kind and funny" in body
    assert "My cat, Biscuit" in body


def test_profile_boxes_and_who_wrote_it_give_shared_language_feedback_as_people_type(practitioner, family, wrenna):
    body = signed_in(practitioner).get(url("edit-profile", family.public_id, wrenna.public_id)).content.decode()

    # the three boxes, and the line saying who wrote it with the child
    assert body.count(f'hx-post="{reverse("core:language-feedback")}"') == 4


def test_a_profile_edit_conflict_keeps_what_was_typed(practitioner, family, wrenna):
    browser = signed_in(practitioner)
    current = wrenna.profile.version
    services.save_profile(wrenna, by=practitioner, version=current, liked_and_admired="Newer words", important_to_me="", how_to_support_me="", written_with="")

    response = browser.post(
        url("edit-profile", family.public_id, wrenna.public_id),
        {"liked_and_admired": "My words", "important_to_me": "", "how_to_support_me": "", "written_with": "", "version": str(current)},
    )

    body = page_text(response)
    assert response.status_code == 409
    assert "Newer words" in body and "My words" in body


def test_a_family_member_reads_their_record_on_their_own_pages_and_never_on_the_teams(family_member, family, wrenna, family_client):
    marnie = family.people.get(first_name="Marnie")
    browser = family_client(family_member)

    for page in (url("overview", family.public_id), url("profile", family.public_id, marnie.public_id), url("profile", family.public_id, wrenna.public_id)):
        response = browser.get(page)
        assert response.status_code == 403 and 'href="/my-record/"' in page_text(response), page
        assert STORY not in page_text(response)

    story = page_text(browser.get(reverse("family_door:story")))
    about_me = browser.get(reverse("family_door:profile"))
    events = page_text(browser.get(reverse("family_door:chronology")))
    team = page_text(browser.get(reverse("family_door:team")))

    assert STORY in story
    assert about_me.status_code == 200 and "Kind and funny" not in page_text(about_me)  # Wrenna's profile is hers
    assert "Moved house" in events  # about the whole household
    assert CONTACT in team
    assert "open the record in an emergency" not in story


def test_the_lead_adds_and_changes_a_person(practitioner, family, wrenna):
    browser = signed_in(practitioner)

    added = browser.post(url("add-person", family.public_id), {"first_name": "Jay", "role_in_family": "sibling"})
    changed = browser.post(
        url("edit-person", family.public_id, wrenna.public_id), {"first_name": "Wrenna", "preferred_name": "Skye", "role_in_family": "child"}
    )

    wrenna.refresh_from_db()
    assert added.status_code == 302 and family.people.filter(first_name="Jay").exists()
    assert changed.status_code == 302 and wrenna.preferred_name == "Skye"
    assert wrenna.is_focus


def test_the_lead_adds_an_event_to_the_chronology_for_their_own_organisation(practitioner, family, childrens_services):
    day = timezone.localdate() - timedelta(days=2)

    response = signed_in(practitioner).post(
        url("add-chronology", family.public_id),
        {
            "occurred_on_0": day.day,
            "occurred_on_1": day.month,
            "occurred_on_2": day.year,
            "what_happened": "First day at new school",
            "meaning_for_child": "Wrenna was nervous, then happy",
        },
    )

    assert response.status_code == 302
    assert family.chronology.get(what_happened="First day at new school").organisation == childrens_services


def test_the_chronology_shows_newest_first(practitioner, family):
    services.add_chronology_entry(
        family,
        by=practitioner,
        occurred_on=timezone.localdate() - timedelta(days=1),
        what_happened="Started at the new school",
        meaning_for_child="A fresh start",
    )

    body = page_text(signed_in(practitioner).get(url("overview", family.public_id)))

    assert body.index("Started at the new school") < body.index("Moved house")


# The team ---------------------------------------------------------------------------------------------


def test_a_practitioner_asks_to_join_with_a_reason(champion, family):
    response = signed_in(champion).post(
        url("ask-to-join", family.public_id), {"organisation": str(family.recording_organisation.public_id), "reason": "Family support worker for Marnie"}
    )

    assert response.status_code == 302
    assert JoinRequest.objects.filter(family=family, user=champion, status="waiting").exists()


def test_a_team_member_leaves_the_team(other_agency_practitioner, family):
    browser = signed_in(other_agency_practitioner)

    confirm = browser.get(url("leave-team", family.public_id))
    left = browser.post(url("leave-team", family.public_id))

    assert "Leave the team around this family" in page_text(confirm)
    assert left.status_code == 302
    assert not TeamMember.objects.filter(family=family, user=other_agency_practitioner, left_on__isnull=True).exists()
    assert browser.get(url("overview", family.public_id)).status_code == 403


def test_the_lead_hands_the_lead_to_someone_else_and_others_cannot(practitioner, other_agency_practitioner, family):
    assert signed_in(other_agency_practitioner).get(url("make-lead", family.public_id)).status_code == 403

    response = signed_in(practitioner).post(url("make-lead", family.public_id), {"member": str(other_agency_practitioner.public_id)})

    assert response.status_code == 302
    assert TeamMember.objects.get(family=family, is_lead=True).user == other_agency_practitioner


# Consent ------------------------------------------------------------------------------------------------


def test_the_agreements_page_shows_each_agreement_and_how_it_stands(practitioner, other_agency_practitioner, family, community_health):
    today = timezone.localdate()
    agree(family, community_health, [Part.STORY], by=practitioner)
    agree(family, community_health, [Part.CONTACT], by=practitioner, valid_from=today + timedelta(days=5))
    agree(family, community_health, [Part.CHRONOLOGY], by=practitioner, valid_from=today - timedelta(days=30), valid_until=today - timedelta(days=1))
    services.withdraw_consent(agree(family, community_health, [Part.PROFILES], by=practitioner), by=practitioner)

    body = page_text(signed_in(practitioner).get(url("consents", family.public_id)))
    health_view = signed_in(other_agency_practitioner).get(url("consents", family.public_id))

    for state in ("Live", "Not yet", "Expired", "Withdrawn"):
        assert f">{state}</strong>" in body
    assert "Marnie Brightwater, in person, spoken" in body
    assert "Record a new agreement" in body
    assert health_view.status_code == 200
    assert "Record a new agreement" not in page_text(health_view)


def test_the_lead_records_an_agreement(practitioner, family, community_health):
    robin = family.people.get(first_name="Marnie")
    today = timezone.localdate()

    response = signed_in(practitioner).post(
        url("record-consent", family.public_id),
        {
            "organisation": str(community_health.public_id),
            "parts": [Part.STORY, Part.PROFILES],
            "valid_from_0": today.day,
            "valid_from_1": today.month,
            "valid_from_2": today.year,
            "given_by": str(robin.public_id),
            "method": ConsentAgreement.Method.IN_WRITING,
        },
    )

    agreement = ConsentAgreement.objects.get(family=family, organisation=community_health)
    assert response.status_code == 302
    assert sorted(agreement.parts) == sorted([Part.STORY, Part.PROFILES])
    assert agreement.given_by == robin


def test_another_agency_cannot_record_or_withdraw_agreements(other_agency_practitioner, practitioner, family, community_health):
    consent = agree(family, community_health, [Part.STORY], by=practitioner)
    browser = signed_in(other_agency_practitioner)

    assert browser.get(url("record-consent", family.public_id)).status_code == 403
    assert browser.post(url("withdraw-consent", family.public_id, consent.public_id)).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_withdrawing_asks_first_then_takes_effect_at_once(practitioner, family, community_health):
    consent = agree(family, community_health, [Part.STORY], by=practitioner)
    browser = signed_in(practitioner)

    confirm = page_text(browser.get(url("withdraw-consent", family.public_id, consent.public_id)))
    done = browser.post(url("withdraw-consent", family.public_id, consent.public_id), {"withdrawal_note": ""})

    consent.refresh_from_db()
    assert "takes effect at once" in confirm
    assert done.status_code == 302
    assert consent.withdrawn_at is not None


def test_a_family_member_withdraws_their_own_agreement_on_their_own_pages(family_member, practitioner, family, community_health, family_client):
    consent = agree(family, community_health, [Part.STORY], by=practitioner)
    browser = family_client(family_member)

    on_the_teams_page = browser.post(url("withdraw-consent", family.public_id, consent.public_id), {"withdrawal_note": "I changed my mind"})
    consent.refresh_from_db()
    assert on_the_teams_page.status_code == 403 and consent.withdrawn_at is None

    response = browser.post(reverse("family_door:withdraw", args=[consent.public_id]), {})

    consent.refresh_from_db()
    assert response.status_code == 302
    assert consent.withdrawn_at is not None


# Emergency access and its review ------------------------------------------------------------------------


def test_emergency_access_explains_itself_and_opens_the_record_for_a_short_time(champion, family):
    browser = signed_in(champion)

    page = page_text(browser.get(url("emergency", family.public_id)))
    response = browser.post(url("emergency", family.public_id), {"reason": REASON})
    overview = page_text(browser.get(url("overview", family.public_id)))

    assert "You will see the whole record for 2 hours" in page
    assert "recorded" in page and "reviews every emergency access" in page
    assert response.status_code == 302
    assert STORY in overview and "emergency safeguarding access until" in overview
    assert EmergencyAccess.objects.get(family=family, user=champion).review == "waiting"


def test_the_data_protection_lead_reviews_emergency_access(data_protection_lead, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    browser = signed_in(data_protection_lead)

    listed = page_text(browser.get(url("reviews")))
    form = browser.get(url("review", emergency.public_id))
    reviewed = browser.post(url("review", emergency.public_id), {"outcome": "justified", "review_note": ""})

    emergency.refresh_from_db()
    assert REASON in listed and "Jo Park" in listed and family.reference in listed
    assert STORY not in listed
    assert form.status_code == 200
    assert reviewed.status_code == 302
    assert emergency.review == "justified"


@pytest.mark.parametrize("person", ["practitioner", "organisation_lead", "partnership_lead", "trainer"])
def test_only_the_data_protection_lead_reviews_emergency_access(request, person, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    browser = signed_in(request.getfixturevalue(person))

    assert browser.get(url("reviews")).status_code == 403
    assert browser.get(url("review", emergency.public_id)).status_code == 403


# Retention -----------------------------------------------------------------------------------------------


def test_the_partnership_admin_sets_the_retention_rule(partnership_lead):
    browser = signed_in(partnership_lead)

    page = browser.get(url("retention"))
    saved = browser.post(url("retention"), {"years_after_closure": "8", "outcome": "erase"})

    assert page.status_code == 200
    assert saved.status_code == 302
    rule = RetentionRule.objects.get()
    assert (rule.years_after_closure, rule.outcome) == (8, "erase")


@pytest.mark.parametrize("person", ["practitioner", "organisation_lead", "data_protection_lead", "trainer"])
def test_only_the_partnership_admin_sets_retention(request, person):
    assert signed_in(request.getfixturevalue(person)).get(url("retention")).status_code == 403


# The family's view of access, and exports ------------------------------------------------------------------


def test_the_access_account_lists_who_looked_and_why(practitioner, other_agency_practitioner, family):
    signed_in(other_agency_practitioner).get(url("overview", family.public_id))

    response = signed_in(practitioner).get(url("access-account", family.public_id))

    body = page_text(response)
    assert response.status_code == 200
    assert "Casey Evans" in body and "Riley Shah" in body
    assert "not allowed" in body
    assert f'href="{url("access-account-pdf", family.public_id)}"' in body


def test_the_family_member_sees_who_looked_on_their_own_pages_not_the_teams_access_account(family_member, family, family_client):
    browser = family_client(family_member)

    assert browser.get(url("access-account", family.public_id)).status_code == 403
    assert browser.get(url("access-account-pdf", family.public_id)).status_code == 403
    assert browser.get(reverse("family_door:who-looked")).status_code == 200


def test_another_agency_cannot_see_the_access_account_or_export_the_record(other_agency_practitioner, family):
    browser = signed_in(other_agency_practitioner)

    assert browser.get(url("access-account", family.public_id)).status_code == 403
    assert browser.get(url("access-account-pdf", family.public_id)).status_code == 403


def test_the_lead_downloads_the_record_and_the_account(practitioner, family):
    browser = signed_in(practitioner)

    as_json = browser.get(url("export-json", family.public_id))
    as_pdf = browser.get(url("export-pdf", family.public_id))
    account = browser.get(url("access-account-pdf", family.public_id))

    assert as_json.status_code == 200 and as_json["Content-Type"].startswith("application/json")
    assert STORY in as_json.content.decode()
    assert as_pdf.content.startswith(b"%PDF") and account.content.startswith(b"%PDF")
    assert family.reference in as_json["Content-Disposition"] and "Brightwater" not in as_json["Content-Disposition"]
    for response in (as_json, as_pdf, account):
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("person", ["trainer", "partnership_lead", "organisation_lead"])
def test_exports_are_refused_outside_the_team(request, person, family):
    browser = signed_in(request.getfixturevalue(person))

    assert browser.get(url("export-json", family.public_id)).status_code == 403
    assert browser.get(url("export-pdf", family.public_id)).status_code == 403


# The menu and the home page ------------------------------------------------------------------------------------


def test_the_menu_shows_families_to_people_who_work_with_families(practitioner, trainer, partnership_lead, data_protection_lead):
    assert ("Families", url("your-families")) in menu.navigation(practitioner)
    assert ("Families", url("your-families")) in menu.navigation(trainer)
    assert menu.navigation(partnership_lead) == []
    assert menu.navigation(data_protection_lead) == []


def test_the_home_page_counts_families_waiting_requests_and_ending_agreements(practitioner, champion, family, community_health):
    services.request_to_join(family, by=champion, organisation=family.recording_organisation, reason="Family support for Marnie")
    agree(family, community_health, [Part.STORY], by=practitioner, valid_until=timezone.localdate() + timedelta(days=10))

    card = next(card for card in menu.home_cards(practitioner) if card["title"] == "Your families")

    assert "1 family" in card["text"]
    assert "1 request to join a team is waiting for your decision" in card["extra"]
    assert "1 family agreement to share ends in the next 30 days" in card["extra"]


def test_the_data_protection_lead_and_the_admin_have_their_own_home_cards(data_protection_lead, partnership_lead, champion, family):
    services.start_emergency_access(family, by=champion, reason=REASON)

    review_card = next(card for card in menu.home_cards(data_protection_lead) if card["title"] == "Emergency access to review")
    retention_titles = [card["title"] for card in menu.home_cards(partnership_lead)]

    assert review_card["text"].startswith("1 emergency access ")
    assert "How long family records are kept" in retention_titles
    assert StoryEntry.objects.exists()


def test_every_family_address_is_behind_the_safeguards(client, family, wrenna, practitioner, champion):
    """Walk the URL list itself, so a page added later without the safeguards is caught."""
    from goldenthread.families import urls as family_urls_module

    consent = agree(family, family.team.get(is_lead=False).organisation, [Part.STORY], by=practitioner)
    join = services.request_to_join(family, by=champion, organisation=family.recording_organisation, reason="Family support")
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    values = {
        "family_id": family.public_id,
        "entry_id": family.story_entries.first().public_id,
        "person_id": wrenna.public_id,
        "request_id": join.public_id,
        "consent_id": consent.public_id,
        "access_id": emergency.public_id,
    }
    for pattern in family_urls_module.urlpatterns:
        kwargs = {name: values[name] for name in pattern.pattern.converters}
        address = reverse(f"families:{pattern.name}", kwargs=kwargs)
        for response in (client.get(address), client.post(address)):
            assert response.status_code == 302, pattern.name
            assert response["Location"].startswith(reverse("core:sign-in")), pattern.name


def test_the_overview_needs_the_same_number_of_queries_however_long_the_record(practitioner, family):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = signed_in(practitioner)
    browser.get(url("overview", family.public_id))
    with CaptureQueriesContext(connection) as before:
        browser.get(url("overview", family.public_id))
    for number in range(5):
        services.add_person(family, by=practitioner, first_name=f"Cousin {number}", role_in_family="other")
        services.add_story_entry(family, by=practitioner, story=f"Part {number}", who_was_there="Marnie", told_on=timezone.localdate(), how_agreed="Agreed")
        services.add_chronology_entry(family, by=practitioner, occurred_on=timezone.localdate(), what_happened=f"Event {number}", meaning_for_child="Something")
    with CaptureQueriesContext(connection) as after:
        browser.get(url("overview", family.public_id))

    assert len(after.captured_queries) == len(before.captured_queries)
    assert len(after.captured_queries) <= 25
