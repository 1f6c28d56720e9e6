"""What a person must have done before they see family records: two-step verification
(django-otp), and accepting the current acceptable-use terms.

Apps that show family data wrap their views in `family_data_safeguards`; the rest of the
site needs neither, so the public and partnership pages stay simple.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
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


def accept_current_terms(user) -> TermsAcceptance:
    acceptance, _ = TermsAcceptance.objects.get_or_create(user=user, version=current_terms().version)
    return acceptance


def has_two_step(user) -> bool:
    return user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


@transaction.atomic
def start_two_step_setup(user) -> TOTPDevice:
    """An unconfirmed authenticator for the person to scan; any earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def pending_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


WRONG_NEW_CODE = "That code did not match. Check the time on your phone is right, and enter the newest code."
WRONG_CURRENT_CODE = (
    "That code did not work. Enter the newest code from the authenticator app you use now, "
    "or one of your recovery codes you have not used."
)
WRONG_SIGN_IN_CODE = "That code did not work. Enter the newest code from your app, or a recovery code you have not used."
CURRENT_CODE_NEEDED = "Enter a code from the authenticator app you use now, or one of your recovery codes"


def confirm_two_step_setup(request, device: TOTPDevice, code: str, *, current_code: str = "") -> list[str]:
    """Turn on the new authenticator with a code from it; returns fresh recovery codes.

    Replacing an authenticator the person already has needs a session verified with it and
    a current code from it (or a recovery code), so a password alone can never swap in an
    attacker's phone. Replacing it stops every API token the person made. Wrong codes are
    refused with a ValidationError naming the box to correct, and written to the audit log.
    """
    user = request.user
    if device.user_id != user.pk:
        raise PermissionDenied("That authenticator belongs to someone else.")
    replacing = has_two_step(user)
    if replacing and not is_verified(user):
        raise PermissionDenied("Verify this session with your current authenticator first.")
    if replacing and not _code_text(current_code):
        raise ValidationError({"current_code": CURRENT_CODE_NEEDED})
    with transaction.atomic():  # django-otp locks the devices it checks; wrong tries are counted, so they must be kept
        new_code_works = device.verify_token(_digits(code))
        current_code_works = new_code_works and (not replacing or _verify_with_any_device(user, current_code) is not None)
        if new_code_works and current_code_works:
            codes = _switch_to(device, replacing=replacing)
    if not new_code_works:
        _record_refused_code(user)
        raise ValidationError({"code": WRONG_NEW_CODE})
    if not current_code_works:
        _record_refused_code(user)
        raise ValidationError({"current_code": WRONG_CURRENT_CODE})
    otp_login(request, device)
    request.session.cycle_key()
    return codes


def _switch_to(device: TOTPDevice, *, replacing: bool) -> list[str]:
    from .services import revoke_every_api_token

    user = device.user
    for old in TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk):
        old.delete()
    device.confirmed = True
    device.save()
    if replacing:
        revoke_every_api_token(user)
    audit.record(AuditEvent.Action.TWO_STEP_CHANGED, actor=user, obj=user)
    tell_about_sign_in_change(user, "replaced" if replacing else "turned on")
    return new_recovery_codes(user)


@transaction.atomic
def reset_two_step(person, *, by) -> None:
    """Remove a person's authenticator and recovery codes, for someone who has lost both.

    Only a partnership admin may do it, never for themselves; every API token the person
    made stops, and they set two-step up again at their next sign-in.
    """
    if not getattr(by, "is_partnership_admin", False) or by.pk == person.pk:
        raise PermissionDenied("Only another partnership admin can reset a person's two-step verification.")
    from .services import revoke_every_api_token

    for found in devices_for_user(person, confirmed=None):
        found.delete()
    revoke_every_api_token(person)
    audit.record(AuditEvent.Action.TWO_STEP_CHANGED, actor=by, obj=person)
    tell_about_sign_in_change(person, "reset")


def tell_about_sign_in_change(user, what: str) -> None:
    """E-mail the person, after the change is saved, that their two-step verification changed."""
    from .tasks import send_sign_in_change_notice

    transaction.on_commit(lambda: send_sign_in_change_notice.enqueue(user.pk, what))


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """A new set of recovery codes; each works once, for when the phone is not to hand.

    The old set goes with the device that held it, so a session verified with an old code
    is no longer verified, and tokens made in such a session stop.
    """
    from .services import revoke_api_tokens_verified_by

    for old in StaticDevice.objects.filter(user=user):
        revoke_api_tokens_verified_by(old)
        old.delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.GOLDENTHREAD_RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def replace_recovery_codes(request) -> list[str]:
    """New recovery codes for the person in this verified session, which stays verified.

    Other sessions verified with an old recovery code stop being verified.
    """
    verified_with_a_recovery_code = isinstance(getattr(request.user, "otp_device", None), StaticDevice)
    codes = new_recovery_codes(request.user)
    if verified_with_a_recovery_code:
        otp_login(request, StaticDevice.objects.get(user=request.user))
    return codes


def verify_second_step(request, code: str) -> bool:
    """Check a code from the authenticator app, or a recovery code, and mark the session verified.

    The session gets a new key once verified; a wrong code is written to the audit log.
    """
    if not _code_text(code):
        return False
    with transaction.atomic():  # django-otp locks the devices it checks (select_for_update) against replayed codes
        device = _verify_with_any_device(request.user, code)
    if device is None:
        _record_refused_code(request.user)
        return False
    otp_login(request, device)
    request.session.cycle_key()
    return True


def _code_text(code) -> str:
    return (code or "").strip().replace(" ", "").lower()[:32]


def _verify_with_any_device(user, code):
    """The confirmed device (authenticator or recovery codes) this code is good for, or None; a good code is used up."""
    code = _code_text(code)
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        candidate = _digits(code) if isinstance(device, TOTPDevice) else code
        if candidate and device.verify_is_allowed()[0] and device.verify_token(candidate):
            return device
    return None


def _record_refused_code(user) -> None:
    audit.record(AuditEvent.Action.TWO_STEP_FAILED, actor=None, obj=user)


def _digits(code: str) -> str:
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
