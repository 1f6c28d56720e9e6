"""Every change to programmes and workstreams: one function per thing a person does, each in a transaction.

Each checks who is asking (`permissions`), checks every field (`rules`, and the shared action
plan's for actions), writes (the audit log follows by itself), and queues what follows: an
e-mail (`core.mail.send_later`, sent once the change is saved) or the weekly digest
(`tasks.schedule_weekly_digest`: the tasks module queues its own task and imports no service).
Every change to an action is kept as an `ActionChange`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership.models import Membership
from goldenthread.programme import principles as programme_principles

from . import emails, permissions, rules
from .action_plan import PLAN, meeting_words
from .models import ActionChange, JoinRequest, Meeting, Programme, Rhythm, Weekday, Workstream, WorkstreamAction, WorkstreamMember
from .tasks import next_monday, schedule_weekly_digest

Status = WorkstreamAction.Status


def _refuse_unless(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise Refused(message) if message else Refused()


def organisation_of(person):
    """The organisation a person brings to a workstream: the first they joined, or None for the partnership team."""
    membership = Membership.objects.filter(user=person).order_by("since", "pk").select_related("organisation").first()
    return membership.organisation if membership else None


# Programmes -----------------------------------------------------------------------------


def _programme_values(errors: dict, *, name, purpose, starts_on, ends_on) -> dict:
    values = {
        "name": rules.PROGRAMME_NAME.clean(name, field="name", errors=errors),
        "purpose": rules.PROGRAMME_PURPOSE.clean(purpose, field="purpose", errors=errors),
        "starts_on": rules.PROGRAMME_STARTS.clean(starts_on, field="starts_on", errors=errors),
        "ends_on": rules.PROGRAMME_ENDS.clean(ends_on, field="ends_on", errors=errors),
    }
    if values["starts_on"] and values["ends_on"] and values["ends_on"] <= values["starts_on"] and "ends_on" not in errors:
        errors["ends_on"] = rules.ENDS_BEFORE_START
    return values


@transaction.atomic
def start_programme(*, by, name: str, purpose: str, starts_on: date, ends_on: date | None = None) -> Programme:
    """Start a programme, such as a recovery response: the partnership team."""
    _refuse_unless(permissions.can_run_programmes(by), permissions.RUN_BY_THE_TEAM)
    errors: dict = {}
    values = _programme_values(errors, name=name, purpose=purpose, starts_on=starts_on, ends_on=ends_on)
    raise_if(errors)
    return Programme.objects.create(**values, created_by=by)


@transaction.atomic
def change_programme(programme: Programme, *, by, name: str, purpose: str, starts_on: date, ends_on: date | None = None, is_open: bool = True) -> Programme:
    """Change a programme, or close it (a closed programme keeps its history): the partnership team."""
    _refuse_unless(permissions.can_change_programme(by, programme), permissions.RUN_BY_THE_TEAM)
    errors: dict = {}
    values = _programme_values(errors, name=name, purpose=purpose, starts_on=starts_on, ends_on=ends_on)
    raise_if(errors)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    reopened = is_open and not programme.is_open
    for field, value in {**values, "is_open": bool(is_open)}.items():
        setattr(programme, field, value)
    programme.save()
    if reopened:
        for workstream in programme.workstreams.filter(is_open=True, next_digest_on=None):
            schedule_weekly_digest(workstream, next_monday(timezone.localdate()))
    return programme


# Workstreams ------------------------------------------------------------------------------


def _workstream_values(errors: dict, *, name, purpose, principles, lead, rhythm, meeting_weekday) -> dict:
    known = {principle.key for principle in programme_principles.principles()}
    chosen = [str(key) for key in (principles or [])]
    if not chosen:
        errors["principles"] = rules.PRINCIPLES_NEEDED
    elif not set(chosen) <= known:
        errors["principles"] = rules.PRINCIPLE_UNKNOWN
    if lead is None:
        errors["lead_email"] = rules.LEAD_NEEDED
    elif not permissions.is_workforce(lead) or not lead.is_active:
        errors["lead_email"] = rules.LEAD_NOT_WORKFORCE
    if rhythm not in Rhythm.values:
        errors["rhythm"] = rules.RHYTHM_NEEDED
    try:
        weekday = int(meeting_weekday)
    except (TypeError, ValueError):
        weekday = -1
    if weekday not in Weekday.values:
        errors["meeting_weekday"] = rules.WEEKDAY_NEEDED
    return {
        "name": rules.WORKSTREAM_NAME.clean(name, field="name", errors=errors),
        "purpose": rules.WORKSTREAM_PURPOSE.clean(purpose, field="purpose", errors=errors),
        "principles": [key for key, _ in programme_principles.principle_choices() if key in chosen],  # in the principles' own order
        "lead": lead,
        "rhythm": rhythm,
        "meeting_weekday": weekday,
    }


@transaction.atomic
def start_workstream(
    programme: Programme, *, by, name: str, purpose: str, principles: list[str], lead, rhythm: str = Rhythm.WEEKLY, meeting_weekday: int = Weekday.TUESDAY
) -> Workstream:
    """Start a workstream in a programme, with its lead (who is its first member, and is told): the partnership team.

    Its weekly digest starts next Monday.
    """
    _refuse_unless(permissions.can_start_workstream(by, programme), permissions.RUN_BY_THE_TEAM)
    errors: dict = {}
    values = _workstream_values(errors, name=name, purpose=purpose, principles=principles, lead=lead, rhythm=rhythm, meeting_weekday=meeting_weekday)
    if not programme.is_open:
        errors.setdefault("__all__", rules.PROGRAMME_CLOSED)
    raise_if(errors)
    workstream = Workstream.objects.create(programme=programme, created_by=by, **values)
    _join(workstream, lead)
    send_later(lead.email, *emails.lead_appointed(workstream))
    schedule_weekly_digest(workstream, next_monday(timezone.localdate()))
    return workstream


@transaction.atomic
def change_workstream(
    workstream: Workstream, *, by, name: str, purpose: str, principles: list[str], lead, rhythm: str, meeting_weekday: int, is_open: bool = True
) -> Workstream:
    """Change a workstream, its lead or its rhythm, or mark it finished: the partnership team. A new lead joins it, and is told."""
    _refuse_unless(permissions.can_change_workstream(by, workstream), permissions.RUN_BY_THE_TEAM)
    errors: dict = {}
    values = _workstream_values(errors, name=name, purpose=purpose, principles=principles, lead=lead, rhythm=rhythm, meeting_weekday=meeting_weekday)
    raise_if(errors)
    workstream = Workstream.objects.select_for_update(of=("self",)).select_related("programme").get(pk=workstream.pk)
    new_lead = workstream.lead_id != lead.pk
    for field, value in {**values, "is_open": bool(is_open)}.items():
        setattr(workstream, field, value)
    workstream.save()
    if new_lead:
        _join(workstream, lead)
        send_later(lead.email, *emails.lead_appointed(workstream))
    if workstream.is_running and workstream.next_digest_on is None:
        schedule_weekly_digest(workstream, next_monday(timezone.localdate()))
    return workstream


# Members ------------------------------------------------------------------------------------


def _join(workstream: Workstream, person, organisation=None) -> tuple[WorkstreamMember, bool]:
    """Put a person on a workstream (again, if they stepped back before); returns the member and whether they are new to it now."""
    member = WorkstreamMember.objects.select_for_update().filter(workstream=workstream, person=person).first()
    if member is not None and member.left_at is None:
        return member, False
    organisation = organisation or organisation_of(person)
    if member is None:
        return WorkstreamMember.objects.create(workstream=workstream, person=person, organisation=organisation), True
    member.left_at = None
    member.joined_at = timezone.now()
    member.organisation = organisation
    member.save()
    return member, True


@transaction.atomic
def add_member(workstream: Workstream, *, by, person) -> WorkstreamMember:
    """Add someone from the workforce to a workstream, and tell them: its lead, or the partnership team."""
    _refuse_unless(permissions.can_manage_members(by, workstream), permissions.MEMBERS_BY_THE_LEAD)
    if person is None or not person.is_active or not permissions.is_workforce(person):
        raise ValidationError({"email": rules.MEMBER_NOT_WORKFORCE})
    if not workstream.is_running:
        raise ValidationError(rules.NOT_TAKING_PEOPLE)
    member, is_new = _join(workstream, person)
    if not is_new:
        raise ValidationError({"email": rules.ALREADY_A_MEMBER})
    send_later(person.email, *emails.added_to_workstream(member, by))
    return member


@transaction.atomic
def take_off(member: WorkstreamMember, *, by) -> WorkstreamMember:
    """Take someone off a workstream (its lead or the partnership team), or step back from it oneself. Their part in meetings so far is kept."""
    _refuse_unless(permissions.can_take_off(by, member), permissions.MEMBERS_BY_THE_LEAD)
    member = WorkstreamMember.objects.select_for_update(of=("self",)).select_related("workstream").get(pk=member.pk)
    if member.person_id == member.workstream.lead_id:
        raise ValidationError(rules.THE_LEAD_STAYS)
    if member.left_at is None:
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
    return member


# Meetings ---------------------------------------------------------------------------------


def _meeting_values(workstream, errors: dict, *, held_on, notes, attended, meeting=None) -> dict:
    attended = list(attended or [])
    allowed = set(workstream.members.filter(left_at=None).values_list("pk", flat=True))
    if meeting is not None:
        allowed |= set(meeting.attended.values_list("pk", flat=True))
    if any(not isinstance(member, WorkstreamMember) or member.pk not in allowed for member in attended):
        errors["attended"] = rules.NOT_A_MEMBER
    return {
        "held_on": rules.MEETING_DAY.clean(held_on, field="held_on", errors=errors),
        "notes": rules.MEETING_NOTES.clean(notes, field="notes", errors=errors),
        "attended": attended,
    }


@transaction.atomic
def record_meeting(workstream: Workstream, *, by, held_on: date, notes: str, attended=()) -> Meeting:
    """Record a meeting of the workstream: the day, the notes and who came: its lead and members."""
    PLAN.require_change(by, workstream)
    errors: dict = {}
    values = _meeting_values(workstream, errors, held_on=held_on, notes=notes, attended=attended)
    raise_if(errors)
    meeting = Meeting.objects.create(workstream=workstream, held_on=values["held_on"], notes=values["notes"], recorded_by=by)
    meeting.attended.set(values["attended"])
    return meeting


@transaction.atomic
def change_meeting(meeting: Meeting, *, by, held_on: date, notes: str, attended=()) -> Meeting:
    """Put a meeting's record right: its day, notes or who came: the workstream's lead and members."""
    PLAN.require_change(by, meeting.workstream)
    errors: dict = {}
    values = _meeting_values(meeting.workstream, errors, held_on=held_on, notes=notes, attended=attended, meeting=meeting)
    raise_if(errors)
    meeting.held_on, meeting.notes = values["held_on"], values["notes"]
    meeting.save()
    meeting.attended.set(values["attended"])
    return meeting


# Actions ----------------------------------------------------------------------------------


def _words(field: str, value) -> str:
    """A field's value as the history shows it."""
    if field == "due_on":
        return f"{value.day} {value:%B %Y}" if value else ""
    if field == "status":
        return Status(value).label if value in Status.values else str(value)
    if field == "meeting":
        return meeting_words(value)
    return "" if value is None else str(value)


