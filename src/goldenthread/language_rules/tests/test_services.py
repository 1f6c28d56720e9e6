"""A rule's way from proposal to published, and switching rules off: the services, with the shared people.

Robin Ash (language lead) proposes; Ellis North (another language lead) or Alex Morgan (the
partnership lead) reviews; a language lead publishes. Then the site's check finds the words.
"""

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management import call_command

from goldenthread.core.language import site_check, site_rules_changed, site_rules_version
from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.language import load_engine
from goldenthread.language_rules import lexicon, queries, services
from goldenthread.language_rules.models import PartnershipRule, RuleReview, RuleVersion

pytestmark = pytest.mark.django_db

NEW_WORDS = "Marlo was sent to the isolation booth after lunch."


def rules_found(text):
    return {finding.rule for finding in site_check(text) if finding.is_fault}


def published(language_lead, reviewer, details, name="Isolation booth"):
    version = services.propose_rule(name, by=language_lead, **details)
    services.review(version, by=reviewer, approve=True)
    services.publish(version, by=language_lead)
    return version


def test_a_proposal_reviewed_by_a_second_person_and_published_is_found_by_the_sites_check_at_once(
    language_lead, other_language_lead, isolation_booth, django_capture_on_commit_callbacks
):
    assert "partnership.isolation-booth" not in rules_found(NEW_WORDS)
    before = site_rules_version()
    heard = []

    def listener(sender, version, **kwargs):
        heard.append(version)

    site_rules_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
            assert "partnership.isolation-booth" not in rules_found(NEW_WORDS), "a proposal is not in force"
            services.review(version, by=other_language_lead, approve=True)
            assert "partnership.isolation-booth" not in rules_found(NEW_WORDS), "nor is a reviewed one"
            services.publish(version, by=language_lead)
    finally:
        site_rules_changed.disconnect(listener)

    assert "partnership.isolation-booth" in rules_found(NEW_WORDS)
    assert "partnership.isolation-booth" not in rules_found("Marlo went to the reflection room after lunch.")
    assert site_rules_version() != before
    assert heard == [site_rules_version()], "the monitoring is told the rules changed"
    finding = next(f for f in site_check(NEW_WORDS) if f.rule == "partnership.isolation-booth")
    assert finding.suggestions == ("reflection room", "quiet room")


def test_the_exported_rules_file_loads_in_the_engine_and_finds_the_examples(language_lead, partnership_lead, isolation_booth, tmp_path):
    published(language_lead, partnership_lead, isolation_booth)
    target = tmp_path / "partnership-language-rules.toml"
    call_command("export_language_rules", str(target))

    engine = load_engine(target)
    assert "partnership.isolation-booth" in {f.rule for f in engine.check(NEW_WORDS)}
    assert "partnership.isolation-booth" not in {f.rule for f in engine.check("The phone booth outside the hall is painted red.")}
    assert target.read_text(encoding="utf-8") == lexicon.download_text()


def test_nothing_published_exports_a_file_the_engine_still_reads(db, tmp_path):
    assert lexicon.overlay() is None
    target = tmp_path / "rules.toml"
    call_command("export_language_rules", str(target))
    assert load_engine(target).check(NEW_WORDS) == []


