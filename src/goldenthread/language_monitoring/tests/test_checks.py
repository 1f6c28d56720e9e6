"""Each record's writing is checked in the background when it is saved, again when the rules change, and forgotten when the record goes."""

from datetime import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from goldenthread.core.language import site_check, site_rules_changed
from goldenthread.families.models import ChronologyEntry, OnePageProfile, StoryEntry
from goldenthread.language_monitoring import checking, queries, tasks
from goldenthread.language_monitoring.models import WritingCheck
from goldenthread.language_monitoring.tests.support import (
    CLEAN_STORY,
    FLAGGED_STORY,
    RECHECK_TASK,
    add_story,
    check_everything,
    forget_earlier_saves,
    personal_pledge,
    queued,
    run_queued_checks,
)

pytestmark = pytest.mark.django_db


def row_for(record):
    return WritingCheck.objects.get(model_label=record._meta.label_lower, object_id=record.pk)


def test_saving_a_story_queues_a_check_once_it_is_committed_and_the_check_keeps_counts_only(
    family, practitioner, childrens_services, django_capture_on_commit_callbacks
):
    forget_earlier_saves()
    with django_capture_on_commit_callbacks(execute=True):
        entry = add_story(family, practitioner, FLAGGED_STORY)
    (task,) = queued()
    assert task.args_kwargs["args"] == [[["families.storyentry", entry.pk]]]
    run_queued_checks()
    check = row_for(entry)
    assert check.record_type == "Family story" and check.holds_family_data
    assert check.organisation == childrens_services and check.author == practitioner
    assert check.month == timezone.localdate().replace(day=1)
    assert check.findings >= 2 and set(check.rules) >= {"care.abscond", "blame.non-compliant"}
    assert check.words == len(FLAGGED_STORY.split()) and check.characters == len(FLAGGED_STORY)
    stored = " ".join(str(value) for value in WritingCheck.objects.filter(pk=check.pk).values().first().values())
    assert "Quillbarrow" not in stored and "absconded" not in stored


def test_everything_saved_in_one_transaction_is_one_task(family, practitioner, django_capture_on_commit_callbacks):
    forget_earlier_saves()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = add_story(family, practitioner, CLEAN_STORY)
            second = add_story(family, practitioner, FLAGGED_STORY)
    (task,) = queued()
    assert task.args_kwargs["args"] == [[["families.storyentry", first.pk], ["families.storyentry", second.pk]]]


def test_a_change_rolled_back_queues_nothing(family, practitioner, django_capture_on_commit_callbacks):
    forget_earlier_saves()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    add_story(family, practitioner, FLAGGED_STORY)
                    raise RuntimeError("changed our mind")
            except RuntimeError:
                pass
            kept = add_story(family, practitioner, CLEAN_STORY)
    (task,) = queued()
    assert task.args_kwargs["args"] == [[["families.storyentry", kept.pk]]]


def test_a_save_that_changes_no_checked_words_queues_nothing(family, practitioner, django_capture_on_commit_callbacks):
    entry = add_story(family, practitioner, CLEAN_STORY)
    forget_earlier_saves()
    with django_capture_on_commit_callbacks(execute=True):
        entry.save(update_fields=["how_agreed"])
    assert queued() == []


def test_running_the_check_again_with_nothing_changed_does_nothing(family, practitioner):
    entry = add_story(family, practitioner, FLAGGED_STORY)
    assert checking.check_record("families.storyentry", entry.pk) == checking.CHECKED
    checked_at = row_for(entry).checked_at
    assert tasks.check_writing.call([["families.storyentry", entry.pk]]) == {checking.UNCHANGED: 1}
    assert row_for(entry).checked_at == checked_at


def test_changed_words_are_checked_afresh(family, practitioner):
    entry = add_story(family, practitioner, FLAGGED_STORY)
    checking.check_record("families.storyentry", entry.pk)
    entry.story = CLEAN_STORY
    entry.save()
    assert checking.check_record("families.storyentry", entry.pk) == checking.CHECKED
    assert row_for(entry).findings == 0 and row_for(entry).rules == {}


def test_deleting_a_record_removes_its_check(family, practitioner):
    entry = add_story(family, practitioner, FLAGGED_STORY)
    checking.check_record("families.storyentry", entry.pk)
    entry.delete()
    assert not WritingCheck.objects.filter(model_label="families.storyentry", object_id=entry.pk).exists()
    assert checking.check_record("families.storyentry", entry.pk) == checking.REMOVED


def test_a_record_with_no_words_has_no_check(family, practitioner, wrenna):
    profile = OnePageProfile.objects.get(person=wrenna)
    checking.check_record("families.onepageprofile", profile.pk)
    for name in ("liked_and_admired", "important_to_me", "how_to_support_me"):
        setattr(profile, name, "")
    profile.save()
    assert checking.check_record("families.onepageprofile", profile.pk) == checking.REMOVED
    assert not WritingCheck.objects.filter(model_label="families.onepageprofile").exists()


def meets(record, fields):
    return not any(f.is_fault for name in fields for f in site_check(getattr(record, name)))


