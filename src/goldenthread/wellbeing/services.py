"""Every change in wellbeing: one function per thing a person does, each in a transaction.

A check-in is taken, read, deleted and downloaded by its person alone: each service here
checks `by` is that person and refuses anyone else, whatever their role. Check-ins, reminders
and places are not written to the audit log by the usual signals (the log is read by the
partnership admins, and even that someone checked in is theirs to keep): a deletion is logged
by what was deleted and how many, with "the person it belonged to" and no name. Reflective
spaces and the list of support are logged as usual, by who put them on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import record
from goldenthread.core.mail import send_later
from goldenthread.core.models import AuditEvent
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership.models import Membership

from . import emails, permissions, questions, rules, tasks
from .models import CheckIn, Place, ReflectiveSpace, Reminder, SupportKind, SupportOption

# The retention rule lives in `retention`, which the background task shares; these stay services' names too.
from .retention import forget_after as forget_after
from .retention import forget_old_check_ins as forget_old_check_ins
from .retention import log_deletion
from .retention import months_later as months_later

NOT_YOURS = "Check-ins are private: only the person who made one can read, download or delete it."
WORKFORCE_ONLY = "Check-ins are for people who work in the partnership's organisations."
THE_PERSON = "The person it belonged to"


def _refuse_unless(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise Refused(message) if message else Refused()


def _organisation_of(person):
    membership = Membership.objects.filter(user=person).order_by("since", "pk").select_related("organisation").first()
    return membership.organisation if membership else None


def clean_answers(answers, *, errors: dict) -> dict[str, int]:
    """Each answer given, as a number 1 to 5, for a question in the current set; an answer that is not one of them is a mistake."""
    current = questions.current()
    cleaned: dict[str, int] = {}
    for key, value in (answers or {}).items():
        question = current.question(str(key))
        if question is None:
            errors[str(key)[:40] or "answers"] = rules.NOT_AN_ANSWER
            continue
        if value in (None, ""):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number not in questions.SCALE:
            errors[question.key] = rules.NOT_AN_ANSWER
            continue
        cleaned[question.key] = number
    return cleaned


@transaction.atomic
def take_check_in(person, *, by, answers: dict, in_own_words: str = "") -> CheckIn:
    """Save a private check-in for the person signed in; it is deleted after the retention period unless they delete it sooner."""
    _refuse_unless(by is not None and person is not None and by.pk == person.pk, NOT_YOURS)
    _refuse_unless(permissions.can_check_in(by), WORKFORCE_ONLY)
    errors: dict = {}
    cleaned = clean_answers(answers, errors=errors)
    own = rules.OWN_WORDS.clean(in_own_words, field="in_own_words", errors=errors)
    if not errors and not cleaned:
        errors["answers"] = rules.NOTHING_ANSWERED
    raise_if(errors)
    check_in = CheckIn.objects.create(
        person=person,
        organisation=_organisation_of(person),
        questions_version=questions.current().version,
        answers=cleaned,
        in_own_words=own,
    )
    tasks.schedule_forgetting(check_in)
    reminder = Reminder.objects.filter(person=person).first()
    if reminder is not None and reminder.every_weeks:
        _move_reminder_on(reminder)
    return check_in


@transaction.atomic
def delete_check_in(check_in: CheckIn, *, by) -> None:
    """Delete one check-in at once and for good: the person's own only."""
    _refuse_unless(check_in is not None and by is not None and check_in.person_id == by.pk, NOT_YOURS)
    check_in.delete()
    log_deletion(1, by_whom=THE_PERSON)


@transaction.atomic
def delete_all_check_ins(person, *, by) -> int:
    """Delete every check-in the person has made, at once and for good; returns how many."""
    _refuse_unless(by is not None and person is not None and by.pk == person.pk, NOT_YOURS)
    how_many, _ = CheckIn.objects.filter(person=person).delete()
    if how_many:
        log_deletion(how_many, by_whom=THE_PERSON)
    return how_many


