"""Every change to a group supervision or learning conversation: one function per thing a person does.

Each is `verb(target, *, by, ...)`: the thing acted on first (none when asking for a new
session), the person acting as `by`. Each checks the permission (`Refused`, saying who may),
checks the rules of `rules.py` (ValidationError keyed by the form field, saying what to do),
writes in a transaction and queues what follows: the e-mails (`core.mail.send_later`, sent
once the change is saved) and the reminders before and after an action's due date. The audit
log is written by core's model signals; anything touching a family's record is also written
to the family's access log. Actions never vanish: every change of state is an ActionChange
with who, when and why.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused, check_version
from goldenthread.core.rules import raise_if
from goldenthread.families import access
from goldenthread.families import services as family_services
from goldenthread.families.models import Part
from goldenthread.families.permissions import casework_organisations

from . import emails, permissions, rules, themes
from .models import (
    ActionChange,
    AgencyCommitment,
    AgreedAction,
    Attendee,
    Session,
    WellbeingNote,
)

# The parts of a family's record a session about that family is for: the requester must see one of them.
LINK_PARTS = (Part.STORY, Part.CHRONOLOGY)
CHRONOLOGY_SOURCE = "group supervision"
DEFAULT_CHRONOLOGY_MEANING = "Practitioners from the agencies involved thought together about what this means for the child, and agreed how they will help."
SUPERVISION_PART = "supervision"
REMINDER_HOUR = 9
RECORD_FIELDS = (*rules.RECORD_TEXT, "themes", "held_on")


# --- small helpers --------------------------------------------------------------------------


def _need(allowed: bool, reason: str) -> None:
    if not allowed:
        raise Refused(reason)


def _start(value, *, field: str, message: str, errors: dict) -> datetime | None:
    """A session's start: a date and time (a naive one is taken as local time)."""
    if not isinstance(value, datetime):
        errors[field] = message
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _unique_people(users, leave_out=None) -> list:
    seen, people = set(), []
    for person in users or ():
        if person is None or person.pk in seen or (leave_out is not None and person.pk == leave_out.pk):
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def _organisation_for(user, family=None):
    """The agency a person comes to the session for: their team place for the family, else their first casework organisation."""
    if family is not None:
        found = access.team_place(user, family)
        if found is not None:
            return found.team_organisation_id
    organisation = casework_organisations(user).first()
    return organisation.pk if organisation else None


def _add_place(session, user, by, *, response=Attendee.Response.INVITED) -> Attendee:
    """A place in the session (an existing one is kept); someone newly invited is told by e-mail."""
    existing = Attendee.objects.filter(session=session, user=user).first()
    if existing is not None:
        return existing
    organisation_id = _organisation_for(user, session.family)
    if organisation_id is None:
        raise ValidationError({"invitees": f"{user.full_name or 'This person'} is not a practitioner in a member organisation, so cannot be invited"})
    place = Attendee.objects.create(session=session, user=user, organisation_id=organisation_id, response=response, invited_by=by)
    if response == Attendee.Response.INVITED and user.is_active:
        inviter = Attendee.objects.filter(session=session, user=by).select_related("organisation").first()
        send_later(user.email, *emails.invitation(session, user, by=by, by_organisation=inviter.organisation.name if inviter else ""))
    return place


def _log_family(user, session, action, detail, basis=None):
    """One line in the linked family's access log (sessions not linked to a family log nothing there)."""
    if session.family_id is None:
        return None
    if basis is None:
        basis = attendee_basis(user, session)
    return access.log(user, session.family, action, SUPERVISION_PART, basis, detail)


def attendee_basis(user, session) -> str:
    """What the family's access log says a person's basis is: their place under the families rule, or the session itself."""
    decision = access.decide(user, session.family, access.TEAM)
    if decision.allowed:
        return decision.basis
    return getattr(access.Basis, "SUPERVISION", "supervision")


# --- requesting and arranging ---------------------------------------------------------------


