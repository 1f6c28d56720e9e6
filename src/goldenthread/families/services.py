"""Every change to a family's record: one function per thing a person does.

Each function checks the permission first (a refusal is written to the access log, then
PermissionDenied is raised, outside any transaction so the refusal stays logged), checks
the rules (ValidationError keyed by the form field, saying what to do), writes in a
transaction and appends what was changed to the access log. Text the family told is never
silently overwritten: editing a story entry, a profile or the family's details needs the
version the person read, and EditConflict carries the current text when it has moved on.
The audit log is written by core's model signals.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.forms import clean_text

from . import access, permissions
from .access import Action, Basis
from .models import (
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    LawfulBasis,
    OnePageProfile,
    Part,
    Person,
    Relationship,
    RetentionRule,
    StoryEntry,
    TeamMember,
)

MAX_SEARCH_RESULTS = 20
PERSON_FIELDS = ("first_name", "last_name", "preferred_name", "pronouns", "date_of_birth", "role_in_family", "is_focus")
STORY_FIELDS = ("story", "who_was_there", "told_on", "how_agreed")
PROFILE_FIELDS = ("liked_and_admired", "important_to_me", "how_to_support_me", "written_with")
FAMILY_FIELDS = ("family_name", "contact_details", "lawful_basis", "lawful_basis_note")


class EditConflict(Exception):
    """Someone else saved a newer version while this person was editing.

    Carries what is saved now (`current`: field -> value) and its version, so the page can
    show both texts side by side and nothing typed is lost.
    """

    def __init__(self, obj, fields):
        self.obj = obj
        self.current_version = obj.version
        self.current = {name: getattr(obj, name) for name in fields}
        super().__init__("Someone else changed this while you were editing it.")


@dataclass(frozen=True)
class MatchSummary:
    """All that search before create shows of a family: enough to ask to join, nothing about them."""

    reference: str
    public_id: object
    lead_organisation: str
    already_in_team: bool


# --- checks ---------------------------------------------------------------------------------


def _deny(user, family, action, part, reason):
    if family is not None:
        access.log(user, family, action, part, Basis.REFUSED, reason)
    raise PermissionDenied(reason)


def _need_change(user, family, part, action, detail="", *, person=None) -> access.Decision:
    """The person must be allowed to change the part (`access.decide_change`); a refusal is logged and raised."""
    decision = access.decide_change(user, family, part, person=person)
    if not decision.allowed:
        access.log_decision(user, family, action, decision, detail)
        raise PermissionDenied(decision.refusal_reason)
    return decision


def _need(allowed: bool, user, family, action, part, reason):
    if not allowed:
        _deny(user, family, action, part, reason)


def _text(value, *, limit: int, field: str, required_message: str | None = None, errors: dict) -> str:
    text = clean_text(str(value) if value is not None else "")
    if required_message and not text:
        errors[field] = required_message
    elif len(text) > limit:
        errors[field] = f"Keep this to {limit:,} characters or fewer"
    return text


def _day(value, *, field: str, required_message: str | None, errors: dict, not_future: bool = False):
    if value in (None, ""):
        if required_message:
            errors[field] = required_message
        return None
    if not isinstance(value, date):
        errors[field] = "Enter a real date"
        return None
    if not_future and value > timezone.localdate():
        errors[field] = "The date must be today or in the past"
    return value


def _raise(errors):
    if errors:
        raise ValidationError(errors)


# --- search and create ----------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, accents taken off, spaces and punctuation evened out: 'Zoë  O’Neill' -> 'zoe o'neill'."""
    text = unicodedata.normalize("NFKD", clean_text(str(text or "")))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("-", " ")
    return " ".join(text.casefold().split())


NAME_STOP_WORDS = {"the", "family", "household", "and"}


def name_words(text: str) -> frozenset:
    """The words of a family's name that tell families apart: folded, without 'the family' and punctuation."""
    cleaned = "".join(ch if ch.isalnum() or ch.isspace() else (" " if ch != "'" else "") for ch in fold(text))
    return frozenset(word for word in cleaned.split() if word not in NAME_STOP_WORDS)


