"""Tokens for tests, made the one way the site makes them: by a person verified with two steps."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.core import services
from goldenthread.core.models import ApiToken

from .two_step import authenticator_of


def working_token(user, name="Test programme", *, scope=ApiToken.Scope.FAMILIES, days=None) -> tuple[ApiToken, str]:
    """A token as the tokens page makes it after two-step verification; returns (token, key)."""
    return services.create_api_token(user, by=user, name=name, device=authenticator_of(user), scope=scope, days=days)


def bearer(user, **options) -> dict:
    """The header a programme sends with a working token of this person."""
    _, key = working_token(user, **options)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def smuggled_token(user, name="Made around the tokens page", *, scope=ApiToken.Scope.FAMILIES) -> tuple[ApiToken, str]:
    """A token written straight into the table, as an older version or a database slip could leave one.

    The tokens page refuses to make one for a family member's own account; this lets a test show
    that such a token, if it existed anyway, still reads nothing.
    """
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=key[3 : 3 + ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        verified_device="otp_totp.totpdevice/smuggled",
        expires_at=timezone.now() + timedelta(days=30),
    )
    return token, key


def smuggled_bearer(user, **options) -> dict:
    """The header a programme would send with a smuggled token of this person."""
    _, key = smuggled_token(user, **options)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
