"""The theory of change in force as a PDF: it opens, and holds every column, outcome, activity and assumption."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from goldenthread.impact.theory import pdf, queries, services

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_opens_and_holds_the_theory_of_change(practitioner, in_force):
    response = signed_in(practitioner).get(reverse("impact:theory_pdf"))
    assert response["Content-Type"] == "application/pdf" and "theory-of-change-version-1.pdf" in response["Content-Disposition"]
    pages, text = text_of(response.content)
    assert pages >= 1
    for words in ("What we do", "Short term outcomes", "Medium term outcomes", "Long term outcomes", "What we take to be true", "Version 1"):
        assert words in text
    for outcome in in_force.outcomes.all():
        assert outcome.title in text
    assert "Training for every sector" in text and "Leaders keep giving people time to train and reflect." in text


def test_a_long_theory_of_change_flows_onto_more_a4_pages(partnership_lead, in_force, draft):
    for number in range(40):
        services.add_outcome(
            draft,
            by=partnership_lead,
            title=f"Outcome number {number} " + "with many words " * 8,
            horizon="medium",
            for_whom="families",
            description="A sentence or two " * 20,
        )
    published = services.publish(draft, by=partnership_lead, note="A long one.")
    pages, text = text_of(pdf.theory_pdf(queries.contents(published)))
    assert pages > 1 and "Outcome number 39" in text
    reader = PdfReader(io.BytesIO(pdf.theory_pdf(queries.contents(published))))
    assert all(round(float(page.mediabox.width)) == 595 for page in reader.pages)  # A4