def test_the_proposer_cannot_review_their_own_proposal(language_lead, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    with pytest.raises(Refused, match="never the person who proposed it"):
        services.review(version, by=language_lead, approve=True)
    assert not RuleReview.objects.exists()


def test_a_proposal_is_published_only_once_a_second_person_has_approved_it(language_lead, other_language_lead, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    with pytest.raises(ValidationError, match="needs a second person to approve it"):
        services.publish(version, by=language_lead)
    services.review(version, by=other_language_lead, approve=False, reason="Add an example about a secondary school, please.")
    with pytest.raises(ValidationError, match="needs a second person to approve it"):
        services.publish(version, by=language_lead)


def test_a_rule_whose_must_find_example_is_not_found_is_refused_with_the_example_named(language_lead, isolation_booth):
    isolation_booth["must_flag"] += "\nMarlo spent the morning in the quiet pod."
    with pytest.raises(ValidationError) as refused:
        services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    (message,) = refused.value.message_dict["must_flag"]
    assert "does not find the example ‘Marlo spent the morning in the quiet pod.’" in message
    assert "Add words that match it" in message
    assert not PartnershipRule.objects.exists()


def test_a_rule_that_finds_a_must_pass_example_is_refused_with_what_it_found(language_lead, isolation_booth):
    isolation_booth["must_pass"] += "\nThe isolation booth at the science fair won a prize."
    with pytest.raises(ValidationError) as refused:
        services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    (message,) = refused.value.message_dict["must_pass"]
    assert "finds ‘isolation booth’ in the example ‘The isolation booth at the science fair won a prize.’" in message
    assert "Make the words more exact" in message


def test_a_version_whose_examples_fail_now_cannot_be_published(language_lead, other_language_lead, isolation_booth):
    """A version saved before its examples stopped passing (here, written straight to the table) is refused at publishing, saying which example."""
    rule = PartnershipRule.objects.create(rule_id="partnership.isolation-booth", created_by=language_lead)
    version = RuleVersion.objects.create(
        rule=rule,
        number=1,
        words=["isolation booth"],
        message="Say ‘reflection room’.",
        must_flag=["Marlo was sent to the isolation room after lunch."],
        must_pass=["Marlo went to the reflection room."],
        category="labelling",
        severity="suggestion",
        why="Agreed by our schools.",
        proposed_by=language_lead,
    )
    services.review(version, by=other_language_lead, approve=True)
    with pytest.raises(ValidationError) as refused:
        services.publish(version, by=language_lead)
    (message,) = refused.value.message_dict[NON_FIELD_ERRORS]
    assert "does not find the example ‘Marlo was sent to the isolation room after lunch.’" in message
    assert "partnership.isolation-booth" not in rules_found("Marlo was sent to the isolation booth after lunch.")


def test_every_version_is_kept_with_who_proposed_it_and_why(language_lead, other_language_lead, partnership_lead, isolation_booth):
    first = published(language_lead, partnership_lead, isolation_booth)
    changed = dict(isolation_booth, words="isolation (booth|pod)", why="Willowmead calls them pods.")
    changed["must_flag"] += "\nMarlo spent the morning in the isolation pod."
    second = services.propose_change(first.rule, by=other_language_lead, **changed)
    services.review(second, by=language_lead, approve=False, reason="Keep the old words too, please.")
    third = services.propose_change(first.rule, by=other_language_lead, **changed)

    history = queries.history(first.rule)
    assert [(v.number, state) for v, state in history] == [(3, queries.PROPOSED), (2, queries.REPLACED), (1, queries.PUBLISHED)]
    assert [(v.proposed_by, v.why) for v, _ in history] == [
        (other_language_lead, "Willowmead calls them pods."),
        (other_language_lead, "Willowmead calls them pods."),
        (language_lead, "Our schools agreed these words at the summer network meeting."),
    ]
    assert second.reviews.get().reason == "Keep the old words too, please."
    assert first.publication.published_by == language_lead
    assert queries.live_version(first.rule) == first, "the published version stays in force until the next is published"
    assert third.number == 3


def test_a_version_is_never_changed_or_deleted(language_lead, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    version.message = "Something else."
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        version.delete()
    with pytest.raises(PermissionError):
        RuleVersion.objects.update(why="Changed")


def test_a_rule_waiting_for_review_takes_no_second_proposal(language_lead, other_language_lead, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    with pytest.raises(ValidationError, match="has a proposal waiting already"):
        services.propose_change(version.rule, by=other_language_lead, **isolation_booth)


def test_switching_off_a_shipped_rule_stops_it_being_found_and_needs_a_reason(language_lead, django_capture_on_commit_callbacks):
    text = "The TAF meets monthly."
    assert "jargon.taf" in rules_found(text)
    with pytest.raises(ValidationError) as refused:
        services.switch_off("jargon.taf", by=language_lead, reason="  ")
    assert refused.value.message_dict["reason"] == ["Say why, so the partnership knows later"]
    assert "jargon.taf" in rules_found(text)

    services.switch_off("jargon.taf", by=language_lead, reason="Our forms spell it out every time.")
    assert "jargon.taf" not in rules_found(text)
    assert 'disable = ["jargon.taf"]' in lexicon.download_text()

    services.switch_on("jargon.taf", by=language_lead, reason="Families see the short form on the new letters.")
    assert "jargon.taf" in rules_found(text)
    assert [(s.switched_on, s.reason) for s in queries.switches("jargon.taf")] == [
        (True, "Families see the short form on the new letters."),
        (False, "Our forms spell it out every time."),
    ]


def test_a_rule_that_is_not_there_cannot_be_switched_off(language_lead):
    with pytest.raises(ValidationError, match="There is no rule with this name"):
        services.switch_off("care.nothing-like-this", by=language_lead, reason="Testing.")


def test_a_change_to_a_shipped_rule_replaces_it_once_published(language_lead, partnership_lead):
    shipped = queries.shipped_rule("jargon.taf")
    details = {
        "words": "TAF\nTAF meeting",
        "message": "Write ‘team around the family’ in full: families meet the short form in our letters.",
        "reframes": "team around the family",
        "must_flag": "The TAF meets monthly.",
        "must_pass": "The team around the family meets monthly.",
        "category": shipped.category,
        "severity": "warning",
        "why": "Families told us the short form worried them.",
    }
    version = services.propose_change("jargon.taf", by=language_lead, **details)
    assert version.rule.changes_shipped_rule
    services.review(version, by=partnership_lead, approve=True)
    services.publish(version, by=language_lead)
    (finding,) = [f for f in site_check("The TAF meets monthly.") if f.rule == "jargon.taf"]
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"words": "   "}, "words", "Write the words the check should look for"),
        ({"words": "(isolation booth"}, "words", "The words to find could not be read"),
        ({"words": "* *"}, "words", "at least one word that is not *"),
        ({"message": "x" * 1001}, "message", "Why these words matter must be 1,000 characters or fewer"),
        ({"must_flag": "A long line. " * 40}, "must_flag", "Keep each line to 300 characters or fewer"),
        ({"must_pass": "\n".join(f"Example {n}." for n in range(21))}, "must_pass", "Give 20 lines or fewer"),
        ({"category": "made up"}, "category", "Choose the kind of language the rule is about"),
        ({"severity": "loud"}, "severity", "Choose how strongly the check should say it"),
        ({"why": ""}, "why", "Say why you propose it, so the reviewer knows"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(language_lead, isolation_booth, change, field, message):
    with pytest.raises(ValidationError) as refused:
        services.propose_rule("Isolation booth", by=language_lead, **{**isolation_booth, **change})
    assert any(message in text for text in refused.value.message_dict[field])


def test_a_name_already_used_is_refused(language_lead, isolation_booth):
    services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    with pytest.raises(ValidationError, match="There is a rule with this name already"):
        services.propose_rule("isolation  BOOTH", by=language_lead, **isolation_booth)


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "partnership_lead", "family_member"])
def test_only_a_language_lead_proposes_publishes_and_switches_off(request, who, isolation_booth):
    person = request.getfixturevalue(who)
    with pytest.raises(Refused, match="ask your organisation lead or the partnership team"):
        services.propose_rule("Isolation booth", by=person, **isolation_booth)
    with pytest.raises(Refused):
        services.switch_off("jargon.taf", by=person, reason="No.")


def test_the_family_member_cannot_review(language_lead, family_member, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    with pytest.raises(Refused):
        services.review(version, by=family_member, approve=True)


def test_each_hand_over_sends_an_e_mail_to_whoever_acts_next(
    language_lead, other_language_lead, partnership_lead, isolation_booth, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    told = sorted(address for message in sent_by_the_worker() for address in message.to)
    assert told == sorted([other_language_lead.email, partnership_lead.email]), "the reviewers, never the proposer"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.review(version, by=other_language_lead, approve=False, reason="Add a second example, please.")
    [message] = sent_by_the_worker()
    assert message.to == [language_lead.email]
    assert "Add a second example, please." in message.body
