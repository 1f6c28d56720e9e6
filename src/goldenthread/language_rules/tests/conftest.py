"""The language leads these tests add to the shared people: one in each agency. Fictional, like everyone else."""

import pytest

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Role


def _language_lead(email, name, organisation):
    user = User.objects.create_user(email, "a-long-test-password", full_name=name, job_title="Language lead")
    Membership.objects.create(user=user, organisation=organisation, role=Role.LANGUAGE_LEAD)
    return user


@pytest.fixture
def language_lead(childrens_services):
    return _language_lead("robin.ash@childrens.example", "Robin Ash", childrens_services)


@pytest.fixture
def other_language_lead(community_health):
    return _language_lead("ellis.north@health.example", "Ellis North", community_health)


ISOLATION_BOOTH = {
    "words": "isolation booth",
    "message": "In our schools we say ‘reflection room’: a place to talk about what happened, not a punishment.",
    "reframes": "reflection room\nquiet room",
    "must_flag": "Marlo was sent to the isolation booth after lunch.\nThree pupils sat in isolation booths on Friday.",
    "must_pass": "Marlo went to the reflection room after lunch.\nThe phone booth outside the hall is painted red.",
    "category": "labelling",
    "severity": "suggestion",
    "why": "Our schools agreed these words at the summer network meeting.",
}


@pytest.fixture
def isolation_booth():
    """A proposal every test may use: the partnership's words for a reflection room."""
    return dict(ISOLATION_BOOTH)
