"""Tokens for tests, made the one way the site makes them: by a person verified with two steps."""

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
