"""The people every test shares, so each test reads like a story about the same partnership.

All of them are fictional. Riverbend Children's Services and Riverbend Community Health
are the two agencies; Alex Morgan leads the partnership.
"""

import pytest

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

# The fictional Brightwater family and the people around it, for the journeys across apps.
pytest_plugins = ["tests.family_fixtures"]


@pytest.fixture(autouse=True)
def _caches_start_empty():
    """What one test kept in a cache in this process's memory (a golden thread worked out, a count)
    is not there for the next. Only caches in memory: a shared cache is never cleared by a test."""
    from django.conf import settings
    from django.core.cache import caches

    yield
    for name, cache in settings.CACHES.items():
        if cache["BACKEND"].endswith("LocMemCache"):
            caches[name].clear()


def _person(email, name, *, title="", admin=False):
    return User.objects.create_user(email, "a-long-test-password", full_name=name, job_title=title, is_partnership_admin=admin)


def _member(user, organisation, role):
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def childrens_services(db):
    return Organisation.objects.create(name="Riverbend Children's Services", sector=Sector.CHILDRENS_SOCIAL_CARE, area="Borough-wide")


@pytest.fixture
def community_health(db):
    return Organisation.objects.create(name="Riverbend Community Health", sector=Sector.HEALTH, area="North Riverbend")


@pytest.fixture
def partnership_lead(db):
    return _person("alex.morgan@partnership.example", "Alex Morgan", title="Partnership manager", admin=True)


@pytest.fixture
def organisation_lead(childrens_services):
    return _member(_person("sam.okafor@childrens.example", "Sam Okafor", title="Director of children's services"), childrens_services, Role.ORGANISATION_LEAD)


@pytest.fixture
def champion(childrens_services):
    return _member(_person("jo.park@childrens.example", "Jo Park", title="Practice lead"), childrens_services, Role.CHAMPION)


@pytest.fixture
def practitioner(childrens_services):
    return _member(_person("riley.shah@childrens.example", "Riley Shah", title="Social worker"), childrens_services, Role.PRACTITIONER)


@pytest.fixture
def other_agency_practitioner(community_health):
    return _member(_person("casey.evans@health.example", "Casey Evans", title="Health visitor"), community_health, Role.PRACTITIONER)


@pytest.fixture
def other_agency_lead(community_health):
    return _member(_person("drew.hughes@health.example", "Drew Hughes", title="Head of service"), community_health, Role.ORGANISATION_LEAD)


@pytest.fixture
def trainer(childrens_services):
    return _member(_person("pat.lee@childrens.example", "Pat Lee", title="Workforce development lead"), childrens_services, Role.TRAINER)


@pytest.fixture
def data_protection_lead(db):
    user = _person("noor.haddad@partnership.example", "Noor Haddad", title="Data protection lead")
    user.is_data_protection_lead = True
    user.save()
    return user
