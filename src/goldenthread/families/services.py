"""Every change to a family's record: one function per thing a person does.

Each is `verb(target, *, by, ...)`: the thing acted on first, the person acting as `by`
(None for the retention task, which acts for the partnership). Each checks the permission
first: a refusal is written to the access log, then `core.refusals.Refused` is raised,
outside any transaction so the refusal stays logged. It checks each field with the rules in
`rules.py`, which the forms use too (a ValidationError keyed by the form field, saying what
to do), writes in a transaction and appends what was changed to the access log.

Text the family told is never silently overwritten: editing a story entry, a profile or the
family's details needs the version the person read, and `core.refusals.EditConflict`
carries what is saved now when it has moved on. The audit log is written by core's model
signals, so objects are saved one by one, never with a bulk `.update()`. E-mail goes with
`core.mail.send_later`, once the change is saved.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.forms import clean_text
from goldenthread.core.mail import send_later
from goldenthread.core.permissions import is_signed_in
from goldenthread.core.refusals import EditConflict, Refused, check_version
from goldenthread.core.rules import raise_if

from . import access, emails, permissions, queries, rules
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
    RetentionRun,
    StoryEntry,
    TeamMember,
)

MAX_SEARCH_RESULTS = 20
PERSON_FIELDS = ("first_name", "last_name", "preferred_name", "pronouns", "date_of_birth", "role_in_family", "is_focus")
STORY_FIELDS = ("story", "who_was_there", "told_on", "how_agreed")
PROFILE_FIELDS = ("liked_and_admired", "important_to_me", "how_to_support_me", "written_with")
FAMILY_FIELDS = ("family_name", "contact_details", "lawful_basis", "lawful_basis_note")
REMOVED = "[Removed under the partnership's retention rules]"

PERSON_TEXT = {"first_name": rules.FIRST_NAME, "last_name": rules.LAST_NAME, "preferred_name": rules.PREFERRED_NAME, "pronouns": rules.PRONOUNS}
STORY_TEXT = {"story": rules.STORY, "who_was_there": rules.WHO_WAS_THERE, "how_agreed": rules.HOW_AGREED}
PROFILE_TEXT = {
    "liked_and_admired": rules.LIKED_AND_ADMIRED,
    "important_to_me": rules.IMPORTANT_TO_ME,
    "how_to_support_me": rules.HOW_TO_SUPPORT_ME,
    "written_with": rules.WRITTEN_WITH,
}


@dataclass(frozen=True)
class MatchSummary:
    """All that search before create shows of a family: enough to ask to join, nothing about them."""

    reference: str
    public_id: object
    lead_organisation: str
    already_in_team: bool


# --- checks ---------------------------------------------------------------------------------


def _refuse(by, family, action, part, reason):
    """Log the refusal in the family's access log (when there is a family), then refuse."""
    if family is not None:
        access.log(by, family, action, part, Basis.REFUSED, reason)
    raise Refused(reason)


def _need(allowed: bool, by, family, action, part, reason):
    if not allowed:
        _refuse(by, family, action, part, reason)


def _need_change(by, family, part, action, detail="", *, person=None) -> access.Decision:
    """The person must be allowed to change the part (`access.decide_change`); a refusal is logged and raised."""
    decision = access.decide_change(by, family, part, person=person)
    if not decision.allowed:
        access.log_decision(by, family, action, decision, detail)
        raise Refused(decision.refusal_reason)
    return decision


def _clean_text(text_rules: dict, fields: dict, errors: dict, prefix: str = "") -> dict:
    """Each text field tidied and checked by its rule; problems go in `errors` under the form's field name."""
    return {name: rule.clean(fields.get(name), field=prefix + name, errors=errors) for name, rule in text_rules.items()}


# --- search and create ----------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, accents taken off, spaces and punctuation evened out: 'Zoë  O’Neill' -> 'zoe o'neill'."""
    text = unicodedata.normalize("NFKD", clean_text(str(text or "")))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("-", " ")
    return " ".join(text.casefold().split())


NAME_STOP_WORDS = {"the", "family", "household", "and"}
SEARCH_TEXT_LIMIT = 300  # a guard on the work a search does, not a rule: longer names are cut, not refused


def name_words(text: str) -> frozenset:
    """The words of a family's name that tell families apart: folded, without 'the family' and punctuation."""
    cleaned = "".join(ch if ch.isalnum() or ch.isspace() else (" " if ch != "'" else "") for ch in fold(text))
    return frozenset(word for word in cleaned.split() if word not in NAME_STOP_WORDS)


