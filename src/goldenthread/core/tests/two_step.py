"""Two-step verification for tests, done the way a person does it: through the real pages."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards


def authenticator_of(user) -> TOTPDevice:
    """The person's confirmed authenticator, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)


def code_for(device) -> str:
    """The code an authenticator app would show now for this device."""
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def fresh_code_for(device) -> str:
    """A code the device will accept, even if this time step's code was used a moment ago."""
    device.last_t = -1
    device.throttling_failure_count = 0
    device.save()
    return code_for(device)


def signed_in_with_two_steps(user, client=None) -> Client:
    """A client signed in with the password and then a code from the person's authenticator."""
    client = client or Client()
    client.force_login(user)
    verified = client.post(reverse("core:two-step-verify"), {"code": fresh_code_for(authenticator_of(user))})
    assert verified.status_code == 302, "the two-step code was not accepted"
    return client
