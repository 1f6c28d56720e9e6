"""Every change to organisations and memberships: one function per thing a person does.

Each is `verb(target, *, by, ...)` in a transaction: it checks `permissions` (refusing with
`core.refusals.Refused`), cleans its text with the rules in `rules.py` (the forms use the
same ones), writes, and queues what follows (an invitation to choose a password) with
`core.mail.send_later`. The audit log is written by core's model signals.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from goldenthread.core.identity import partnership_identity
from goldenthread.core.mail import send_later
from goldenthread.core.models import User
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.core.signin import normalised_email

from . import permissions, rules
from .models import Membership, Organisation, Role, Sector, Size

ONLY_THE_ADMIN = "Only the partnership's admin can add, change or close member organisations."
ONLY_A_LEAD = "Only the organisation's lead or the partnership's admin can add people, change their roles or remove them."
ONLY_A_LEAD_NAMES_A_LEAD = "Only another organisation lead or the partnership's admin can make someone an organisation lead."
ONLY_THE_PARTNERSHIP_NAMES_A_LANGUAGE_LEAD = (
    "A language lead looks after the words the whole partnership checks, so only the partnership's admin can make someone one. Ask the partnership team."
)
EDITABLE = ("name", "sector", "area", "size", "description", "is_active")


def _organisation_details(fields: dict, *, current: Organisation | None = None) -> dict:
    """The details cleaned by the same rules as the form; a ValidationError names each box to correct."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not a detail of an organisation: {', '.join(sorted(unknown))}")
    errors: dict = {}
    cleaned = dict(fields)
    for name, rule in rules.ORGANISATION_TEXT.items():
        if name in fields:
            cleaned[name] = rule.clean(fields[name], field=name, errors=errors)
    if "sector" in fields and fields["sector"] not in Sector.values:
        errors["sector"] = rules.CHOOSE_A_SECTOR
    if "size" in fields and fields["size"] not in ("", *Size.values):
        errors["size"] = rules.CHOOSE_A_SIZE
    raise_if(errors)
    name = cleaned.get("name", current.name if current else "")
    others = Organisation.objects.filter(name__iexact=name)
    if current is not None:
        others = others.exclude(pk=current.pk)
    if others.exists():
        raise ValidationError({"name": rules.DUPLICATE_NAME})
    return cleaned


@transaction.atomic
def create_organisation(*, by, name: str, sector: str, area: str = "", size: str = "", description: str = "") -> Organisation:
    """A new member organisation: the partnership's admin only."""
    if not permissions.can_manage_organisations(by):
        raise Refused(ONLY_THE_ADMIN)
    details = _organisation_details({"name": name, "sector": sector, "area": area, "size": size, "description": description})
    return Organisation.objects.create(**details)


@transaction.atomic
def update_organisation(organisation: Organisation, *, by, **changes) -> Organisation:
    """Change an organisation's details (any of `EDITABLE`); its address (slug) stays as it was."""
    if not permissions.can_manage_organisations(by):
        raise Refused(ONLY_THE_ADMIN)
    for key, value in _organisation_details(changes, current=organisation).items():
        setattr(organisation, key, value)
    organisation.save()
    return organisation


def _member_details(email: str, full_name: str, job_title: str, role: str) -> tuple[str, str, str]:
    errors: dict = {}
    full_name = rules.FULL_NAME.clean(full_name, field="full_name", errors=errors)
    job_title = rules.JOB_TITLE.clean(job_title, field="job_title", errors=errors)
    email = (email or "").strip()
    if not email:
        errors["email"] = rules.ENTER_AN_EMAIL
    elif len(email) > rules.EMAIL_LENGTH:
        errors["email"] = rules.EMAIL_TOO_LONG
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = rules.EMAIL_LIKE_THIS
    if role not in Role.values:
        errors["role"] = rules.UNKNOWN_ROLE
    raise_if(errors)
    return email.lower(), full_name, job_title


