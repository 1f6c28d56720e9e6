"""Background work every module shares, run by the task worker (`manage.py db_worker`).

- `send_sign_in_change_notice`: tells a person that their two-step verification was turned
  on, replaced or reset, so someone who did not make the change knows at once.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from .identity import partnership_identity
from .models import User

SIGN_IN_CHANGES = {
    "turned on": "Two-step verification was turned on for your account",
    "replaced": "Your two-step verification now uses a new authenticator app",
    "reset": "Your two-step verification was reset by a partnership admin",
}


@task()
def send_sign_in_change_notice(user_id: int, what: str) -> int:
    """E-mail the person that their two-step verification changed; returns how many e-mails went (0 or 1)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or what not in SIGN_IN_CHANGES:
        return 0
    subject = SIGN_IN_CHANGES[what]
    body = (
        f"Hello {user.full_name},\n\n"
        f"{subject} on {partnership_identity().name}'s Golden Thread.\n\n"
        "If this was you, there is nothing more to do.\n\n"
        "If it was not you, someone may know your password. Choose a new password now, "
        "and tell your partnership's admin so they can check who has signed in:\n"
        f"{settings.GOLDENTHREAD_SITE_URL}{reverse('core:password-reset')}\n\n"
        "Any API tokens you made before a change of authenticator no longer work.\n"
    )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
