"""The demo families a newcomer meets with `make demo`: fictional, in every state that matters, easy to get into."""

import copy
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core.models import TermsAcceptance, User
from goldenthread.families import access
from goldenthread.families.management.commands.load_demo_families import (
    CODES_SHOWN,
    check_demo_families,
    demo_texts,
    family_sign_ins,
    people_who_see_family_records,
    read_demo_families,
)
from goldenthread.families.models import (
    AccessLogEntry,
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    OnePageProfile,
    Part,
    Person,
    StoryEntry,
    TeamMember,
)
from goldenthread.language import check

DEMO_PASSWORD = "riverbend-demo-2026"
DRAMA_NUMBER = re.compile(r"07700 900\d{3}")
ANY_MOBILE = re.compile(r"\b07\d{3} ?\d{3} ?\d{3}\b")
SIGN_IN_ROW = re.compile(r"^\s+(\S+@\S+\.example)\s+((?:[a-z0-9]{6,}\s+){" + str(CODES_SHOWN) + r"})(.+)$")


def load(*args):
    output = StringIO()
    call_command("load_demo_families", *args, stdout=output)
    return output.getvalue()


def printed_codes(output) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        found = SIGN_IN_ROW.match(line)
        if found:
            rows[found.group(1)] = found.group(2).split()
    return rows


@pytest.fixture
def demo(db):
    call_command("load_demo_partnership", stdout=StringIO())
    return load()


def consent_state(agreement, today):
    if agreement.withdrawn_at is not None:
        return "withdrawn"
    if agreement.valid_until is not None and agreement.valid_until < today:
        return "expired"
    if set(agreement.parts) == set(Part.values):
        return "given"
    return "partial"


def test_the_demo_has_eight_to_twelve_families_each_with_one_child_at_the_centre(demo):
    assert "Loaded" in demo
    assert 8 <= Family.objects.count() <= 12
    for family in Family.objects.all():
        assert family.people.filter(is_focus=True).count() == 1, family.family_name


def test_each_family_has_a_story_profiles_a_chronology_and_a_team_across_agencies_with_one_lead(demo):
    for family in Family.objects.all():
        team = TeamMember.objects.filter(family=family, left_on__isnull=True)
        assert StoryEntry.objects.filter(family=family).exists(), family.family_name
        assert OnePageProfile.objects.filter(person__family=family).count() >= 2, family.family_name
        assert ChronologyEntry.objects.filter(family=family).count() >= 3, family.family_name
        assert len({member.organisation_id for member in team}) >= 2, family.family_name
        assert [member.organisation_id for member in team if member.is_lead] == [family.recording_organisation_id]
        assert family.people.count() >= 2
        assert family.relationships.exists()


def test_every_team_place_is_held_by_a_member_of_that_organisation(demo):
    for member in TeamMember.objects.select_related("user", "organisation"):
        assert member.user.memberships.filter(organisation=member.organisation).exists(), member.user.full_name


def test_agreements_are_given_partial_expired_and_withdrawn(demo):
    today = timezone.localdate()
    states = {consent_state(agreement, today) for agreement in ConsentAgreement.objects.all()}
    assert states == {"given", "partial", "expired", "withdrawn"}


def test_one_family_is_closed(demo):
    closed = Family.objects.filter(status=Family.Status.CLOSED)
    assert closed.count() == 1
    assert closed.get().closed_on < timezone.localdate()


def test_one_emergency_access_waits_for_the_data_protection_lead_and_is_in_the_log(demo):
    waiting = EmergencyAccess.objects.get(review=EmergencyAccess.Review.WAITING)
    assert len(waiting.reason) > 100
    assert not waiting.is_active, "it ended after its short fixed time"
    assert not TeamMember.objects.filter(family=waiting.family, user=waiting.user).exists()
    logged = AccessLogEntry.objects.filter(family=waiting.family, user=waiting.user, basis=AccessLogEntry.Basis.EMERGENCY)
    assert logged.filter(emergency=waiting).count() >= 2
    dpo = User.objects.get(is_data_protection_lead=True)
    assert dpo.email == read_demo_families().data_protection_lead


def test_the_access_rule_reads_the_demo_agreements_as_they_are_meant(demo):
    today = timezone.localdate()
    for agreement in ConsentAgreement.objects.select_related("family", "organisation"):
        readers = TeamMember.objects.filter(family=agreement.family, organisation=agreement.organisation, left_on__isnull=True)
        for place in readers.select_related("user"):
            seen = access.visible_parts(place.user, agreement.family) & set(Part.values)
            expected = set(agreement.parts) if agreement.is_live_on(today) else set()
            assert seen == expected, (agreement.family.family_name, agreement.organisation.name)


def test_everyone_who_can_see_family_records_has_two_step_and_recovery_codes(demo):
    people = people_who_see_family_records(read_demo_families())
    team_emails = set(TeamMember.objects.values_list("user__email", flat=True))
    emails = {email for email, _ in people}
    assert team_emails <= emails
    assert User.objects.get(is_data_protection_lead=True).email in emails
    assert User.objects.filter(family_memberships__isnull=False).exists(), "one young person has her own sign-in"
    for email in emails:
        user = User.objects.get(email=email)
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1, email
        assert StaticToken.objects.filter(device__user=user).count() == 10, email


def test_family_members_with_their_own_sign_in_have_a_family_account_with_no_password_and_no_authenticator(demo):
    sign_ins = family_sign_ins(read_demo_families())

    assert len(sign_ins) == 3
    for email, who in sign_ins:
        account = User.objects.get(email=email)
        assert account.is_family_account and not account.has_usable_password(), email
        assert Person.objects.get(account=account).family.family_name in who
        assert not TOTPDevice.objects.filter(user=account).exists(), email
        assert email in demo and email not in printed_codes(demo)
    assert "/my-record/sign-in/" in demo


