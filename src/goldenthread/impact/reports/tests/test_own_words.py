"""The golden thread's and the board reports' own words pass the shared-language check, on every page and in every refusal."""

import pytest
from django.urls import reverse

from goldenthread.impact.reports import permissions, rules
from goldenthread.language import check
from goldenthread.language.readers import read_bytes

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def faults(text: str) -> list:
    return [(finding.text, finding.rule) for finding in check(text) if finding.is_fault]


def test_every_page_passes_the_shared_language_check(partnership_lead, childrens_services, final_report, draft_report):
    client = signed_in(partnership_lead)
    pages = [
        reverse("impact:thread"),
        reverse("impact:thread") + "?from=nonsense",
        reverse("impact:thread_organisation", args=[childrens_services.pk]),
        reverse("impact:reports"),
        reverse("impact:report_start"),
        final_report.get_absolute_url(),
        draft_report.get_absolute_url(),
        reverse("impact:report_commentary", args=[draft_report.public_id]),
        reverse("impact:report_refresh", args=[draft_report.public_id]),
        reverse("impact:report_finalise", args=[draft_report.public_id]),
    ]
    problems = []
    for page in pages:
        text = read_bytes(client.get(page).content, ".html")
        problems += [(page, *fault) for fault in faults(text)]
    assert problems == []


def test_every_message_passes_the_shared_language_check():
    messages = [value for module in (permissions, rules) for name, value in vars(module).items() if name.isupper() and isinstance(value, str)]
    assert [(message, faults(message)) for message in messages if faults(message)] == []