def _remember(action, *, by, what, field="", before=None, after=None, note="") -> ActionChange:
    return ActionChange.objects.create(
        action=action,
        what=what,
        field=field,
        from_value=_words(field, before)[:600] if field else "",
        to_value=_words(field, after)[:600] if field else "",
        note=note,
        by=by,
    )


HISTORY_FIELDS = ("description", "owner", "due_on", "status", "meeting")


@transaction.atomic
def add_action(
    workstream: Workstream, *, by, meeting: Meeting | None = None, description: str, owner: str, due_on: date, status: str = Status.NOT_STARTED
) -> WorkstreamAction:
    """Add an action to the workstream, perhaps from one of its meetings: its lead and members."""
    action = PLAN.add_step(
        workstream,
        by=by,
        values={"meeting": meeting, "description": description, "owner": owner, "due_on": due_on, "status": status},
        links={"created_by": by},
    )
    _remember(action, by=by, what=ActionChange.What.ADDED)
    return action


@transaction.atomic
def update_action(action: WorkstreamAction, *, by, **changes) -> WorkstreamAction:
    """Change an action (what, who, when, how far it has got, where it came from); every change is kept in its history."""
    action = WorkstreamAction.objects.select_for_update(of=("self",)).select_related("workstream__programme", "meeting").get(pk=action.pk)
    before = {field: getattr(action, field) for field in HISTORY_FIELDS}
    PLAN.change_step(action, by=by, changes=changes)
    for field in HISTORY_FIELDS:
        after = getattr(action, field)
        if after == before[field]:
            continue
        if field == "due_on":
            what = ActionChange.What.MOVED
        elif field == "status" and after == Status.DONE:
            what = ActionChange.What.DONE
        else:
            what = ActionChange.What.CHANGED
        _remember(action, by=by, what=what, field=field, before=before[field], after=after)
    return action