def request_session(*, by, kind, family=None, situation_reference="", purpose, proposed_start, format, location="", invitees=()) -> Session:
    """Ask for a group supervision or learning conversation; link it to the family only if the requester may see their record.

    Everyone invited is told by e-mail, with no detail of the family.
    """
    _need(permissions.can_request(by), "Only practitioners in a member organisation can ask for a session.")
    if family is not None:
        decisions = [access.decide(by, family, part) for part in LINK_PARTS]
        if not any(decisions):
            access.log_decision(by, family, access.Action.CREATE, decisions[0], "Asked to link a group supervision session")
            raise Refused("You can link a session only to a family whose record you may see. Refer to the situation by initials or a reference instead.")
    errors = {}
    if kind not in Session.Kind.values:
        errors["kind"] = rules.KIND_MESSAGE
    if format not in Session.Format.values:
        errors["format"] = rules.FORMAT_MESSAGE
    # A session linked to a family may leave the reference out: the family's reference stands in.
    reference_rule = rules.SITUATION_REFERENCE if family is None else replace(rules.SITUATION_REFERENCE, required_message=None)
    reference = reference_rule.clean(situation_reference, field="situation_reference", errors=errors) or (family.reference if family else "")
    cleaned_purpose = rules.PURPOSE.clean(purpose, field="purpose", errors=errors)
    cleaned_location = rules.LOCATION.clean(location, field="location", errors=errors)
    start = _start(proposed_start, field="proposed_start", message=rules.PROPOSED_START_MESSAGE, errors=errors)
    invitees = _unique_people(invitees, leave_out=by)
    raise_if(errors)
    with transaction.atomic():
        session = Session.objects.create(
            kind=kind,
            family=family,
            situation_reference=reference,
            purpose=cleaned_purpose,
            requested_by=by,
            proposed_start=start,
            format=format,
            location=cleaned_location,
        )
        _add_place(session, by, by, response=Attendee.Response.ACCEPTED)
        for invitee in invitees:
            _add_place(session, invitee, by)
        _log_family(by, session, access.Action.CREATE, "Asked for a group supervision session about the family")
    return session


def invite(session, *, by, invitees) -> list[Attendee]:
    """Invite more practitioners; someone already invited keeps their place. Each one newly invited is told by e-mail."""
    _need(permissions.can_invite(by, session), "Only the person who asked for the session, or its facilitator, can invite people.")
    people = _unique_people(invitees)
    if not people:
        raise ValidationError({"invitees": rules.INVITEES_MESSAGE})
    with transaction.atomic():
        return [_add_place(session, person, by) for person in people]


def respond(attendee, *, by, response) -> Attendee:
    """Accept or decline an invitation (only the person invited can answer it)."""
    _need(permissions.can_respond(by, attendee), "Only the person invited can answer this invitation.")
    if response not in (Attendee.Response.ACCEPTED, Attendee.Response.DECLINED):
        raise ValidationError({"response": rules.RESPONSE_MESSAGE})
    session = attendee.session
    if response == Attendee.Response.DECLINED and by.pk in (session.facilitator_id, session.accountable_manager_id):
        raise ValidationError({"response": "Ask for someone else to facilitate or be the accountable manager before you decline"})
    with transaction.atomic():
        attendee.response = response
        attendee.save(update_fields=["response"])
    return attendee


def schedule(session, *, by, facilitator, accountable_manager, proposed_start) -> Session:
    """Set the time and name the facilitator and the accountable manager; both get a place in the session."""
    _need(permissions.can_schedule(by, session), "Only the person who asked for the session, or its facilitator, can arrange it.")
    errors = {}
    if facilitator is None:
        errors["facilitator"] = rules.FACILITATOR_MESSAGE
    elif not casework_organisations(facilitator).exists():
        errors["facilitator"] = "Choose a facilitator who works in a member organisation"
    if accountable_manager is None:
        errors["accountable_manager"] = rules.MANAGER_MESSAGE
    elif not casework_organisations(accountable_manager).exists():
        errors["accountable_manager"] = "Choose an accountable manager who works in a member organisation"
    start = _start(proposed_start, field="proposed_start", message=rules.SESSION_START_MESSAGE, errors=errors)
    raise_if(errors)
    with transaction.atomic():
        session.facilitator = facilitator
        session.accountable_manager = accountable_manager
        session.proposed_start = start
        session.status = Session.Status.SCHEDULED
        session.save(update_fields=["facilitator", "accountable_manager", "proposed_start", "status"])
        facilitator_place = _add_place(session, facilitator, by, response=Attendee.Response.ACCEPTED)
        if facilitator_place.response != Attendee.Response.ACCEPTED:
            facilitator_place.response = Attendee.Response.ACCEPTED
            facilitator_place.save(update_fields=["response"])
        _add_place(session, accountable_manager, by)
    return session


