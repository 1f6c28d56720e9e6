"""What a page says about a part of the record not shared with someone is true, and said once.

Casey Evans (Riverbend Community Health) is in the team around the Brightwater family
(fictional). Marnie agreed that health may see the story and the one-page profiles
(`recorded_family`); here that agreement has run out, or been withdrawn, or was never given.
Riley Shah (Riverbend Children's Services) is the lead practitioner.
"""

from datetime import timedelta
from html import unescape

from django.utils import timezone

from goldenthread.families import access, services
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, Part

from .test_pages_support import signed_in, url


def day_words(day) -> str:
    return f"{day.day} {day:%B %Y}"


def run_out(family, days_ago=10):
    """The family's agreement with health ran out `days_ago` days ago (its dates moved into the past)."""
    agreement = ConsentAgreement.objects.get(family=family)
    agreement.valid_from = timezone.localdate() - timedelta(days=365)
    agreement.valid_until = timezone.localdate() - timedelta(days=days_ago)
    agreement.save()
    return agreement.valid_until


def overview_for(user, family) -> str:
    return unescape(signed_in(user).get(url("overview", family.public_id)).content.decode())


def test_an_agreement_that_ran_out_is_said_to_have_run_out_on_its_date_with_the_way_to_renew_it(recorded_family, other_agency_practitioner):
    ended = run_out(recorded_family)

    page = overview_for(other_agency_practitioner, recorded_family)

    assert (
        f"The family's agreement to share their story and one-page profiles with Riverbend Community Health ran out on {day_words(ended)}. "
        "To see them again, ask the lead practitioner, Riley Shah (Riverbend Children's Services), to record a new agreement, if the family agrees."
    ) in page
    assert "The family has not agreed to share their chronology and contact details with Riverbend Community Health." in page
    assert "has not agreed to share their story" not in page
    assert " yet" not in page.split('id="not-shared"')[1].split("</div>")[0]


def test_the_words_about_parts_not_shared_are_said_once_however_many_parts(family, other_agency_practitioner):
    page = overview_for(other_agency_practitioner, family)

    assert page.count("The family has not agreed to share") == 1
    assert page.count("who can ask the family whether they agree") == 1
    assert page.count("open the record in an emergency") == 1
    for label in ("The family's story", "One-page profiles", "Chronology", "Contact details"):
        assert page.lower().count(f"<li>{label.lower()}") <= 1


def test_a_withdrawn_agreement_is_said_to_have_been_withdrawn_on_its_date(recorded_family, practitioner, other_agency_practitioner):
    services.withdraw_consent(ConsentAgreement.objects.get(family=recorded_family), by=practitioner, note="Marnie asked by phone")

    page = overview_for(other_agency_practitioner, recorded_family)

    assert (
        f"The family withdrew their agreement to share their story and one-page profiles with Riverbend Community Health on {day_words(timezone.localdate())}."
        in page
    )
    assert "record a new agreement" not in page


def test_the_access_rule_says_where_the_agreement_stands_and_the_log_keeps_the_reason(recorded_family, other_agency_practitioner):
    ended = run_out(recorded_family)

    decision = access.read(other_agency_practitioner, recorded_family, Part.STORY)
    never = access.decide(other_agency_practitioner, recorded_family, Part.CHRONOLOGY)

    assert not decision.allowed
    assert decision.agreement == access.AgreementStanding(access.Agreement.EXPIRED, ended)
    assert f"ran out on {day_words(ended)}" in decision.refusal_reason
    assert never.agreement.state == access.Agreement.NEVER
    assert never.refusal_reason == "The family has not agreed that your organisation may see this part of their record."
    assert AccessLogEntry.objects.filter(family=recorded_family, user=other_agency_practitioner, part=Part.STORY, detail__contains="ran out on").exists()


def test_an_agreement_that_starts_later_says_from_when(family, practitioner, other_agency_practitioner, community_health):
    starts = timezone.localdate() + timedelta(days=7)
    services.record_consent(
        family,
        by=practitioner,
        organisation=community_health,
        parts=[Part.STORY],
        valid_from=starts,
        given_by=family.people.get(first_name="Marnie"),
        method=ConsentAgreement.Method.IN_PERSON,
    )

    page = overview_for(other_agency_practitioner, family)

    assert f"The family has agreed to share their story with Riverbend Community Health from {day_words(starts)}. You can see it from then." in page


def test_the_list_of_your_families_says_when_the_agreement_ran_out(recorded_family, other_agency_practitioner):
    ended = run_out(recorded_family)

    page = unescape(signed_in(other_agency_practitioner).get(url("your-families")).content.decode())

    assert f"Team place only: the family's agreement with your organisation ran out on {day_words(ended)}" in page
    assert "not agreed to share any part with your organisation yet" not in page
