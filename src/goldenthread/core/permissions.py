"""Who may do what, for the things core owns. Plain functions, tested as a matrix."""


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_partnership_admin(user) -> bool:
    return is_signed_in(user) and user.is_partnership_admin


def can_read_audit_log(user) -> bool:
    return is_partnership_admin(user)


def can_manage_own_tokens(user) -> bool:
    return is_signed_in(user)