def cancel_session(session, *, by, reason) -> Session:
    """Call the session off, with a reason; any actions still live are cancelled with the same reason.

    Everyone else with a place they have not declined is told by e-mail (the reason stays on the page).
    """
    _need(permissions.can_cancel_session(by, session), "Only the person who asked for the session, or its facilitator, can cancel it.")
    errors = {}
    text = rules.CANCELLATION_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        session.status = Session.Status.CANCELLED
        session.cancellation_reason = text
        session.save(update_fields=["status", "cancellation_reason"])
        for action in session.actions.filter(status__in=permissions.LIVE_ACTION_STATUSES):
            _change(action, by, "cancelled", f"The session was cancelled: {text}"[:1000], status=AgreedAction.Status.CANCELLED)
        places = session.attendees.exclude(user=by).exclude(response=Attendee.Response.DECLINED).filter(user__is_active=True).select_related("user")
        for place in places:
            send_later(place.user.email, *emails.cancellation(session, place.user, by=by))
    return session


# --- in the room ----------------------------------------------------------------------------


def acknowledge_confidentiality(session, *, by) -> Attendee:
    """The person agrees to keep what is discussed confidential; only then do they see the record."""
    _need(permissions.can_acknowledge(by, session), "Only the people taking part in this session can acknowledge confidentiality.")
    attendee = permissions.place(by, session)
    if attendee.acknowledged_confidentiality_at is None:
        with transaction.atomic():
            attendee.acknowledged_confidentiality_at = timezone.now()
            attendee.save(update_fields=["acknowledged_confidentiality_at"])
    return attendee


def log_session_view(session, *, by, allowed=True):
    """Write a look at a session linked to a family (or a refused look) to the family's access log."""
    if session.family_id is None:
        return None
    if not allowed:
        return access.log(
            by, session.family, access.Action.VIEW, SUPERVISION_PART, access.Basis.REFUSED, "Asked to see a group supervision session without a place in it"
        )
    return access.log(by, session.family, access.Action.VIEW, SUPERVISION_PART, attendee_basis(by, session), "Viewed a group supervision session")


def record_session(session, *, by, version, **fields) -> Session:
    """Save what the facilitator recorded (any of the four questions, the plan, themes, the date it was held).

    Only the fields given change. A date held marks the session held. If someone saved a
    newer version since `version` (the one the facilitator read), nothing is saved and
    `core.refusals.EditConflict` carries what is saved now. An empty record (every field
    given is blank) is refused; a record with nothing changed is not written again, and
    its version stays as it was, so the page can say that nothing changed.
    """
    _need(permissions.can_facilitate(by, session), "Only the facilitator can record the session, once they have acknowledged confidentiality.")
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise ValidationError({NON_FIELD_ERRORS: "Something on the page was not recognised. Reload the page and try again"})
    errors, cleaned = {}, {}
    for name, value in fields.items():
        if name in rules.RECORD_TEXT:
            cleaned[name] = rules.RECORD_TEXT[name].clean(value, field=name, errors=errors)
        elif name == "themes":
            chosen = list(value) if isinstance(value, (list, tuple, set, frozenset)) else None
            if chosen is None or not all(themes.is_known(code) for code in chosen):
                errors["themes"] = rules.THEMES_MESSAGE
            else:
                cleaned["themes"] = list(dict.fromkeys(chosen))
        elif name == "held_on":
            cleaned["held_on"] = rules.HELD_ON.clean(value, field="held_on", errors=errors)
    if not errors and not any(cleaned.values()):
        errors[NON_FIELD_ERRORS] = rules.EMPTY_RECORD
    raise_if(errors)
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        check_version(current, version, fields=list(fields), typed=fields)
        newly_held = bool(cleaned.get("held_on")) and current.status != Session.Status.HELD
        if not newly_held and all(getattr(current, name) == value for name, value in cleaned.items()):
            return session  # nothing changed: nothing is written, and the version stays as it was
        for name, value in cleaned.items():
            setattr(current, name, value)
        if cleaned.get("held_on"):
            current.status = Session.Status.HELD
        current.version += 1
        current.save()
        _log_family(by, current, access.Action.UPDATE, "Recorded the group supervision session")
    for name in (*cleaned, "status", "version"):
        setattr(session, name, getattr(current, name))
    return session


