"""Who may do what, for the things core owns. Plain functions, tested as a matrix."""


def is_signed_in(user) -> bool:
    """Signed in with an open account. The one check every app's permissions start from.

    Anything that is not a person (None, an anonymous visitor, an object without these
    attributes) is not signed in.
    """
    return user is not None and bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def is_partnership_admin(user) -> bool:
    return is_signed_in(user) and user.is_partnership_admin


def can_read_audit_log(user) -> bool:
    return is_partnership_admin(user)


def can_manage_own_tokens(user) -> bool:
    return is_signed_in(user)