def _next_reminder_day(every_weeks: int):
    return timezone.localdate() + timedelta(weeks=every_weeks)


def _move_reminder_on(reminder: Reminder) -> None:
    reminder.next_on = _next_reminder_day(reminder.every_weeks)
    reminder.save(update_fields=["next_on"])
    tasks.schedule_check_in_reminder(reminder)


@transaction.atomic
def set_reminder(person, *, by, every_weeks: int) -> Reminder:
    """Remind the person to check in every few weeks (an e-mail and a note on their home page), or stop reminders."""
    _refuse_unless(by is not None and person is not None and by.pk == person.pk, NOT_YOURS)
    _refuse_unless(permissions.can_check_in(by), WORKFORCE_ONLY)
    try:
        every_weeks = int(every_weeks)
    except (TypeError, ValueError):
        every_weeks = -1
    if every_weeks not in rules.REMINDER_CHOICES:
        raise ValidationError({"every_weeks": rules.NOT_A_REMINDER})
    reminder, _ = Reminder.objects.get_or_create(person=person)
    reminder.every_weeks = every_weeks
    if every_weeks:
        _move_reminder_on(reminder)
    else:
        reminder.next_on = None
    reminder.save()
    return reminder


# The partnership's list of support


def _clean_support(errors: dict, *, name, kind, description, how_to_reach, link, organisation) -> dict:
    values = {
        "name": rules.SUPPORT_NAME.clean(name, field="name", errors=errors),
        "description": rules.SUPPORT_DESCRIPTION.clean(description, field="description", errors=errors),
        "how_to_reach": rules.SUPPORT_HOW.clean(how_to_reach, field="how_to_reach", errors=errors),
        "link": (link or "").strip(),
        "kind": kind,
        "organisation": organisation,
    }
    if kind not in SupportKind.values:
        errors["kind"] = rules.NOT_A_KIND
    if values["link"] and (not values["link"].startswith("https://") or len(values["link"]) > 300 or " " in values["link"]):
        errors["link"] = rules.LINK_PROBLEM
    return values


@transaction.atomic
def add_support(*, by, name, kind, description, how_to_reach, link="", organisation=None) -> SupportOption:
    _refuse_unless(permissions.can_manage_support(by), "The list of support is kept by the partnership team.")
    errors: dict = {}
    values = _clean_support(errors, name=name, kind=kind, description=description, how_to_reach=how_to_reach, link=link, organisation=organisation)
    raise_if(errors)
    return SupportOption.objects.create(**values)


@transaction.atomic
def change_support(option: SupportOption, *, by, name, kind, description, how_to_reach, link="", organisation=None, is_listed=True) -> SupportOption:
    _refuse_unless(permissions.can_manage_support(by), "The list of support is kept by the partnership team.")
    errors: dict = {}
    values = _clean_support(errors, name=name, kind=kind, description=description, how_to_reach=how_to_reach, link=link, organisation=organisation)
    raise_if(errors)
    for field, value in values.items():
        setattr(option, field, value)
    option.is_listed = bool(is_listed)
    option.save()
    return option


# Reflective spaces


