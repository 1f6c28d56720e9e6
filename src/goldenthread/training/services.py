"""Every change in training: one function per thing a person does.

Each is `verb(target, *, by, ...)`: the thing acted on first (none when making a new
programme), the person acting as `by` (None for the system, in a background task). Each
checks the permission (`Refused`, saying who may), checks the rules of `rules.py`
(ValidationError keyed by the form's field, saying what to do), writes in a transaction and
queues what follows: e-mails (`core.mail.send_later`, sent once the change is saved), a
reminder a couple of days before a booked session, and the moment an offered place passes
on. The audit log is written by core's model signals: objects are saved one at a time.

Places: a session's places are held by people booked and people offered a place. When a
place comes free (a cancellation, an offer said no to or lapsed, more places), it is offered
to the next person on the waiting list, who has until `offer_expires_at` to accept it; a
background task then passes a place not accepted to the next person. Each change to a
session's places happens with the session's row locked, so two people never take one place.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership.models import Role

from . import emails, permissions, places, queries, rules, tasks
from .models import AhaMoment, Booking, Completion, ConfidenceRating, Course, Feedback, Programme, TrainingSession

RUNS_TRAINING = "Only the partnership's trainers and partnership leads can do this. If you think you should, ask the partnership team."


def _need(allowed: bool, reason: str = RUNS_TRAINING) -> None:
    if not allowed:
        raise Refused(reason)


def _refuse(message: str, field: str = NON_FIELD_ERRORS):
    raise ValidationError({field: message})


# --- programmes and courses -----------------------------------------------------------------


def _programme_fields(name, kind, description, errors) -> dict:
    fields = {
        "name": rules.PROGRAMME_NAME.clean(name, field="name", errors=errors),
        "description": rules.PROGRAMME_DESCRIPTION.clean(description, field="description", errors=errors),
        "kind": kind,
    }
    if kind not in Programme.Kind.values:
        errors["kind"] = rules.PROGRAMME_KIND_MESSAGE
    return fields


def create_programme(*, by, name, kind, description="") -> Programme:
    """Start a programme (leaders', core, motivational interviewing, a refresher); courses are added to it next."""
    _need(permissions.can_run_training(by))
    errors = {}
    fields = _programme_fields(name, kind, description, errors)
    raise_if(errors)
    with transaction.atomic():
        return Programme.objects.create(**fields, created_by=by)


def update_programme(programme, *, by, name, kind, description="", is_open=True) -> Programme:
    """Change a programme's name, kind or description, or close it to new bookings (its history stays)."""
    _need(permissions.can_run_training(by))
    errors = {}
    fields = _programme_fields(name, kind, description, errors)
    raise_if(errors)
    with transaction.atomic():
        for name_, value in {**fields, "is_open": bool(is_open)}.items():
            setattr(programme, name_, value)
        programme.save()
    return programme


def _lines(value, *, field, limit, length, too_many, too_long, errors) -> list[str]:
    """A list of short names, from a list or from text with one on each line; blanks and repeats left out."""
    items = value.splitlines() if isinstance(value, str) else list(value or [])
    cleaned = []
    for item in items:
        text = " ".join(str(item or "").split())
        if text and text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > limit:
        errors[field] = too_many
    elif any(len(text) > length for text in cleaned):
        errors[field] = too_long
    return cleaned


def _course_fields(course, *, title, summary, parts, skills, audience, errors) -> dict:
    fields = {
        "title": rules.COURSE_TITLE.clean(title, field="title", errors=errors),
        "summary": rules.COURSE_SUMMARY.clean(summary, field="summary", errors=errors),
        "parts": _lines(
            parts,
            field="parts",
            limit=rules.MAX_PARTS,
            length=rules.PART_NAME_LENGTH,
            too_many=rules.TOO_MANY_PARTS,
            too_long=rules.PART_TOO_LONG,
            errors=errors,
        ),
        "skills": _lines(
            skills,
            field="skills",
            limit=rules.MAX_SKILLS,
            length=rules.SKILL_LENGTH,
            too_many=rules.TOO_MANY_SKILLS,
            too_long=rules.SKILL_TOO_LONG,
            errors=errors,
        ),
    }
    if not fields["parts"] and "parts" not in errors:
        errors["parts"] = rules.PARTS.required_message
    chosen = list(dict.fromkeys(audience or []))
    if not all(role in Role.values for role in chosen):
        errors["audience"] = rules.AUDIENCE_MESSAGE
    fields["audience"] = chosen
    if course is not None and "parts" not in errors:
        in_use = course.sessions.filter(part__gt=len(fields["parts"])).exclude(status=TrainingSession.Status.CANCELLED)
        if in_use.exists():
            errors["parts"] = rules.PARTS_IN_USE
    return fields


def create_course(programme, *, by, title, summary="", parts=("The session",), skills=(), audience=()) -> Course:
    """Add a course to a programme: its parts in order, the skills people rate, and who it is meant for."""
    _need(permissions.can_run_training(by))
    errors = {}
    if programme is None:
        errors["programme"] = rules.PROGRAMME_MESSAGE
    fields = _course_fields(None, title=title, summary=summary, parts=parts, skills=skills, audience=audience, errors=errors)
    raise_if(errors)
    with transaction.atomic():
        return Course.objects.create(programme=programme, **fields, created_by=by)


def update_course(course, *, by, title, summary="", parts=(), skills=(), audience=(), is_open=True) -> Course:
    """Change a course. A part that has sessions cannot be taken away; ratings already given keep their skill's name."""
    _need(permissions.can_run_training(by))
    errors = {}
    fields = _course_fields(course, title=title, summary=summary, parts=parts, skills=skills, audience=audience, errors=errors)
    raise_if(errors)
    with transaction.atomic():
        for name, value in {**fields, "is_open": bool(is_open)}.items():
            setattr(course, name, value)
        course.save()
    return course


# --- sessions -------------------------------------------------------------------------------


def _aware(value):
    if not isinstance(value, datetime):
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _is_web_link(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme == "https" and bool(parts.netloc) and " " not in text


def _session_fields(course, *, part, starts_at, ends_at, format, venue, room, accessibility, joining_link, capacity, trainers, errors, current=None) -> dict:
    """The checked fields of a session; `current` is the session being changed (its start may then stay in the past)."""
    try:
        part = int(part)
    except (TypeError, ValueError):
        part = 0
    if not 1 <= part <= course.part_count:
        errors["part"] = rules.PART_MESSAGE
    start, end = _aware(starts_at), _aware(ends_at)
    if start is None:
        errors["starts"] = rules.STARTS_MESSAGE
    if end is None:
        errors["ends"] = rules.ENDS_MESSAGE
    if start is not None and end is not None and end <= start:
        errors["ends"] = rules.ENDS_BEFORE_START
    moved = current is None or start != current.starts_at
    if start is not None and moved and start <= timezone.now():
        errors.setdefault("starts", rules.STARTS_IN_PAST)
    if format not in TrainingSession.Format.values:
        errors["format"] = rules.FORMAT_MESSAGE
    fields = {
        "part": part,
        "starts_at": start,
        "ends_at": end,
        "format": format,
        "venue": rules.VENUE.clean(venue, field="venue", errors=errors),
        "room": rules.ROOM.clean(room, field="room", errors=errors),
        "accessibility": rules.ACCESSIBILITY.clean(accessibility, field="accessibility", errors=errors),
        "joining_link": rules.JOINING_LINK.clean(joining_link, field="joining_link", errors=errors),
    }
    if format == TrainingSession.Format.IN_PERSON and not fields["venue"] and "venue" not in errors:
        errors["venue"] = rules.VENUE_MESSAGE
    if format == TrainingSession.Format.ONLINE and "joining_link" not in errors:
        if not fields["joining_link"]:
            errors["joining_link"] = rules.JOINING_LINK_MESSAGE
        elif not _is_web_link(fields["joining_link"]):
            errors["joining_link"] = rules.JOINING_LINK_NOT_A_LINK
    if format == TrainingSession.Format.ONLINE:
        fields["venue"], fields["room"] = "", ""
    elif format == TrainingSession.Format.IN_PERSON:
        fields["joining_link"] = ""
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= rules.MAX_CAPACITY:
        errors["capacity"] = rules.CAPACITY_MESSAGE
    fields["capacity"] = capacity
    allowed = {user.pk for user in queries.trainers_to_choose()}
    people = list(dict.fromkeys(trainers or []))
    if any(getattr(person, "pk", None) not in allowed for person in people):
        errors["trainers"] = rules.TRAINERS_MESSAGE
    fields["trainers"] = people
    return fields


def schedule_session(
    course, *, by, part=1, starts_at, ends_at, format, venue="", room="", accessibility="", joining_link="", capacity, trainers=()
) -> TrainingSession:
    """Put on a session of a course: which part, when, in person (venue, room, access) or online (a link), how many places, who trains."""
    _need(permissions.can_run_training(by))
    errors = {}
    fields = _session_fields(
        course,
        part=part,
        starts_at=starts_at,
        ends_at=ends_at,
        format=format,
        venue=venue,
        room=room,
        accessibility=accessibility,
        joining_link=joining_link,
        capacity=capacity,
        trainers=trainers,
        errors=errors,
    )
    raise_if(errors)
    people = fields.pop("trainers")
    with transaction.atomic():
        session = TrainingSession.objects.create(course=course, **fields, created_by=by)
        session.trainers.set(people)
    return session


def _changes_in_words(before: dict, session) -> list[str]:
    """What a person booked needs to hear about: a new time, a new place, a new way of joining."""
    lines = []
    if before["starts_at"] != session.starts_at or before["ends_at"] != session.ends_at:
        lines.append(f"It is now on {queries.when_words(session)}.")
    if before["format"] != session.format:
        lines.append("It is now held online." if session.is_online else f"It is now held in person, at {queries.where_words(session)}.")
    elif not session.is_online and (before["venue"], before["room"]) != (session.venue, session.room):
        lines.append(f"It is now at {queries.where_words(session)}.")
    elif session.is_online and before["joining_link"] != session.joining_link:
        lines.append("The joining link has changed. The new one is on the session's page.")
    if not session.is_online and before["accessibility"] != session.accessibility and session.accessibility:
        lines.append(f"Access: {session.accessibility}")
    return lines


def change_session(
    session, *, by, part, starts_at, ends_at, format, venue="", room="", accessibility="", joining_link="", capacity, trainers=()
) -> TrainingSession:
    """Change or move a session. Everyone with a place, an offer or a place in the waiting list is told what changed.

    There can never be fewer places than people holding one; more places are offered to the
    people waiting, in order. A new time queues new reminders (the old ones then send nothing).
    """
    _need(permissions.can_change_session(by, session), "Only the partnership's trainers and partnership leads can change a session that is going ahead.")
    errors = {}
    fields = _session_fields(
        session.course,
        part=part,
        starts_at=starts_at,
        ends_at=ends_at,
        format=format,
        venue=venue,
        room=room,
        accessibility=accessibility,
        joining_link=joining_link,
        capacity=capacity,
        trainers=trainers,
        errors=errors,
        current=session,
    )
    raise_if(errors)
    people = fields.pop("trainers")
    with transaction.atomic():
        current = places.locked(session)
        holding = current.bookings.filter(status__in=queries.HOLDING).count()
        if fields["capacity"] < holding:
            raise ValidationError({"capacity": rules.CAPACITY_BELOW_BOOKED.format(booked=holding)})
        before = {name: getattr(current, name) for name in ("starts_at", "ends_at", "format", "venue", "room", "joining_link", "accessibility")}
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
        current.trainers.set(people)
        changes = _changes_in_words(before, current)
        if changes:
            for booking in current.bookings.filter(status__in=queries.LIVE).select_related("person", "session__course"):
                booking.session = current
                places.tell(booking.person, emails.session_changed(booking, changes))
                if booking.status == Booking.Status.BOOKED and before["starts_at"] != current.starts_at:
                    tasks.schedule_session_reminder(booking)
        _offer_free_places(current)
    _copy(current, session, (*fields, "status"))
    return session


def cancel_session(session, *, by, reason) -> TrainingSession:
    """Call a session off, with a reason. Everyone with a place, an offer or a place in the waiting list is told, and their place released."""
    _need(permissions.can_run_training(by))
    errors = {}
    text = rules.SESSION_CANCELLATION_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        current = places.locked(session)
        if current.is_cancelled:
            _refuse(rules.SESSION_ALREADY_CANCELLED)
        current.status = TrainingSession.Status.CANCELLED
        current.cancellation_reason = text
        current.save(update_fields=["status", "cancellation_reason"])
        now = timezone.now()
        for booking in current.bookings.filter(status__in=queries.LIVE).select_related("person"):
            booking.session = current
            places.end(booking, Booking.EndedBecause.SESSION_CANCELLED, now)
            places.tell(booking.person, emails.session_cancelled(booking))
    _copy(current, session, ("status", "cancellation_reason"))
    return session


def _copy(source, target, names) -> None:
    if source is not target:
        for name in names:
            setattr(target, name, getattr(source, name))


# --- places: booking, the waiting list, offers ----------------------------------------------


def _offer_free_places(session) -> None:
    """Offer each free place to the next person waiting (`places`), and queue the end of each offer. Call with the session locked."""
    tasks.schedule_offer_ends(places.offer_free_places(session))


def book(session, *, by) -> Booking:
    """Book a place on a session; when it is full, join its waiting list. Either way the person is told by e-mail.

    One place per person and session; and one upcoming place per part of a course, so nobody
    holds two places for the same day of the programme. People already waiting go first: a
    free place is booked only when there are more free places than people waiting.
    """
    if not is_signed_in(by):
        raise Refused(rules.NOT_IN_AN_ORGANISATION)
    organisation = queries.organisation_for(by)
    if organisation is None:
        raise Refused(rules.NOT_IN_AN_ORGANISATION)
    with transaction.atomic():
        session = places.locked(session)
        if session.is_cancelled:
            _refuse(rules.NOT_BOOKABLE_CANCELLED)
        if session.has_started:
            _refuse(rules.NOT_BOOKABLE_STARTED)
        if not (session.course.is_open and session.course.programme.is_open):
            _refuse(rules.NOT_BOOKABLE_CLOSED)
        existing = Booking.objects.filter(session=session, person=by).first()
        if existing is not None and existing.status != Booking.Status.CANCELLED:
            _refuse({Booking.Status.BOOKED: rules.ALREADY_BOOKED, Booking.Status.WAITING: rules.ALREADY_WAITING}.get(existing.status, rules.ALREADY_OFFERED))
        same_part = (
            Booking.objects.filter(person=by, status__in=queries.HOLDING, session__course=session.course, session__part=session.part)
            .filter(session__status=TrainingSession.Status.SCHEDULED, session__ends_at__gt=timezone.now())
            .exclude(session=session)
            .select_related("session")
            .first()
        )
        if same_part is not None:
            day = queries.long_date(timezone.localtime(same_part.session.starts_at).date())
            if session.course.part_count == 1:
                _refuse(rules.ALREADY_BOOKED_THIS_COURSE.format(day=day))
            _refuse(rules.ALREADY_BOOKED_THIS_PART.format(part=session.part_name, day=day))
        _offer_free_places(session)
        free = session.capacity - session.bookings.filter(status__in=queries.HOLDING).count()
        waiting = session.bookings.filter(status=Booking.Status.WAITING).count()
        status = Booking.Status.BOOKED if free > waiting else Booking.Status.WAITING
        booking = existing or Booking(session=session, person=by)
        booking.session = session
        booking.organisation = organisation
        booking.status = status
        booking.queued_at = timezone.now()
        booking.offer_expires_at = None
        booking.ended_because = ""
        booking.ended_at = None
        booking.attendance = ""
        booking.save()
        if status == Booking.Status.BOOKED:
            places.tell(by, emails.booked(booking))
            tasks.schedule_session_reminder(booking)
        else:
            places.tell(by, emails.waiting(booking, queries.place_in_waiting_list(booking)))
    return booking


def cancel_place(booking, *, by) -> Booking:
    """Cancel a place, an offer or a place in the waiting list, before the session starts. A place freed is offered to the next person waiting."""
    _need(permissions.can_cancel_place(by, booking), "Only the person whose place it is, or a trainer, can cancel it before the session starts.")
    with transaction.atomic():
        session = places.locked(booking.session)
        current = Booking.objects.select_related("person").get(pk=booking.pk)
        if current.status == Booking.Status.CANCELLED:
            _refuse(rules.NOTHING_TO_CANCEL)
        current.session = session
        held = current.holds_place
        because = Booking.EndedBecause.CANCELLED_BY_PERSON if by.pk == current.person_id else Booking.EndedBecause.CANCELLED_BY_TRAINER
        places.end(current, because)
        if held:
            _offer_free_places(session)
    _copy(current, booking, ("status", "ended_because", "ended_at"))
    return booking


def answer_offer(booking, *, by, accept: bool) -> Booking:
    """Accept the place offered (it becomes a booking, with a reminder), or say no (it goes to the next person waiting).

    An offer whose time has passed cannot be accepted: it passes on, and the person hears they
    can join the waiting list again.
    """
    _need(permissions.can_answer_offer(by, booking), "Only the person a place is offered to can answer the offer.")
    lapsed = False
    with transaction.atomic():
        session = places.locked(booking.session)
        current = Booking.objects.select_related("person").get(pk=booking.pk)
        current.session = session
        if current.status != Booking.Status.OFFERED:
            _refuse(rules.NO_OFFER, "answer")
        if current.offer_has_lapsed:
            _offer_free_places(session)  # lapses this offer with the others, and passes the place on
            lapsed = True
        elif accept and session.has_started:
            _refuse(rules.NOT_BOOKABLE_STARTED, "answer")
        elif accept:
            current.status = Booking.Status.BOOKED
            current.save()
            places.tell(current.person, emails.booked(current))
            tasks.schedule_session_reminder(current)
        else:
            places.end(current, Booking.EndedBecause.OFFER_DECLINED)
            _offer_free_places(session)
    if lapsed:
        raise ValidationError({"answer": rules.OFFER_LAPSED})
    current.refresh_from_db()
    _copy(current, booking, ("status", "ended_because", "ended_at", "offer_expires_at"))
    return booking


def pass_on_lapsed_offer(booking, *, by=None) -> bool:
    """The time to accept an offer has passed: release it and offer the place to the next person. The system does this (`by` None).

    True when the offer passed on; False when it had been answered, cancelled or moved on already.
    """
    with transaction.atomic():
        offered = places.pass_on_lapsed_offer(booking)
        if offered is None:
            return False
        tasks.schedule_offer_ends(offered)
    return True


# --- the register and completion ------------------------------------------------------------


def take_register(session, *, by, attendance: dict) -> int:
    """Record who came: for each booked person (by their booking's public id), the whole session, part of it, or not able to come.

    A person left unchosen keeps what was recorded before. Completion of the course follows
    from the register: recorded for each person who has now come to the whole of a session of
    every part, and taken back if a correction means they have not. Returns how many changed.
    """
    _need(permissions.can_take_register(by, session), "Only the partnership's trainers can take the register, from the day of the session.")
    booked = {str(b.public_id): b for b in session.bookings.filter(status=Booking.Status.BOOKED).select_related("person")}
    chosen = {str(key): value for key, value in (attendance or {}).items() if value not in (None, "")}
    errors = {}
    if set(chosen) - set(booked):
        errors[NON_FIELD_ERRORS] = rules.REGISTER_UNKNOWN_PERSON
    for key, value in chosen.items():
        if key in booked and value not in Booking.Attendance.values:
            errors[f"attendance-{key}"] = rules.ATTENDANCE_MESSAGE
    if not errors and not chosen:
        errors[NON_FIELD_ERRORS] = rules.REGISTER_EMPTY
    raise_if(errors)
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        for key, value in chosen.items():
            booking = booked[key]
            if booking.attendance == value:
                continue
            booking.attendance = value
            booking.attendance_recorded_by = by
            booking.attendance_recorded_at = now
            booking.save()
            changed += 1
            _update_completion(session.course, booking.person)
    return changed


def _update_completion(course, person) -> Completion | None:
    """Record the course as completed once the person came to the whole of a session of every part; take it back if not."""
    attended = list(
        Booking.objects.filter(person=person, session__course=course, status=Booking.Status.BOOKED, attendance=Booking.Attendance.ATTENDED)
        .exclude(session__status=TrainingSession.Status.CANCELLED)
        .select_related("session")
        .order_by("session__starts_at", "id")
    )
    needed = set(range(1, course.part_count + 1))
    existing = Completion.objects.filter(course=course, person=person).first()
    if existing is not None and existing.imported_in_id is not None:
        return existing  # completed in the council's own learning system: the register here never takes it back
    if not needed <= {booking.session.part for booking in attended}:
        if existing is not None:
            existing.delete()
        return None
    last = attended[-1]
    completed_on = timezone.localtime(last.session.starts_at).date()
    if existing is None:
        completion = Completion.objects.create(course=course, person=person, organisation_id=last.organisation_id, completed_on=completed_on)
        tasks.schedule_follow_up(completion)
        return completion
    if existing.completed_on != completed_on:
        existing.completed_on = completed_on
        existing.save()
        tasks.schedule_follow_up(existing)  # the follow-up queued for the old day then sends nothing
    return existing


# --- feedback and aha moments ---------------------------------------------------------------


def _level(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number in ConfidenceRating.Level.values else None


def give_feedback(session, *, by, usefulness, most_helpful="", will_do_differently="", could_be_better="", confidence=None) -> Feedback:
    """Say how a session went, after coming to it; giving it again replaces what was given before.

    `confidence` maps each of the course's skills to (before, after), each 1 to 5. A skill may
    be left out; a skill rated on one side only is sent back to finish.
    """
    _need(permissions.can_give_feedback(by, session), rules.NOT_YOUR_SESSION)
    errors = {}
    level = _level(usefulness)
    if level is None:
        errors["usefulness"] = rules.USEFULNESS_MESSAGE
    texts = {
        "most_helpful": rules.MOST_HELPFUL.clean(most_helpful, field="most_helpful", errors=errors),
        "will_do_differently": rules.WILL_DO_DIFFERENTLY.clean(will_do_differently, field="will_do_differently", errors=errors),
        "could_be_better": rules.COULD_BE_BETTER.clean(could_be_better, field="could_be_better", errors=errors),
    }
    ratings = []
    confidence = confidence or {}
    for index, skill in enumerate(session.course.skills or []):
        before, after = confidence.get(skill, (None, None))
        if before in (None, "") and after in (None, ""):
            continue
        before, after = _level(before), _level(after)
        if before is None:
            errors[f"before_{index}"] = rules.CONFIDENCE_MESSAGE.format(when="before the session", skill=skill)
        if after is None:
            errors[f"after_{index}"] = rules.CONFIDENCE_MESSAGE.format(when="after the session", skill=skill)
        ratings.append((skill, before, after))
    if set(confidence) - set(session.course.skills or []):
        errors[NON_FIELD_ERRORS] = "Something on the page was not recognised. Reload the page and try again"
    raise_if(errors)
    with transaction.atomic():
        feedback = Feedback.objects.filter(session=session, person=by).first() or Feedback(session=session, person=by)
        feedback.usefulness = level
        for name, value in texts.items():
            setattr(feedback, name, value)
        feedback.given_at = timezone.now()
        feedback.save()
        kept = set()
        for skill, before, after in ratings:
            rating = feedback.confidence.filter(skill=skill).first() or ConfidenceRating(feedback=feedback, skill=skill)
            rating.before, rating.after = before, after
            rating.save()
            kept.add(skill)
        for rating in feedback.confidence.exclude(skill__in=kept):
            rating.delete()
    return feedback


def share_aha_moment(session, *, by, text, theme, sharing) -> AhaMoment:
    """Write down an aha moment from a session, and choose who may read it: with your name, without it, or only you."""
    _need(permissions.can_share_aha_moment(by, session), rules.NOT_YOUR_SESSION)
    errors = {}
    cleaned = rules.AHA_TEXT.clean(text, field="text", errors=errors)
    if theme not in AhaMoment.Theme.values:
        errors["theme"] = rules.THEME_MESSAGE
    if sharing not in AhaMoment.Sharing.values:
        errors["sharing"] = rules.SHARING_MESSAGE
    raise_if(errors)
    with transaction.atomic():
        return AhaMoment.objects.create(session=session, person=by, text=cleaned, theme=theme, sharing=sharing)
