"""The language rules' pages: the list and a rule's history for everyone who works in the partnership, proposing with clear messages on bad input, review by a second person, publishing, switching off, and the download."""

import pytest
from django.urls import reverse

from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.language_rules import services
from goldenthread.language_rules.models import PartnershipRule, RulePublication, RuleSwitch

pytestmark = pytest.mark.django_db

PROPOSE = "/language-rules/propose/"


def signed_in(client, user):
    client.force_login(user)
    return client


def faults_in(response) -> list:
    text = read_bytes(response.content, ".html")
    return [(f.rule, f.text) for f in check(text) if f.is_fault]


def test_the_addresses_are_where_the_site_mounts_them():
    assert reverse("language_rules:list") == "/language-rules/"
    assert reverse("language_rules:propose") == PROPOSE
    assert reverse("language_rules:rule", args=["care.respite"]) == "/language-rules/rules/care.respite/"


def test_a_language_lead_proposes_a_rule_and_it_waits_for_review(client, language_lead, isolation_booth):
    response = signed_in(client, language_lead).post(PROPOSE, {"name": "Isolation booth", **isolation_booth})
    assert response.status_code == 302
    assert response["Location"] == "/language-rules/rules/partnership.isolation-booth/"
    page = client.get(response["Location"])
    assert "is proposed, and waits for a second person to review it" in page.content.decode()
    assert "‘Marlo was sent to the isolation booth after lunch.’" in page.content.decode()
    assert faults_in(page) == [], "the rule's examples are shown quoted: a mention, not a use"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"words": ""}, "Write the words the check should look for"),
        ({"words": "isolation (booth|pod"}, "The words to find could not be read"),
        ({"words": "{isolate"}, "The words to find could not be read"),
        ({"message": "Why " * 400}, "Why these words matter must be 1,000 characters or fewer"),
        ({"must_flag": "Marlo sat in the quiet pod."}, "The rule does not find the example ‘Marlo sat in the quiet pod.’"),
        ({"must_pass": "The isolation booth is painted red."}, "which it must leave alone"),
        ({"name": ""}, "Give the rule a short name"),
        ({"name": "!!!"}, "Use letters or numbers in the short name"),
    ],
)
def test_bad_input_comes_back_with_a_clear_message_and_what_was_typed(client, language_lead, isolation_booth, change, message):
    data = {"name": "Isolation booth", **isolation_booth, **change}
    response = signed_in(client, language_lead).post(PROPOSE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not PartnershipRule.objects.exists()


def test_a_huge_text_is_refused_before_it_is_read(client, language_lead, isolation_booth):
    response = signed_in(client, language_lead).post(PROPOSE, {"name": "Isolation booth", **isolation_booth, "words": "booth " * 2000})
    assert response.status_code == 400
    assert "Words to find, one on each line must be 2,000 characters or fewer" in response.content.decode()


def test_other_roles_are_refused_proposing_with_who_to_ask(client, practitioner):
    response = signed_in(client, practitioner).get(PROPOSE)
    assert response.status_code == 403
    assert "ask your organisation lead or the partnership team" in response.content.decode()


def test_the_proposer_is_refused_their_own_review_and_a_second_person_approves(client, language_lead, partnership_lead, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    review = reverse("language_rules:review", args=[version.public_id])
    own = signed_in(client, language_lead).get(review)
    assert own.status_code == 403
    assert "never the person who proposed it" in own.content.decode()

    client.force_login(partnership_lead)
    empty = client.post(review, {"decision": "send-back", "reason": ""})
    assert empty.status_code == 400
    assert "Say what would help" in empty.content.decode()
    approved = client.post(review, {"decision": "approve"})
    assert approved.status_code == 302
    assert version.reviews.get().reviewed_by == partnership_lead


def test_a_language_lead_publishes_and_the_rules_page_and_download_show_it(client, language_lead, other_language_lead, practitioner, isolation_booth):
    version = services.propose_rule("Isolation booth", by=language_lead, **isolation_booth)
    services.review(version, by=other_language_lead, approve=True)
    publish = reverse("language_rules:publish", args=[version.public_id])
    assert signed_in(client, practitioner).get(publish).status_code == 403

    client.force_login(language_lead)
    assert client.get(publish).status_code == 200
    assert client.post(publish).status_code == 302
    assert RulePublication.objects.get().published_by == language_lead

    client.force_login(practitioner)
    listing = client.get("/language-rules/")
    assert "partnership.isolation-booth" in listing.content.decode()
    assert faults_in(listing) == []
    history = client.get("/language-rules/rules/partnership.isolation-booth/")
    assert "Robin Ash" in history.content.decode() and "Ellis North" in history.content.decode()
    assert faults_in(history) == []
    download = client.get("/language-rules/download/")
    assert download["Content-Disposition"] == 'attachment; filename="partnership-language-rules.toml"'
    assert 'id = "partnership.isolation-booth"' in download.content.decode()


def test_switching_off_needs_a_reason_on_the_page(client, language_lead):
    switch = reverse("language_rules:switch", args=["jargon.taf"])
    response = signed_in(client, language_lead).post(switch, {"reason": ""})
    assert response.status_code == 400
    assert "Say why, so the partnership knows later" in response.content.decode()
    assert client.post(switch, {"reason": "Our forms spell it out every time."}).status_code == 302
    assert RuleSwitch.objects.get().switched_on is False
    page = client.get("/language-rules/rules/jargon.taf/")
    assert "This rule is switched off for the partnership" in page.content.decode()
    assert faults_in(page) == []


def test_a_rule_is_found_by_its_name_and_an_unknown_name_is_said_plainly(client, practitioner):
    signed_in(client, practitioner)
    assert client.get("/language-rules/?rule=care.respite")["Location"] == "/language-rules/rules/care.respite/"
    missing = client.get("/language-rules/?rule=care.nothing-like-this")
    assert missing.status_code == 404
    assert "There is no rule with this name" in missing.content.decode()
    assert client.get("/language-rules/rules/care.nothing-like-this/").status_code == 404


def test_the_family_members_own_account_opens_none_of_the_pages(family_member, family_client):
    own_account = family_client(family_member)
    for url in ("/language-rules/", PROPOSE, "/language-rules/download/", "/language-rules/rules/jargon.taf/"):
        assert own_account.get(url).status_code == 403, url


def test_someone_signed_out_is_asked_to_sign_in(client):
    response = client.get("/language-rules/")
    assert response.status_code == 302


def test_publishing_a_version_whose_example_now_fails_says_which_example_and_what_to_change(client, language_lead, other_language_lead):
    from goldenthread.language_rules.models import RuleVersion

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
    response = signed_in(client, language_lead).post(reverse("language_rules:publish", args=[version.public_id]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The rule does not find the example ‘Marlo was sent to the isolation room after lunch.’" in page
    assert "Add words that match it" in page
    assert not RulePublication.objects.exists()


def test_a_rule_name_holding_a_nul_is_not_found_never_an_error(client, language_lead):
    signed_in(client, language_lead)
    assert client.get("/language-rules/", {"rule": "partnership.\x00"}).status_code == 404
    for address in ("/language-rules/rules/%00/", "/language-rules/rules/%00/switch/", "/language-rules/rules/%00/change/"):
        assert client.get(address).status_code == 404, address