def _clean_space(errors: dict, *, title, about, format, venue, joining_link, day, starts, ends, capacity, host) -> dict:
    values = {
        "title": rules.SPACE_TITLE.clean(title, field="title", errors=errors),
        "about": rules.SPACE_ABOUT.clean(about, field="about", errors=errors),
        "venue": rules.SPACE_VENUE.clean(venue, field="venue", errors=errors),
        "joining_link": (joining_link or "").strip(),
        "format": format,
        "host": host,
    }
    day = rules.SPACE_DAY.clean(day, field="day", errors=errors)
    if format not in ReflectiveSpace.Format.values:
        errors["format"] = "Choose whether the space is held in person or online"
    elif format == ReflectiveSpace.Format.IN_PERSON and not values["venue"]:
        errors["venue"] = rules.VENUE_NEEDED
    elif format == ReflectiveSpace.Format.ONLINE and not (values["joining_link"].startswith("https://") and len(values["joining_link"]) <= 500):
        errors["joining_link"] = rules.LINK_NEEDED
    if host is None:
        errors["host"] = rules.HOST_NEEDED
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = 0
    if not 2 <= capacity <= rules.MOST_PLACES:
        errors["capacity"] = rules.PLACES_PROBLEM
    values["capacity"] = capacity
    if day is not None and starts is not None and ends is not None:
        values["starts_at"] = timezone.make_aware(datetime.combine(day, starts))
        values["ends_at"] = timezone.make_aware(datetime.combine(day, ends))
        if values["ends_at"] <= values["starts_at"]:
            errors["ends"] = rules.ENDS_BEFORE_START
        elif values["starts_at"] <= timezone.now():
            errors["starts"] = "The start time must be later than now"
    elif "day" not in errors:
        if starts is None:
            errors["starts"] = "Enter the start time, for example 14:30 or 2:30pm"
        if ends is None:
            errors["ends"] = "Enter the end time, for example 16:00 or 4pm"
    if values["format"] != ReflectiveSpace.Format.ONLINE:
        values["joining_link"] = ""
    return values


def _describe_space(space) -> str:
    return f"{space.title}, on {timezone.localtime(space.starts_at):%-d %B %Y}"


def _log_space(action, space, changed=()) -> None:
    record(
        action,
        object_type="wellbeing.reflectivespace",
        object_id=str(space.pk),
        object_label=f"Reflective space: {_describe_space(space)}",
        changed_fields=changed,
    )


@transaction.atomic
def put_on_space(organisation, *, by, title, about, format, venue="", joining_link="", day, starts, ends, capacity, host) -> ReflectiveSpace:
    """Put on a reflective space for everyone (organisation None) or for one organisation's staff."""
    _refuse_unless(permissions.can_put_on_space_for(by, organisation))
    errors: dict = {}
    values = _clean_space(
        errors, title=title, about=about, format=format, venue=venue, joining_link=joining_link, day=day, starts=starts, ends=ends, capacity=capacity, host=host
    )
    raise_if(errors)
    space = ReflectiveSpace.objects.create(organisation=organisation, created_by=by, **values)
    _log_space(AuditEvent.Action.CREATE, space)
    return space


@transaction.atomic
def offer_to_team(organisation, *, by, people, title, about, format, venue="", joining_link="", day, starts, ends, capacity, host) -> ReflectiveSpace:
    """After a hard event, an organisation's lead offers a team a debrief or reflective space.

    Each person offered it is told by e-mail and on their home page. Only they can book, and
    the lead never sees who took it up, nor how many.
    """
    _refuse_unless(permissions.leads_for_offer(by, organisation), "Offering a space to a team is for the organisation's lead.")
    errors: dict = {}
    values = _clean_space(
        errors, title=title, about=about, format=format, venue=venue, joining_link=joining_link, day=day, starts=starts, ends=ends, capacity=capacity, host=host
    )
    people = [person for person in (people or []) if person is not None]
    if not people:
        errors["people"] = rules.TEAM_NEEDED
    if host is not None and host.pk == by.pk:
        errors["host"] = rules.HOST_NOT_THE_LEAD
    raise_if(errors)
    space = ReflectiveSpace.objects.create(organisation=organisation, created_by=by, after_hard_event=True, **values)
    space.offered_to.set(people)
    _log_space(AuditEvent.Action.CREATE, space)
    for person in people:
        subject, body = emails.offered_after_hard_event(space)
        send_later(person.email, subject, body)
    return space


