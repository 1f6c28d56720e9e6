"""Every write at the family's own door: one function per thing a person does, in a transaction.

A family member's actions are written to their family's access log in their own words (basis
"family-member"); the team's answers go through the families app's services, which check the
access rule again and log them. Nothing a family member suggests reaches the record until a
practitioner has decided with them.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.core.signin import normalised_email
from goldenthread.families import access
from goldenthread.families import rules as family_rules
from goldenthread.families import services as family_services
from goldenthread.families.access import Action, Basis
from goldenthread.families.models import ConsentAgreement, OnePageProfile, Part, Person, StoryEntry

from . import emails, permissions, queries, rules
from .models import Invitation, Question, ShareRequest, SignInCode, Suggestion, TermsAgreed, Waiting, digest
from .senders import code_sender

# The profile's parts a family member can suggest words for (the field, and its words).
PROFILE_PARTS = ("liked_and_admired", "important_to_me", "how_to_support_me")
FAMILY_ROLES = (Person.RoleInFamily.PARENT, Person.RoleInFamily.CARER)
YOUNG_PERSON_ROLES = (Person.RoleInFamily.CHILD, Person.RoleInFamily.SIBLING)


def _log(by, family, action, part, detail) -> None:
    """A family member's action, in their family's access log, in their words."""
    access.log(by, family, action, part, Basis.FAMILY_MEMBER, detail)


def _need_own(by, person) -> None:
    if not permissions.acts_for(by, person):
        raise Refused("You can do this only for yourself, signed in with your own account.")


def _need(allowed: bool, message: str) -> None:
    if not allowed:
        raise Refused(message)


# --- invitations and sign-in ------------------------------------------------------------------


def age_on(person, day) -> int | None:
    born = person.date_of_birth
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def may_be_invited(person) -> bool:
    """A parent or carer; a young person of the partnership's age (by their date of birth). No account yet."""
    if person.account_id is not None:
        return False
    if person.role_in_family in FAMILY_ROLES:
        return True
    age = age_on(person, timezone.localdate()) if person.role_in_family in YOUNG_PERSON_ROLES else None
    return age is not None and age >= rules.door().youngest_age


def invite(person, *, by, email) -> tuple[Invitation, str]:
    """Invite a family member to their own sign-in; their link goes to them by e-mail. Returns the invitation and its token."""
    _need(permissions.can_invite(by, person), "Only the lead practitioner or the team in the organisation holding the record can invite a family member.")
    errors = {}
    address = rules.EMAIL.clean(email, field="email", errors=errors)
    if address and "email" not in errors:
        try:
            validate_email(address)
        except ValidationError:
            errors["email"] = rules.NOT_AN_EMAIL
        else:
            address = normalised_email(address)
            taken = get_user_model().objects.filter(email=address).exclude(pk=person.account_id).exists()
            if taken:
                errors["email"] = rules.ADDRESS_IN_USE
    if person.account_id is not None:
        errors["email"] = rules.ALREADY_HAS_SIGN_IN
    elif person.role_in_family in YOUNG_PERSON_ROLES:
        age = age_on(person, timezone.localdate())
        if age is None:
            errors["email"] = rules.ADD_DATE_OF_BIRTH_FIRST
        elif age < rules.door().youngest_age:
            errors["email"] = rules.too_young_message()
    elif person.role_in_family not in FAMILY_ROLES:
        errors["email"] = rules.ONLY_YOUNG_PEOPLE_PARENTS_AND_CARERS
    raise_if(errors)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        for older in Invitation.objects.select_for_update().filter(person=person, accepted_at__isnull=True, cancelled_at__isnull=True):
            older.cancelled_at = now
            older.save()
        invitation = Invitation.objects.create(
            person=person,
            email=address,
            invited_by=by,
            invited_at=now,
            expires_at=now + timedelta(days=rules.door().invitation_days),
            token_digest=digest(token),
        )
        access.log(by, person.family, Action.CREATE, access.HOUSEHOLD, _staff_basis(by, person.family), f"Invited {person} to their own sign-in")
        send_later(address, *emails.invitation(invitation, token))
    return invitation, token


