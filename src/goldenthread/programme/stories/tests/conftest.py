"""The stories the tests share, made the way people make them: through the services.

Riley Shah (practitioner, Riverbend Children's Services) shares a story of family time in the
park. Jo Park (champion) and Sam Okafor (organisation lead) of the same organisation may approve
it; Alex Morgan (partnership lead) may approve any story. Casey Evans works for Riverbend
Community Health, another agency. Everything here is fictional.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.programme.stories import services

TITLE = "Family time in the park (fictional)"


def story_details(**changes) -> dict:
    """A story ready to send for approval, with the consent of everyone it touches."""
    details = {
        "title": TITLE,
        "what_we_did": "With the family's agreement, we moved family time from a small room at the office to the park.",
        "what_changed": "The children and their parent relaxed, and family time felt like ordinary life.",
        "what_families_said": "‘We just played. It felt normal.’",
        "domains": ["relationships"],
        "principles": ["connectedness"],
        "consent_given_by": "the parent and the carers",
        "consent_how": "in person, at a review meeting",
        "consent_on": timezone.localdate() - timedelta(days=3),
        "consent_confirmed": True,
        "reach": "partnership",
    }
    details.update(changes)
    return details


def form_data(**changes) -> dict:
    """What the share-a-story page posts for `story_details()`."""
    day = timezone.localdate() - timedelta(days=3)
    data = {
        "title": TITLE,
        "what_we_did": "With the family's agreement, we moved family time from a small room at the office to the park.",
        "what_changed": "The children and their parent relaxed, and family time felt like ordinary life.",
        "what_families_said": "",
        "domains": ["relationships"],
        "principles": ["connectedness"],
        "reach": "partnership",
        "consent_given_by": "the parent and the carers",
        "consent_how": "in person, at a review meeting",
        "consent_on_0": str(day.day),
        "consent_on_1": str(day.month),
        "consent_on_2": str(day.year),
        "consent_confirmed": "on",
        "next_step": "send",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def waiting_story(practitioner, childrens_services):
    return services.share_story(childrens_services, by=practitioner, **story_details())


@pytest.fixture
def approved_story(waiting_story, champion):
    return services.approve_story(waiting_story, by=champion)


@pytest.fixture
def public_story(practitioner, childrens_services, organisation_lead):
    story = services.share_story(childrens_services, by=practitioner, **story_details(title="A quiet room before a hard meeting (fictional)", reach="public"))
    return services.approve_story(story, by=organisation_lead)


@pytest.fixture
def draft_story(practitioner, childrens_services):
    return services.share_story(
        childrens_services, by=practitioner, send=False, **story_details(title="Still asking the family (fictional)", consent_confirmed=False, consent_on=None)
    )