@transaction.atomic
def change_space(space: ReflectiveSpace, *, by, title, about, format, venue="", joining_link="", day, starts, ends, capacity, host) -> ReflectiveSpace:
    """Change a space before it starts; the people with a place are told when its time or place changes."""
    _refuse_unless(permissions.can_change_space(by, space), rules.STARTED if space.has_started else None)
    errors: dict = {}
    values = _clean_space(
        errors, title=title, about=about, format=format, venue=venue, joining_link=joining_link, day=day, starts=starts, ends=ends, capacity=capacity, host=host
    )
    taken = space.places.count()
    if "capacity" not in errors and values["capacity"] < taken:
        errors["capacity"] = f"{taken} places are taken already, so the space needs at least {taken} places"
    if space.after_hard_event and host is not None and host.pk == space.created_by_id:
        errors["host"] = rules.HOST_NOT_THE_LEAD  # as when it was offered: the lead never becomes the host, who sees who took it up
    raise_if(errors)
    moved = any(getattr(space, field) != values[field] for field in ("starts_at", "ends_at", "format", "venue", "joining_link"))
    changed = [field for field, value in values.items() if getattr(space, field) != value]
    if space.host_id != (host.pk if host is not None else None):
        space.places.update(host_may_see_name=False)  # a person told the host they chose their name, not whoever hosts next
    for field, value in values.items():
        setattr(space, field, value)
    space.save()
    _log_space(AuditEvent.Action.UPDATE, space, changed)
    if moved:
        for place in space.places.select_related("person"):
            subject, body = emails.space_changed(space)
            send_later(place.person.email, subject, body)
            tasks.schedule_place_reminder(place)
    return space


@transaction.atomic
def cancel_space(space: ReflectiveSpace, *, by, reason: str) -> ReflectiveSpace:
    """Cancel a space before it starts; everyone with a place is told, with the reason."""
    _refuse_unless(permissions.can_change_space(by, space), rules.STARTED if space.has_started else None)
    errors: dict = {}
    reason = rules.CANCEL_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    space.is_cancelled = True
    space.save(update_fields=["is_cancelled"])
    _log_space(AuditEvent.Action.UPDATE, space, ["is_cancelled"])
    for place in space.places.select_related("person"):
        subject, body = emails.space_cancelled(space, reason)
        send_later(place.person.email, subject, body)
    return space


@transaction.atomic
def book_place(space: ReflectiveSpace, *, by, host_may_see_name: bool = False) -> Place:
    """Take a place in a reflective space; a reminder goes the day before."""
    _refuse_unless(permissions.can_see_space(by, space))
    space = ReflectiveSpace.objects.select_for_update().get(pk=space.pk)
    if space.is_cancelled:
        raise ValidationError(rules.CANCELLED)
    if space.has_started:
        raise ValidationError(rules.STARTED)
    _refuse_unless(permissions.can_book(by, space))
    if Place.objects.filter(space=space, person=by).exists():
        raise ValidationError(rules.ALREADY_BOOKED)
    if space.places.count() >= space.capacity:
        raise ValidationError(rules.FULL)
    place = Place.objects.create(space=space, person=by, host_may_see_name=bool(host_may_see_name))
    subject, body = emails.place_booked(space)
    send_later(by.email, subject, body)
    tasks.schedule_place_reminder(place)
    return place


@transaction.atomic
def change_name_sharing(place: Place, *, by, host_may_see_name: bool) -> Place:
    _refuse_unless(place is not None and by is not None and place.person_id == by.pk, "Only the person with the place can change this.")
    place.host_may_see_name = bool(host_may_see_name)
    place.save(update_fields=["host_may_see_name"])
    return place


@transaction.atomic
def give_up_place(place: Place, *, by) -> None:
    """Give up a place before the space starts, so someone else can have it."""
    _refuse_unless(place is not None and by is not None and place.person_id == by.pk, "Only the person with the place can give it up.")
    if place.space.has_started:
        raise ValidationError(rules.STARTED)
    place.delete()
