"""Core changes a person makes: accepting the terms, two-step verification, recovery codes and API tokens.

Every write is `verb(target, *, by, ...)` in a transaction and refuses with
`core.refusals.Refused`. The checks and guards these rely on (has the person two-step set
up, is this session verified, is this code right) live in `safeguards.py`; what a session
remembers (that it is verified) is set by the view, through `safeguards`, after the service.

Anything that issues a credential needs a session verified with two steps (decision 0004):
pages that call these are wrapped in `safeguards.verified_session_required`, and an API token
also needs the device that verified the session.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import ApiToken, AuditEvent, TermsAcceptance
from .refusals import Refused
from .safeguards import (
    AUTHENTICATOR_NAME,
    CURRENT_CODE_NEEDED,
    RECOVERY_DEVICE_NAME,
    WRONG_CURRENT_CODE,
    WRONG_NEW_CODE,
    code_text,
    current_terms,
    device_for_code,
    digits,
    has_two_step,
    is_verified,
    record_refused_code,
)

TOKEN_NEEDS_TWO_STEP = "Make tokens only after signing in with two-step verification."  # noqa: S105 (a message about tokens, not a password)
ONLY_THEMSELVES = "Only the person themselves can do this, signed in as themselves."
NOT_THEIR_AUTHENTICATOR = "That authenticator belongs to someone else."
VERIFY_FIRST = "Verify this session with your current authenticator first."
ONLY_ANOTHER_ADMIN = "Only another partnership admin can reset a person's two-step verification."


def _is(by, user) -> bool:
    return by is not None and user is not None and by.pk is not None and by.pk == user.pk


# The acceptable-use terms ------------------------------------------------------------


@transaction.atomic
def accept_terms(user, *, by) -> TermsAcceptance:
    """The person accepts the current acceptable-use terms (accepting again changes nothing)."""
    if not _is(by, user):
        raise Refused(ONLY_THEMSELVES)
    acceptance, _ = TermsAcceptance.objects.get_or_create(user=user, version=current_terms().version)
    return acceptance


# Two-step verification ---------------------------------------------------------------


@transaction.atomic
def start_two_step_setup(user, *, by) -> TOTPDevice:
    """An unconfirmed authenticator for the person to scan; any earlier unconfirmed one is replaced.

    Someone who already has two-step set up starts a replacement only in a verified session.
    """
    if not _is(by, user):
        raise Refused(ONLY_THEMSELVES)
    if has_two_step(user) and not is_verified(by):
        raise Refused(VERIFY_FIRST)
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def confirm_two_step_setup(device: TOTPDevice, *, by, code: str, current_code: str = "") -> list[str]:
    """Turn on the new authenticator with a code from it; returns fresh recovery codes.

    Replacing an authenticator the person already has needs a session verified with it
    (`by` is the request's user, which knows whether its session is verified) and a current
    code from it (or a recovery code), so a password alone can never swap in an attacker's
    phone. Replacing it stops every API token the person made. Wrong codes are refused with
    a ValidationError naming the box to correct, and written to the audit log.

    The codes are checked and the switch made in one transaction that is committed before
    any refusal is raised: django-otp counts wrong tries (its throttle), and that count must
    be kept, never rolled back with the refusal. The caller marks the session verified with
    the new device (`safeguards.mark_session_verified`) once this returns.
    """
    user = by
    if device.user_id != getattr(user, "pk", None):
        raise Refused(NOT_THEIR_AUTHENTICATOR)
    replacing = has_two_step(user)
    if replacing and not is_verified(user):
        raise Refused(VERIFY_FIRST)
    if replacing and not code_text(current_code):
        raise ValidationError({"current_code": CURRENT_CODE_NEEDED})
    with transaction.atomic():  # django-otp locks the devices it checks; wrong tries are counted, so they must be kept
        new_code_works = device.verify_token(digits(code))
        current_code_works = new_code_works and (not replacing or device_for_code(user, current_code) is not None)
        if new_code_works and current_code_works:
            codes = _switch_to(device, replacing=replacing)
    if not new_code_works:
        record_refused_code(user)
        raise ValidationError({"code": WRONG_NEW_CODE})
    if not current_code_works:
        record_refused_code(user)
        raise ValidationError({"current_code": WRONG_CURRENT_CODE})
    return codes


def _switch_to(device: TOTPDevice, *, replacing: bool) -> list[str]:
    user = device.user
    for old in TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk):
        old.delete()
    device.confirmed = True
    device.save()
    if replacing:
        _revoke_every_token(user)
    audit.record(AuditEvent.Action.TWO_STEP_CHANGED, actor=user, obj=user)
    _tell_about_sign_in_change(user, "replaced" if replacing else "turned on")
    return _new_recovery_codes(user)


@transaction.atomic
def reset_two_step(person, *, by) -> None:
    """Remove a person's authenticator and recovery codes, for someone who has lost both.

    Only a partnership admin may do it, never for themselves; every API token the person
    made stops, and they set two-step up again at their next sign-in.
    """
    if not getattr(by, "is_partnership_admin", False) or by.pk == person.pk:
        raise Refused(ONLY_ANOTHER_ADMIN)
    for found in devices_for_user(person, confirmed=None):
        found.delete()
    _revoke_every_token(person)
    audit.record(AuditEvent.Action.TWO_STEP_CHANGED, actor=by, obj=person)
    _tell_about_sign_in_change(person, "reset")


def _tell_about_sign_in_change(user, what: str) -> None:
    """E-mail the person, after the change is saved, that their two-step verification changed."""
    from .tasks import send_sign_in_change_notice

    transaction.on_commit(lambda: send_sign_in_change_notice.enqueue(user.pk, what))


# Recovery codes ----------------------------------------------------------------------


@transaction.atomic
def replace_recovery_codes(user, *, by) -> list[str]:
    """A new set of recovery codes; each works once, for when the phone is not to hand.

    The old set goes with the device that held it, so a session verified with an old code
    is no longer verified, and tokens made in such a session stop. The page that asks for
    this needs a verified session (`safeguards.verified_session_required`); a session
    verified with an old recovery code stays verified through
    `safeguards.stay_verified_with_new_recovery_codes`.
    """
    if not _is(by, user):
        raise Refused(ONLY_THEMSELVES)
    return _new_recovery_codes(user)


def _new_recovery_codes(user) -> list[str]:
    for old in StaticDevice.objects.filter(user=user):
        _revoke_tokens_verified_by(old)
        old.delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.GOLDENTHREAD_RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


# API tokens --------------------------------------------------------------------------


def token_lifetimes() -> list[int]:
    """The choices of how long a token works, in days, longest last; the longest is the partnership's limit."""
    longest = settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS
    return sorted({days for days in (7, 30, longest) if days <= longest})


NO_TOKENS_FOR_FAMILY_ACCOUNTS = "A family member's own account does not make API tokens: its pages are on the family's own site."


@transaction.atomic
def create_api_token(owner, *, by, name: str, device, scope: str = ApiToken.Scope.PARTNERSHIP, days: int | None = None) -> tuple[ApiToken, str]:
    """Make a token; the key is returned once and only its hash is kept.

    `device` is the two-step device that verified the session the token is made in
    (`request.user.otp_device`); without one no token is made, so a password alone never
    becomes a credential. A person makes only their own tokens.
    """
    if not _is(by, owner):
        raise Refused(ONLY_THEMSELVES)
    if getattr(owner, "is_family_account", False):
        raise Refused(NO_TOKENS_FOR_FAMILY_ACCOUNTS)
    if device is None or not device.confirmed or device.user_id != owner.pk:
        raise Refused(TOKEN_NEEDS_TWO_STEP)
    days = days or settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS
    if days not in token_lifetimes():
        raise Refused(f"A token can work for at most {settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS} days.")
    if scope not in ApiToken.Scope.values:
        raise Refused("Choose what the token may read.")
    key = ApiToken.new_key()
    now = timezone.now()
    token = ApiToken.objects.create(
        user=owner,
        name=name,
        scope=scope,
        prefix=key[3 : 3 + ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        verified_device=device.persistent_id,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by) -> ApiToken:
    """The owner stops one of their tokens; stopping it again changes nothing."""
    if not _is(by, token.user):
        raise Refused(ONLY_THEMSELVES)
    return _revoke(token)


def _revoke(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def _revoke_every_token(owner) -> int:
    """Stop all of a person's tokens, one by one so the audit log records each."""
    tokens = list(owner.api_tokens.filter(revoked_at=None))
    for token in tokens:
        _revoke(token)
    return len(tokens)


def _revoke_tokens_verified_by(device) -> int:
    """Stop the tokens made in sessions this two-step device verified (it is being removed)."""
    tokens = list(ApiToken.objects.filter(user_id=device.user_id, verified_device=device.persistent_id, revoked_at=None))
    for token in tokens:
        _revoke(token)
    return len(tokens)


def token_for_api_key(key: str) -> ApiToken | None:
    """The working token with this key, or None; records when it was last used.

    A token works while it is neither revoked nor expired, its person's account is open,
    and the two-step device that verified the session it was made in is still theirs.
    """
    if not key or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key), revoked_at=None).first()
    if token is None or token.has_expired or not token.user.is_active or token.user.is_family_account:
        return None  # a family member's own account never holds a token (it opens only the family's pages)
    if not _device_still_verifies(token):
        return None
    # Bookkeeping, not a change anyone made: a bulk update on purpose, so that each API call does
    # not add a line to the audit log (the one exception, written down in docs/architecture.md).
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def _device_still_verifies(token: ApiToken) -> bool:
    if not token.verified_device:
        return False
    device = Device.from_persistent_id(token.verified_device)
    return device is not None and device.confirmed and device.user_id == token.user_id
