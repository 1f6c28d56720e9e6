"""Core changes a person makes: API tokens, and the two-step verification that guards them."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device

from .models import ApiToken

TOKEN_NEEDS_TWO_STEP = "Make tokens only after signing in with two-step verification."


def token_lifetimes() -> list[int]:
    """The choices of how long a token works, in days, longest last; the longest is the partnership's limit."""
    longest = settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS
    return sorted({days for days in (7, 30, longest) if days <= longest})


@transaction.atomic
def create_api_token(
    owner, name: str, *, device, scope: str = ApiToken.Scope.PARTNERSHIP, days: int | None = None
) -> tuple[ApiToken, str]:
    """Make a token; the key is returned once and only its hash is kept.

    `device` is the two-step device that verified the session the token is made in
    (`request.user.otp_device`); without one no token is made, so a password alone never
    becomes a credential.
    """
    if device is None or not device.confirmed or device.user_id != owner.pk:
        raise PermissionDenied(TOKEN_NEEDS_TWO_STEP)
    days = days or settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS
    if days not in token_lifetimes():
        raise PermissionDenied(f"A token can work for at most {settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS} days.")
    if scope not in ApiToken.Scope.values:
        raise PermissionDenied("Choose what the token may read.")
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
def revoke_api_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def revoke_every_api_token(owner) -> int:
    """Stop all of a person's tokens, one by one so the audit log records each."""
    tokens = list(owner.api_tokens.filter(revoked_at=None))
    for token in tokens:
        revoke_api_token(token)
    return len(tokens)


@transaction.atomic
def revoke_api_tokens_verified_by(device) -> int:
    """Stop the tokens made in sessions this two-step device verified (it is being removed)."""
    tokens = list(ApiToken.objects.filter(user_id=device.user_id, verified_device=device.persistent_id, revoked_at=None))
    for token in tokens:
        revoke_api_token(token)
    return len(tokens)


def token_for_api_key(key: str) -> ApiToken | None:
    """The working token with this key, or None; records when it was last used.

    A token works while it is neither revoked nor expired, its person's account is open,
    and the two-step device that verified the session it was made in is still theirs.
    """
    if not key or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key), revoked_at=None).first()
    if token is None or token.has_expired or not token.user.is_active:
        return None
    if not _device_still_verifies(token):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def _device_still_verifies(token: ApiToken) -> bool:
    if not token.verified_device:
        return False
    device = Device.from_persistent_id(token.verified_device)
    return device is not None and device.confirmed and device.user_id == token.user_id