def search_families(user, *, family_name="", child_first_name="", child_date_of_birth=None) -> list[MatchSummary]:
    """Is this family already recorded? Matches on the family's name, and/or the child's first name and date of birth.

    Every criterion given must match; a name matches when every word typed is in the family's
    name, ignoring case, accents, punctuation and 'the ... family'. Only a reference, the lead practitioner's organisation
    and whether the searcher is already in the team come back; each match is logged.
    """
    if not permissions.can_search(user):
        raise PermissionDenied("Only practitioners in a member organisation can search for families.")
    name = name_words(str(family_name or "")[:300])
    first_name = fold(child_first_name)[:100]
    errors = {}
    if child_date_of_birth not in (None, "") and not isinstance(child_date_of_birth, date):
        errors["child_date_of_birth"] = "Enter a real date of birth"
    if first_name and not child_date_of_birth:
        errors["child_date_of_birth"] = "Enter the child's date of birth as well as their first name"
    if child_date_of_birth and not first_name:
        errors["child_first_name"] = "Enter the child's first name as well as their date of birth"
    if not errors and not name and not first_name:
        errors[NON_FIELD_ERRORS] = "Enter the family's name, or the child's first name and date of birth"
    _raise(errors)

    families = Family.objects.filter(anonymised_at__isnull=True)
    if first_name:
        children = Person.objects.filter(date_of_birth=child_date_of_birth).filter(
            role_in_family=Person.RoleInFamily.CHILD
        ) | Person.objects.filter(date_of_birth=child_date_of_birth, is_focus=True)
        family_ids = {
            family_id
            for family_id, first, preferred in children.values_list("family_id", "first_name", "preferred_name")
            if first_name in (fold(first), fold(preferred))
        }
        families = families.filter(pk__in=family_ids)
    candidates = families.values_list("pk", "family_name")
    matched_ids = [pk for pk, saved_name in candidates if not name or name <= name_words(saved_name)]
    matched_ids = matched_ids[:MAX_SEARCH_RESULTS]

    matches = list(Family.objects.filter(pk__in=matched_ids).order_by("reference"))
    leads = dict(
        TeamMember.objects.filter(family_id__in=matched_ids, left_on__isnull=True, is_lead=True).values_list("family_id", "organisation__name")
    )
    in_team = set(access.families_for(user).filter(pk__in=matched_ids).values_list("pk", flat=True))
    summaries = []
    for family in matches:
        access.log(user, family, Action.SEARCH, "", access.SEARCH_BASIS, "Search before creating a record: a match was shown")
        summaries.append(
            MatchSummary(
                reference=family.reference,
                public_id=family.public_id,
                lead_organisation=leads.get(family.pk, "No lead practitioner at the moment"),
                already_in_team=family.pk in in_team,
            )
        )
    return summaries


def _clean_person(fields: dict, errors: dict, prefix: str = "") -> dict:
    cleaned = {
        "first_name": _text(fields.get("first_name"), limit=100, field=prefix + "first_name", required_message="Enter their first name", errors=errors),
        "last_name": _text(fields.get("last_name"), limit=100, field=prefix + "last_name", errors=errors),
        "preferred_name": _text(fields.get("preferred_name"), limit=100, field=prefix + "preferred_name", errors=errors),
        "pronouns": _text(fields.get("pronouns"), limit=40, field=prefix + "pronouns", errors=errors),
        "date_of_birth": _day(fields.get("date_of_birth"), field=prefix + "date_of_birth", required_message=None, errors=errors, not_future=True),
        "role_in_family": fields.get("role_in_family") or "",
        "is_focus": bool(fields.get("is_focus")),
    }
    if cleaned["role_in_family"] not in Person.RoleInFamily.values:
        errors[prefix + "role_in_family"] = "Choose who they are in the family"
    return cleaned