def test_the_figures_match_a_direct_count_with_the_sites_own_check(family, practitioner, other_agency_lead, community_health):
    for words in (FLAGGED_STORY, CLEAN_STORY, "The CIN meeting agreed the plan.", "Marnie said the visits help."):
        add_story(family, practitioner, words)
    personal_pledge(other_agency_lead, community_health)
    personal_pledge(other_agency_lead, community_health, "Our staff will stop calling families hard to reach.")
    check_everything()

    expected = {
        "families.storyentry": [meets(entry, ["story"]) for entry in StoryEntry.objects.all()],
        "families.chronologyentry": [meets(entry, ["what_happened", "meaning_for_child"]) for entry in ChronologyEntry.objects.all()],
        "families.onepageprofile": [meets(profile, ["liked_and_admired", "important_to_me", "how_to_support_me"]) for profile in OnePageProfile.objects.all()],
        "pledges.personalpledge": [meets(pledge, ["commitment"]) for pledge in other_agency_lead.personal_pledges.all()],
    }
    found = queries.figures(WritingCheck.objects.all(), queries.Filters())
    by_type = {share.key: (share.records, share.meeting) for share in found.by_record_type}
    for label, results in expected.items():
        assert by_type[label] == (len(results), sum(results)), label
    all_results = [result for results in expected.values() for result in results]
    assert (found.overall.records, found.overall.meeting) == (len(all_results), sum(all_results))
    assert 0 < found.overall.meeting < found.overall.records
    assert found.overall.share == pytest.approx(sum(all_results) / len(all_results))
    by_organisation = {share.label: share.records for share in found.by_organisation}
    assert by_organisation == {"Riverbend Children's Services": len(all_results) - 2, "Riverbend Community Health": 2}
    this_month = found.by_month[-1]
    assert this_month.key == queries.month_key(timezone.localdate()) and this_month.records == len(
        all_results
    )  # counted in the month written, not the month it is about
    rules = {item.rule for item in found.commonest}
    assert {"care.abscond", "blame.non-compliant", "jargon.cin"} <= rules
    abscond = next(item for item in found.commonest if item.rule == "care.abscond")
    assert abscond.records == 1 and abscond.suggestions and "Abscond" in abscond.message


def test_filters_narrow_the_figures(family, practitioner, other_agency_lead, community_health):
    add_story(family, practitioner, FLAGGED_STORY)
    personal_pledge(other_agency_lead, community_health)
    check_everything()
    everything = WritingCheck.objects.all()
    stories = queries.figures(everything, queries.Filters(record_type="families.storyentry"))
    assert stories.overall.records == 2 and [share.key for share in stories.by_record_type] == ["families.storyentry"]
    health = queries.figures(everything, queries.Filters(organisation=community_health))
    assert health.overall.records == 1 and health.overall.meeting == 1
    long_ago = queries.figures(everything, queries.Filters(start=queries.months_offered()[0], end=queries.months_offered()[1]))
    assert long_ago.overall.records == 0 and long_ago.overall.share is None


def test_a_change_of_rules_queues_the_check_again(db, django_capture_on_commit_callbacks):
    site_rules_changed.send(sender=None, version="new")
    (task,) = queued(RECHECK_TASK)
    assert task.args_kwargs["args"] == [0]


def test_after_the_rules_change_only_rows_checked_under_other_rules_are_checked_again(family, practitioner):
    entries = [add_story(family, practitioner, words) for words in (FLAGGED_STORY, CLEAN_STORY, "Marnie said the visits help.")]
    check_everything()
    already = row_for(entries[0])
    WritingCheck.objects.filter(pk=already.pk).update(rules_version="rules-of-today", checked_at=timezone.make_aware(datetime(2026, 1, 1)))
    with mock.patch("goldenthread.language_monitoring.tasks.site_rules_version", return_value="rules-of-today"):
        looked_at = tasks.check_again_under_new_rules.call(0)
    assert looked_at == WritingCheck.objects.count() - 1
    assert set(WritingCheck.objects.values_list("rules_version", flat=True)) == {"rules-of-today"}
    assert row_for(entries[0]).checked_at == timezone.make_aware(datetime(2026, 1, 1))  # not touched


def test_the_check_again_goes_a_batch_at_a_time(family, practitioner):
    for words in (FLAGGED_STORY, CLEAN_STORY, "Marnie said the visits help."):
        add_story(family, practitioner, words)
    check_everything()
    stale = WritingCheck.objects.count()
    with mock.patch.object(tasks, "BATCH", 2), mock.patch("goldenthread.language_monitoring.tasks.site_rules_version", return_value="rules-of-today"):
        assert tasks.check_again_under_new_rules.call(0) == 2
        (next_batch,) = queued(RECHECK_TASK)
        assert tasks.check_again_under_new_rules.call(*next_batch.args_kwargs["args"]) == min(2, stale - 2)
    assert WritingCheck.objects.exclude(rules_version="rules-of-today").count() == max(0, stale - 4)


def test_the_command_fills_in_what_is_missing_or_stale_and_all_checks_everything(family, practitioner):
    call_command("check_writing", stdout=mock.MagicMock())
    counted = WritingCheck.objects.count()
    assert counted == 3  # the story, Wrenna's profile and the chronology entry
    WritingCheck.objects.filter(model_label="families.storyentry").update(rules_version="older")
    WritingCheck.objects.filter(model_label="families.chronologyentry").delete()
    assert sorted(label for label, _ in checking.records_to_check()) == ["families.chronologyentry", "families.storyentry"]
    call_command("check_writing", stdout=mock.MagicMock())
    assert list(checking.records_to_check()) == [] and WritingCheck.objects.count() == counted
    assert len(list(checking.records_to_check(every=True))) >= counted
    call_command("check_writing", "--all", stdout=mock.MagicMock())
    assert WritingCheck.objects.count() == counted
