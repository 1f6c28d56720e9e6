"""A fictional family the access tests share, made the way people make it: through the services.

The Brightwater family (clearly fictional) is recorded by Riverbend Children's Services; Riley
Shah (practitioner) is the lead practitioner and Casey Evans (other_agency_practitioner, of
Riverbend Community Health) is in the team. Wrenna Brightwater is the child at the centre; her
parent Marnie has their own account. No test lives here: only fixtures and helpers.
"""

from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.families import access, services
from goldenthread.families.models import (
    AccessLogEntry,
    ConsentAgreement,
    EmergencyAccess,
    Part,
)

CONTENT = [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT]
EVERY_PART = list(access.ALL_PARTS)


def agree(family, organisation, parts, *, by, valid_from=None, valid_until=None):
    """The family agrees that `organisation` may see `parts` (recorded by the lead practitioner)."""
    return services.record_consent(
        family,
        by=by,
        organisation=organisation,
        parts=parts,
        valid_from=valid_from,
        valid_until=valid_until,
        given_by=family.people.get(first_name="Marnie"),
        given_by_name="Marnie Brightwater",
        method=ConsentAgreement.Method.IN_PERSON,
    )


CONSENT_STATES = ["none", "full", "partial", "expired", "withdrawn"]


def set_consent(state, family, organisation, practitioner):
    """Put the family's agreement with `organisation` into one of the states the matrix covers."""
    today = timezone.localdate()
    if state == "full":
        agree(family, organisation, CONTENT, by=practitioner)
    elif state == "partial":
        agree(family, organisation, [Part.STORY], by=practitioner)
    elif state == "expired":
        agree(family, organisation, CONTENT, by=practitioner, valid_from=today - timedelta(days=60), valid_until=today - timedelta(days=1))
    elif state == "withdrawn":
        consent = agree(family, organisation, CONTENT, by=practitioner)
        services.withdraw_consent(consent, by=practitioner, note="Marnie asked us to stop sharing")


def start_emergency(user, family, *, expired=False):
    emergency = services.start_emergency_access(family, by=user, reason="A report this evening that Wrenna may be at risk tonight.")
    if expired:
        EmergencyAccess.objects.filter(pk=emergency.pk).update(started_at=timezone.now() - timedelta(hours=5), expires_at=timezone.now() - timedelta(hours=3))
        access.forget()
    return emergency


def safeguarded(user):
    """Two-step verification set up and the current terms accepted, as the website asks."""
    TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
    core_services.accept_terms(user, by=user)
    return user


def log_lines(family, user=None, **filters):
    found = AccessLogEntry.objects.filter(family_reference=family.reference, **filters)
    if user is not None:
        found = found.filter(user=user)
    return found.order_by("id")


def last_line(family, user):
    return log_lines(family, user).last()