def _clean_family(fields: dict, errors: dict) -> dict:
    cleaned = {
        "family_name": _text(fields.get("family_name"), limit=150, field="family_name", required_message="Enter how the family would like to be known", errors=errors),
        "contact_details": _text(fields.get("contact_details"), limit=2000, field="contact_details", errors=errors),
        "lawful_basis": fields.get("lawful_basis") or "",
        "lawful_basis_note": _text(fields.get("lawful_basis_note"), limit=500, field="lawful_basis_note", errors=errors),
    }
    if cleaned["lawful_basis"] not in LawfulBasis.values:
        errors["lawful_basis"] = "Choose the lawful basis for holding and sharing the record"
    return cleaned


def create_family(user, organisation, *, family_name, lawful_basis, lawful_basis_note="", contact_details="", people=()) -> Family:
    """Record a family once; the person recording it becomes the lead practitioner."""
    if not permissions.can_create_family(user, organisation):
        raise PermissionDenied("Only practitioners of the organisation can record a family for it.")
    errors = {}
    details = _clean_family(
        {"family_name": family_name, "lawful_basis": lawful_basis, "lawful_basis_note": lawful_basis_note, "contact_details": contact_details}, errors
    )
    cleaned_people = [_clean_person(dict(person), errors, prefix=f"people-{index}-") for index, person in enumerate(people or ())]
    if not cleaned_people:
        errors.setdefault(NON_FIELD_ERRORS, "Add at least the child or young person at the centre")
    elif sum(1 for person in cleaned_people if person["is_focus"]) != 1:
        errors.setdefault(NON_FIELD_ERRORS, "Choose one child or young person to be at the centre of the record")
    _raise(errors)
    with transaction.atomic():
        family = Family.objects.create(recording_organisation=organisation, created_by=user, **details)
        for person in cleaned_people:
            Person.objects.create(family=family, **person)
        TeamMember.objects.create(family=family, user=user, organisation=organisation, is_lead=True, added_by=user)
        access.forget()
        access.log(user, family, Action.CREATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, "Recorded the family")
        if details["contact_details"]:
            access.log(user, family, Action.CREATE, Part.CONTACT, Basis.RECORDING_ORGANISATION, "Contact details")
    return family


def update_family_details(user, family, expected_version, **fields) -> Family:
    """Change the family's name, contact details or lawful basis; refused with EditConflict if it moved on."""
    _need(permissions.can_edit_family_details(user, family), user, family, Action.UPDATE, access.HOUSEHOLD,
          "Only the team in the organisation holding the record can change the family's details.")
    errors = {}
    current = {name: getattr(family, name) for name in FAMILY_FIELDS}
    cleaned = _clean_family({**current, **fields}, errors)
    _raise(errors)
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        if saved.version != expected_version:
            raise EditConflict(saved, FAMILY_FIELDS)
        changed = [name for name, value in cleaned.items() if getattr(saved, name) != value]
        for name, value in cleaned.items():
            setattr(saved, name, value)
        saved.version += 1
        saved.save()
        part = Part.CONTACT if changed == ["contact_details"] else access.HOUSEHOLD
        access.log(user, saved, Action.UPDATE, part, Basis.RECORDING_ORGANISATION, "Changed: " + ", ".join(changed) if changed else "Saved with no change")
    family.refresh_from_db()
    return family


def update_contact_details(user, family, expected_version, contact_details) -> Family:
    """Change the family's contact details: anyone who may see them (the same access as reading)."""
    decision = _need_change(user, family, Part.CONTACT, Action.UPDATE)
    errors = {}
    text = _text(contact_details, limit=2000, field="contact_details", errors=errors)
    _raise(errors)
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        if saved.version != expected_version:
            raise EditConflict(saved, FAMILY_FIELDS)
        saved.contact_details = text
        saved.version += 1
        saved.save()
        access.log_decision(user, saved, Action.UPDATE, decision, "Changed the contact details")
    family.refresh_from_db()
    return family


