"""What the language monitoring's tests share: records with and without words to change, and running the queued checks."""

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.families import services as family_services
from goldenthread.language_monitoring import checking
from goldenthread.language_monitoring.tasks import check_writing
from goldenthread.pledges.models import PersonalPledge

CHECK_TASK = "goldenthread.language_monitoring.tasks.check_writing"
RECHECK_TASK = "goldenthread.language_monitoring.tasks.check_again_under_new_rules"

# A distinctive sentence in the family's story, with words the check would change: none of it may reach a figure.
FLAGGED_STORY = "Wrenna absconded to Quillbarrow Lane after a row and Marnie was non-compliant with the plan."
DISTINCT_WORDS = ("Quillbarrow", "absconded", "Marnie", "non-compliant with the plan", "after a row")
CLEAN_STORY = "Wrenna talked about her new school and the friends she has made there."


def forget_earlier_saves():
    """Drop what the test's set-up left waiting for a commit that never comes (the test runs in one transaction)."""
    transaction.get_connection().run_on_commit.clear()


def queued(task_path=CHECK_TASK):
    return list(DBTaskResult.objects.filter(task_path=task_path).order_by("id"))


def run_queued_checks():
    """Run each queued `check_writing` task, as the worker would, and clear the queue."""
    for result in queued():
        check_writing.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()


def check_everything():
    return checking.check_records(list(checking.records_to_check()))


def add_story(family, practitioner, story):
    return family_services.add_story_entry(
        family, by=practitioner, story=story, who_was_there="Marnie, Wrenna and Riley", told_on=timezone.localdate(), how_agreed="Marnie read it back"
    )


def personal_pledge(lead, organisation, words="I will listen first and write what families tell me in their own words."):
    return PersonalPledge.objects.create(user=lead, organisation=organisation, commitment=words)
