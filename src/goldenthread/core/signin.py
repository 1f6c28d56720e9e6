"""One way to write the address a person signs in with, so letter case and spaces never make a second account."""

import unicodedata

from django.conf import settings


def normalised_email(value) -> str:
    """The sign-in address as the site compares it: Unicode-normalised, trimmed, lower case, at most 254 characters."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().lower()[:254]


def username_for_lockout(request, credentials=None) -> str:
    """The name django-axes counts failures against (AXES_USERNAME_CALLABLE).

    'Name@Example.org', ' name@example.org ' and 'name@example.org' are one account, so
    they share one count and one lockout.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        return normalised_email(credentials.get(field))
    data = getattr(request, "POST", None) or {}
    return normalised_email(data.get(field, ""))