def search_families(*, by, family_name="", child_first_name="", child_date_of_birth=None) -> list[MatchSummary]:
    """Is this family already recorded? Matches on the family's name, and/or the child's first name and date of birth.

    Every criterion given must match; a name matches when every word typed is in the family's
    name, ignoring case, accents, punctuation and 'the ... family'. Only a reference, the lead practitioner's organisation
    and whether the searcher is already in the team come back; each match is logged.
    """
    if not permissions.can_search(by):
        raise Refused("Only practitioners in a member organisation can search for families.")
    name = name_words(str(family_name or "")[:SEARCH_TEXT_LIMIT])
    first_name = fold(child_first_name)[: rules.CHILD_FIRST_NAME.max_length]
    errors = {}
    born = rules.CHILD_DATE_OF_BIRTH.clean(child_date_of_birth, field="child_date_of_birth", errors=errors)
    if first_name and born is None and "child_date_of_birth" not in errors:
        errors["child_date_of_birth"] = rules.DATE_OF_BIRTH_WITH_THE_NAME
    if child_date_of_birth not in (None, "") and not first_name:
        errors["child_first_name"] = rules.NAME_WITH_THE_DATE_OF_BIRTH
    if not errors and not name and not first_name:
        errors[NON_FIELD_ERRORS] = rules.ENTER_SOMETHING_TO_SEARCH_FOR
    raise_if(errors)

    families = Family.objects.filter(anonymised_at__isnull=True)
    if first_name:
        children = Person.objects.filter(date_of_birth=born).filter(role_in_family=Person.RoleInFamily.CHILD) | Person.objects.filter(
            date_of_birth=born, is_focus=True
        )
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
    leads = dict(TeamMember.objects.filter(family_id__in=matched_ids, left_on__isnull=True, is_lead=True).values_list("family_id", "organisation__name"))
    in_team = set(access.families_for(by).filter(pk__in=matched_ids).values_list("pk", flat=True))
    summaries = []
    with transaction.atomic():
        for family in matches:
            access.log(by, family, Action.SEARCH, "", access.SEARCH_BASIS, "Search before creating a record: a match was shown")
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
    cleaned = _clean_text(PERSON_TEXT, fields, errors, prefix)
    cleaned["date_of_birth"] = rules.DATE_OF_BIRTH.clean(fields.get("date_of_birth"), field=prefix + "date_of_birth", errors=errors)
    cleaned["role_in_family"] = fields.get("role_in_family") or ""
    cleaned["is_focus"] = bool(fields.get("is_focus"))
    if cleaned["role_in_family"] not in Person.RoleInFamily.values:
        errors[prefix + "role_in_family"] = rules.CHOOSE_WHO_THEY_ARE
    return cleaned


def _clean_family(fields: dict, errors: dict) -> dict:
    cleaned = {
        "family_name": rules.FAMILY_NAME.clean(fields.get("family_name"), field="family_name", errors=errors),
        "contact_details": rules.CONTACT_DETAILS.clean(fields.get("contact_details"), field="contact_details", errors=errors),
        "lawful_basis": fields.get("lawful_basis") or "",
        "lawful_basis_note": rules.LAWFUL_BASIS_NOTE.clean(fields.get("lawful_basis_note"), field="lawful_basis_note", errors=errors),
    }
    if cleaned["lawful_basis"] not in LawfulBasis.values:
        errors["lawful_basis"] = rules.CHOOSE_A_LAWFUL_BASIS
    return cleaned


def create_family(organisation, *, by, family_name, lawful_basis, lawful_basis_note="", contact_details="", people=()) -> Family:
    """Record a family once, for `organisation`; the person recording it becomes the lead practitioner."""
    if not permissions.can_create_family(by, organisation):
        raise Refused("Only practitioners of the organisation can record a family for it.")
    errors = {}
    details = _clean_family(
        {"family_name": family_name, "lawful_basis": lawful_basis, "lawful_basis_note": lawful_basis_note, "contact_details": contact_details}, errors
    )
    cleaned_people = [_clean_person(dict(person), errors, prefix=f"people-{index}-") for index, person in enumerate(people or ())]
    if not cleaned_people:
        errors.setdefault(NON_FIELD_ERRORS, rules.ADD_THE_CHILD)
    elif sum(1 for person in cleaned_people if person["is_focus"]) != 1:
        errors.setdefault(NON_FIELD_ERRORS, rules.ONE_CHILD_AT_THE_CENTRE)
    raise_if(errors)
    with transaction.atomic():
        family = Family.objects.create(recording_organisation=organisation, created_by=by, **details)
        for person in cleaned_people:
            Person.objects.create(family=family, **person)
        TeamMember.objects.create(family=family, user=by, organisation=organisation, is_lead=True, added_by=by)
        access.forget()
        access.log(by, family, Action.CREATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, "Recorded the family")
        if details["contact_details"]:
            access.log(by, family, Action.CREATE, Part.CONTACT, Basis.RECORDING_ORGANISATION, "Contact details")
    return family


