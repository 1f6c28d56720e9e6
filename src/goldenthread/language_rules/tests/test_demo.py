"""The demo's language rules: a language lead, one rule published, one waiting for the partnership lead's review, one waiting to be published, one switched off."""

import pytest
from django.core.management import call_command

from goldenthread.core.language import site_check
from goldenthread.core.models import User
from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.language_rules import checking, queries, waiting
from goldenthread.language_rules.management.commands import load_demo_language_rules as demo
from goldenthread.partnership.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_demo_partnership", verbosity=0)
    call_command("load_demo_language_rules", verbosity=0)


def test_the_demo_has_a_language_lead_a_published_rule_a_proposal_and_a_rule_switched_off(loaded):
    lead = User.objects.get(email=demo.LANGUAGE_LEAD)
    assert lead.memberships.get().role == Role.LANGUAGE_LEAD
    assert [v.rule.rule_id for v in queries.published_rules()] == ["partnership.time-out-room"]
    assert [v.rule.rule_id for v in queries.proposals_in(queries.PROPOSED)] == ["partnership.sin-bin"]
    assert list(queries.switched_off()) == ["jargon.taf"]
    assert "partnership.time-out-room" in {f.rule for f in site_check("Kit spent the afternoon in the time out room.")}
    assert "jargon.taf" not in {f.rule for f in site_check("The TAF meets monthly.")}


def test_the_proposal_waits_for_the_partnership_lead(loaded):
    reviewer = User.objects.get(email=demo.REVIEWER)
    assert [notice.what for notice in waiting.waiting(reviewer)] == ["Review a proposed language rule: partnership.sin-bin"]


def test_the_reviewed_proposal_waits_for_the_language_lead_to_publish_it(loaded):
    notices = [notice.what for notice in waiting.waiting(User.objects.get(email=demo.LANGUAGE_LEAD))]
    assert len(notices) == 1 and "partnership.isolation-booth" in notices[0]


@pytest.mark.parametrize("details", [demo.PUBLISHED, demo.PROPOSED, demo.APPROVED], ids=["published", "proposed", "approved"])
def test_the_demo_rules_examples_pass(loaded, details):
    entry = {key: value for key, value in details.items() if key != "rule_id"}
    rule = checking.build(checking.entry_for(details["rule_id"], type("Version", (), entry)))
    assert checking.failed_examples(rule) == []


def test_the_demo_pages_words_pass_the_check(loaded, client):
    client.force_login(User.objects.get(email=demo.REVIEWER))
    for url in (
        "/language-rules/",
        "/language-rules/rules/partnership.time-out-room/",
        "/language-rules/rules/partnership.sin-bin/",
        "/language-rules/rules/partnership.isolation-booth/",
        "/language-rules/rules/jargon.taf/",
        "/",
    ):
        text = read_bytes(client.get(url).content, ".html")
        assert [(f.rule, f.text) for f in check(text) if f.is_fault] == [], url


def test_loading_it_again_changes_nothing(loaded):
    call_command("load_demo_language_rules", verbosity=0)
    assert queries.latest_versions() and len(queries.latest_versions()) == 3