@transaction.atomic
def add_member(organisation: Organisation, *, by, email: str, full_name: str, job_title: str = "", role: str = Role.PRACTITIONER) -> Membership:
    """Add a person to an organisation; someone new is e-mailed an invitation to choose a password."""
    if not permissions.can_manage_members(by, organisation):
        raise Refused(ONLY_A_LEAD)
    if role == Role.ORGANISATION_LEAD and not (by.is_partnership_admin or permissions.leads(by, organisation)):
        raise Refused(ONLY_A_LEAD_NAMES_A_LEAD)
    if not permissions.can_give_role(by, role):
        raise Refused(ONLY_THE_PARTNERSHIP_NAMES_A_LANGUAGE_LEAD)
    email, full_name, job_title = _member_details(email, full_name, job_title, role)
    user = User.objects.filter(email=normalised_email(email)).first()
    is_new = user is None
    if is_new:
        user = User.objects.create_user(email, None, full_name=full_name, job_title=job_title)
    elif Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError({"email": rules.ALREADY_A_MEMBER})
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    if is_new:
        _invite(user, organisation)
    return membership


def _invite(user: User, organisation: Organisation) -> None:
    """E-mail a new person a link to choose their password, sent once the membership is saved.

    The link is Django's password-reset link (uid and token from `default_token_generator`)
    on the partnership's own address, `GOLDENTHREAD_SITE_URL`, never the address a request
    happened to use.
    """
    if not user.is_active:
        return
    context = {
        "user": user,
        "email": user.email,
        "organisation": organisation,
        "partnership": partnership_identity(),
        "link": settings.GOLDENTHREAD_SITE_URL
        + reverse(
            "core:password-reset-confirm",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
        ),
    }
    subject = "".join(render_to_string("partnership/email/invitation_subject.txt", context).splitlines())
    send_later(user.email, subject, render_to_string("partnership/email/invitation.txt", context))


@transaction.atomic
def change_role(membership: Membership, *, by, role: str) -> Membership:
    """Give a member another role; the organisation always keeps at least one lead."""
    if not permissions.can_manage_members(by, membership.organisation):
        raise Refused(ONLY_A_LEAD)
    if role not in Role.values:
        raise ValidationError({"role": rules.UNKNOWN_ROLE})
    if role != membership.role and not permissions.can_give_role(by, role):
        raise Refused(ONLY_THE_PARTNERSHIP_NAMES_A_LANGUAGE_LEAD)
    if membership.role == Role.ORGANISATION_LEAD and role != Role.ORGANISATION_LEAD:
        _keep_one_lead(membership)
    membership.role = role
    membership.save()
    return membership


@transaction.atomic
def name_champions(organisation: Organisation, *, by, people) -> list[Membership]:
    """Make the chosen members champions; champions not chosen go back to being practitioners."""
    if not permissions.can_manage_members(by, organisation):
        raise Refused(ONLY_A_LEAD)
    chosen = {person.pk for person in people}
    changed = []
    for membership in organisation.memberships.select_related("user").select_for_update():
        if membership.user_id in chosen and membership.role == Role.PRACTITIONER:
            membership.role = Role.CHAMPION
        elif membership.user_id not in chosen and membership.role == Role.CHAMPION:
            membership.role = Role.PRACTITIONER
        else:
            continue
        membership.save()
        changed.append(membership)
    return changed


@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    """Take a person out of an organisation; their account and history are kept."""
    if not permissions.can_manage_members(by, membership.organisation):
        raise Refused(ONLY_A_LEAD)
    if membership.role == Role.ORGANISATION_LEAD:
        _keep_one_lead(membership)
    membership.delete()


def _keep_one_lead(membership: Membership):
    others = Membership.objects.filter(organisation=membership.organisation, role=Role.ORGANISATION_LEAD).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError({"role": rules.NEEDS_A_LEAD})