def _staff_basis(by, family) -> str:
    found = access.team_place(by, family)
    if found is not None and found.in_recording_organisation:
        return Basis.RECORDING_ORGANISATION
    return Basis.TEAM


def cancel_invitation(invitation, *, by) -> Invitation:
    _need(permissions.can_invite(by, invitation.person), "Only the lead practitioner or the recording team can cancel an invitation.")
    with transaction.atomic():
        saved = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if saved.accepted_at is None and saved.cancelled_at is None:
            saved.cancelled_at = timezone.now()
            saved.save()
    return saved


def invitation_for(token: str) -> Invitation | None:
    """The open invitation this link's token is for, or None (wrong, used, cancelled or run out)."""
    if not token or len(token) > 100:
        return None
    found = Invitation.objects.select_related("person__family").filter(token_digest=digest(token)).first()
    return found if found is not None and found.is_open else None


def accept_invitation(invitation, *, terms_version: int):
    """The family member opened their link and agreed to the short terms: their own account is made and linked to them."""
    with transaction.atomic():
        saved = Invitation.objects.select_for_update().select_related("person__family").get(pk=invitation.pk)
        if not saved.is_open:
            raise Refused("This invitation has already been used or has run out. Ask your lead practitioner for a new one.")
        person = Person.objects.select_for_update().get(pk=saved.person_id)
        if person.account_id is not None:
            raise Refused("You already have your own sign-in. Sign in with your e-mail address.")
        users = get_user_model().objects
        if users.filter(email=saved.email).exists():
            raise Refused("This e-mail address is already used for another sign-in. Ask your lead practitioner for a new invitation.")
        account = users.create_user(saved.email, None, full_name=_full_name(person), is_family_account=True)
        family_services.give_own_sign_in(person, by=saved.invited_by, account=account)
        TermsAgreed.objects.create(user=account, version=terms_version)
        saved.accepted_at = timezone.now()
        saved.save()
        _log(account, person.family, Action.CREATE, access.ACCESS_LOG, "Joined with their invitation and agreed to the terms for family members")
    return account


def _full_name(person) -> str:
    return " ".join(part for part in (person.preferred_name or person.first_name, person.last_name) if part)


def stop_sign_in(person, *, by) -> Person:
    """Stop a family member's own sign-in: their account can no longer sign in, and their record is as it was."""
    _need(permissions.can_invite(by, person), "Only the lead practitioner or the recording team can stop a family member's sign-in.")
    return family_services.take_away_own_sign_in(person, by=by)


def agree_to_terms(user, *, by, version: int) -> None:
    if by != user:
        raise Refused("Only you can agree to your own terms.")
    TermsAgreed.objects.get_or_create(user=user, version=version)


def send_sign_in_code(email: str) -> str | None:
    """Send a one-time code to the family account with this address, if there is one and it has not asked too often.

    Returns the code (for the demo's notice only) or None; the page says the same either way, so
    nobody learns whether an address has an account.
    """
    address = normalised_email(email or "")
    user = get_user_model().objects.filter(email=address, is_family_account=True, is_active=True).first()
    if user is None:
        return None
    door = rules.door()
    now = timezone.now()
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one sender at a time, so the hourly limit holds
        if SignInCode.objects.filter(user=user, sent_at__gte=now - timedelta(hours=1)).count() >= door.codes_per_hour:
            return None
        code = f"{secrets.randbelow(10**6):06d}"
        for earlier in SignInCode.objects.select_for_update().filter(user=user, used_at__isnull=True, expires_at__gt=now):
            earlier.expires_at = now  # only the newest code works
            earlier.save()
        SignInCode.objects.create(user=user, code_digest=digest(code), sent_at=now, expires_at=now + timedelta(minutes=door.code_minutes))
        code_sender().send(user=user, code=code, minutes=door.code_minutes)
    return code


