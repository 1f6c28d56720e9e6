"""The permission matrix of the family's own door: each family member against their own record, another
person's parts in the same household, and another family, through the access rule and the door's services.

Two family members of the fictional Brightwater family have their own sign-in: Marnie, the parent,
and Juniper, 14, Wrenna's sister. Each sees the story, their own one-page profile, the chronology
about them or the whole household, the contact details, the household, the team, the agreements and
the log (basis "family-member"); Wrenna's profile and what the chronology says about Wrenna are held
back; the Larchwood family, recorded by the same team, is refused. Nothing is changed directly: they
suggest, and act only for themselves, in their own family.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.core.refusals import Refused
from goldenthread.families import access
from goldenthread.families import services as family_services
from goldenthread.families.models import AccessLogEntry, ChronologyEntry, OnePageProfile, Part
from goldenthread.families.tests.test_access_support import agree
from goldenthread.family_door import permissions, queries, services
from goldenthread.family_door.models import Question, ShareRequest, Suggestion
from tests.family_fixtures import record_family

Basis = AccessLogEntry.Basis
MEMBERS = ["marnie", "juniper"]
OTHER_FAMILY = "The Larchwood family (fictional)"
# What a family member sees of their own family's record, every part on the family-member basis.
THEIR_OWN = [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT, access.HOUSEHOLD, access.TEAM, access.CONSENTS, access.ACCESS_LOG]


def _fourteen_years_ago():
    today = timezone.localdate()
    return today.replace(year=today.year - 14) - timedelta(days=40)


@pytest.fixture
def world(family, family_member, practitioner, childrens_services, community_health):
    """The Brightwater household with Juniper (14, her own sign-in), profiles, a chronology about each, and the Larchwood family."""
    juniper = family_services.add_person(
        family, by=practitioner, first_name="Juniper", last_name="Brightwater", role_in_family="sibling", date_of_birth=_fourteen_years_ago()
    )
    juniper_account = User.objects.create_user("juniper.brightwater@family.example", None, full_name="Juniper Brightwater", is_family_account=True)
    family_services.give_own_sign_in(juniper, by=practitioner, account=juniper_account)
    people = {person.first_name: person for person in family.people.all()}
    for name in ("Marnie", "Juniper"):
        family_services.save_profile(people[name], by=practitioner, version=None, liked_and_admired=f"{name} is kind", important_to_me="Music")
    about = {}
    for name in ("Wrenna", "Marnie", "Juniper"):
        about[name] = family_services.add_chronology_entry(
            family,
            by=practitioner,
            occurred_on=timezone.localdate() - timedelta(days=5),
            what_happened=f"A meeting about {name}",
            meaning_for_child="A plan everyone knows",
            about=people[name],
        )
    household_event = ChronologyEntry.objects.get(family=family, about__isnull=True)
    larchwood = record_family(practitioner, childrens_services, family_name=OTHER_FAMILY)
    return {
        "family": family,
        "people": people,
        "accounts": {"marnie": family_member, "juniper": juniper_account},
        "about": about,
        "household_event": household_event,
        "larchwood": larchwood,
        "own_agreement": agree(family, community_health, [Part.STORY], by=practitioner),
        "other_agreement": agree(larchwood, community_health, [Part.STORY], by=practitioner),
        "community_health": community_health,
    }


def member(world, who):
    """(their account, their person in the household)."""
    return world["accounts"][who], world["people"][who.capitalize()]


# --- their own record ------------------------------------------------------------------------------


@pytest.mark.parametrize("part", THEIR_OWN)
@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_sees_each_part_of_their_own_record_on_the_family_member_basis(world, who, part):
    account, _ = member(world, who)

    decision = access.decide(account, world["family"], part)

    assert decision.allowed and decision.basis == Basis.FAMILY_MEMBER


@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_sees_their_own_profile(world, who):
    account, person = member(world, who)

    decision = access.decide(account, world["family"], Part.PROFILES)

    assert decision.covers_person(person)
    assert queries.own_profile(person) == OnePageProfile.objects.get(person=person)


@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_sees_the_chronology_about_them_and_about_the_whole_household(world, who):
    account, person = member(world, who)

    decision = access.decide(account, world["family"], Part.CHRONOLOGY)
    shown = queries.chronology_for(person)

    assert decision.allowed and decision.only_person_id == person.pk
    assert world["about"][person.first_name] in shown
    assert world["household_event"] in shown


@pytest.mark.parametrize("part", [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT, access.HOUSEHOLD])
@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_never_changes_their_record_directly_they_suggest(world, who, part):
    account, person = member(world, who)

    decision = access.decide_change(account, world["family"], part, person=person if part == Part.PROFILES else None)

    assert not decision.allowed and decision.basis == Basis.REFUSED
    expected = access.HOUSEHOLD_CHANGE_REFUSED if part == access.HOUSEHOLD else access.FAMILY_MEMBERS_SUGGEST
    assert decision.refusal_reason == expected


@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_acts_for_themselves_in_their_own_family(world, who):
    account, person = member(world, who)

    suggestion = services.suggest_change(person, by=account, target=Suggestion.Target.PROFILE, profile_field="important_to_me", text="Music and my friends")
    question = services.ask_question(person, by=account, text="Who is coming to the next meeting?")
    share = services.ask_to_share(person, by=account, organisation=world["community_health"], parts=[Part.PROFILES])
    profile = services.write_own_words(person, by=account, text="I like to be asked first.")
    withdrawn = services.withdraw_agreement(world["own_agreement"], by=account)

    assert permissions.acts_for(account, person)
    assert (suggestion.person, question.person, share.person) == (person, person, person)
    assert OnePageProfile.objects.get(person=person).important_to_me == "Music", "a suggestion waits for the team"
    assert profile.in_my_own_words == "I like to be asked first."
    assert withdrawn.withdrawn_at is not None
    lines = AccessLogEntry.objects.filter(family=world["family"], user=account, basis=Basis.FAMILY_MEMBER)
    assert lines.filter(action="create").count() >= 3 and lines.filter(action="update").exists()


# --- another person's parts in the same household ------------------------------------------------------


@pytest.mark.parametrize("who", MEMBERS)
def test_wrennas_profile_is_held_back_from_the_rest_of_the_household(world, who):
    account, _ = member(world, who)
    wrenna = world["people"]["Wrenna"]

    decision = access.decide(account, world["family"], Part.PROFILES)

    assert decision.allowed and not decision.covers_person(wrenna)
    assert not access.decide_change(account, world["family"], Part.PROFILES, person=wrenna).allowed


@pytest.mark.parametrize("who", MEMBERS)
def test_what_the_chronology_says_about_someone_else_in_the_household_is_held_back(world, who):
    account, person = member(world, who)
    others = [name for name in ("Wrenna", "Marnie", "Juniper") if name != person.first_name]

    shown = queries.chronology_for(person)

    for name in others:
        assert world["about"][name] not in shown, name


def _for_someone_else(kind, target, account, world):
    if kind == "suggest a change":
        return services.suggest_change(target, by=account, target=Suggestion.Target.PROFILE, profile_field="liked_and_admired", text="Brave")
    if kind == "ask a question":
        return services.ask_question(target, by=account, text="Can we meet?")
    if kind == "ask to share":
        return services.ask_to_share(target, by=account, organisation=world["community_health"], parts=[Part.PROFILES])
    if kind == "write their own words":
        return services.write_own_words(target, by=account, text="This is about me.")
    raise AssertionError(kind)


SERVICES_FOR_SOMEONE = ["suggest a change", "ask a question", "ask to share", "write their own words"]


@pytest.mark.parametrize("kind", SERVICES_FOR_SOMEONE)
@pytest.mark.parametrize("target", ["Wrenna, in the same household", "the other family member with a sign-in", "Marnie of the Larchwood family"])
@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_cannot_act_for_someone_else(world, who, target, kind):
    account, person = member(world, who)
    if target.startswith("Wrenna"):
        someone = world["people"]["Wrenna"]
    elif target.startswith("the other"):
        someone = world["people"]["Juniper" if who == "marnie" else "Marnie"]
    else:
        someone = world["larchwood"].people.get(first_name="Marnie")
    before = (Suggestion.objects.count(), Question.objects.count(), ShareRequest.objects.count())
    profile_before = OnePageProfile.objects.filter(person=someone).values_list("in_my_own_words", flat=True).first()

    with pytest.raises(Refused):
        _for_someone_else(kind, someone, account, world)

    assert (Suggestion.objects.count(), Question.objects.count(), ShareRequest.objects.count()) == before
    assert OnePageProfile.objects.filter(person=someone).values_list("in_my_own_words", flat=True).first() == profile_before


# --- another family ----------------------------------------------------------------------------------


@pytest.mark.parametrize("part", access.ALL_PARTS)
@pytest.mark.parametrize("who", MEMBERS)
def test_another_family_is_refused_part_by_part(world, who, part):
    account, _ = member(world, who)

    decision = access.decide(account, world["larchwood"], part)

    assert not decision.allowed and decision.basis == Basis.REFUSED
    assert not access.decide_change(account, world["larchwood"], part).allowed


@pytest.mark.parametrize("who", MEMBERS)
def test_a_family_member_cannot_withdraw_another_familys_agreement(world, who):
    account, _ = member(world, who)
    agreement = world["other_agreement"]

    with pytest.raises(Refused):
        services.withdraw_agreement(agreement, by=account)

    agreement.refresh_from_db()
    assert agreement.withdrawn_at is None


@pytest.mark.parametrize("who", MEMBERS)
def test_another_familys_people_are_never_their_own(world, who):
    account, _ = member(world, who)

    for person in world["larchwood"].people.all():
        assert not permissions.acts_for(account, person)
    assert permissions.own_person(account).family == world["family"]
