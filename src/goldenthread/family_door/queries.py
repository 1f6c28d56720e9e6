"""Reads for the family's own door: what a family member sees of their record, and what waits for the team.

The words of "who looked and why" are written here once, from the access log: each line says
who (their name, their job and their organisation), what they did to which part, when, and why
they could, in the family's words. A family member's own looks are not listed as if someone
else had looked, and their own refused tries are not shown at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.families import access
from goldenthread.families.models import AccessLogEntry, ChronologyEntry, EmergencyAccess, OnePageProfile, Part, StoryEntry, TeamMember

from .models import Question, ShareRequest, Suggestion, Waiting

Basis = AccessLogEntry.Basis


# --- who must act next --------------------------------------------------------------------------


def who_answers(family) -> list:
    """The lead practitioner; with no lead, everyone in the recording organisation's team."""
    team = TeamMember.objects.filter(family=family, left_on__isnull=True).select_related("user")
    leads = [place.user for place in team if place.is_lead]
    if leads:
        return leads
    return [place.user for place in team if place.organisation_id == family.recording_organisation_id]


def recording_team_users(family) -> list:
    team = TeamMember.objects.filter(family=family, left_on__isnull=True, organisation_id=family.recording_organisation_id).select_related("user")
    return [place.user for place in team]


def waiting_in(family):
    """What the family has suggested, asked and requested that waits for the team."""
    return {
        "suggestions": list(Suggestion.objects.filter(family=family, status=Waiting.WAITING).select_related("person", "story_entry").order_by("made_at")),
        "questions": list(Question.objects.filter(family=family, status=Waiting.WAITING).select_related("person").order_by("asked_at")),
        "share_requests": list(
            ShareRequest.objects.filter(family=family, status=Waiting.WAITING).select_related("person", "organisation").order_by("asked_at")
        ),
    }


def decided_in(family, limit: int = 20):
    """What the team has already answered, newest first, to read back."""
    return {
        "suggestions": list(Suggestion.objects.filter(family=family).exclude(status=Waiting.WAITING).select_related("person", "decided_by")[:limit]),
        "questions": list(Question.objects.filter(family=family).exclude(status=Waiting.WAITING).select_related("person", "answered_by")[:limit]),
        "share_requests": list(
            ShareRequest.objects.filter(family=family).exclude(status=Waiting.WAITING).select_related("person", "organisation", "decided_by")[:limit]
        ),
    }


# --- what a family member sees ------------------------------------------------------------------


def story(family):
    return list(StoryEntry.objects.filter(family=family).select_related("in_words_of").order_by("told_on", "recorded_at"))


def own_profile(person):
    return OnePageProfile.objects.filter(person=person).first()


def chronology_for(person):
    """The chronology that is about this person or the whole household: what is about others is held back."""
    return list(
        ChronologyEntry.objects.filter(family=person.family)
        .filter(Q(about__isnull=True) | Q(about=person))
        .select_related("organisation")
        .order_by("-occurred_on", "-recorded_at")
    )


def team_for(family):
    return list(TeamMember.objects.filter(family=family, left_on__isnull=True).select_related("user", "organisation").order_by("-is_lead", "joined_on"))


def agreements(family):
    today = timezone.localdate()
    found = family.consents.select_related("organisation", "given_by").order_by("-recorded_at")
    return [{"agreement": a, "live": a.is_live_on(today), "state": a.state_on(today), "parts": [part_words(p) for p in a.parts or []]} for a in found]


def own_requests(person):
    return {
        "suggestions": list(Suggestion.objects.filter(person=person).select_related("decided_by", "story_entry")[:50]),
        "questions": list(Question.objects.filter(person=person).select_related("answered_by")[:50]),
        "share_requests": list(ShareRequest.objects.filter(person=person).select_related("organisation", "decided_by")[:50]),
    }


def new_answers(person) -> int:
    """How many replies and answers the family member has not read yet."""
    not_waiting = ~Q(status=Waiting.WAITING)
    return (
        Suggestion.objects.filter(not_waiting, person=person, seen_reply_at__isnull=True).exclude(status=Waiting.WITHDRAWN).count()
        + Question.objects.filter(not_waiting, person=person, seen_answer_at__isnull=True).count()
        + ShareRequest.objects.filter(not_waiting, person=person, seen_reply_at__isnull=True).count()
    )


# --- who looked and why, in the family's words -------------------------------------------------------


def part_words(part: str) -> str:
    return {
        Part.STORY: _("your family's story"),
        Part.PROFILES: _("one-page profiles"),
        Part.CHRONOLOGY: _("the list of important events"),
        Part.CONTACT: _("your contact details"),
        access.HOUSEHOLD: _("the names of the people in your household"),
        access.TEAM: _("who is in your team"),
        access.CONSENTS: _("what you have agreed to share"),
        access.ACCESS_LOG: _("this list of who has looked"),
    }.get(part, _("your record"))


