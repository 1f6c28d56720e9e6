"""The demo's stories: fifteen, fictional, linked to the continuum's areas, in the words the product asks of everyone."""

import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from goldenthread.language import check
from goldenthread.programme import principles
from goldenthread.programme.stories import demo, queries, waiting
from goldenthread.programme.stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partnership(db):
    call_command("load_demo_partnership", stdout=open("/dev/null", "w"))


def load():
    demo.load(random.Random("riverbend-programme"), timezone.localdate())


def test_the_demo_loads_fifteen_stories_once(demo_partnership):
    load()
    load()
    assert Story.objects.count() == 15
    counts = {status: Story.objects.filter(status=status).count() for status in Story.Status.values}
    assert counts["waiting"] == 2
    assert counts["sent-back"] == 1
    assert queries.approved_public().count() >= 3
    assert queries.approved_for_workforce().exclude(reach="public").count() >= 3


def test_every_demo_story_names_known_areas_and_its_approver_is_not_its_author(demo_partnership):
    load()
    known = dict(principles.domain_choices())
    for story in Story.objects.all():
        assert story.domains and all(code in known for code in story.domains)
        assert story.consent_confirmed and story.consent_given_by
        if story.status == Story.Status.APPROVED:
            assert story.approved_by is not None and story.approved_by != story.author


def test_the_demo_sign_ins_find_their_turn_waiting(demo_partnership):
    from goldenthread.core.models import User

    load()
    lead = User.objects.get(full_name="Imogen Vasquez-Hart")
    practitioner = User.objects.get(full_name="Tobias Nwachukwu")
    assert len(waiting.waiting(lead)) == 1
    assert [notice.what for notice in waiting.waiting(practitioner)] == ["Look again at your story: Reports the family reads first"]


def test_the_demo_words_pass_the_shared_language_check():
    problems = []
    for entry in demo.read_demo():
        for field in ("title", "what_we_did", "what_changed", "what_families_said", "sent_back_reason"):
            text = entry.get(field, "")
            problems += [(entry["title"], finding.text, finding.rule) for finding in check(text) if finding.is_fault]
        problems += [(entry["title"], finding.text, finding.rule) for finding in check(" ".join(entry["consent"][:2])) if finding.is_fault]
    assert problems == []