# --- the household --------------------------------------------------------------------------


def add_person(user, family, **fields) -> Person:
    decision = _need_change(user, family, access.HOUSEHOLD, Action.CREATE, "Adding someone to the household")
    errors = {}
    cleaned = _clean_person(fields, errors)
    _raise(errors)
    with transaction.atomic():
        if cleaned["is_focus"]:
            family.people.filter(is_focus=True).update(is_focus=False)
        person = Person.objects.create(family=family, **cleaned)
        access.log_decision(user, family, Action.CREATE, decision, "Added someone to the household")
    return person


def update_person(user, person, **fields) -> Person:
    family = person.family
    decision = _need_change(user, family, access.HOUSEHOLD, Action.UPDATE, "Changing someone's details")
    errors = {}
    cleaned = _clean_person({**{name: getattr(person, name) for name in PERSON_FIELDS}, **fields}, errors)
    _raise(errors)
    with transaction.atomic():
        if cleaned["is_focus"]:
            family.people.filter(is_focus=True).exclude(pk=person.pk).update(is_focus=False)
        for name, value in cleaned.items():
            setattr(person, name, value)
        person.save()
        access.log_decision(user, family, Action.UPDATE, decision, "Changed someone's details")
    return person


def add_relationship(user, family, person, other, description) -> Relationship:
    decision = _need_change(user, family, access.HOUSEHOLD, Action.CREATE, "Adding a relationship")
    errors = {}
    text = _text(description, limit=150, field="description", required_message="Say how they are related, in the family's words", errors=errors)
    if person is None or other is None or person.family_id != family.pk or other.family_id != family.pk:
        errors["other"] = "Choose two people from this household"
    elif person.pk == other.pk:
        errors["other"] = "Choose two different people"
    _raise(errors)
    with transaction.atomic():
        relationship = Relationship.objects.create(family=family, person=person, other=other, description=text)
        access.log_decision(user, family, Action.CREATE, decision, "Added a relationship")
    return relationship


# --- the story, profiles and chronology -----------------------------------------------------


def _clean_story(fields: dict, errors: dict) -> dict:
    return {
        "story": _text(fields.get("story"), limit=20000, field="story", required_message="Write the family's story, in their words", errors=errors),
        "who_was_there": _text(fields.get("who_was_there"), limit=500, field="who_was_there", required_message="Say who was there when the story was told", errors=errors),
        "told_on": _day(fields.get("told_on"), field="told_on", required_message="Enter the date the story was told", errors=errors, not_future=True),
        "how_agreed": _text(fields.get("how_agreed"), limit=500, field="how_agreed", required_message="Say how the family agreed to it being recorded", errors=errors),
    }


def add_story_entry(user, family, *, story, who_was_there, told_on, how_agreed) -> StoryEntry:
    decision = _need_change(user, family, Part.STORY, Action.CREATE)
    errors = {}
    cleaned = _clean_story({"story": story, "who_was_there": who_was_there, "told_on": told_on, "how_agreed": how_agreed}, errors)
    _raise(errors)
    with transaction.atomic():
        entry = StoryEntry.objects.create(family=family, recorded_by=user, **cleaned)
        access.log_decision(user, family, Action.CREATE, decision, "Added to the family's story")
    return entry


def update_story_entry(user, entry, expected_version, *, story, who_was_there, told_on, how_agreed) -> StoryEntry:
    """Change a part of the story; EditConflict if someone saved a newer version since it was read."""
    family = entry.family
    decision = _need_change(user, family, Part.STORY, Action.UPDATE)
    errors = {}
    cleaned = _clean_story({"story": story, "who_was_there": who_was_there, "told_on": told_on, "how_agreed": how_agreed}, errors)
    _raise(errors)
    with transaction.atomic():
        saved = StoryEntry.objects.select_for_update().get(pk=entry.pk)
        if saved.version != expected_version:
            raise EditConflict(saved, STORY_FIELDS)
        for name, value in cleaned.items():
            setattr(saved, name, value)
        saved.version += 1
        saved.save()
        access.log_decision(user, family, Action.UPDATE, decision, "Changed the family's story")
    return saved


