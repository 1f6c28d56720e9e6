"""The checks and guards before credentials and family records: two-step verification
(django-otp) and the current acceptable-use terms.

- Checks: `has_two_step`, `is_verified`, `has_accepted_current_terms`, `current_terms`,
  `device_for_code` (is this code right, for which device), `verify_second_step`.
- Guards for views: `verified_session_required` (every page that issues a credential) and
  `family_data_safeguards` (the same, plus the terms, before any family data).
- What a session remembers: `mark_session_verified`, `stay_verified_with_new_recovery_codes`.

The changes themselves (accepting the terms, setting up or resetting two-step, new recovery
codes, API tokens) are services in `core.services`. Apps that show family data wrap their
views in `family_data_safeguards`; the rest of the site needs neither.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditEvent, TermsAcceptance

TERMS_FILE = Path(__file__).resolve().parent / "data" / "acceptable-use.toml"
RECOVERY_DEVICE_NAME = "Recovery codes"
AUTHENTICATOR_NAME = "Authenticator app"


@dataclass(frozen=True)
class Terms:
    version: int
    title: str
    terms: tuple[str, ...]


@lru_cache(maxsize=2)
def _load_terms(path: str) -> Terms:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Terms(version=int(data["version"]), title=data["title"], terms=tuple(data["terms"]))


def current_terms() -> Terms:
    return _load_terms(str(getattr(settings, "GOLDENTHREAD_TERMS_FILE", TERMS_FILE)))


def has_accepted_current_terms(user) -> bool:
    return TermsAcceptance.objects.filter(user=user, version=current_terms().version).exists()


def has_two_step(user) -> bool:
    return user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def pending_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


WRONG_NEW_CODE = "That code did not match. Check the time on your phone is right, and enter the newest code."
WRONG_CURRENT_CODE = "That code did not work. Enter the newest code from the authenticator app you use now, or one of your recovery codes you have not used."
WRONG_SIGN_IN_CODE = "That code did not work. Enter the newest code from your app, or a recovery code you have not used."
CURRENT_CODE_NEEDED = "Enter a code from the authenticator app you use now, or one of your recovery codes"


def mark_session_verified(request, device) -> None:
    """The session has passed the second step with this device; it gets a new key, so a key seen before is worth nothing."""
    otp_login(request, device)
    request.session.cycle_key()


def verified_with_a_recovery_code(user) -> bool:
    """Whether this person's session was verified with one of their recovery codes."""
    return isinstance(getattr(user, "otp_device", None), StaticDevice)


def stay_verified_with_new_recovery_codes(request) -> None:
    """A session verified with a recovery code stays verified once the person has made new ones."""
    otp_login(request, StaticDevice.objects.get(user=request.user))


def verify_second_step(request, code: str) -> bool:
    """Check a code from the authenticator app, or a recovery code, and mark the session verified.

    The session gets a new key once verified; a wrong code is written to the audit log.
    """
    if not code_text(code):
        return False
    with transaction.atomic():  # django-otp locks the devices it checks (select_for_update) against replayed codes
        device = device_for_code(request.user, code)
    if device is None:
        record_refused_code(request.user)
        return False
    mark_session_verified(request, device)
    return True


def code_text(code) -> str:
    """A typed code as the devices compare it: no spaces, lower case, at most 32 characters."""
    return (code or "").strip().replace(" ", "").lower()[:32]


def device_for_code(user, code):
    """The confirmed device (authenticator or recovery codes) this code is good for, or None; a good code is used up.

    Call it inside a transaction that is committed even when the code is wrong: django-otp
    locks the devices it checks and counts wrong tries, and that count must be kept.
    """
    code = code_text(code)
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        candidate = digits(code) if isinstance(device, TOTPDevice) else code
        if candidate and device.verify_is_allowed()[0] and device.verify_token(candidate):
            return device
    return None


def record_refused_code(user) -> None:
    """A wrong second-step code, written to the audit log."""
    audit.record(AuditEvent.Action.TWO_STEP_FAILED, actor=None, obj=user)


def digits(code: str) -> str:
    """The digits of a typed code, at most 8."""
    return "".join(ch for ch in (code or "") if ch.isdigit())[:8]


def safe_next(request, fallback="core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(fallback)


def _redirect_unless_verified(request):
    """Where to send a person whose session has not passed two-step verification; None if it has."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_query = f"?next={request.get_full_path()}"
    if not has_two_step(user):
        return redirect(reverse("core:two-step-setup") + next_query)
    if not is_verified(user):
        return redirect(reverse("core:two-step-verify") + next_query)
    return None


def verified_session_required(view):
    """Sign-in and a session verified with two steps: for every page that issues a credential.

    A person without two-step verification is asked to set it up first; one who has it but
    signed in with only a password is asked for a code.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        return _redirect_unless_verified(request) or view(request, *args, **kwargs)

    return guarded


def family_data_safeguards(view):
    """Sign-in, two-step verification and the current acceptable-use terms, before any family data."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        elsewhere = _redirect_unless_verified(request)
        if elsewhere is not None:
            return elsewhere
        if not has_accepted_current_terms(request.user):
            return redirect(reverse("core:terms") + f"?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return guarded