ACTION_WORDS = {
    access.Action.VIEW: _("read"),
    access.Action.CREATE: _("added to"),
    access.Action.UPDATE: _("changed"),
    access.Action.DELETE: _("took something out of"),
    access.Action.EXPORT: _("downloaded a copy of"),
    access.Action.SEARCH: _("searched for"),
    access.Action.EMERGENCY: _("opened"),
    access.Action.REVIEW: _("checked an emergency look at"),
    access.Action.ERASE: _("erased"),
    access.Action.ANONYMISE: _("took the names out of"),
}


def because_words(basis: str) -> str:
    return {
        Basis.CONSENT: _("because you agreed to share it with them"),
        Basis.RECORDING_ORGANISATION: _("because their organisation keeps your record"),
        Basis.TEAM: _("because they are in your team"),
        Basis.EMERGENCY: _("in an emergency, to keep someone safe"),
        Basis.DATA_PROTECTION: _("to check that your record is being looked after properly"),
        Basis.RETENTION: _("because of the rules on how long records are kept"),
        Basis.SEARCH: _("to check whether your family already had a record, before starting a new one"),
        Basis.SUPERVISION: _("because your team talked about how to help you, in a meeting called group supervision"),
        Basis.REFUSED: _("but was not let in, because you had not agreed to share it with them"),
    }.get(basis, "")


@dataclass
class Look:
    """One line of who looked and why, in the family's words."""

    at: datetime
    sentence: str
    emergency: EmergencyAccess | None = None


@dataclass
class PersonsLooks:
    """Everything one person did with the record in one month."""

    who: str
    month: str
    looks: list[Look] = field(default_factory=list)


def _who(entry, users) -> str:
    user = users.get(entry.user_id)
    name = entry.user_label or _("Someone")
    job = (user.job_title if user else "") or ""
    organisation = entry.organisation_label
    if entry.basis == Basis.RETENTION and entry.user_id is None:
        return _("The record-keeping rules (automatic)")
    if job and organisation:
        return _("%(name)s, %(job)s at %(organisation)s") % {"name": name, "job": _job_in_a_sentence(job), "organisation": organisation}
    if organisation:
        return _("%(name)s, at %(organisation)s") % {"name": name, "organisation": organisation}
    return name


def _job_in_a_sentence(job: str) -> str:
    """ "Health visitor" reads "a health visitor" mid-sentence; "SENCO" stays as it is."""
    words = job if job[:2].isupper() else job[:1].lower() + job[1:]
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def _sentence(entry, who: str) -> str:
    day = timezone.localtime(entry.at)
    when = f"{day.day} {day:%B}"
    what = ACTION_WORDS.get(entry.action, _("looked at"))
    if ", " in who:  # "Casey Evans, a health visitor at Riverbend Community Health, read ...": the aside closes with a comma
        who = f"{who},"
    sentence = _("%(who)s %(what)s %(part)s on %(when)s") % {"who": who, "what": what, "part": part_words(entry.part), "when": when}
    if entry.basis == Basis.REFUSED:
        sentence = _("%(who)s asked to see %(part)s on %(when)s") % {"who": who, "part": part_words(entry.part), "when": when}
    because = because_words(entry.basis)
    return f"{sentence} {because}." if because else f"{sentence}."


def who_looked(person, *, limit: int = 500) -> list[PersonsLooks]:
    """The family's access log in their words, grouped by person and month, newest first.

    The family member's own looks and refused tries are left out (they did them); what other
    family members with their own sign-in did is shown, named.
    """
    entries = list(
        AccessLogEntry.objects.filter(family_id=person.family_id)
        .exclude(user_id=person.account_id)
        .exclude(basis=Basis.FAMILY_MEMBER, action=access.Action.VIEW)[:limit]
    )
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in={e.user_id for e in entries if e.user_id})}
    emergencies = {e.pk: e for e in EmergencyAccess.objects.filter(pk__in={e.emergency_id for e in entries if e.emergency_id})}
    groups: dict[tuple, PersonsLooks] = {}
    for entry in entries:
        who = _who(entry, users)
        local = timezone.localtime(entry.at)
        key = (entry.user_id or entry.user_label, local.year, local.month)
        if key not in groups:
            groups[key] = PersonsLooks(who=who, month=f"{local:%B %Y}")
        groups[key].looks.append(Look(at=entry.at, sentence=_sentence(entry, who), emergency=emergencies.get(entry.emergency_id)))
    return list(groups.values())


def emergency_words(emergency) -> str:
    """An emergency look, explained gently, with what the data protection lead decided."""
    if emergency is None:
        return ""
    if emergency.review == EmergencyAccess.Review.JUSTIFIED:
        return _("The person who looks after data protection checked this and decided it was the right thing to do.")
    if emergency.review == EmergencyAccess.Review.NOT_JUSTIFIED:
        return _(
            "The person who looks after data protection checked this and decided it should not have happened. They have taken it up with the person's organisation."
        )
    return _("Sometimes a worker has to look quickly to keep someone safe. The person who looks after data protection will check it was the right thing to do.")