def test_a_young_person_withdrew_one_agreement_himself_on_his_own_pages(demo):
    dash = Person.objects.get(first_name="Dashiell", family__family_name="The Quillfeather family")
    withdrawn = ConsentAgreement.objects.get(family=dash.family, withdrawn_at__isnull=False)

    assert withdrawn.withdrawn_by == dash.account
    line = AccessLogEntry.objects.get(family=dash.family, user=dash.account, action="update", part=access.CONSENTS)
    assert line.basis == AccessLogEntry.Basis.FAMILY_MEMBER and line.organisation_label == "Family member"
    assert line.at == withdrawn.withdrawn_at


def test_the_table_prints_three_recovery_codes_for_each_of_them(demo):
    rows = printed_codes(demo)
    expected = {email for email, _ in people_who_see_family_records(read_demo_families())}
    assert set(rows) == expected
    for email, codes in rows.items():
        stored = set(StaticToken.objects.filter(device__user__email=email).values_list("token", flat=True))
        assert len(codes) == CODES_SHOWN and set(codes) <= stored, email
    assert "Each recovery code works once" in demo
    assert "load_demo_families --new-codes" in demo


def test_nobody_has_accepted_the_terms_so_a_newcomer_sees_that_step(demo):
    assert not TermsAcceptance.objects.exists()


def test_a_newcomer_signs_in_with_a_printed_recovery_code_once_and_is_asked_for_the_terms(demo, client):
    email, codes = next(iter(printed_codes(demo).items()))
    your_families = reverse("families:your-families")

    client.post(reverse("core:sign-in"), {"username": email, "password": DEMO_PASSWORD})
    asked = client.get(your_families)
    verified = client.post(reverse("core:two-step-verify"), {"code": codes[0], "next": your_families})
    client.logout()
    client.post(reverse("core:sign-in"), {"username": email, "password": DEMO_PASSWORD})
    again = client.post(reverse("core:two-step-verify"), {"code": codes[0], "next": your_families})

    assert asked["Location"].startswith(reverse("core:two-step-verify"))
    assert verified["Location"] == your_families
    assert again.status_code == 400, "each code works once"


def test_the_lead_practitioner_of_a_demo_family_can_open_it_after_two_step_and_the_terms(demo, client):
    family = Family.objects.get(family_name="The Amberley-Osei family")
    lead = TeamMember.objects.get(family=family, is_lead=True).user
    code = printed_codes(demo)[lead.email][0]
    client.post(reverse("core:sign-in"), {"username": lead.email, "password": DEMO_PASSWORD})
    client.post(reverse("core:two-step-verify"), {"code": code})
    client.post(reverse("core:terms"), {"accept": "on"})

    response = client.get(reverse("families:overview", args=[family.public_id]))

    assert response.status_code == 200
    assert "Ezra went to three schools" in response.content.decode()


def test_loading_again_changes_nothing_and_prints_codes_that_still_work(demo):
    counts = [model.objects.count() for model in (Family, Person, StoryEntry, ConsentAgreement, EmergencyAccess, AccessLogEntry, TOTPDevice, StaticToken)]

    again = load()

    assert "already loaded" in again
    assert [
        model.objects.count() for model in (Family, Person, StoryEntry, ConsentAgreement, EmergencyAccess, AccessLogEntry, TOTPDevice, StaticToken)
    ] == counts
    assert printed_codes(again) == printed_codes(demo)


def test_new_codes_replaces_every_recovery_code(demo):
    before = printed_codes(demo)

    fresh = load("--new-codes")

    after = printed_codes(fresh)
    assert set(after) == set(before)
    for email, codes in after.items():
        assert not set(codes) & set(before[email])
        assert not StaticToken.objects.filter(device__user__email=email, token__in=before[email]).exists()
    assert "fresh" in fresh


def test_every_demo_text_passes_the_language_check():
    problems = []
    for where, text in demo_texts(read_demo_families()):
        text = " ".join(text.split())
        for audience in (None, "children"):
            findings = check(text, audience=audience) if audience else check(text)
            problems += [f"{where}: {finding.rule} flags {finding.text!r}" for finding in findings]
    assert not problems, "\n".join(problems)


def test_the_demo_families_are_clearly_fictional():
    demo = read_demo_families()
    for family in demo.families:
        contact = family.get("contact_details", "")
        numbers = ANY_MOBILE.findall(contact)
        assert numbers and all(DRAMA_NUMBER.fullmatch(number) for number in numbers), family["file"]
        assert "made-up address" in contact or "not written here" in contact, family["file"]
        for person in family["people"]:
            assert person.get("account_email", "x.example").endswith(".example")


def test_a_data_file_with_a_mistake_is_refused_and_named(db):
    demo = read_demo_families()
    broken = copy.deepcopy(demo)
    broken.families[0]["team"][0]["practitioner"] = "Nobody Atall"
    broken.families[1]["consents"][0]["parts"] = ["story", "diary"]

    with pytest.raises(CommandError) as refused:
        check_demo_families(broken, team_emails={demo.data_protection_lead})

    message = str(refused.value)
    assert "Nobody Atall" in message and demo.families[0]["file"] in message
    assert "parts must be" in message and demo.families[1]["file"] in message


def test_the_families_are_not_loaded_without_the_partnership(db):
    with pytest.raises(CommandError, match="load_demo_partnership"):
        load()
    assert not Family.objects.exists()