def save_profile(user, person, expected_version, **fields) -> OnePageProfile:
    """Write or change a person's one-page profile; pass the version read (None or 0 for a new one)."""
    family = person.family
    decision = _need_change(user, family, Part.PROFILES, Action.UPDATE, person=person)
    errors = {}
    cleaned = {
        "liked_and_admired": _text(fields.get("liked_and_admired"), limit=4000, field="liked_and_admired", errors=errors),
        "important_to_me": _text(fields.get("important_to_me"), limit=4000, field="important_to_me", errors=errors),
        "how_to_support_me": _text(fields.get("how_to_support_me"), limit=4000, field="how_to_support_me", errors=errors),
        "written_with": _text(fields.get("written_with"), limit=300, field="written_with", errors=errors),
    }
    if not errors and not any(cleaned[name] for name in ("liked_and_admired", "important_to_me", "how_to_support_me")):
        errors["liked_and_admired"] = "Write at least one part of the profile"
    _raise(errors)
    with transaction.atomic():
        saved = OnePageProfile.objects.select_for_update().filter(person=person).first()
        if saved is None:
            if expected_version not in (None, 0):
                raise EditConflict(OnePageProfile(person=person, version=0), PROFILE_FIELDS)
            saved = OnePageProfile(person=person, version=0)
            action = Action.CREATE
        else:
            if saved.version != expected_version:
                raise EditConflict(saved, PROFILE_FIELDS)
            action = Action.UPDATE
        for name, value in cleaned.items():
            setattr(saved, name, value)
        saved.version += 1
        saved.updated_by = user
        saved.save()
        access.log_decision(user, family, action, decision, "A one-page profile")
    return saved


def add_chronology_entry(user, family, *, occurred_on, what_happened, meaning_for_child, source="practitioner", organisation=None) -> ChronologyEntry:
    """Add a significant event; the organisation is the person's team place (or the one given, if theirs)."""
    decision = _need_change(user, family, Part.CHRONOLOGY, Action.CREATE)
    place = access.team_place(user, family)
    if organisation is None:
        if place is not None:
            organisation_id = place.team_organisation_id
        else:
            first = permissions.casework_organisations(user).first()
            organisation_id = first.pk if first else None
    else:
        organisation_id = organisation.pk if permissions.does_casework_in(user, organisation) else None
    if organisation_id is None:
        _deny(user, family, Action.CREATE, Part.CHRONOLOGY, "Only a practitioner of a member organisation can add to the chronology.")
    errors = {}
    cleaned = {
        "occurred_on": _day(occurred_on, field="occurred_on", required_message="Enter the date it happened", errors=errors, not_future=True),
        "what_happened": _text(what_happened, limit=2000, field="what_happened", required_message="Say what happened", errors=errors),
        "meaning_for_child": _text(meaning_for_child, limit=2000, field="meaning_for_child", required_message="Say what it meant for the child or young person", errors=errors),
    }
    _raise(errors)
    with transaction.atomic():
        entry = ChronologyEntry.objects.create(
            family=family, organisation_id=organisation_id, recorded_by=user, source=clean_text(str(source))[:40] or "practitioner", **cleaned
        )
        access.log_decision(user, family, Action.CREATE, decision, "Added to the chronology")
    return entry


# --- the team -------------------------------------------------------------------------------