@transaction.atomic
def mark_action_done(action: WorkstreamAction, *, by) -> WorkstreamAction:
    """Mark an action done; one already done stays as it is. A cancelled action cannot be done."""
    action = WorkstreamAction.objects.select_for_update(of=("self",)).select_related("workstream__programme").get(pk=action.pk)
    PLAN.require_change(by, action.workstream)
    _refuse_unless(not action.is_cancelled, rules.ACTION_CANCELLED)
    if action.status == Status.DONE:
        return action
    before = action.status
    PLAN.mark_done(action, by=by)
    _remember(action, by=by, what=ActionChange.What.DONE, field="status", before=before, after=Status.DONE)
    return action


@transaction.atomic
def move_action(action: WorkstreamAction, *, by, due_on: date, reason: str = "") -> WorkstreamAction:
    """Move an action to a new due date; the old date is kept in its history, with the reason given."""
    action = WorkstreamAction.objects.select_for_update(of=("self",)).select_related("workstream__programme").get(pk=action.pk)
    PLAN.require_change(by, action.workstream)
    errors: dict = {}
    new_day = rules.NEW_DUE_ON.clean(due_on, field="due_on", errors=errors)
    reason = rules.WHY_MOVED.clean(reason, field="reason", errors=errors)
    if action.is_cancelled:
        errors["__all__"] = rules.ACTION_CANCELLED
    elif action.status == Status.DONE:
        errors["__all__"] = rules.ACTION_DONE
    elif new_day is not None and new_day == action.due_on:
        errors["due_on"] = rules.SAME_DATE
    raise_if(errors)
    before = action.due_on
    PLAN.change_step(action, by=by, changes={"due_on": new_day})
    _remember(action, by=by, what=ActionChange.What.MOVED, field="due_on", before=before, after=new_day, note=reason)
    return action


