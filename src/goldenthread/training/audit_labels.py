"""How the audit log names the records of training, in the partnership's words (registered in `apps.py`).

A session is named by its course, its part and its day; a person's place, feedback or aha
moment by whose it is and which session. Never by what anyone wrote in feedback or a reflection.
"""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import AhaMoment, Booking, Completion, ConfidenceRating, Course, Feedback, LmsImport, PracticeFollowUp, Programme, TrainingSession


def session_words(session) -> str:
    """'Leading a trauma-informed organisation, Day 1, on 3 March 2026' (the part named only for a course in parts)."""
    part = f", {session.part_name}" if session.course.part_count > 1 else ""
    return f"{session.course.title}{part}, on {day(session.starts_at)}"


SESSION_FIELDS = {
    "public_id": PUBLIC_ID,
    "course": "course",
    "part": "which part of the course",
    "starts_at": "when it starts",
    "ends_at": "when it ends",
    "format": "how it is held",
    "venue": "venue and address",
    "room": "room",
    "accessibility": "access and accessibility",
    "joining_link": "joining link",
    "capacity": "places",
    "trainers": "trainers",
    "status": "whether it is going ahead",
    "cancellation_reason": "why it was cancelled",
    "created_by": "who put it on",
    "created_at": "when it was put on",
}

LABELS = {
    Programme: AuditLabel(
        kind="training programme",
        describe=lambda programme: programme.name,
        fields={
            "public_id": PUBLIC_ID,
            "name": "name",
            "kind": "kind of programme",
            "description": "what it is for",
            "is_open": "whether it is open for booking",
            "created_by": "who started it",
            "created_at": "when it was started",
        },
    ),
    Course: AuditLabel(
        kind="training course",
        describe=lambda course: course.title,
        fields={
            "public_id": PUBLIC_ID,
            "programme": "programme",
            "title": "title",
            "summary": "what it covers",
            "parts": "its parts",
            "skills": "the skills people rate",
            "audience": "who it is for",
            "is_open": "whether it is open for booking",
            "created_by": "who added it",
            "created_at": "when it was added",
        },
    ),
    TrainingSession: AuditLabel(kind="training session", describe=session_words, fields=SESSION_FIELDS),
    Booking: AuditLabel(
        kind="place on a training session",
        describe=lambda booking: f"{booking.person}'s place on {session_words(booking.session)}",
        fields={
            "public_id": PUBLIC_ID,
            "session": "session",
            "person": "whose place it is",
            "organisation": "the organisation they come for",
            "status": "booked, waiting, offered or cancelled",
            "queued_at": "when they booked or joined the waiting list",
            "offer_expires_at": "until when the place offered is kept",
            "ended_because": "why the place ended",
            "ended_at": "when the place ended",
            "attendance": "whether they came",
            "attendance_recorded_by": "who took the register",
            "attendance_recorded_at": "when the register was taken",
        },
    ),
    Completion: AuditLabel(
        kind="completed course",
        describe=lambda completion: f"{completion.person} completed {completion.course.title}",
        fields={
            "public_id": PUBLIC_ID,
            "course": "course",
            "person": "who completed it",
            "organisation": "the organisation they came for",
            "completed_on": "when it was completed",
            "recorded_at": "when it was recorded",
            "imported_in": "the file from a learning system it came in",
        },
    ),
    Feedback: AuditLabel(
        kind="feedback on a training session",
        describe=lambda feedback: f"{feedback.person}'s feedback on {session_words(feedback.session)}",
        fields={
            "public_id": PUBLIC_ID,
            "session": "session",
            "person": "whose feedback it is",
            "usefulness": "how useful it was",
            "most_helpful": "what helped most",
            "will_do_differently": "what they will do differently",
            "could_be_better": "what could make it better",
            "given_at": "when it was given",
        },
    ),
    ConfidenceRating: AuditLabel(
        kind="confidence rating",
        describe=lambda rating: f"A confidence rating in {rating.feedback.person}'s feedback on {session_words(rating.feedback.session)}",
        fields={"feedback": "feedback", "skill": "skill", "before": "confidence before", "after": "confidence after"},
    ),
    AhaMoment: AuditLabel(
        kind="aha moment",
        describe=lambda moment: f"An aha moment from {session_words(moment.session)}",
        fields={
            "public_id": PUBLIC_ID,
            "session": "session",
            "person": "whose it is",
            "text": "what they noticed",
            "theme": "theme",
            "sharing": "who may read it",
            "created_at": "when it was written",
        },
    ),
    LmsImport: AuditLabel(
        kind="file from a learning system",
        describe=lambda item: f"{item.get_kind_display()} from a learning system, checked on {day(item.checked_at)}",
        fields={
            "public_id": PUBLIC_ID,
            "kind": "what the file holds",
            "status": "whether it was imported",
            "file_name": "file name",
            "text": "the file's text",
            "rows": "rows read",
            "added": "rows added",
            "unchanged": "rows already here",
            "checked_by": "who checked it",
            "checked_at": "when it was checked",
            "finished_at": "when it was imported or set aside",
        },
    ),
    PracticeFollowUp: AuditLabel(
        kind="three-month follow-up on practice",
        describe=lambda item: f"A three-month follow-up on {item.course.title}",
        fields={
            "public_id": PUBLIC_ID,
            "completion": "the completed course",
            "person": "who it was sent to",
            "course": "course",
            "sent_at": "when it was sent",
            "answered_at": "when it was answered",
            "answers": "their answers",
            "in_own_words": "what has changed, in their own words",
        },
    ),
}