def mark_attended(session, *, by, attended) -> list[Attendee]:
    """Record who took part: the people given attended, everyone else with a place did not."""
    _need(permissions.can_facilitate(by, session), "Only the facilitator can record who took part.")
    ids = {user.pk for user in attended or ()}
    places = list(session.attendees.all())
    if ids - {place.user_id for place in places}:
        raise ValidationError({"attended": rules.ATTENDED_MESSAGE})
    with transaction.atomic():
        for place in places:
            came = place.user_id in ids
            if place.attended != came:
                place.attended = came
                place.save(update_fields=["attended"])
    return places


def add_agency_commitment(session, *, by, organisation, commitment) -> AgencyCommitment:
    """In a learning conversation: what one of the agencies in the room will do differently."""
    _need(permissions.can_facilitate(by, session), "Only the facilitator can record what each agency will do differently.")
    errors = {}
    if session.kind != Session.Kind.LEARNING_CONVERSATION:
        errors[NON_FIELD_ERRORS] = "Agency commitments belong to learning conversations"
    if organisation is None or not session.attendees.filter(organisation=organisation).exists():
        errors["organisation"] = "Choose one of the agencies taking part"
    text = rules.COMMITMENT.clean(commitment, field="commitment", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        return AgencyCommitment.objects.create(session=session, organisation=organisation, commitment=text)


def save_wellbeing_note(session, *, by, note) -> WellbeingNote:
    """The impact of the work on the people in the room; only they will ever read it."""
    _need(permissions.can_see_wellbeing(by, session), "Only the people in the room can write about its impact on them.")
    errors = {}
    text = rules.WELLBEING_NOTE.clean(note, field="note", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        wellbeing, _ = WellbeingNote.objects.get_or_create(session=session)
        wellbeing.note = text
        wellbeing.updated_by = by
        wellbeing.save()
    return wellbeing


# --- actions --------------------------------------------------------------------------------


def reminder_times(due_on: date) -> tuple[datetime, datetime]:
    """When an action's reminders go: a day before it is due and a day after, at 9 in the morning."""

    def at_nine(day):
        return timezone.make_aware(datetime.combine(day, time(REMINDER_HOUR, 0)))

    return at_nine(due_on - timedelta(days=1)), at_nine(due_on + timedelta(days=1))


def _schedule_reminders(action: AgreedAction) -> None:
    from .tasks import send_action_reminder

    before, after = reminder_times(action.due_on)
    send_action_reminder.using(run_after=before).enqueue(action.pk, action.due_on.isoformat(), "before")
    send_action_reminder.using(run_after=after).enqueue(action.pk, action.due_on.isoformat(), "after")


def _change(action, by, change, note, *, status=None, old_due_on=None, new_due_on=None) -> ActionChange:
    if status is not None:
        action.status = status
    action.save()
    return ActionChange.objects.create(action=action, changed_by=by, change=change, note=note, old_due_on=old_due_on, new_due_on=new_due_on)


def add_action(session, *, by, description, owner, due_on, changes_childs_plan=False) -> AgreedAction:
    """Agree an action: what, who, by when. One that changes the child's plan waits for the accountable manager, who is told by e-mail."""
    _need(permissions.can_facilitate(by, session), "Only the facilitator can add actions.")
    errors = {}
    text = rules.ACTION_DESCRIPTION.clean(description, field="description", errors=errors)
    if owner is None or not permissions.is_participant(owner, session):
        errors["owner"] = rules.OWNER_MESSAGE
    due = rules.DUE_ON.clean(due_on, field="due_on", errors=errors)
    changes_plan = bool(changes_childs_plan)
    if changes_plan and session.accountable_manager_id is None:
        errors["changes_childs_plan"] = "Name the accountable manager before agreeing an action that changes the child's plan"
    raise_if(errors)
    with transaction.atomic():
        action = AgreedAction.objects.create(
            session=session,
            description=text,
            owner=owner,
            due_on=due,
            changes_childs_plan=changes_plan,
            status=AgreedAction.Status.PROPOSED if changes_plan else AgreedAction.Status.OPEN,
        )
        note = "Proposed: it changes the child's plan, so the accountable manager confirms it" if changes_plan else "Agreed in the session"
        ActionChange.objects.create(action=action, changed_by=by, change="created", note=note, new_due_on=due)
        _schedule_reminders(action)
        manager = session.accountable_manager
        if changes_plan and manager.is_active and manager.pk != by.pk:
            send_later(manager.email, *emails.confirmation_needed(action, by=by))
    return action


def confirm_action(action, *, by, note) -> AgreedAction:
    """The accountable manager confirms a proposed action; it becomes open (final)."""
    _need(permissions.can_confirm(by, action), "Only the accountable manager can confirm this action, while it is proposed.")
    errors = {}
    text = rules.CONFIRM_NOTE.clean(note, field="note", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        action.confirmed_by = by
        action.confirmed_at = timezone.now()
        _change(action, by, "confirmed", text, status=AgreedAction.Status.OPEN)
    return action


def complete_action(action, *, by, note) -> AgreedAction:
    """Mark an open action done, with a note of what was done."""
    _need(permissions.can_update_action(by, action), "Only the person who owns the action, or the facilitator, can mark it done.")
    errors = {}
    if action.status != AgreedAction.Status.OPEN:
        errors[NON_FIELD_ERRORS] = "This action is waiting for the accountable manager to confirm it, so it cannot be marked done yet"
    text = rules.DONE_NOTE.clean(note, field="note", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        action.completed_on = timezone.localdate()
        _change(action, by, "done", text, status=AgreedAction.Status.DONE)
    return action


def cancel_action(action, *, by, reason) -> AgreedAction:
    """Cancel an action, with the reason; it stays in the record."""
    _need(permissions.can_update_action(by, action), "Only the person who owns the action, or the facilitator, can cancel it.")
    errors = {}
    text = rules.CANCEL_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        _change(action, by, "cancelled", text, status=AgreedAction.Status.CANCELLED)
    return action


def move_action(action, *, by, new_due_on, reason) -> AgreedAction:
    """Give an action a new date, with the reason; the reminders follow the new date."""
    _need(permissions.can_update_action(by, action), "Only the person who owns the action, or the facilitator, can move it.")
    errors = {}
    new_day = rules.NEW_DUE_ON.clean(new_due_on, field="new_due_on", errors=errors)
    if new_day is not None and "new_due_on" not in errors and new_day == action.due_on:
        errors["new_due_on"] = "Enter a date different from the one it is due now"
    text = rules.MOVE_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        old_day = action.due_on
        action.due_on = new_day
        _change(action, by, "moved", text, old_due_on=old_day, new_due_on=new_day)
        _schedule_reminders(action)
    return action


# --- the family's chronology ----------------------------------------------------------------


def add_to_chronology(session, *, by, summary, meaning_for_child="") -> Session:
    """Add a brief summary (not the whole discussion) to the linked family's chronology, once.

    What it means for the child is the partnership's standard sentence unless one is given.

    The facilitator needs the families rule's permission to add to the chronology; a refusal
    is written to the family's access log.
    """
    _need(permissions.can_facilitate(by, session), "Only the facilitator can add the summary to the family's chronology.")
    errors = {}
    if session.family_id is None:
        errors[NON_FIELD_ERRORS] = "This session is not linked to a family's record, so there is no chronology to add to"
    elif session.chronology_entry_id is not None:
        errors[NON_FIELD_ERRORS] = "The summary is already in the family's chronology"
    elif session.status != Session.Status.HELD or session.held_on is None:
        errors[NON_FIELD_ERRORS] = "Record the date the session was held first"
    text = rules.CHRONOLOGY_SUMMARY.clean(summary, field="summary", errors=errors)
    meaning = rules.CHRONOLOGY_MEANING.clean(meaning_for_child, field="meaning_for_child", errors=errors) or DEFAULT_CHRONOLOGY_MEANING
    raise_if(errors)
    decision = access.decide(by, session.family, Part.CHRONOLOGY)
    if not decision.allowed:
        access.log_decision(by, session.family, access.Action.CREATE, decision, "Group supervision summary for the chronology")
        raise Refused(decision.refusal_reason)
    with transaction.atomic():
        entry = family_services.add_chronology_entry(
            session.family,
            by=by,
            occurred_on=session.held_on,
            what_happened=text,
            meaning_for_child=meaning,
            source=CHRONOLOGY_SOURCE,
        )
        session.chronology_summary = text
        session.chronology_entry = entry
        session.version += 1
        session.save(update_fields=["chronology_summary", "chronology_entry", "version"])
    return session
