"""The demo's resources library: 30 fictional resources across the principles, sectors, continuum areas and roles; loading it twice changes nothing.

The demo partnership is loaded first, as `load_demo` does; the resources part then loads as the
system, as `load_demo_programme` calls it. Everything here is fictional.
"""

from __future__ import annotations

import random
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.language import check
from goldenthread.partnership.models import Role
from goldenthread.programme import principles
from goldenthread.programme.resources import demo, queries
from goldenthread.programme.resources.models import Resource, ResourceKind, ResourceVersion

pytestmark = pytest.mark.django_db


def load_resources():
    with acting_as(None):
        return demo.load(random.Random("riverbend-programme"), timezone.localdate())


@pytest.fixture
def demo_partnership(db):
    call_command("load_demo_partnership", stdout=StringIO())


def test_the_demo_adds_thirty_resources_a_few_with_two_versions_and_a_few_files(demo_partnership):
    added = load_resources()
    assert len(added) == Resource.objects.count() == 30
    assert sorted(resource.versions.count() for resource in added).count(2) == 5
    files = ResourceVersion.objects.exclude(file="")
    assert 5 <= files.values("resource").distinct().count() < 10
    for version in files:
        with version.file.open("rb") as handle:
            assert handle.read().decode("utf-8").strip()
        assert version.text and version.content_type.startswith("text/")


def test_the_demo_is_tagged_across_every_principle_kind_and_role_and_many_sectors_and_areas(demo_partnership):
    load_resources()
    resources = list(Resource.objects.all())
    used = {field: {value for resource in resources for value in getattr(resource, field)} for field in queries.TAG_FIELDS}
    assert used["principles"] == {key for key, _ in principles.principle_choices()}
    assert used["roles"] == set(Role.values)
    assert len(used["sectors"]) >= 10
    assert len(used["domains"]) >= 12 and used["domains"] <= {code for code, _ in principles.domain_choices()}
    assert {resource.kind for resource in resources} == set(ResourceKind.values) - {"other"}
    assert all(resource.tag_words for resource in resources)


def test_every_demo_link_goes_to_an_example_address_over_https(demo_partnership):
    load_resources()
    for link in ResourceVersion.objects.exclude(link="").values_list("link", flat=True):
        parts = urlsplit(link)
        assert parts.scheme == "https" and parts.hostname.endswith(".example"), link


def test_the_demo_resources_come_from_people_who_may_add_them(demo_partnership):
    from goldenthread.programme.resources import permissions

    load_resources()
    for resource in Resource.objects.select_related("added_by", "organisation"):
        assert resource.added_by is not None and permissions.can_add(resource.added_by), resource.title
        assert resource.added_at <= timezone.now()


def test_the_demo_words_pass_the_shared_language_check(demo_partnership):
    load_resources()
    for resource in Resource.objects.all():
        for text in (resource.title, resource.summary):
            assert [f.text for f in check(text) if f.is_fault] == [], text
    for version in ResourceVersion.objects.all():
        assert version.language_findings.get("count", 0) == 0, version
        assert [f.text for f in check(version.note) if f.is_fault] == [], version.note


def test_loading_the_demo_again_changes_nothing(demo_partnership):
    load_resources()
    before = list(ResourceVersion.objects.order_by("pk").values_list("pk", "resource__title", "number", "file", "link"))
    assert load_resources() == []
    assert list(ResourceVersion.objects.order_by("pk").values_list("pk", "resource__title", "number", "file", "link")) == before


def test_the_demo_library_opens_for_a_demo_practitioner(client, demo_partnership):
    from goldenthread.partnership.models import Membership

    load_resources()
    practitioner = Membership.objects.filter(role=Role.PRACTITIONER).first().user
    client.force_login(practitioner)
    response = client.get(reverse("programme:resources-library"), {"principle": "hope"})
    assert response.status_code == 200
    resource = Resource.objects.exclude(versions__file="").first()
    assert client.get(reverse("programme:resources-detail", args=[resource.public_id])).status_code == 200
    assert client.get(reverse("programme:resources-download", args=[resource.public_id, 1])).status_code == 200


def test_the_librarys_own_words_pass_the_shared_language_check(client, demo_partnership):
    """Every page of the library, as a partnership admin sees it with the demo loaded, and every message it can show."""
    from goldenthread.core.models import User
    from goldenthread.language.readers import read_bytes
    from goldenthread.programme.resources import rules, services, views

    load_resources()
    client.force_login(User.objects.filter(is_partnership_admin=True).first())
    resource = Resource.objects.order_by("title").first()
    pages = [
        reverse("programme:resources-library"),
        reverse("programme:resources-add"),
        reverse("programme:resources-add-version", args=[resource.public_id]),
        reverse("programme:resources-change", args=[resource.public_id]),
        reverse("programme:resources-withdraw", args=[resource.public_id]),
        *(reverse("programme:resources-detail", args=[each.public_id]) for each in Resource.objects.all()),
    ]
    problems = []
    for page in pages:
        text = read_bytes(client.get(page).content, ".html")
        problems += [(page, f.text) for f in check(text) if f.is_fault]
    messages = [value for name, value in vars(rules).items() if name.isupper() and isinstance(value, str)]
    messages += [services.ADD_REFUSED, services.CHANGE_REFUSED, views.WITHDRAWN_FILE]
    messages += [rule.label + " " + (rule.required_message or "") + " " + rule.hint for rule in vars(rules).values() if hasattr(rule, "max_length")]
    problems += [("rules", f.text) for message in messages for f in check(message) if f.is_fault]
    assert problems == []