def check_sign_in_code(email: str, code: str):
    """The family account this code signs in, or None. A code works once, for a few minutes, and for a few tries."""
    address = normalised_email(email or "")
    typed = "".join(ch for ch in (code or "") if ch.isdigit())[:12]
    user = get_user_model().objects.filter(email=address, is_family_account=True, is_active=True).first()
    if user is None or not typed:
        return None
    now = timezone.now()
    with transaction.atomic():
        current = SignInCode.objects.select_for_update().filter(user=user, used_at__isnull=True, expires_at__gt=now).order_by("-sent_at").first()
        if current is None or current.tries >= rules.door().code_tries:
            return None
        if not secrets.compare_digest(current.code_digest, digest(typed)):
            current.tries += 1
            current.save()
            return None
        current.used_at = now
        current.save()
    return user


def has_agreed_to_current_terms(user) -> bool:
    return TermsAgreed.objects.filter(user=user, version=rules.terms().version).exists()


# --- what a family member does ------------------------------------------------------------------


def suggest_change(person, *, by, target, text, why="", story_entry=None, profile_field="") -> Suggestion:
    """Suggest a change to the story or one's own profile, in one's own words; it waits for the team."""
    _need_own(by, person)
    family = person.family
    errors = {}
    words = rules.SUGGESTED_TEXT.clean(text, field="suggested_text", errors=errors)
    reason = rules.WHY.clean(why, field="why", errors=errors)
    text_then = ""
    if target == Suggestion.Target.STORY_ENTRY:
        if story_entry is None or story_entry.family_id != family.pk:
            errors["target"] = rules.CHOOSE_WHAT_TO_CHANGE
        else:
            text_then = story_entry.story
        part = Part.STORY
    elif target == Suggestion.Target.NEW_STORY:
        story_entry, part = None, Part.STORY
    elif target == Suggestion.Target.PROFILE:
        if profile_field not in PROFILE_PARTS:
            errors["target"] = rules.CHOOSE_WHAT_TO_CHANGE
        else:
            profile = OnePageProfile.objects.filter(person=person).first()
            text_then = getattr(profile, profile_field, "") if profile else ""
        story_entry, part = None, Part.PROFILES
    else:
        errors["target"] = rules.CHOOSE_WHAT_TO_CHANGE
        part = Part.STORY
    raise_if(errors)
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            person=person,
            family=family,
            target=target,
            story_entry=story_entry,
            profile_field=profile_field if target == Suggestion.Target.PROFILE else "",
            text_then=text_then,
            suggested_text=words,
            why=reason,
        )
        _log(by, family, Action.CREATE, part, "Suggested a change in their own words")
        _tell_the_team(family, emails.suggestion_made, suggestion)
    return suggestion


def take_back_suggestion(suggestion, *, by) -> Suggestion:
    _need_own(by, suggestion.person)
    with transaction.atomic():
        saved = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if saved.status == Waiting.WAITING:
            saved.status = Waiting.WITHDRAWN
            saved.decided_at = timezone.now()
            saved.save()
            _log(by, saved.family, Action.UPDATE, _suggestion_part(saved), "Took back a suggestion")
    return saved