@transaction.atomic
def cancel_action(action: WorkstreamAction, *, by, reason: str) -> WorkstreamAction:
    """Cancel an action that is no longer needed; it stays in the list, marked cancelled, with the reason in its history."""
    action = WorkstreamAction.objects.select_for_update(of=("self",)).select_related("workstream__programme").get(pk=action.pk)
    PLAN.require_change(by, action.workstream)
    errors: dict = {}
    reason = rules.WHY_CANCELLED.clean(reason, field="reason", errors=errors)
    if action.is_cancelled:
        errors["__all__"] = rules.ACTION_CANCELLED
    raise_if(errors)
    action.cancelled_at = timezone.now()
    action.cancelled_by = by
    action.save(update_fields=["cancelled_at", "cancelled_by"])
    _remember(action, by=by, what=ActionChange.What.CANCELLED, note=reason)
    return action


# Joining a workstream ("How you can get involved") ----------------------------------------


@transaction.atomic
def ask_to_join(workstream: Workstream, *, by, message: str = "") -> JoinRequest:
    """Ask to join a workstream, in a few words of one's own: anyone in the workforce not on it yet. The lead is told."""
    _refuse_unless(permissions.is_workforce(by), permissions.NOT_FOR_YOU)
    workstream = Workstream.objects.select_for_update(of=("self",)).select_related("programme", "lead").get(pk=workstream.pk)
    errors: dict = {}
    message = rules.JOIN_MESSAGE.clean(message, field="message", errors=errors)
    if not workstream.is_running:
        errors["__all__"] = rules.NOT_TAKING_PEOPLE
    elif permissions.leads(by, workstream) or permissions.is_member(by, workstream):
        errors["__all__"] = rules.ALREADY_ON_IT
    elif workstream.join_requests.filter(person=by, status=JoinRequest.Status.WAITING).exists():
        errors["__all__"] = rules.ALREADY_ASKED
    raise_if(errors)
    join_request = JoinRequest.objects.create(workstream=workstream, person=by, organisation=organisation_of(by), message=message)
    if workstream.lead is not None and workstream.lead.is_active:
        send_later(workstream.lead.email, *emails.join_request_to_lead(join_request))
    return join_request


@transaction.atomic
def decide_join_request(join_request: JoinRequest, *, by, accept: bool, reply: str = "") -> JoinRequest:
    """Welcome someone onto the workstream, or say not this time: its lead, or the partnership team. They are told by e-mail and on their home page."""
    join_request = JoinRequest.objects.select_for_update(of=("self",)).select_related("workstream__programme", "person").get(pk=join_request.pk)
    workstream = join_request.workstream
    _refuse_unless(permissions.can_decide_join_requests(by, workstream), permissions.LEAD_DECIDES)
    errors: dict = {}
    reply = rules.JOIN_REPLY.clean(reply, field="reply", errors=errors)
    if join_request.status != JoinRequest.Status.WAITING:
        errors["__all__"] = rules.ALREADY_DECIDED
    elif accept and not workstream.is_running:
        errors["__all__"] = rules.NOT_TAKING_PEOPLE
    raise_if(errors)
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.reply = reply
    join_request.save()
    if accept:
        _join(workstream, join_request.person, join_request.organisation)
        message = emails.join_request_accepted(join_request)
    else:
        message = emails.join_request_declined(join_request)
    send_later(join_request.person.email, *message)
    return join_request