def request_to_join(user, family, organisation, reason) -> JoinRequest:
    """Ask to join the team. If the family already agrees that the organisation may see their record, the place is given at once."""
    if not permissions.does_casework_in(user, organisation):
        raise PermissionDenied("You can ask to join only for an organisation you work in.")
    if access.team_place(user, family) is not None:
        raise ValidationError({NON_FIELD_ERRORS: "You are already in the team around this family"})
    errors = {}
    text = _text(reason, limit=500, field="reason", required_message="Say why you need to join the team", errors=errors)
    if JoinRequest.objects.filter(family=family, user=user, status=JoinRequest.Status.WAITING).exists():
        errors[NON_FIELD_ERRORS] = "You have already asked to join; the lead practitioner will decide"
    _raise(errors)
    agreed = organisation.pk != family.recording_organisation_id and bool(access._consented_parts(family.pk, organisation.pk))
    with transaction.atomic():
        join_request = JoinRequest.objects.create(family=family, user=user, organisation=organisation, reason=text)
        if agreed:
            join_request.status = JoinRequest.Status.ACCEPTED
            join_request.decided_at = timezone.now()
            join_request.save()
            TeamMember.objects.create(family=family, user=user, organisation=organisation, added_by=None)
            access.forget()
            access.log(user, family, Action.CREATE, access.TEAM, Basis.CONSENT, "Joined the team: the family agrees that this organisation may see their record")
    return join_request


def decide_join_request(user, join_request, accept: bool) -> JoinRequest:
    family = join_request.family
    _need(permissions.can_decide_join_requests(user, family), user, family, Action.UPDATE, access.TEAM,
          "Only the lead practitioner can decide who joins the team.")
    if join_request.status != JoinRequest.Status.WAITING:
        raise ValidationError({NON_FIELD_ERRORS: "This request has already been decided"})
    basis = access.decide(user, family, access.TEAM).basis
    with transaction.atomic():
        join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        join_request.decided_by = user
        join_request.decided_at = timezone.now()
        join_request.save()
        if accept and not TeamMember.objects.filter(family=family, user=join_request.user, left_on__isnull=True).exists():
            TeamMember.objects.create(family=family, user=join_request.user, organisation=join_request.organisation, added_by=user)
        access.forget()
        access.log(user, family, Action.UPDATE, access.TEAM, basis,
                   f"{'Accepted' if accept else 'Declined'} a request to join from {join_request.user.full_name}"[:300])
    return join_request


def leave_team(user, team_member) -> TeamMember:
    """Leave the team (or, for the lead practitioner, take someone's place away)."""
    family = team_member.family
    own_place = team_member.user_id == getattr(user, "pk", None)
    _need(own_place or permissions.can_manage_team(user, family), user, family, Action.UPDATE, access.TEAM,
          "Only the lead practitioner can take someone else's place in the team away.")
    if team_member.left_on is not None:
        return team_member
    basis = access.decide(user, family, access.TEAM).basis
    with transaction.atomic():
        team_member.left_on = timezone.localdate()
        team_member.is_lead = False
        team_member.save()
        access.forget()
        what = "Left the team" if own_place else f"Took {team_member.user.full_name}'s place in the team away"
        access.log(user, family, Action.UPDATE, access.TEAM, basis if basis != Basis.REFUSED else Basis.TEAM, what[:300])
    return team_member


def make_lead(user, team_member) -> TeamMember:
    family = team_member.family
    _need(permissions.can_manage_team(user, family), user, family, Action.UPDATE, access.TEAM,
          "Only the lead practitioner can hand the lead to someone else.")
    if team_member.left_on is not None:
        raise ValidationError({NON_FIELD_ERRORS: "Choose someone who is in the team now"})
    basis = access.decide(user, family, access.TEAM).basis
    with transaction.atomic():
        for other in TeamMember.objects.filter(family=family, left_on__isnull=True, is_lead=True).exclude(pk=team_member.pk):
            other.is_lead = False
            other.save()
        team_member.is_lead = True
        team_member.save()
        access.forget()
        access.log(user, family, Action.UPDATE, access.TEAM, basis, f"Made {team_member.user.full_name} the lead practitioner"[:300])
    return team_member


# --- the family's agreement -----------------------------------------------------------------