ONLY_THE_RECORDING_TEAM_CHANGES_DETAILS = (
    "Only the team in the organisation holding the record can change the family's details. If something is out of date, tell the family's lead practitioner."
)


def update_family_details(family, *, by, version, **fields) -> Family:
    """Change the family's name, contact details or lawful basis; refused with EditConflict if it moved on."""
    _need(
        permissions.can_edit_family_details(by, family),
        by,
        family,
        Action.UPDATE,
        access.HOUSEHOLD,
        ONLY_THE_RECORDING_TEAM_CHANGES_DETAILS,
    )
    errors = {}
    current = {name: getattr(family, name) for name in FAMILY_FIELDS}
    cleaned = _clean_family({**current, **fields}, errors)
    raise_if(errors)
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        check_version(saved, version, fields=FAMILY_FIELDS, typed=cleaned)
        changed = [name for name, value in cleaned.items() if getattr(saved, name) != value]
        for name, value in cleaned.items():
            setattr(saved, name, value)
        saved.version += 1
        saved.save()
        part = Part.CONTACT if changed == ["contact_details"] else access.HOUSEHOLD
        access.log(by, saved, Action.UPDATE, part, Basis.RECORDING_ORGANISATION, "Changed: " + ", ".join(changed) if changed else "Saved with no change")
    family.refresh_from_db()
    return family


