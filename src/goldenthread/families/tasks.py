"""Background work for family records, run by the task worker (`manage.py db_worker`).

- `apply_retention`: records closed for longer than the partnership's retention period are
  erased or anonymised, with a log of what was done; it then queues itself for a day later,
  so once started (`manage.py start_retention_schedule`) the worker keeps it going.
- `notify_data_protection_lead`: tells the data protection lead that emergency access has
  started, so it is reviewed. The e-mail names the record's reference only, never the family.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User

from . import access
from .models import (
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    OnePageProfile,
    Person,
    RetentionRule,
    RetentionRun,
    StoryEntry,
)
from .queries import retention_rule

RETENTION_TASK_PATH = "goldenthread.families.tasks.apply_retention"
RETENTION_INTERVAL = timedelta(hours=24)
REMOVED = "[Removed under the partnership's retention rules]"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def families_due(today: date | None = None, rule: RetentionRule | None = None):
    """Closed records whose retention period has ended and that have not been dealt with yet."""

    today = today or timezone.localdate()
    rule = rule or retention_rule()
    cutoff = _years_before(today, rule.years_after_closure)
    return Family.objects.filter(status=Family.Status.CLOSED, closed_on__isnull=False, closed_on__lte=cutoff, anonymised_at__isnull=True)


def anonymise(family: Family) -> None:
    """Remove everything that identifies anyone; keep the shape (how many people, events, dates)."""
    family.family_name = "Anonymised family"
    family.contact_details = ""
    family.lawful_basis_note = ""
    family.anonymised_at = timezone.now()
    family.version += 1
    family.save()
    for number, person in enumerate(Person.objects.filter(family=family).order_by("pk"), start=1):
        person.first_name = f"Person {number}"
        person.last_name = ""
        person.preferred_name = ""
        person.pronouns = ""
        person.date_of_birth = None
        person.account = None
        person.save()
    for entry in StoryEntry.objects.filter(family=family):
        entry.story = REMOVED
        entry.who_was_there = ""
        entry.how_agreed = ""
        entry.version += 1
        entry.save()
    for profile in OnePageProfile.objects.filter(person__family=family):
        profile.liked_and_admired = REMOVED
        profile.important_to_me = ""
        profile.how_to_support_me = ""
        profile.written_with = ""
        profile.version += 1
        profile.save()
    for event in ChronologyEntry.objects.filter(family=family):
        event.what_happened = REMOVED
        event.meaning_for_child = ""
        event.save()
    for consent in ConsentAgreement.objects.filter(family=family):
        consent.given_by_name = "Removed"
        consent.withdrawal_note = ""
        consent.save()
    for emergency in EmergencyAccess.objects.filter(family=family):
        emergency.reason = REMOVED
        emergency.review_note = ""
        emergency.save()
    for join_request in JoinRequest.objects.filter(family=family):
        join_request.reason = REMOVED
        join_request.save()
    family.relationships.update(description="")


def run_retention(today: date | None = None) -> RetentionRun:
    """Apply the retention rule once, now; returns the record of what was done."""

    rule = retention_rule()
    erased, anonymised = [], []
    with acting_as(None):
        for family in families_due(today, rule).order_by("pk"):
            with transaction.atomic():
                reference = family.reference
                if rule.outcome == RetentionRule.Outcome.ERASE:
                    access.log(None, family, access.Action.ERASE, "", access.Basis.RETENTION,
                               f"Erased: closed for more than {rule.years_after_closure} years")
                    family.delete()
                    erased.append(reference)
                else:
                    anonymise(family)
                    access.log(None, family, access.Action.ANONYMISE, "", access.Basis.RETENTION,
                               f"Anonymised: closed for more than {rule.years_after_closure} years")
                    anonymised.append(reference)
        run = RetentionRun.objects.create(erased=erased, anonymised=anonymised)
    access.forget()
    return run


def _next_run_is_queued() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot be asked, so queue the next run
        return False
    from django_tasks.base import TaskResultStatus

    return DBTaskResult.objects.filter(task_path=RETENTION_TASK_PATH, status=TaskResultStatus.READY).exists()


def schedule_retention(run_after=None) -> bool:
    """Queue the next run of `apply_retention` unless one is queued already; True if one was queued now."""
    if _next_run_is_queued():
        return False
    apply_retention.using(run_after=run_after).enqueue()
    return True


@task()
def apply_retention() -> dict:
    """Erase or anonymise records past their retention period, then queue the next run for a day later."""
    run = run_retention()
    schedule_retention(run_after=timezone.now() + RETENTION_INTERVAL)
    return {"erased": len(run.erased), "anonymised": len(run.anonymised)}


def _review_url(emergency) -> str:
    """The review page for this emergency access (the list of reviews if that page is not there)."""
    for name, args in (("families:review", [emergency.public_id]), ("families:reviews", [])):
        try:
            return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)
        except NoReverseMatch:
            continue
    return settings.GOLDENTHREAD_SITE_URL + "/families/"


@task()
def notify_data_protection_lead(access_id: int) -> int:
    """E-mail every data protection lead that emergency access has started; returns how many were sent."""
    emergency = EmergencyAccess.objects.select_related("family", "user").filter(pk=access_id).first()
    if emergency is None:
        return 0
    leads = User.objects.filter(is_data_protection_lead=True, is_active=True).order_by("full_name")
    started = timezone.localtime(emergency.started_at)
    expires = timezone.localtime(emergency.expires_at)
    subject = f"Emergency access to family record {emergency.family.reference} needs your review"
    sent = 0
    for lead in leads:
        body = (
            f"Hello {lead.full_name},\n\n"
            f"{emergency.user.full_name} opened family record {emergency.family.reference} with emergency access "
            f"on {started:%d %B %Y} at {started:%H:%M}. The access ends at {expires:%H:%M}.\n\n"
            "They gave a reason, which you can read once you have signed in. Please review whether the access was justified:\n"
            f"{_review_url(emergency)}\n\n"
            "This e-mail holds no details of the family on purpose.\n"
        )
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [lead.email])
    return sent