def record_consent(user, family, *, organisation, parts, valid_from=None, valid_until=None, given_by=None, given_by_name="", method) -> ConsentAgreement:
    """Record the family's agreement that an organisation may see some parts of the record, for a time."""
    _need(permissions.can_manage_consent(user, family), user, family, Action.CREATE, access.CONSENTS,
          "Only the team in the organisation holding the record, or the family, can record the family's agreement.")
    family_member = access.is_family_member(user, family) and not permissions.in_recording_team(user, family)
    errors = {}
    chosen = sorted({str(part) for part in (parts or [])})
    if not chosen:
        errors["parts"] = "Choose which parts of the record the organisation may see"
    elif any(part not in Part.values for part in chosen):
        errors["parts"] = "Choose parts of the record from the list"
    if organisation is None:
        errors["organisation"] = "Choose the organisation the family agrees may see the record"
    elif organisation.pk == family.recording_organisation_id:
        errors["organisation"] = "The organisation holding the record already sees it; choose another organisation"
    valid_from = _day(valid_from, field="valid_from", required_message=None, errors=errors) or timezone.localdate()
    valid_until = _day(valid_until, field="valid_until", required_message=None, errors=errors)
    if valid_until is not None and "valid_until" not in errors and valid_until < valid_from:
        errors["valid_until"] = "The end date must be on or after the start date"
    if given_by is not None and given_by.family_id != family.pk:
        errors["given_by"] = "Choose someone in this household"
    if family_member:
        given_by = Person.objects.filter(family=family, account=user).first()
        given_by_name = str(given_by) if given_by else ""
        method = ConsentAgreement.Method.ONLINE
    name = _text(given_by_name or (str(given_by) if given_by else ""), limit=150, field="given_by_name",
                 required_message="Enter the name of the person who gave the agreement", errors=errors)
    if method not in ConsentAgreement.Method.values:
        errors["method"] = "Choose how the agreement was given"
    _raise(errors)
    basis = Basis.FAMILY_MEMBER if family_member else Basis.RECORDING_ORGANISATION
    with transaction.atomic():
        consent = ConsentAgreement.objects.create(
            family=family, organisation=organisation, parts=chosen, valid_from=valid_from, valid_until=valid_until,
            given_by=given_by, given_by_name=name, method=method, recorded_by=user,
        )
        access.forget()
        access.log(user, family, Action.CREATE, access.CONSENTS, basis, f"Agreement for {organisation.name}: {', '.join(chosen)}"[:300])
    return consent


def withdraw_consent(user, consent, note="") -> ConsentAgreement:
    """Withdraw an agreement: from this moment the organisation sees nothing it covered."""
    family = consent.family
    _need(permissions.can_manage_consent(user, family), user, family, Action.UPDATE, access.CONSENTS,
          "Only the team in the organisation holding the record, or the family, can withdraw the family's agreement.")
    if consent.withdrawn_at is not None:
        return consent
    errors = {}
    text = _text(note, limit=500, field="withdrawal_note", errors=errors)
    _raise(errors)
    basis = Basis.FAMILY_MEMBER if access.is_family_member(user, family) and not permissions.in_recording_team(user, family) else Basis.RECORDING_ORGANISATION
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = user
        consent.withdrawal_note = text
        consent.save()
        access.forget()
        access.log(user, family, Action.UPDATE, access.CONSENTS, basis, f"Withdrew the agreement for {consent.organisation.name}"[:300])
    return consent


# --- emergency access -----------------------------------------------------------------------


def emergency_access_hours() -> int:
    return getattr(settings, "GOLDENTHREAD_EMERGENCY_ACCESS_HOURS", 2)


MIN_REASON_LENGTH = 20


