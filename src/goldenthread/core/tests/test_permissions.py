"""Who counts as signed in: the one check every app's permissions start from."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from goldenthread.core.permissions import can_read_audit_log, is_partnership_admin, is_signed_in


def test_a_person_with_an_open_account_is_signed_in(practitioner):
    assert is_signed_in(practitioner) is True


def test_a_closed_account_is_not_signed_in(practitioner):
    practitioner.is_active = False

    assert is_signed_in(practitioner) is False


@pytest.mark.parametrize("nobody", [None, AnonymousUser(), SimpleNamespace(), SimpleNamespace(is_authenticated=True)])
def test_nobody_and_anything_that_is_not_a_person_is_not_signed_in(nobody):
    assert is_signed_in(nobody) is False
    assert is_partnership_admin(nobody) is False


def test_only_the_partnership_admin_reads_the_audit_log(partnership_lead, organisation_lead):
    assert can_read_audit_log(partnership_lead)
    assert not can_read_audit_log(organisation_lead)
