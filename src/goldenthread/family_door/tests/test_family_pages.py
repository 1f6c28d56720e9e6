"""Marnie's own pages: each shows her own record, never another family's or another person's parts, and every
form reaches the family door's services (bad input comes back with a message and status 400)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.families import access
from goldenthread.families import services as family_services
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, OnePageProfile, Part, StoryEntry
from goldenthread.family_door import services
from goldenthread.family_door.models import Question, ShareRequest, Suggestion, Waiting
from tests.family_fixtures import CHRONOLOGY, CONTACT, PROFILE_TEXT, STORY, record_family

from .family_side import marnie, marnie_person, own_words_faults, signed_in_at_the_door, text_of  # noqa: F401

PAGES = ("home", "story", "suggest-story", "profile", "own-words", "chronology", "team", "ask", "sharing", "ask-to-share", "who-looked", "asked")


def test_each_page_opens_for_marnie(marnie):
    browser = signed_in_at_the_door(marnie)
    for name in PAGES:
        response = browser.get(reverse(f"family_door:{name}"))
        assert response.status_code == 200, name


def test_every_page_opens_only_for_a_family_member_signed_in_at_the_door(client, marnie, practitioner, verified_client):
    for name in PAGES:
        response = client.get(reverse(f"family_door:{name}"))
        assert response.status_code == 302 and response["Location"] == reverse("family_door:sign-in"), name
    riley = verified_client(practitioner)
    assert riley.get(reverse("family_door:story"))["Location"] == reverse("family_door:sign-in")


def test_home_says_hello_to_marnie_by_her_name_and_links_to_her_pages(marnie):
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:home")))
    assert "Hello Marnie" in page
    for name in PAGES[1:]:
        if name not in ("suggest-story", "own-words", "ask", "ask-to-share"):
            assert reverse(f"family_door:{name}") in page, name


# The story ------------------------------------------------------------------------------------


def test_the_story_page_shows_the_family_story_and_writes_the_access_log(marnie, family):
    before = AccessLogEntry.objects.filter(family=family, user=marnie).count()
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:story")))
    assert STORY in page
    assert "Suggest a change" in page and "Add something to my story" in page
    line = AccessLogEntry.objects.filter(family=family, user=marnie).order_by("-pk").first()
    assert AccessLogEntry.objects.filter(family=family, user=marnie).count() == before + 1
    assert (line.part, line.basis, line.action) == (Part.STORY, AccessLogEntry.Basis.FAMILY_MEMBER, access.Action.VIEW)


def test_a_story_entry_in_a_family_members_own_words_is_marked_as_theirs(marnie, family, practitioner, marnie_person):
    family_services.add_story_entry(
        family,
        by=practitioner,
        story="I like our new flat.",
        who_was_there="Marnie and Riley",
        told_on=timezone.localdate(),
        how_agreed="Marnie wrote it",
        in_words_of=marnie_person,
    )
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:story")))
    assert "In Marnie's own words" in page


def test_suggesting_a_change_to_the_story_waits_for_the_team_and_changes_nothing(marnie, family):
    entry = family.story_entries.get()
    browser = signed_in_at_the_door(marnie)
    address = reverse("family_door:suggest-story-entry", args=[entry.public_id])
    form = text_of(browser.get(address))
    assert "What it says now" in form and STORY in form  # the current words, and the box filled with them
    response = browser.post(address, {"suggested_text": "We moved to Riverbend in April.", "why": "It was April, not spring"})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.target, suggestion.story_entry, suggestion.text_then) == (Suggestion.Target.STORY_ENTRY, entry, STORY)
    assert suggestion.status == Waiting.WAITING
    assert StoryEntry.objects.get(pk=entry.pk).story == STORY


def test_adding_to_the_story_is_a_suggestion_for_something_new(marnie, family):
    browser = signed_in_at_the_door(marnie)
    browser.post(reverse("family_door:suggest-story"), {"suggested_text": "Wrenna started swimming lessons.", "why": ""})
    suggestion = Suggestion.objects.get()
    assert suggestion.target == Suggestion.Target.NEW_STORY and suggestion.story_entry is None
    assert family.story_entries.count() == 1


def test_a_suggestion_with_no_words_comes_back_with_a_message(marnie):
    response = signed_in_at_the_door(marnie).post(reverse("family_door:suggest-story"), {"suggested_text": "   ", "why": ""})
    assert response.status_code == 400
    assert "Write the words you would like to see" in text_of(response)
    assert not Suggestion.objects.exists()


def test_a_suggestion_too_long_comes_back_with_a_message(marnie):
    response = signed_in_at_the_door(marnie).post(reverse("family_door:suggest-story"), {"suggested_text": "word " * 1000, "why": ""})
    assert response.status_code == 400
    assert not Suggestion.objects.exists()


# About me ------------------------------------------------------------------------------------


def test_the_profile_page_shows_only_marnies_own_profile_never_wrennas(marnie, marnie_person, practitioner):
    family_services.save_profile(
        marnie_person,
        by=practitioner,
        version=None,
        liked_and_admired="Marnie is a great cook",
        important_to_me="My garden",
        how_to_support_me="Call before you visit",
    )
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:profile")))
    assert "Marnie is a great cook" in page and "My garden" in page
    assert PROFILE_TEXT not in page and "Biscuit" not in page


def test_the_profile_page_with_no_profile_yet_shows_nothing_of_wrennas(marnie):
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:profile")))
    assert PROFILE_TEXT not in page and "Biscuit" not in page
    assert "Nothing written yet" in page


def test_suggesting_a_change_to_the_profile_waits_for_the_team(marnie, marnie_person, practitioner):
    family_services.save_profile(marnie_person, by=practitioner, version=None, liked_and_admired="", important_to_me="My garden", how_to_support_me="")
    browser = signed_in_at_the_door(marnie)
    address = reverse("family_door:suggest-profile", args=["important_to_me"])
    assert "My garden" in text_of(browser.get(address))
    assert browser.post(address, {"suggested_text": "My garden and my dog", "why": ""}).status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.target, suggestion.profile_field, suggestion.text_then) == (Suggestion.Target.PROFILE, "important_to_me", "My garden")
    assert OnePageProfile.objects.get(person=marnie_person).important_to_me == "My garden"


def test_a_made_up_part_of_the_profile_is_not_found(marnie):
    browser = signed_in_at_the_door(marnie)
    assert browser.get(reverse("family_door:suggest-profile", args=["in_my_own_words"])).status_code == 404
    assert browser.post(reverse("family_door:suggest-profile", args=["written_with"]), {"suggested_text": "Me"}).status_code == 404
    assert not Suggestion.objects.exists()


def test_what_marnie_wants_people_to_know_is_hers_to_write(marnie, marnie_person):
    browser = signed_in_at_the_door(marnie)
    response = browser.post(reverse("family_door:own-words"), {"in_my_own_words": "I work nights, so mornings are hard."})
    assert response.status_code == 302 and response["Location"] == reverse("family_door:profile")
    profile = OnePageProfile.objects.get(person=marnie_person)
    assert profile.in_my_own_words == "I work nights, so mornings are hard."
    assert "I work nights, so mornings are hard." in text_of(browser.get(reverse("family_door:profile")))


def test_own_words_too_long_come_back_with_a_message(marnie, marnie_person):
    response = signed_in_at_the_door(marnie).post(reverse("family_door:own-words"), {"in_my_own_words": "x" * 4001})
    assert response.status_code == 400
    assert not OnePageProfile.objects.filter(person=marnie_person).exists()


# Important events -----------------------------------------------------------------------------


def test_important_events_about_wrenna_only_are_held_back_from_marnie(marnie, marnie_person, family, wrenna, practitioner):
    day = timezone.localdate() - timedelta(days=3)
    family_services.add_chronology_entry(
        family, by=practitioner, occurred_on=day, what_happened="Wrenna saw the school nurse", meaning_for_child="Felt better", about=wrenna
    )
    family_services.add_chronology_entry(
        family, by=practitioner, occurred_on=day, what_happened="Marnie started a new job", meaning_for_child="New routine", about=marnie_person
    )
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:chronology")))
    assert CHRONOLOGY in page  # about the whole household
    assert "Marnie started a new job" in page
    assert "Wrenna saw the school nurse" not in page


# My team -------------------------------------------------------------------------------------


def test_my_team_shows_names_jobs_organisations_the_lead_and_how_to_contact_them(marnie):
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:team")))
    for words in ("Riley Shah", "Social worker", "Riverbend Children's Services", "riley.shah@childrens.example", "Lead practitioner"):
        assert words in page
    for words in ("Casey Evans", "Health visitor", "Riverbend Community Health", "casey.evans@health.example"):
        assert words in page
    assert "How your team contacts you" in page and CONTACT in page


def test_asking_a_question_reaches_the_lead_practitioner(marnie, marnie_person):
    browser = signed_in_at_the_door(marnie)
    assert "Riley Shah" in text_of(browser.get(reverse("family_door:ask")))
    response = browser.post(reverse("family_door:ask"), {"text": "When is the next meeting?"})
    assert response.status_code == 302 and response["Location"] == reverse("family_door:asked")
    question = Question.objects.get()
    assert (question.person, question.text, question.status) == (marnie_person, "When is the next meeting?", Waiting.WAITING)


def test_an_empty_question_comes_back_with_a_message(marnie):
    response = signed_in_at_the_door(marnie).post(reverse("family_door:ask"), {"text": ""})
    assert response.status_code == 400
    assert "Write your question" in text_of(response)
    assert not Question.objects.exists()


# Sharing -------------------------------------------------------------------------------------


def test_sharing_shows_each_live_agreement_with_whom_what_and_until_when(marnie, recorded_family):
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:sharing")))
    assert "Riverbend Community Health" in page
    assert "Your family's story" in page and "One-page profiles" in page
    assert "Until you stop it" in page and "Stop sharing" in page


def test_stopping_sharing_withdraws_the_agreement_at_once(marnie, recorded_family, other_agency_practitioner):
    consent = ConsentAgreement.objects.get(family=recorded_family)
    browser = signed_in_at_the_door(marnie)
    address = reverse("family_door:withdraw", args=[consent.public_id])
    confirm = text_of(browser.get(address))
    assert "Stop sharing with Riverbend Community Health?" in confirm
    response = browser.post(address, follow=True)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == marnie
    assert "Riverbend Community Health can no longer see your family's story and one-page profiles." in text_of(response)
    assert not access.decide(other_agency_practitioner, recorded_family, Part.STORY).allowed


def test_stopping_sharing_twice_says_it_has_already_stopped(marnie, recorded_family):
    consent = ConsentAgreement.objects.get(family=recorded_family)
    browser = signed_in_at_the_door(marnie)
    address = reverse("family_door:withdraw", args=[consent.public_id])
    browser.post(address)
    response = browser.post(address, follow=True)
    assert "You have already stopped sharing with Riverbend Community Health" in text_of(response)


def test_asking_to_share_with_a_new_organisation_waits_for_the_team(marnie, family, third_agency):
    browser = signed_in_at_the_door(marnie)
    form = text_of(browser.get(reverse("family_door:ask-to-share")))
    assert "Riverbend Youth Service" in form
    assert "Riverbend Children's Services" not in form.split("<select", 1)[1].split("</select>", 1)[0]  # the organisation keeping the record
    until = timezone.localdate() + timedelta(days=90)
    response = browser.post(
        reverse("family_door:ask-to-share"),
        {
            "organisation": str(third_agency.public_id),
            "parts": [Part.STORY, Part.CHRONOLOGY],
            "until_0": until.day,
            "until_1": until.month,
            "until_2": until.year,
            "why": "They run the youth club",
        },
        follow=True,
    )
    request = ShareRequest.objects.get()
    assert (request.organisation, sorted(request.parts), request.until) == (third_agency, sorted([Part.STORY, Part.CHRONOLOGY]), until)
    assert "Your team will talk it through with you and confirm it with you" in text_of(response)
    assert not ConsentAgreement.objects.filter(family=family, organisation=third_agency).exists()


def test_asking_to_share_with_nothing_chosen_or_a_past_date_comes_back_with_messages(marnie, third_agency, childrens_services):
    browser = signed_in_at_the_door(marnie)
    response = browser.post(reverse("family_door:ask-to-share"), {"organisation": str(third_agency.public_id)})
    assert response.status_code == 400 and "Choose what you would like to share" in text_of(response)
    past = timezone.localdate() - timedelta(days=1)
    response = browser.post(
        reverse("family_door:ask-to-share"),
        {"organisation": str(third_agency.public_id), "parts": [Part.STORY], "until_0": past.day, "until_1": past.month, "until_2": past.year},
    )
    assert response.status_code == 400 and "The date must be in the future" in text_of(response)
    response = browser.post(reverse("family_door:ask-to-share"), {"organisation": str(childrens_services.public_id), "parts": [Part.STORY]})
    assert response.status_code == 400 and "Choose the organisation" in text_of(response)
    assert not ShareRequest.objects.exists()


# Who has looked ------------------------------------------------------------------------------


def test_who_has_looked_says_who_what_when_and_why_in_the_familys_words(marnie, recorded_family, other_agency_practitioner):
    access.read(other_agency_practitioner, recorded_family, Part.STORY)
    browser = signed_in_at_the_door(marnie)
    browser.get(reverse("family_door:story"))  # Marnie's own look
    page = text_of(browser.get(reverse("family_door:who-looked")))
    today = timezone.localdate()
    assert (
        f"Casey Evans, a health visitor at Riverbend Community Health, read your family's story on {today.day} {today:%B} because you agreed to share it with them."
        in page
    )
    assert f"Casey Evans, a health visitor at Riverbend Community Health, {today:%B %Y}" in page  # grouped by person and month
    assert "Marnie Brightwater, at Family member read" not in page and "Marnie Brightwater" not in page.split("<main", 1)[1]


def test_an_emergency_look_is_explained_gently(marnie, family, third_agency_practitioner):
    family_services.start_emergency_access(family, by=third_agency_practitioner, reason="A worried call from school about Wrenna's safety tonight")
    access.read(third_agency_practitioner, family, Part.STORY)
    page = text_of(signed_in_at_the_door(marnie).get(reverse("family_door:who-looked")))
    assert "in an emergency, to keep someone safe" in page
    assert "The person who looks after data protection will check it was the right thing to do" in page


# What I have asked ---------------------------------------------------------------------------


def test_new_answers_are_shown_first_and_marked_read(marnie, marnie_person, practitioner):
    question = services.ask_question(marnie_person, by=marnie, text="When is the next meeting?")
    services.answer_question(question, by=practitioner, answer="On Tuesday at 10.")
    browser = signed_in_at_the_door(marnie)
    assert "Your team has answered you" in text_of(browser.get(reverse("family_door:home")))
    page = text_of(browser.get(reverse("family_door:asked")))
    assert "New answers from your team" in page and "On Tuesday at 10." in page and "What Riley Shah said" in page
    question.refresh_from_db()
    assert question.seen_answer_at is not None
    assert "New answers from your team" not in text_of(browser.get(reverse("family_door:asked")))
    assert "Your team has answered you" not in text_of(browser.get(reverse("family_door:home")))


def test_a_waiting_suggestion_can_be_taken_back(marnie, marnie_person):
    suggestion = services.suggest_change(marnie_person, by=marnie, target=Suggestion.Target.NEW_STORY, text="We got a dog.")
    browser = signed_in_at_the_door(marnie)
    page = text_of(browser.get(reverse("family_door:asked")))
    assert "We got a dog." in page and "Waiting for the team" in page and "Take back" in page
    address = reverse("family_door:take-back", args=[suggestion.public_id])
    assert "Take back your suggestion?" in text_of(browser.get(address))
    assert browser.post(address).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Waiting.WITHDRAWN


def test_a_decided_suggestion_cannot_be_taken_back(marnie, marnie_person, practitioner):
    suggestion = services.suggest_change(marnie_person, by=marnie, target=Suggestion.Target.NEW_STORY, text="We got a dog.")
    services.decide_suggestion(suggestion, by=practitioner, outcome=services.Outcome.REPLY, reply="Let us talk about it on Tuesday.")
    browser = signed_in_at_the_door(marnie)
    response = browser.post(reverse("family_door:take-back", args=[suggestion.public_id]), follow=True)
    assert "cannot be taken back" in text_of(response)
    suggestion.refresh_from_db()
    assert suggestion.status == Waiting.REPLIED


# Never another family's, never another person's -------------------------------------------------


@pytest.fixture
def other_family(practitioner, childrens_services):
    other = record_family(practitioner, childrens_services, family_name="The Oakfield family (fictional)")
    family_services.add_story_entry(
        other, by=practitioner, story="The Oakfield story (fictional).", who_was_there="Riley", told_on=timezone.localdate(), how_agreed="Read back"
    )
    return other


def test_no_page_shows_another_familys_record(marnie, other_family, practitioner):
    family_services.add_chronology_entry(
        other_family, by=practitioner, occurred_on=timezone.localdate(), what_happened="Oakfield event", meaning_for_child="Oakfield meaning"
    )
    browser = signed_in_at_the_door(marnie)
    for name in PAGES:
        page = text_of(browser.get(reverse(f"family_door:{name}")))
        assert "Oakfield" not in page, name


def test_another_familys_story_agreement_and_suggestions_are_not_found(marnie, other_family, practitioner, community_health, wrenna):
    other_entry = other_family.story_entries.get(story="The Oakfield story (fictional).")
    consent = family_services.record_consent(
        other_family, by=practitioner, organisation=community_health, parts=[Part.STORY], given_by_name="Someone", method=ConsentAgreement.Method.IN_PERSON
    )
    oakfield_parent = other_family.people.get(first_name="Marnie")
    from .family_side import make_family_account

    other_parent = make_family_account(oakfield_parent, by=practitioner, email="parent@oakfield.example")
    theirs = services.suggest_change(oakfield_parent, by=other_parent, target=Suggestion.Target.NEW_STORY, text="Theirs")
    browser = signed_in_at_the_door(marnie)
    assert browser.get(reverse("family_door:suggest-story-entry", args=[other_entry.public_id])).status_code == 404
    assert browser.post(reverse("family_door:suggest-story-entry", args=[other_entry.public_id]), {"suggested_text": "Mine"}).status_code == 404
    assert browser.post(reverse("family_door:withdraw", args=[consent.public_id])).status_code == 404
    assert browser.post(reverse("family_door:take-back", args=[theirs.public_id])).status_code == 404
    consent.refresh_from_db()
    theirs.refresh_from_db()
    assert consent.withdrawn_at is None and theirs.status == Waiting.WAITING
    assert Suggestion.objects.filter(person__account=marnie).count() == 0


def test_a_suggestion_from_another_family_member_cannot_be_taken_back_by_marnie(marnie, family, wrenna, practitioner):
    from goldenthread.families.models import Person

    carer = Person.objects.create(family=family, first_name="Jude", last_name="Brightwater", role_in_family=Person.RoleInFamily.CARER)
    from .family_side import make_family_account

    jude = make_family_account(carer, by=practitioner, email="jude@family.example")
    theirs = services.suggest_change(carer, by=jude, target=Suggestion.Target.NEW_STORY, text="Jude's words")
    browser = signed_in_at_the_door(marnie)
    assert browser.post(reverse("family_door:take-back", args=[theirs.public_id])).status_code == 404
    assert "Jude&#x27;s words" not in browser.get(reverse("family_door:asked")).content.decode()


# Every page: the exit button, the footer, and words that pass the check ----------------------------


def test_every_family_page_has_the_exit_this_page_button(client, marnie, family):
    signed_out = [reverse("family_door:sign-in"), reverse("family_door:join", args=["not-a-real-link"])]
    for address in signed_out:
        assert 'data-module="govuk-exit-this-page"' in client.get(address).content.decode(), address
    client.post(reverse("family_door:sign-in"), {"email": marnie.email})
    assert 'data-module="govuk-exit-this-page"' in client.get(reverse("family_door:enter-code")).content.decode()
    browser = signed_in_at_the_door(marnie)
    for name in PAGES:
        content = browser.get(reverse(f"family_door:{name}")).content.decode()
        assert 'data-module="govuk-exit-this-page"' in content, name
        assert "https://www.bbc.co.uk/weather" in content, name


def test_the_footer_shows_a_family_member_no_pledge_wall_and_no_api(marnie):
    content = signed_in_at_the_door(marnie).get(reverse("family_door:home")).content.decode()
    assert "Pledge wall" not in content and "/api/v1/docs" not in content
    assert "How we use your information" in content


def test_the_words_of_every_family_page_pass_the_shared_language_check(client, marnie, marnie_person, recorded_family, other_agency_practitioner, practitioner):
    access.read(other_agency_practitioner, recorded_family, Part.STORY)
    question = services.ask_question(marnie_person, by=marnie, text="When is the next meeting?")
    services.answer_question(question, by=practitioner, answer="On Tuesday at 10.")
    services.suggest_change(marnie_person, by=marnie, target=Suggestion.Target.NEW_STORY, text="We got a dog.")
    problems = {}
    for address in (reverse("family_door:sign-in"), reverse("family_door:join", args=["not-a-real-link"])):
        problems[address] = own_words_faults(client.get(address))
    client.post(reverse("family_door:sign-in"), {"email": "nobody@example.org"})
    problems["enter-code"] = own_words_faults(client.get(reverse("family_door:enter-code")))
    browser = signed_in_at_the_door(marnie)
    consent = ConsentAgreement.objects.get(family=recorded_family)
    entry = recorded_family.story_entries.get()
    suggestion = Suggestion.objects.get()
    extra = {
        "withdraw": reverse("family_door:withdraw", args=[consent.public_id]),
        "suggest-story-entry": reverse("family_door:suggest-story-entry", args=[entry.public_id]),
        "suggest-profile": reverse("family_door:suggest-profile", args=["how_to_support_me"]),
        "take-back": reverse("family_door:take-back", args=[suggestion.public_id]),
        "terms": reverse("family_door:terms"),
    }
    for name, address in {**{name: reverse(f"family_door:{name}") for name in PAGES}, **extra}.items():
        response = browser.get(address)
        assert response.status_code == 200, name
        problems[name] = own_words_faults(response)
    assert not {name: found for name, found in problems.items() if found}


def test_the_family_pages_are_written_for_a_young_reader_in_the_engines_child_mode(client, marnie, recorded_family):
    """Short sentences, "you", and a reading age a young person can manage: the engine's child mode finds nothing to change.

    "Who has looked" is left out: its lines are made from the log (names, jobs, organisations), not written here."""
    from goldenthread.language import check
    from goldenthread.language.readers import read_bytes

    browser = signed_in_at_the_door(marnie)
    problems = {}
    for name in [page for page in PAGES if page != "who-looked"]:
        text = read_bytes(browser.get(reverse(f"family_door:{name}")).content, ".html")
        findings = check(text, mode="child")
        assert any(f.rule.endswith("reading-age") for f in findings), name  # child mode really ran
        problems[name] = [(f.rule, f.text) for f in findings if f.is_fault]
    assert not {name: found for name, found in problems.items() if found}