def start_emergency_access(user, family, reason) -> EmergencyAccess:
    """Open a record without the family's agreement, to keep a child safe: a written reason, a short time, a review."""
    if not permissions.can_start_emergency_access(user):
        _deny(user, family, Action.EMERGENCY, "", "Only practitioners in a member organisation can use emergency access.")
    errors = {}
    text = _text(reason, limit=2000, field="reason", required_message="Write why you need to open this record now", errors=errors)
    if text and len(text) < MIN_REASON_LENGTH:
        errors["reason"] = f"Write a little more about why you need to open this record now (at least {MIN_REASON_LENGTH} characters)"
    _raise(errors)
    now = timezone.now()
    existing = EmergencyAccess.objects.filter(family=family, user=user, started_at__lte=now, expires_at__gt=now).first()
    if existing is not None:
        return existing
    from .tasks import notify_data_protection_lead

    with transaction.atomic():
        emergency = EmergencyAccess.objects.create(
            family=family, user=user, reason=text, started_at=now, expires_at=now + timedelta(hours=emergency_access_hours())
        )
        access.forget()
        access.log(user, family, Action.EMERGENCY, "", Basis.EMERGENCY, "Emergency access started; the data protection lead will review it", emergency=emergency)
        notify_data_protection_lead.enqueue(emergency.pk)
    return emergency


def review_emergency_access(dpo, emergency, outcome, note="") -> EmergencyAccess:
    family = emergency.family
    _need(permissions.can_review_emergency_access(dpo), dpo, family, Action.REVIEW, "",
          "Only the data protection lead can review emergency access.")
    errors = {}
    if outcome not in (EmergencyAccess.Review.JUSTIFIED, EmergencyAccess.Review.NOT_JUSTIFIED):
        errors["outcome"] = "Choose whether the emergency access was justified"
    text = _text(note, limit=1000, field="review_note", errors=errors)
    if outcome == EmergencyAccess.Review.NOT_JUSTIFIED and not text:
        errors["review_note"] = "Say why it was not justified, so the practitioner can learn from it"
    _raise(errors)
    with transaction.atomic():
        emergency.review = outcome
        emergency.reviewed_by = dpo
        emergency.reviewed_at = timezone.now()
        emergency.review_note = text
        emergency.save()
        access.log(dpo, family, Action.REVIEW, "", Basis.DATA_PROTECTION,
                   f"Reviewed emergency access: {emergency.get_review_display().lower()}", emergency=emergency)
    return emergency


# --- retention, closing ---------------------------------------------------------------------


def set_retention_rule(admin, years, outcome) -> RetentionRule:
    if not permissions.can_set_retention_rule(admin):
        raise PermissionDenied("Only the partnership admin can set how long records are kept.")
    errors = {}
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 100:
        errors["years_after_closure"] = "Enter a number of years between 1 and 100"
    if outcome not in RetentionRule.Outcome.values:
        errors["outcome"] = "Choose whether records are anonymised or erased"
    _raise(errors)
    with transaction.atomic():
        rule = RetentionRule.objects.select_for_update().order_by("pk").first() or RetentionRule()
        rule.years_after_closure = years
        rule.outcome = outcome
        rule.updated_by = admin
        rule.save()
    return rule


def close_family(user, family, closed_on=None) -> Family:
    _need(permissions.can_close_family(user, family), user, family, Action.UPDATE, access.HOUSEHOLD,
          "Only the team in the organisation holding the record can close it.")
    errors = {}
    closed_on = _day(closed_on, field="closed_on", required_message=None, errors=errors, not_future=True) or timezone.localdate()
    _raise(errors)
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        saved.status = Family.Status.CLOSED
        saved.closed_on = closed_on
        saved.version += 1
        saved.save()
        access.log(user, saved, Action.UPDATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, "Closed the record")
    family.refresh_from_db()
    return family


def reopen_family(user, family) -> Family:
    _need(permissions.can_close_family(user, family), user, family, Action.UPDATE, access.HOUSEHOLD,
          "Only the team in the organisation holding the record can reopen it.")
    if family.anonymised_at is not None:
        raise ValidationError({NON_FIELD_ERRORS: "This record has been anonymised under the retention rules and cannot be reopened"})
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        saved.status = Family.Status.OPEN
        saved.closed_on = None
        saved.version += 1
        saved.save()
        access.log(user, saved, Action.UPDATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, "Reopened the record")
    family.refresh_from_db()
    return family
