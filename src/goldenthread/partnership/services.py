"""Every change to organisations and memberships: one function per thing a person does.

The audit log is written by core's model signals; these functions check the rules,
write in a transaction and send what follows (an invitation to choose a password).
"""

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from goldenthread.core.models import User
from goldenthread.core.signin import normalised_email

from . import permissions
from .models import Membership, Organisation, Role


@transaction.atomic
def create_organisation(*, by, **fields) -> Organisation:
    if not permissions.can_manage_organisations(by):
        raise PermissionDenied
    if Organisation.objects.filter(name__iexact=fields.get("name", "")).exists():
        raise ValidationError({"name": "There is already an organisation with this name. Choose a different name."})
    return Organisation.objects.create(**fields)


@transaction.atomic
def update_organisation(organisation: Organisation, *, by, **fields) -> Organisation:
    if not permissions.can_manage_organisations(by):
        raise PermissionDenied
    name = fields.get("name", organisation.name)
    if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
        raise ValidationError({"name": "There is already an organisation with this name. Choose a different name."})
    for key, value in fields.items():
        setattr(organisation, key, value)
    organisation.save()
    return organisation


@transaction.atomic
def add_member(organisation: Organisation, *, by, email: str, full_name: str, job_title: str = "", role: str = Role.PRACTITIONER, request=None) -> Membership:
    """Add a person to an organisation; someone new gets an e-mail inviting them to choose a password."""
    if not permissions.can_manage_members(by, organisation):
        raise PermissionDenied
    if role == Role.ORGANISATION_LEAD and not (by.is_partnership_admin or permissions.leads(by, organisation)):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": "Choose one of the roles listed."})
    email = email.strip().lower()
    user = User.objects.filter(email=normalised_email(email)).first()
    is_new = user is None
    if is_new:
        user = User.objects.create_user(email, None, full_name=full_name, job_title=job_title)
    elif Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError({"email": "This person is already a member of this organisation."})
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    if is_new:
        transaction.on_commit(lambda: _invite(user, organisation, request))
    return membership


class _InvitationForm(PasswordResetForm):
    """Django's reset e-mail, sent to one invited person.

    Django skips people who have no usable password yet, which is exactly who an
    invitation is for, so the recipient is given rather than looked up.
    """

    def __init__(self, user):
        super().__init__({"email": user.email})
        self.invited = user

    def get_users(self, email):
        return [self.invited] if self.invited.is_active else []


def _invite(user, organisation, request):
    form = _InvitationForm(user)
    if form.is_valid():
        from goldenthread.core.identity import partnership_identity

        form.save(
            request=request,
            domain_override=None if request else "localhost",
            subject_template_name="partnership/email/invitation_subject.txt",
            email_template_name="partnership/email/invitation.txt",
            extra_email_context={"partnership": partnership_identity(), "organisation": organisation},
        )


@transaction.atomic
def change_role(membership: Membership, role: str, *, by) -> Membership:
    if not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": "Choose one of the roles listed."})
    if membership.role == Role.ORGANISATION_LEAD and role != Role.ORGANISATION_LEAD:
        _keep_one_lead(membership)
    membership.role = role
    membership.save()
    return membership


@transaction.atomic
def name_champions(organisation: Organisation, people, *, by) -> list[Membership]:
    """Make the chosen members champions; champions not chosen go back to being practitioners."""
    if not permissions.can_manage_members(by, organisation):
        raise PermissionDenied
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
    if not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    if membership.role == Role.ORGANISATION_LEAD:
        _keep_one_lead(membership)
    membership.delete()


def _keep_one_lead(membership: Membership):
    others = Membership.objects.filter(organisation=membership.organisation, role=Role.ORGANISATION_LEAD).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError({"role": "An organisation needs at least one organisation lead. Make someone else the lead first."})
