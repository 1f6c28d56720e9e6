"""When the partnership publishes a rule, the records checked under the old rules are checked again, and only those."""

import pytest
from django.db import transaction

from goldenthread.core import registry
from goldenthread.core.language import announce_rules_changed, site_rules_version
from goldenthread.language_monitoring import queries, tasks
from goldenthread.language_monitoring.models import WritingCheck

from .support import RECHECK_TASK, add_story, check_everything, forget_earlier_saves, queued

CALM_CORNER = """
[[rule]]
id = "partnership.time-out-spot"
category = "labelling"
severity = "warning"
patterns = ["time-out spot"]
message = "In our schools we say 'the calm corner'."
suggestions = ["the calm corner"]
flag = ["Wrenna went to the time-out spot."]
pass = ["Wrenna went to the calm corner."]
"""


@pytest.fixture
def published_rule():
    """A rule published in the platform, through a registered overlay as the partnership's rules app gives one."""
    published = {"rules": None}
    registry.register("language_monitoring_test_overlay", rule_overlay=lambda: published["rules"], order=999)
    yield published
    registry._registered.pop("language_monitoring_test_overlay", None)


def test_publishing_a_rule_checks_again_only_what_was_checked_under_the_old_rules(published_rule, family, practitioner, django_capture_on_commit_callbacks):
    add_story(family, practitioner, "Wrenna chose the time-out spot when school felt too loud.")
    check_everything()
    old_version = site_rules_version()
    assert WritingCheck.objects.get(model_label="families.storyentry", words=10).findings == 0

    published_rule["rules"] = ("v1", CALM_CORNER)
    assert site_rules_version() != old_version
    forget_earlier_saves()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            announce_rules_changed()
    (task,) = queued(RECHECK_TASK)
    assert tasks.check_again_under_new_rules.call(*task.args_kwargs["args"]) == WritingCheck.objects.count()

    story = WritingCheck.objects.get(model_label="families.storyentry", words=10)
    assert story.rules == {"partnership.time-out-spot": 1} and story.rules_version == site_rules_version()
    (item,) = [item for item in queries.commonest(WritingCheck.objects.all()) if item.rule == "partnership.time-out-spot"]
    assert item.message == "In our schools we say 'the calm corner'." and item.suggestions == ("the calm corner",)
    assert tasks.check_again_under_new_rules.call(0) == 0  # nothing left under the old rules
