"""Who may do what with the partnership's language rules, as a matrix.

Robin Ash (language lead, Riverbend Children's Services) proposed the rule. Ellis North is a
language lead at Riverbend Community Health; Alex Morgan leads the partnership.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from goldenthread.language_rules import permissions
from goldenthread.language_rules.models import PartnershipRule, RuleVersion

pytestmark = pytest.mark.django_db

PEOPLE = [
    "language_lead",
    "other_language_lead",
    "partnership_lead",
    "organisation_lead",
    "champion",
    "practitioner",
    "trainer",
    "data_protection_lead",
    "family_member",
    "anonymous",
]

# (reads the rules, proposes, reviews somewhere, reviews Robin's proposal, publishes, switches off)
MATRIX = {
    "language_lead": (True, True, True, False, True, True),  # Robin proposed it: never their own review
    "other_language_lead": (True, True, True, True, True, True),
    "partnership_lead": (True, False, True, True, False, False),
    "organisation_lead": (True, False, False, False, False, False),
    "champion": (True, False, False, False, False, False),
    "practitioner": (True, False, False, False, False, False),
    "trainer": (True, False, False, False, False, False),
    "data_protection_lead": (True, False, False, False, False, False),
    "family_member": (False, False, False, False, False, False),
    "anonymous": (False, False, False, False, False, False),
}


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


@pytest.fixture
def proposal(language_lead):
    """Robin's proposal, written straight to the table: the matrix needs only who proposed it."""
    rule = PartnershipRule.objects.create(rule_id="partnership.isolation-booth", created_by=language_lead)
    return RuleVersion.objects.create(
        rule=rule,
        number=1,
        words=["isolation booth"],
        message="Say ‘reflection room’.",
        must_flag=[],
        must_pass=[],
        category="labelling",
        why="Agreed.",
        proposed_by=language_lead,
    )


@pytest.mark.parametrize("who", PEOPLE)
def test_who_reads_proposes_reviews_publishes_and_switches_off(request, who, proposal):
    user = person(request, who)
    found = (
        permissions.can_read_rules(user),
        permissions.can_propose(user),
        permissions.can_review_rules(user),
        permissions.can_review(user, proposal),
        permissions.can_publish_rules(user),
        permissions.can_switch(user),
    )
    assert found == MATRIX[who]


def test_the_matrix_covers_everyone_it_names():
    assert set(MATRIX) == set(PEOPLE)