def ask_question(person, *, by, text) -> Question:
    """Ask the lead practitioner a question."""
    _need_own(by, person)
    errors = {}
    words = rules.QUESTION.clean(text, field="text", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        question = Question.objects.create(person=person, family=person.family, text=words)
        _log(by, person.family, Action.CREATE, access.TEAM, "Asked their lead practitioner a question")
        _tell_the_team(person.family, emails.question_asked, question)
    return question


def ask_to_share(person, *, by, organisation, parts, until=None, why="") -> ShareRequest:
    """Ask to share parts of the record with a new organisation; a practitioner confirms it with them."""
    _need_own(by, person)
    family = person.family
    errors = {}
    chosen = sorted({str(part) for part in (parts or [])})
    if not chosen or any(part not in Part.values for part in chosen):
        errors["parts"] = rules.CHOOSE_PARTS
    if organisation is None:
        errors["organisation"] = rules.CHOOSE_ORGANISATION
    elif organisation.pk == family.recording_organisation_id:
        errors["organisation"] = family_rules.ALREADY_SEES_IT
    if until is not None and until <= timezone.localdate():
        errors["until"] = rules.UNTIL_IN_THE_PAST
    reason = rules.SHARE_WHY.clean(why, field="why", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        request = ShareRequest.objects.create(person=person, family=family, organisation=organisation, parts=chosen, until=until, why=reason)
        _log(by, family, Action.CREATE, access.CONSENTS, f"Asked to share with {organisation.name}"[:300])
        _tell_the_team(family, emails.share_requested, request, who=queries.recording_team_users)
    return request


def withdraw_agreement(consent: ConsentAgreement, *, by) -> ConsentAgreement:
    """Withdraw one of the family's agreements, at once; the team is told."""
    person = permissions.own_person(by)
    _need(person is not None and consent.family_id == person.family_id, "You can withdraw only your own family's agreements.")
    with transaction.atomic():
        withdrawn = family_services.withdraw_consent(consent, by=by, note=f"Withdrawn by {person} on their own pages")
        _tell_the_team(consent.family, emails.agreement_withdrawn, withdrawn)
    return withdrawn


def write_own_words(person, *, by, text) -> OnePageProfile:
    """What I want people to know about me: theirs, written straight into their profile and marked as theirs."""
    _need_own(by, person)
    return family_services.save_own_words(person, by=by, text=text)


def mark_answers_seen(person, *, by) -> None:
    """The family member has read the team's replies and answers on their home page."""
    _need_own(by, person)
    now = timezone.now()
    for model, field in ((Suggestion, "seen_reply_at"), (Question, "seen_answer_at"), (ShareRequest, "seen_reply_at")):
        for item in model.objects.filter(person=person, **{f"{field}__isnull": True}).exclude(status=Waiting.WAITING):
            setattr(item, field, now)
            item.save(update_fields=[field])


def _tell_the_team(family, words, item, *, who=None) -> None:
    """E-mail the people who must act next: the lead practitioner (or, with no lead, the recording team)."""
    for user in (who or queries.who_answers)(family):
        send_later(user.email, *words(item, user))


def _suggestion_part(suggestion) -> str:
    return Part.PROFILES if suggestion.target == Suggestion.Target.PROFILE else Part.STORY


# --- what the team does -------------------------------------------------------------------------


class Outcome:
    ACCEPT = "accept"
    CHANGE_TOGETHER = "change-together"
    REPLY = "reply"
    ALL = (ACCEPT, CHANGE_TOGETHER, REPLY)


def decide_suggestion(suggestion, *, by, outcome, final_text="", reply="") -> Suggestion:
    """Accept the family member's words, put in words agreed with them, or reply without changing the record."""
    family = suggestion.family
    _need(permissions.answers_for_family(by, family), "Only the lead practitioner or the recording team can decide on a family's suggestion.")
    errors = {}
    if outcome not in Outcome.ALL:
        errors["outcome"] = "Choose what you decided"
    words = suggestion.suggested_text
    if outcome == Outcome.CHANGE_TOGETHER:
        words = rules.FINAL_TEXT.clean(final_text, field="final_text", errors=errors)
    answer = rules.REPLY.clean(reply, field="reply", errors=errors)
    if outcome == Outcome.REPLY and not answer and "reply" not in errors:
        errors["reply"] = rules.REPLY_NEEDED
    raise_if(errors)
    with transaction.atomic():
        saved = Suggestion.objects.select_for_update(of=("self",)).select_related("person", "story_entry").get(pk=suggestion.pk)
        if saved.status != Waiting.WAITING:
            raise Refused("This suggestion has already been decided, or they took it back.")
        if outcome != Outcome.REPLY:
            _apply(saved, by=by, words=words)
            saved.final_text = words
        saved.status = {Outcome.ACCEPT: Waiting.ACCEPTED, Outcome.CHANGE_TOGETHER: Waiting.CHANGED_TOGETHER}.get(outcome, Waiting.REPLIED)
        saved.reply = answer
        saved.decided_by = by
        saved.decided_at = timezone.now()
        saved.save()
        _tell_the_family(saved.person, emails.suggestion_decided, saved)
    return saved


def _apply(suggestion, *, by, words) -> None:
    """Put the agreed words into the record, through the families app's services (which check and log)."""
    person = suggestion.person
    if suggestion.target == Suggestion.Target.STORY_ENTRY and suggestion.story_entry is not None:
        entry = StoryEntry.objects.get(pk=suggestion.story_entry.pk)
        family_services.update_story_entry(
            entry,
            by=by,
            version=entry.version,
            story=words,
            who_was_there=entry.who_was_there,
            told_on=entry.told_on,
            how_agreed=entry.how_agreed,
            in_words_of=person,
        )
    elif suggestion.target == Suggestion.Target.PROFILE:
        profile = OnePageProfile.objects.filter(person=person).first()
        current = {name: getattr(profile, name, "") if profile else "" for name in (*PROFILE_PARTS, "written_with")}
        current[suggestion.profile_field] = words
        family_services.save_profile(person, by=by, version=profile.version if profile else None, in_words_of=person, **current)
    else:  # something new for the story, or a part of the story that has since been taken out
        family_services.add_story_entry(
            suggestion.family,
            by=by,
            story=words,
            who_was_there=str(person),
            told_on=timezone.localdate(suggestion.made_at),
            how_agreed=f"Written by {person} on their own pages",
            in_words_of=person,
        )


def answer_question(question, *, by, answer) -> Question:
    _need(permissions.answers_for_family(by, question.family), "Only the lead practitioner or the recording team can answer a family's question.")
    errors = {}
    words = rules.ANSWER.clean(answer, field="answer", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        saved = Question.objects.select_for_update().select_related("person").get(pk=question.pk)
        if saved.status != Waiting.WAITING:
            raise Refused("This question has already been answered.")
        saved.answer = words
        saved.status = Waiting.REPLIED
        saved.answered_by = by
        saved.answered_at = timezone.now()
        saved.save()
        access.log(by, saved.family, Action.UPDATE, access.TEAM, _staff_basis(by, saved.family), "Answered a family member's question")
        _tell_the_family(saved.person, emails.question_answered, saved)
    return saved


def decide_share_request(share_request, *, by, agree: bool, reply="") -> ShareRequest:
    """Confirm the family member's request (the agreement is recorded, given by them online) or decline it with a reply."""
    family = share_request.family
    _need(permissions.can_decide_share_request(by, family), "Only the team in the organisation holding the record can confirm a request to share.")
    errors = {}
    answer = rules.REPLY.clean(reply, field="reply", errors=errors)
    if not agree and not answer and "reply" not in errors:
        errors["reply"] = rules.REPLY_NEEDED
    raise_if(errors)
    with transaction.atomic():
        saved = ShareRequest.objects.select_for_update().select_related("person", "organisation").get(pk=share_request.pk)
        if saved.status != Waiting.WAITING:
            raise Refused("This request has already been decided.")
        if agree:
            saved.agreement = family_services.record_consent(
                family,
                by=by,
                organisation=saved.organisation,
                parts=saved.parts,
                valid_until=saved.until,
                given_by=saved.person,
                method=ConsentAgreement.Method.ONLINE,
            )
        saved.status = Waiting.ACCEPTED if agree else Waiting.REPLIED
        saved.reply = answer
        saved.decided_by = by
        saved.decided_at = timezone.now()
        saved.save()
        _tell_the_family(saved.person, emails.share_request_decided, saved)
    return saved


def _tell_the_family(person, words, item) -> None:
    account = person.account
    if account is not None and account.is_active:
        send_later(account.email, *words(item, person))
