"""A small, fictional framework and assessment rounds the continuum's tests share.

The frameworks shipped with the platform are large; these are small enough to answer in a
test, made as rows directly so the assessment tests do not depend on the data files.
Rounds are made the way a person makes them: through the services.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.continuum import services
from goldenthread.continuum.models import Assessment, Domain, Framework, Item

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

SMALL_SCALE = [
    {"value": 0, "label": "Not yet", "description": "This does not happen yet."},
    {"value": 1, "label": "Starting", "description": "It happens in a few places."},
    {"value": 2, "label": "Sometimes", "description": "It happens in some teams, some of the time."},
    {"value": 3, "label": "Mostly", "description": "It happens in most teams, most of the time."},
    {"value": 4, "label": "Fully, everywhere", "description": "It is how we work, everywhere."},
]

SMALL_BANDS = [
    {"code": "aware", "minimum": 0, "description": "We know what trauma is and how it can affect people."},
    {"code": "sensitive", "minimum": 1.5, "description": "We are starting to look at our own ways of working."},
    {"code": "responsive", "minimum": 2.5, "description": "We are changing how we work, and it shows."},
    {"code": "informed", "minimum": 3.25, "description": "Working this way is part of everything we do."},
]

SMALL_DOMAINS = [
    (
        "leadership",
        "Leadership and governance",
        ["Our leaders talk about trauma-informed practice.", "The board reviews our progress.", "Leaders model calm, kind responses."],
    ),
    (
        "safety",
        "Physical and emotional safety",
        ["Our reception areas feel calm and welcoming.", "People know what will happen next.", "We explain changes before they happen."],
    ),
    (
        "wellbeing",
        "Staff wellbeing",
        ["Staff have time to reflect after hard days.", "Managers notice signs of secondary trauma.", "Wellbeing support is easy to reach."],
    ),
]


def make_framework(code="small-general", kind=Framework.Kind.GENERAL, version=1, title="A small test framework", is_current=True):
    framework = Framework.objects.create(
        code=code,
        version=version,
        kind=kind,
        title=title,
        scale=SMALL_SCALE,
        bands=SMALL_BANDS,
        is_current=is_current,
        description="A fictional framework made for tests.",
    )
    for order, (domain_code, domain_title, statements) in enumerate(SMALL_DOMAINS):
        domain = Domain.objects.create(framework=framework, code=domain_code, title=domain_title, order=order)
        for position, text in enumerate(statements, start=1):
            Item.objects.create(
                domain=domain,
                code=f"{domain_code}-{position}",
                text=text,
                order=position,
                guidance=f"What good looks like: {text.lower()}",
            )
    return framework


def items_of(framework):
    return list(Item.objects.filter(domain__framework=framework).select_related("domain"))


def answer_everything(response, person, value, evidence=""):
    """Give the same answer to every statement, as one person answering quickly."""
    answers = {item.pk: (value, evidence) for item in items_of(response.assessment.framework)}
    return services.save_answers(response, by=person, answers=answers)


def response_of(assessment, person):
    return assessment.responses.get(respondent=person)


def answer_and_send(assessment, person, value, evidence=""):
    """One person answers every statement the same way and sends their answers."""
    response = response_of(assessment, person)
    answer_everything(response, person, value, evidence)
    return services.submit_response(response, by=person)


@pytest.fixture
def small_framework(db):
    return make_framework()


@pytest.fixture
def small_schools_framework(db):
    return make_framework(code="small-schools", kind=Framework.Kind.SCHOOLS, title="A small test framework for schools")


@pytest.fixture
def open_round(childrens_services, organisation_lead, champion, practitioner, trainer, small_framework):
    """An open round at Riverbend Children's Services, with everyone there invited."""
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    services.invite_everyone(assessment, by=organisation_lead)
    return assessment


@pytest.fixture
def completed_round(open_round, organisation_lead, champion, practitioner):
    """A completed round: the lead, the champion and a practitioner answered (enough people for
    a result to show), and they disagree on some things."""
    answer_and_send(open_round, organisation_lead, 3, "We have a plan.")
    answer_and_send(open_round, champion, 1)
    answer_and_send(open_round, practitioner, 2)
    return services.complete_assessment(open_round, by=organisation_lead)


def move_round_back(assessment, days):
    """Let time pass: the round started and ended `days` earlier than it did."""
    Assessment.objects.filter(pk=assessment.pk).update(
        started_on=assessment.started_on - timedelta(days=days),
        completed_on=(assessment.completed_on - timedelta(days=days)) if assessment.completed_on else None,
    )
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def as_person(client):
    """Sign a test client in as one of the shared people."""

    def sign_in(user):
        if user is not None:
            client.force_login(user, backend=MODEL_BACKEND)
        return client

    return sign_in


def today():
    return timezone.localdate()
