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
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, login as otp_login, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import TermsAcceptance

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


@transaction.atomic
def confirm_two_step_setup(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; returns fresh recovery codes, or None if the code is wrong."""
    if not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    otp_login(request, device)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes; each works once, for when the phone is not to hand."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.GOLDENTHREAD_RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


@transaction.atomic  # django-otp locks the devices it checks (select_for_update) against replayed codes
def verify_second_step(request, code: str) -> bool:
    """Check a code from the authenticator app, or a recovery code, and mark the session verified."""
    code = (code or "").strip().replace(" ", "").lower()[:32]
    if not code:
        return False
    for device in devices_for_user(request.user, confirmed=True, for_verify=True):
        candidate = _digits(code) if isinstance(device, TOTPDevice) else code
        if candidate and device.verify_is_allowed()[0] and device.verify_token(candidate):
            otp_login(request, device)
            return True
    return False


def _digits(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())[:8]


def safe_next(request, fallback="core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(fallback)


def family_data_safeguards(view):
    """Sign-in, two-step verification and the current acceptable-use terms, before any family data."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        next_query = f"?next={request.get_full_path()}"
        if not has_two_step(user):
            return redirect(reverse("core:two-step-setup") + next_query)
        if not is_verified(user):
            return redirect(reverse("core:two-step-verify") + next_query)
        if not has_accepted_current_terms(user):
            return redirect(reverse("core:terms") + next_query)
        return view(request, *args, **kwargs)

    return guarded
