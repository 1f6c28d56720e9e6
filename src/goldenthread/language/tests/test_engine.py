"""What the library promises: findings with offsets, reasons and reframes; context that keeps quiet."""

import json
import os
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest

from goldenthread.language import Finding, check, load_engine, reading_age


def rules_in(text, **kwargs):
    return {f.rule for f in check(text, **kwargs) if f.is_fault}


def test_a_finding_carries_everything_a_writer_needs():
    [finding] = check("Kai is a liar.")
    assert (finding.start, finding.end, finding.text) == (9, 13, "liar")
    assert finding.rule == "labelling.liar"
    assert finding.category == "labelling"
    assert finding.severity == "warning"
    assert finding.message and finding.suggestions and finding.guidance


def test_findings_are_json_serialisable():
    data = [f.as_dict() for f in check("The LAC review found he failed to engage with services.")]
    assert json.loads(json.dumps(data)) == data
    assert {"start", "end", "text", "rule", "category", "severity", "message", "suggestions"} <= set(data[0])


def test_clean_text_has_no_findings():
    assert check("She wanted a story and a cuddle before bed.") == []
    assert check("") == []


@pytest.mark.parametrize(
    "text",
    [
        "The court refused the application.",
        "Please contact me if anything changes.",
        "He has a work placement at the garage.",
        "The placement of the ramp made the entrance accessible.",
        "DNA testing confirmed paternity.",
        "The meeting kicked off at ten.",
        "His phone battery died, so his mates could not contact him.",
    ],
)
def test_harmless_uses_of_risky_words_stay_quiet(text):
    assert rules_in(text) == set()


def test_a_childs_own_words_in_quotation_marks_are_kept_as_their_voice():
    findings = check('Sam said: "I am a naughty boy and everyone hates me."')
    assert findings and all(f.severity == "info" and f.quoted for f in findings)
    assert rules_in('Sam said: "I am a naughty boy and everyone hates me."') == set()


def test_scare_quotes_around_a_diagnosis_cast_doubt_and_are_flagged():
    assert "credibility.scare-quotes" in rules_in("She takes inhalers for her 'asthma'.")
    assert "credibility.scare-quotes" in rules_in("takes paracetamol for ‘back pain.’")


def test_a_named_diagnosis_in_quotation_marks_is_not_doubted():
    assert "credibility.scare-quotes" not in rules_in("She was diagnosed with “attachment disorder” at seven.")


def test_a_label_inside_scare_quotes_is_still_a_label():
    assert "labelling.perp" in rules_in("He is a “perp”.")


def test_negation_changes_the_sense():
    assert "labelling.manipulative" in rules_in("She is manipulative.")
    assert "labelling.manipulative" not in rules_in("She is not manipulative.")


def test_credibility_verbs_are_flagged_only_about_a_persons_own_account():
    assert "credibility.claims" in rules_in("He claims that the patches do not work.")
    assert "credibility.claims" not in rules_in("She claimed universal credit in May.")
    assert "credibility.alleges" not in rules_in("The recording alleged that the visit was late.")


def test_a_child_is_not_brought_rather_than_did_not_attend():
    assert "attendance.did-not-attend" in rules_in("Both toddlers who did not attend were offered new dates.")
    assert "attendance.did-not-attend" not in rules_in("The mother did not attend the review.")


def test_acronyms_defined_in_brackets_are_introduced_not_jargon():
    assert "jargon.iha" in rules_in("The IHA was late.")
    assert "jargon.iha" not in rules_in("Numbers of Initial Health Assessments (IHA) were counted.")
    assert "jargon.lac" in rules_in("Looked After Children (LAC) reviews were missed.")


def test_child_mode_gives_a_reading_age_and_asks_to_speak_to_the_child():
    findings = check("The young person enjoys football and attends school every day.", mode="child")
    rules = {f.rule for f in findings}
    assert "child.reading-age" in rules and "child.speak-to-child" in rules and "child.third-person" in rules
    assert rules_in("You enjoy football.", mode="child") == set()


def test_child_mode_rules_do_not_run_in_the_default_mode():
    assert "child.facilitate" not in rules_in("We will facilitate a visit.")


def test_reading_age_is_lower_for_simple_words():
    assert reading_age("You are kind. We like you. You can play.") < reading_age(
        "Consideration of multidisciplinary educational provision necessitates comprehensive collaboration."
    )


def test_unknown_audience_or_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="audience"):
        check("text", audience="martians")
    with pytest.raises(ValueError, match="mode"):
        check("text", mode="shouting")


def test_audience_restricts_rules_that_only_apply_to_some_services():
    assert "jargon.cp" in rules_in("She is on a CP plan.", audience="children")
    assert "jargon.cp" not in rules_in("She has CP and uses a walker.", audience="health")


def test_a_partnership_can_add_its_own_terms_and_switch_rules_off(tmp_path):
    lexicon = tmp_path / "partnership.toml"
    lexicon.write_text(
        'disable = ["care.respite"]\n\n'
        '[[rule]]\nid = "partnership.naughty-corner"\ncategory = "labelling"\nseverity = "suggestion"\n'
        'patterns = ["naughty corner"]\nmessage = "We say calm corner in our partnership."\n'
        'suggestions = ["calm corner"]\nflag = ["Sit in the naughty corner."]\npass = ["Sit in the calm corner."]\n',
        encoding="utf-8",
    )
    engine = load_engine(lexicon)
    rules = {f.rule for f in engine.check("She goes to respite. Sit in the naughty corner.")}
    assert "partnership.naughty-corner" in rules
    assert "care.respite" not in rules
    assert "care.respite" in rules_in("She goes to respite.")  # the shipped rules are untouched


def test_the_library_imports_without_django():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import sys; from goldenthread.language import check; check('Kai is a liar.'); print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


def test_findings_are_value_objects():
    f = check("Kai is a liar.")[0]
    assert isinstance(f, Finding)
    with pytest.raises(FrozenInstanceError):
        f.start = 3