def update_contact_details(family, *, by, version, contact_details) -> Family:
    """Change the family's contact details: anyone who may see them (the same access as reading)."""
    decision = _need_change(by, family, Part.CONTACT, Action.UPDATE)
    errors = {}
    text = rules.CONTACT_DETAILS.clean(contact_details, field="contact_details", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        check_version(saved, version, fields=FAMILY_FIELDS, typed={"contact_details": text})
        saved.contact_details = text
        saved.version += 1
        saved.save()
        access.log_decision(by, saved, Action.UPDATE, decision, "Changed the contact details")
    family.refresh_from_db()
    return family


# --- the household --------------------------------------------------------------------------


def _no_other_focus(family, *, keep=None) -> None:
    """Only one child or young person at the centre: everyone else's flag comes off, each saved so the audit log sees it."""
    others = family.people.filter(is_focus=True)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    for other in others:
        other.is_focus = False
        other.save()


def add_person(family, *, by, **fields) -> Person:
    """Add someone to the household."""
    decision = _need_change(by, family, access.HOUSEHOLD, Action.CREATE, "Adding someone to the household")
    errors = {}
    cleaned = _clean_person(fields, errors)
    raise_if(errors)
    with transaction.atomic():
        if cleaned["is_focus"]:
            _no_other_focus(family)
        person = Person.objects.create(family=family, **cleaned)
        access.log_decision(by, family, Action.CREATE, decision, "Added someone to the household")
    return person


def update_person(person, *, by, **fields) -> Person:
    """Change someone's details (any of `PERSON_FIELDS`; the rest stay as they are)."""
    family = person.family
    decision = _need_change(by, family, access.HOUSEHOLD, Action.UPDATE, "Changing someone's details")
    errors = {}
    cleaned = _clean_person({**{name: getattr(person, name) for name in PERSON_FIELDS}, **fields}, errors)
    raise_if(errors)
    with transaction.atomic():
        if cleaned["is_focus"]:
            _no_other_focus(family, keep=person)
        for name, value in cleaned.items():
            setattr(person, name, value)
        person.save()
        access.log_decision(by, family, Action.UPDATE, decision, "Changed someone's details")
    return person


# --- the story, profiles and chronology -----------------------------------------------------


def give_own_sign_in(person, *, by, account) -> Person:
    """Link a family member to their own account (made when they accept their invitation, `family_door`)."""
    if not getattr(account, "is_family_account", False):
        raise Refused("Only a family member's own account can be linked to them.")
    with transaction.atomic():
        saved = Person.objects.select_for_update().get(pk=person.pk)
        saved.account = account
        saved.save()
        access.forget()
    return saved


def take_away_own_sign_in(person, *, by) -> Person:
    """Stop a family member's own sign-in: the account is switched off and no longer linked; the record is unchanged."""
    with transaction.atomic():
        saved = Person.objects.select_for_update(of=("self",)).select_related("account").get(pk=person.pk)
        account = saved.account
        if account is None:
            return saved
        saved.account = None
        saved.save()
        account.is_active = False
        account.save()
        access.forget()
        access.log(by, saved.family, Action.UPDATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, f"Stopped {saved}'s own sign-in")
    return saved


def _clean_story(fields: dict, errors: dict) -> dict:
    cleaned = _clean_text(STORY_TEXT, fields, errors)
    cleaned["told_on"] = rules.TOLD_ON.clean(fields.get("told_on"), field="told_on", errors=errors)
    return cleaned


def add_story_entry(family, *, by, story, who_was_there, told_on, how_agreed, in_words_of=None) -> StoryEntry:
    """Add to the family's story, in their words (`in_words_of`: the family member whose suggestion this was)."""
    decision = _need_change(by, family, Part.STORY, Action.CREATE)
    errors = {}
    cleaned = _clean_story({"story": story, "who_was_there": who_was_there, "told_on": told_on, "how_agreed": how_agreed}, errors)
    raise_if(errors)
    with transaction.atomic():
        entry = StoryEntry.objects.create(family=family, recorded_by=by, in_words_of=_in_family(in_words_of, family), **cleaned)
        access.log_decision(by, family, Action.CREATE, decision, "Added to the family's story")
    return entry


def update_story_entry(entry, *, by, version, story, who_was_there, told_on, how_agreed, in_words_of=None) -> StoryEntry:
    """Change a part of the story; EditConflict if someone saved a newer version since it was read.

    `in_words_of` is the family member whose suggested words these are, where they are; a change
    by the team alone clears the mark, since the words are no longer only theirs."""
    family = entry.family
    decision = _need_change(by, family, Part.STORY, Action.UPDATE)
    errors = {}
    cleaned = _clean_story({"story": story, "who_was_there": who_was_there, "told_on": told_on, "how_agreed": how_agreed}, errors)
    raise_if(errors)
    with transaction.atomic():
        saved = StoryEntry.objects.select_for_update().get(pk=entry.pk)
        check_version(saved, version, fields=STORY_FIELDS, typed=cleaned)
        for name, value in cleaned.items():
            setattr(saved, name, value)
        saved.in_words_of = _in_family(in_words_of, family)
        saved.version += 1
        saved.save()
        access.log_decision(by, family, Action.UPDATE, decision, "Changed the family's story")
    return saved


def save_profile(person, *, by, version, in_words_of=None, **fields) -> OnePageProfile:
    """Write or change a person's one-page profile; `version` is the version read (None or 0 for a new one).

    `in_words_of` is the family member whose suggested words these are, where they are."""
    family = person.family
    decision = _need_change(by, family, Part.PROFILES, Action.UPDATE, person=person)
    errors = {}
    cleaned = _clean_text(PROFILE_TEXT, fields, errors)
    if not errors and not any(cleaned[name] for name in ("liked_and_admired", "important_to_me", "how_to_support_me")):
        errors["liked_and_admired"] = rules.WRITE_ONE_PART_OF_THE_PROFILE
    raise_if(errors)
    with transaction.atomic():
        saved = OnePageProfile.objects.select_for_update().filter(person=person).first()
        if saved is None:
            if version not in (None, 0):
                raise EditConflict(OnePageProfile(person=person, version=0), PROFILE_FIELDS, cleaned)
            saved = OnePageProfile(person=person, version=0)
            action = Action.CREATE
        else:
            check_version(saved, version, fields=PROFILE_FIELDS, typed=cleaned)
            action = Action.UPDATE
        for name, value in cleaned.items():
            setattr(saved, name, value)
        saved.version += 1
        saved.updated_by = by
        saved.in_words_of = _in_family(in_words_of, family)
        saved.save()
        access.log_decision(by, family, action, decision, "A one-page profile")
    return saved


def _in_family(person, family):
    """The family member whose words these are, only if they are in this family."""
    return person if person is not None and person.family_id == family.pk else None


def save_own_words(person, *, by, text) -> OnePageProfile:
    """The person writes, on their own pages, what they want people to know about them: theirs alone, marked as theirs."""
    family = person.family
    if not (is_signed_in(by) and Person.objects.filter(pk=person.pk, account=by).exists()):
        _refuse(by, family, Action.UPDATE, Part.PROFILES, rules.ONLY_THEIR_OWN_WORDS)
    errors = {}
    cleaned = rules.IN_MY_OWN_WORDS.clean(text, field="in_my_own_words", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        # Not a new version of what the team writes: their edit in progress is not in conflict with it.
        profile = OnePageProfile.objects.select_for_update().filter(person=person).first() or OnePageProfile(person=person)
        profile.in_my_own_words = cleaned
        profile.own_words_at = timezone.now()
        profile.save()
        access.log(by, family, Action.UPDATE, Part.PROFILES, Basis.FAMILY_MEMBER, "Wrote what they want people to know about them")
    return profile


def add_chronology_entry(family, *, by, occurred_on, what_happened, meaning_for_child, source="practitioner", organisation=None, about=None) -> ChronologyEntry:
    """Add a significant event; the organisation is the person's team place (or the one given, if theirs).

    `about` is the person in the household it is about (None: the whole household); a family
    member sees what is about them or the whole household."""
    decision = _need_change(by, family, Part.CHRONOLOGY, Action.CREATE)
    place = access.team_place(by, family)
    if organisation is None:
        if place is not None:
            organisation_id = place.team_organisation_id
        else:
            first = permissions.casework_organisations(by).first()
            organisation_id = first.pk if first else None
    else:
        organisation_id = organisation.pk if permissions.does_casework_in(by, organisation) else None
    if organisation_id is None:
        _refuse(by, family, Action.CREATE, Part.CHRONOLOGY, "Only a practitioner of a member organisation can add to the chronology.")
    errors = {}
    cleaned = {
        "occurred_on": rules.OCCURRED_ON.clean(occurred_on, field="occurred_on", errors=errors),
        "what_happened": rules.WHAT_HAPPENED.clean(what_happened, field="what_happened", errors=errors),
        "meaning_for_child": rules.MEANING_FOR_CHILD.clean(meaning_for_child, field="meaning_for_child", errors=errors),
    }
    if about is not None and about.family_id != family.pk:
        errors["about"] = rules.CHOOSE_SOMEONE_IN_THE_HOUSEHOLD
    raise_if(errors)
    with transaction.atomic():
        entry = ChronologyEntry.objects.create(
            family=family,
            organisation_id=organisation_id,
            recorded_by=by,
            source=clean_text(str(source))[: rules.SOURCE_LENGTH] or "practitioner",
            about=about,
            **cleaned,
        )
        access.log_decision(by, family, Action.CREATE, decision, "Added to the chronology")
    return entry


# --- the team -------------------------------------------------------------------------------


def request_to_join(family, *, by, organisation, reason) -> JoinRequest:
    """Ask to join the team. If the family already agrees that the organisation may see their record, the place is given at once;
    otherwise the people who decide (the lead practitioner) are told by e-mail."""
    if not permissions.does_casework_in(by, organisation):
        raise Refused("You can ask to join only for an organisation you work in.")
    if access.team_place(by, family) is not None:
        raise ValidationError({NON_FIELD_ERRORS: "You are already in the team around this family"})
    errors = {}
    text = rules.JOIN_REASON.clean(reason, field="reason", errors=errors)
    if JoinRequest.objects.filter(family=family, user=by, status=JoinRequest.Status.WAITING).exists():
        errors[NON_FIELD_ERRORS] = "You have already asked to join; the lead practitioner will decide"
    raise_if(errors)
    agreed = organisation.pk != family.recording_organisation_id and bool(access.consented_parts(family.pk, organisation.pk))
    with transaction.atomic():
        join_request = JoinRequest.objects.create(family=family, user=by, organisation=organisation, reason=text)
        if agreed:
            join_request.status = JoinRequest.Status.ACCEPTED
            join_request.decided_at = timezone.now()
            join_request.save()
            TeamMember.objects.create(family=family, user=by, organisation=organisation, added_by=None)
            access.forget()
            access.log(by, family, Action.CREATE, access.TEAM, Basis.CONSENT, "Joined the team: the family agrees that this organisation may see their record")
        else:
            _tell_who_decides(join_request)
    return join_request


def _tell_who_decides(join_request) -> None:
    """An e-mail to each person who decides who joins the team (the lead practitioner, or the recording team when there is no lead)."""
    family = join_request.family
    for person in queries.team_people(family):
        if permissions.can_decide_join_requests(person, family):
            send_later(person.email, *emails.join_request(join_request, person))


def decide_join_request(join_request, *, by, accept: bool) -> JoinRequest:
    """Accept or decline a request to join the team: the lead practitioner's decision."""
    family = join_request.family
    _need(permissions.can_decide_join_requests(by, family), by, family, Action.UPDATE, access.TEAM, "Only the lead practitioner can decide who joins the team.")
    if join_request.status != JoinRequest.Status.WAITING:
        raise ValidationError({NON_FIELD_ERRORS: "This request has already been decided"})
    basis = access.decide(by, family, access.TEAM).basis
    with transaction.atomic():
        join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        join_request.decided_by = by
        join_request.decided_at = timezone.now()
        join_request.save()
        if accept and not TeamMember.objects.filter(family=family, user=join_request.user, left_on__isnull=True).exists():
            TeamMember.objects.create(family=family, user=join_request.user, organisation=join_request.organisation, added_by=by)
        access.forget()
        access.log(
            by, family, Action.UPDATE, access.TEAM, basis, f"{'Accepted' if accept else 'Declined'} a request to join from {join_request.user.full_name}"[:300]
        )
    return join_request


def leave_team(team_member, *, by) -> TeamMember:
    """Leave the team (or, for the lead practitioner, take someone's place away)."""
    family = team_member.family
    own_place = team_member.user_id == getattr(by, "pk", None)
    _need(
        own_place or permissions.can_manage_team(by, family),
        by,
        family,
        Action.UPDATE,
        access.TEAM,
        "Only the lead practitioner can take someone else's place in the team away.",
    )
    if team_member.left_on is not None:
        return team_member
    basis = access.decide(by, family, access.TEAM).basis
    with transaction.atomic():
        team_member.left_on = timezone.localdate()
        team_member.is_lead = False
        team_member.save()
        access.forget()
        what = "Left the team" if own_place else f"Took {team_member.user.full_name}'s place in the team away"
        access.log(by, family, Action.UPDATE, access.TEAM, basis if basis != Basis.REFUSED else Basis.TEAM, what[:300])
    return team_member


def make_lead(team_member, *, by) -> TeamMember:
    """Hand the lead to someone in the team now."""
    family = team_member.family
    _need(permissions.can_manage_team(by, family), by, family, Action.UPDATE, access.TEAM, "Only the lead practitioner can hand the lead to someone else.")
    if team_member.left_on is not None:
        raise ValidationError({NON_FIELD_ERRORS: "Choose someone who is in the team now"})
    basis = access.decide(by, family, access.TEAM).basis
    with transaction.atomic():
        for other in TeamMember.objects.filter(family=family, left_on__isnull=True, is_lead=True).exclude(pk=team_member.pk):
            other.is_lead = False
            other.save()
        team_member.is_lead = True
        team_member.save()
        access.forget()
        access.log(by, family, Action.UPDATE, access.TEAM, basis, f"Made {team_member.user.full_name} the lead practitioner"[:300])
    return team_member


# --- the family's agreement -----------------------------------------------------------------


def record_consent(family, *, by, organisation, parts, valid_from=None, valid_until=None, given_by=None, given_by_name="", method) -> ConsentAgreement:
    """Record the family's agreement that an organisation may see some parts of the record, for a time."""
    _need(
        permissions.can_record_consent(by, family),
        by,
        family,
        Action.CREATE,
        access.CONSENTS,
        "Only the team in the organisation holding the record can record the family's agreement. A family member asks them on their own pages.",
    )
    errors = {}
    chosen = sorted({str(part) for part in (parts or [])})
    if not chosen:
        errors["parts"] = rules.CHOOSE_THE_PARTS
    elif any(part not in Part.values for part in chosen):
        errors["parts"] = rules.CHOOSE_PARTS_FROM_THE_LIST
    if organisation is None:
        errors["organisation"] = rules.CHOOSE_THE_ORGANISATION
    elif organisation.pk == family.recording_organisation_id:
        errors["organisation"] = rules.ALREADY_SEES_IT
    today = timezone.localdate()
    valid_from = today if valid_from in (None, "") else (rules.VALID_FROM.clean(valid_from, field="valid_from", errors=errors) or today)
    valid_until = rules.VALID_UNTIL.clean(valid_until, field="valid_until", errors=errors)
    if valid_until is not None and "valid_until" not in errors and valid_until < valid_from:
        errors["valid_until"] = rules.ENDS_BEFORE_IT_STARTS
    if given_by is not None and given_by.family_id != family.pk:
        errors["given_by"] = rules.CHOOSE_SOMEONE_IN_THE_HOUSEHOLD
    name = rules.GIVEN_BY_NAME.clean(given_by_name or (str(given_by) if given_by else ""), field="given_by_name", errors=errors)
    if method not in ConsentAgreement.Method.values:
        errors["method"] = rules.CHOOSE_HOW_IT_WAS_GIVEN
    raise_if(errors)
    with transaction.atomic():
        consent = ConsentAgreement.objects.create(
            family=family,
            organisation=organisation,
            parts=chosen,
            valid_from=valid_from,
            valid_until=valid_until,
            given_by=given_by,
            given_by_name=name,
            method=method,
            recorded_by=by,
        )
        access.forget()
        access.log(by, family, Action.CREATE, access.CONSENTS, Basis.RECORDING_ORGANISATION, f"Agreement for {organisation.name}: {', '.join(chosen)}"[:300])
    return consent


def withdraw_consent(consent, *, by, note="") -> ConsentAgreement:
    """Withdraw an agreement: from this moment the organisation sees nothing it covered."""
    family = consent.family
    _need(
        permissions.can_withdraw_consent(by, family),
        by,
        family,
        Action.UPDATE,
        access.CONSENTS,
        "Only the team in the organisation holding the record, or the family, can withdraw the family's agreement.",
    )
    if consent.withdrawn_at is not None:
        return consent
    errors = {}
    text = rules.WITHDRAWAL_NOTE.clean(note, field="withdrawal_note", errors=errors)
    raise_if(errors)
    basis = Basis.FAMILY_MEMBER if permissions.acts_as_family_member(by, family) else Basis.RECORDING_ORGANISATION
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = by
        consent.withdrawal_note = text
        consent.save()
        access.forget()
        access.log(by, family, Action.UPDATE, access.CONSENTS, basis, f"Withdrew the agreement for {consent.organisation.name}"[:300])
    return consent


# --- emergency access -----------------------------------------------------------------------


def emergency_access_hours() -> int:
    return getattr(settings, "GOLDENTHREAD_EMERGENCY_ACCESS_HOURS", 2)


def start_emergency_access(family, *, by, reason) -> EmergencyAccess:
    """Open a record without the family's agreement, to keep a child safe: a written reason, a short time, a review."""
    if not permissions.can_start_emergency_access(by):
        _refuse(by, family, Action.EMERGENCY, "", "Only practitioners in a member organisation can use emergency access.")
    errors = {}
    text = rules.EMERGENCY_REASON.clean(reason, field="reason", errors=errors)
    if "reason" not in errors and rules.emergency_reason_problem(text):
        errors["reason"] = rules.emergency_reason_problem(text)
    raise_if(errors)
    now = timezone.now()
    existing = EmergencyAccess.objects.filter(family=family, user=by, started_at__lte=now, expires_at__gt=now).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        emergency = EmergencyAccess.objects.create(
            family=family, user=by, reason=text, started_at=now, expires_at=now + timedelta(hours=emergency_access_hours())
        )
        access.forget()
        access.log(by, family, Action.EMERGENCY, "", Basis.EMERGENCY, "Emergency access started; the data protection lead will review it", emergency=emergency)
        _tell_the_data_protection_leads(emergency)
    return emergency


def _tell_the_data_protection_leads(emergency) -> None:
    """An e-mail to each data protection lead, once the emergency access is saved. It names the record's reference only, never the family."""
    for lead in queries.data_protection_leads():
        send_later(lead.email, *emails.emergency_access_to_review(emergency, lead))


def review_emergency_access(emergency, *, by, outcome, note="") -> EmergencyAccess:
    """The data protection lead's review: justified, or not justified with a note."""
    family = emergency.family
    _need(permissions.can_review_emergency_access(by), by, family, Action.REVIEW, "", "Only the data protection lead can review emergency access.")
    errors = {}
    if outcome not in (EmergencyAccess.Review.JUSTIFIED, EmergencyAccess.Review.NOT_JUSTIFIED):
        errors["outcome"] = rules.CHOOSE_JUSTIFIED_OR_NOT
    text = rules.REVIEW_NOTE.clean(note, field="review_note", errors=errors)
    if outcome == EmergencyAccess.Review.NOT_JUSTIFIED and not text and "review_note" not in errors:
        errors["review_note"] = rules.SAY_WHY_NOT_JUSTIFIED
    raise_if(errors)
    with transaction.atomic():
        emergency.review = outcome
        emergency.reviewed_by = by
        emergency.reviewed_at = timezone.now()
        emergency.review_note = text
        emergency.save()
        access.log(
            by, family, Action.REVIEW, "", Basis.DATA_PROTECTION, f"Reviewed emergency access: {emergency.get_review_display().lower()}", emergency=emergency
        )
    return emergency


# --- retention, closing ---------------------------------------------------------------------

ONLY_THE_ADMIN_KEEPS_RECORDS = "Only the partnership admin can set how long records are kept."


def set_retention_rule(*, by, years, outcome) -> RetentionRule:
    """How long a closed record is kept, and whether it is then anonymised or erased: the partnership admin's choice."""
    if not permissions.can_set_retention_rule(by):
        raise Refused(ONLY_THE_ADMIN_KEEPS_RECORDS)
    errors = {}
    if not isinstance(years, int) or isinstance(years, bool) or not rules.FEWEST_YEARS <= years <= rules.MOST_YEARS:
        errors["years_after_closure"] = rules.YEARS_BETWEEN
    if outcome not in RetentionRule.Outcome.values:
        errors["outcome"] = rules.CHOOSE_WHAT_HAPPENS
    raise_if(errors)
    with transaction.atomic():
        rule = RetentionRule.objects.select_for_update().order_by("pk").first() or RetentionRule()
        rule.years_after_closure = years
        rule.outcome = outcome
        rule.updated_by = by
        rule.save()
    return rule


def _need_retention(by) -> None:
    """The retention task acts for the partnership (`by` None); a person doing it by hand must be the partnership admin."""
    if by is not None and not permissions.can_set_retention_rule(by):
        raise Refused(ONLY_THE_ADMIN_KEEPS_RECORDS)


def anonymise_family(family, *, by=None, reason) -> Family:
    """Remove everything that identifies anyone; keep the shape (how many people, events, dates). Logged with the retention basis."""
    _need_retention(by)
    with transaction.atomic():
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
        for relationship in Relationship.objects.filter(family=family):
            relationship.description = ""
            relationship.save()
        access.log(by, family, Action.ANONYMISE, "", Basis.RETENTION, f"Anonymised: {reason}")
    return family


def erase_family(family, *, by=None, reason) -> str:
    """Erase the record completely; its access log is kept, by reference. Returns the reference."""
    _need_retention(by)
    reference = family.reference
    with transaction.atomic():
        access.log(by, family, Action.ERASE, "", Basis.RETENTION, f"Erased: {reason}")
        family.delete()
    return reference


def record_retention_run(*, by=None, erased, anonymised) -> RetentionRun:
    """Keep a record of what one run of the retention rule did, by reference."""
    _need_retention(by)
    with transaction.atomic():
        return RetentionRun.objects.create(erased=list(erased), anonymised=list(anonymised))


ONLY_THE_RECORDING_TEAM_CLOSES = "Only the team in the organisation holding the record can close it. The family's lead practitioner can help."
ONLY_THE_RECORDING_TEAM_REOPENS = "Only the team in the organisation holding the record can open it again. The family's lead practitioner can help."
ANONYMISED_CANNOT_REOPEN = (
    "This record was anonymised under the partnership's retention rules, so it cannot be opened again. To work with the family again, add them as a new family"
)


def close_family(family, *, by, closed_on=None) -> Family:
    """Close the record (today, unless another day in the past is given)."""
    _need(
        permissions.can_close_family(by, family),
        by,
        family,
        Action.UPDATE,
        access.HOUSEHOLD,
        ONLY_THE_RECORDING_TEAM_CLOSES,
    )
    errors = {}
    closed_on = rules.CLOSED_ON.clean(closed_on, field="closed_on", errors=errors) or timezone.localdate()
    raise_if(errors)
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        saved.status = Family.Status.CLOSED
        saved.closed_on = closed_on
        saved.version += 1
        saved.save()
        access.log(by, saved, Action.UPDATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, "Closed the record")
    family.refresh_from_db()
    return family


def reopen_family(family, *, by) -> Family:
    """Open a closed record again; an anonymised record cannot be."""
    _need(
        permissions.can_close_family(by, family),
        by,
        family,
        Action.UPDATE,
        access.HOUSEHOLD,
        ONLY_THE_RECORDING_TEAM_REOPENS,
    )
    if family.anonymised_at is not None:
        raise ValidationError({NON_FIELD_ERRORS: ANONYMISED_CANNOT_REOPEN})
    with transaction.atomic():
        saved = Family.objects.select_for_update().get(pk=family.pk)
        saved.status = Family.Status.OPEN
        saved.closed_on = None
        saved.version += 1
        saved.save()
        access.log(by, saved, Action.UPDATE, access.HOUSEHOLD, Basis.RECORDING_ORGANISATION, "Reopened the record")
    family.refresh_from_db()
    return family
