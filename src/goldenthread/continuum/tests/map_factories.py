"""Frameworks and completed rounds, written straight to the database for the map's tests.

The frameworks get codes of their own ("test-general", "test-schools"), beside the
shipped ones the migrations load. Plain functions, not fixtures: each test module of the map, the API and the PDF makes
what its story needs. Results are worked out with `scoring.score` and stored as the
assessments' services store them.

A round's figures show only once enough people answered it, so `complete_round` adds
fictional colleagues (members of the organisation, answering as the named people do) until
the round has the minimum; `enough_people=False` keeps just the people named, for a story
about a round too few people answered.
"""

from datetime import timedelta

from django.utils import timezone

from goldenthread.continuum import permissions, scoring
from goldenthread.continuum.models import (
    Answer,
    Assessment,
    Domain,
    Framework,
    Item,
    Response,
)
from goldenthread.continuum.services import result_to_keep
from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Role

BANDS = [
    {"code": "aware", "name": "Trauma Aware", "minimum": 0, "description": "We are starting to notice."},
    {"code": "sensitive", "name": "Trauma Sensitive", "minimum": 1.5, "description": "We understand and some of us act."},
    {"code": "responsive", "name": "Trauma Responsive", "minimum": 2.5, "description": "We act on it in most of our work."},
    {"code": "informed", "name": "Trauma Informed", "minimum": 3.5, "description": "It runs through everything we do."},
]
SCALE = [
    {"value": 0, "label": "Not yet"},
    {"value": 1, "label": "Beginning"},
    {"value": 2, "label": "In some places"},
    {"value": 3, "label": "Mostly"},
    {"value": 4, "label": "Fully, everywhere"},
]
GENERAL_DOMAINS = [
    ("leadership", "Leadership and governance"),
    ("safety", "Physical and emotional safety"),
    ("language", "Language and recording"),
]
SCHOOLS_DOMAINS = [
    ("behaviour", "Relationships and behaviour policy"),
    ("safe-spaces", "Safe spaces"),
]


def make_framework(code="test-general", *, kind=Framework.Kind.GENERAL, version=1, domains=None, items_per_domain=2, title=None, is_current=True):
    domains = GENERAL_DOMAINS if domains is None and kind == Framework.Kind.GENERAL else domains or SCHOOLS_DOMAINS
    framework = Framework.objects.create(
        code=code,
        version=version,
        kind=kind,
        title=title or ("Test self-assessment for organisations" if kind == Framework.Kind.GENERAL else "Test self-assessment for schools"),
        scale=SCALE,
        bands=BANDS,
        is_current=is_current,
    )
    for order, (domain_code, domain_title) in enumerate(domains):
        domain = Domain.objects.create(framework=framework, code=domain_code, title=domain_title, order=order)
        for number in range(1, items_per_domain + 1):
            Item.objects.create(domain=domain, code=f"{domain_code}-{number}", text=f"Statement {number} about {domain_title.lower()}.", order=number)
    return framework


def spec_for(framework) -> scoring.FrameworkSpec:
    domains = tuple(
        scoring.DomainSpec(domain.code, domain.title, tuple(item.code for item in domain.items.order_by("order")))
        for domain in framework.domains.order_by("order")
    )
    bands = tuple(scoring.BandSpec(band["code"], band["name"], float(band["minimum"])) for band in framework.bands)
    return scoring.FrameworkSpec(domains=domains, bands=bands)


def colleagues(organisation, count):
    """Fictional members of the organisation, the same ones each time it is asked."""
    people = []
    for number in range(1, count + 1):
        person, _ = User.objects.get_or_create(
            email=f"colleague{number}.{organisation.pk}@colleagues.example", defaults={"full_name": f"Colleague {number} at {organisation.name}"}
        )
        Membership.objects.get_or_create(user=person, organisation=organisation, defaults={"role": Role.PRACTITIONER})
        people.append(person)
    return people


def complete_round(organisation, framework, respondents, levels, *, days_ago=30, title=None, spread=None, enough_people=True):
    """A completed round: every respondent answers every item of a domain with its level.

    `levels` maps a domain code to the answer (0 to 4) everyone gives; `spread` maps a
    domain code to a second value the last respondent gives instead, so people disagree.
    With `enough_people`, colleagues join the named respondents up to the minimum.
    """
    spread = spread or {}
    respondents = list(respondents)
    if enough_people and len(respondents) < permissions.minimum_respondents():
        respondents += colleagues(organisation, permissions.minimum_respondents() - len(respondents))
    completed_on = timezone.localdate() - timedelta(days=days_ago)
    assessment = Assessment.objects.create(
        organisation=organisation,
        framework=framework,
        title=title or f"Round completed {completed_on:%B %Y}",
        started_by=respondents[0],
        started_on=completed_on - timedelta(days=14),
        status=Assessment.Status.SUBMITTED,
        completed_on=completed_on,
    )
    answer_sets = []
    for position, person in enumerate(respondents):
        response = Response.objects.create(
            assessment=assessment,
            respondent=person,
            status=Response.Status.SUBMITTED,
            submitted_at=timezone.now() - timedelta(days=days_ago),
        )
        answers = {}
        for item in Item.objects.filter(domain__framework=framework).select_related("domain"):
            value = levels.get(item.domain.code)
            if position == len(respondents) - 1 and item.domain.code in spread:
                value = spread[item.domain.code]
            Answer.objects.create(response=response, item=item, value=value)
            answers[item.code] = value
        answer_sets.append(answers)
    assessment.result = result_to_keep(framework, answer_sets) if enough_people else _scored_as_before(framework, answer_sets)
    assessment.save(update_fields=["result"])
    return assessment


def _scored_as_before(framework, answer_sets):
    """A round stored as an older version stored it, whatever the number of people: to test that it is never shown."""
    result = scoring.score(spec_for(framework), answer_sets).as_json()
    result["framework"] = {"code": framework.code, "version": framework.version}
    return result
