"""Shared word lists used by context conditions.

Rules refer to these lists in their context conditions as {PERSON}, {CHILD},
{FAMILY} and so on, so that a list is written once and every rule stays short.
"""

from __future__ import annotations

import re

CHILD = frozenset(
    """child children child's children's baby babies infant infants toddler toddlers
    pupil pupils youngster youngsters kid kids teenager teenagers teen teens adolescent
    adolescents boy boys girl girls son sons daughter daughters newborn newborns
    schoolchild schoolchildren minor minors paediatric pediatric twin twins""".split()
)

ADULT = frozenset(
    """mother mothers mum mums mom moms father fathers dad dads parent parents carer carers
    caregiver caregivers grandmother grandmothers grandfather grandfathers grandparent
    grandparents nan grandma grandpa aunt uncle stepfather stepmother stepdad stepmum
    man men woman women adult adults husband wife partner partners boyfriend girlfriend
    patient patients client clients resident residents tenant tenants person people
    individual individuals family families gentleman lady mr mrs ms miss dr sir
    professional professionals practitioner practitioners staff worker workers teacher
    teachers nurse nurses doctor doctors officer officers clinician clinicians""".split()
)

PERSON = CHILD | ADULT | frozenset("young sibling siblings brother brothers sister sisters".split())

PRONOUN = frozenset("he she they i we you him her them me us".split())

# Nouns that name a person's conduct or manner, so that an adjective before them
# describes the person ("aggressive behaviour", "a volatile relationship").
CONDUCT = frozenset(
    """behaviour behaviours behavior behaviors outburst outbursts manner manners attitude
    attitudes conduct temper tempers tendencies tendency personality personalities nature
    character relationship relationships reaction reactions response responses
    presentation presentations mood moods streak way ways traits trait""".split()
)

FAMILY = (
    "mother|mum|mummy|mom|father|dad|daddy|parents?|birth (?:family|families|parents?|mother|father)"
    "|family|families|siblings?|brothers?|sisters?|grandparents?|grandmother|grandfather|nan|"
    "grandma|grandad|grandpa|aunts?|uncles?|cousins?|relatives?|friends?|step(?:mum|dad|father|mother)"
)

LISTS = {
    "PERSON": "|".join(sorted(PERSON | PRONOUN, key=len, reverse=True)),
    "CHILD": "|".join(sorted(CHILD, key=len, reverse=True)) + "|young (?:person|people)",
    "ADULT": "|".join(sorted(ADULT, key=len, reverse=True)),
    "FAMILY": FAMILY,
    "POSSESSIVE": "his|her|their|my|your|our|its|the|a|an|this|that",
    "REFLEXIVE": "themselves|himself|herself|themself|yourself|myself|ourselves|yourselves",
    "BE": "is|are|was|were|be|been|being|am|'s|’s|'re|’re|isn't|wasn't|aren't|weren't",
}


def expand(expression: str) -> str:
    """Replace {NAME} with the alternation of that word list."""
    return re.sub(r"\{([A-Z]+)\}", lambda m: f"(?:{LISTS[m.group(1)]})", expression)
