"""The whole story through the pages: Casey books a full session, is offered a place when Riley cancels, comes, says how it went and downloads a certificate; Pat takes the register."""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from goldenthread.training.models import Booking

from .support import emails_to, held, signed_in


def the_link_in(body: str) -> str:
    (address,) = [word for word in body.split() if word.startswith(settings.GOLDENTHREAD_SITE_URL)]
    return urlsplit(address).path


def test_a_practitioner_gets_a_place_from_the_waiting_list_comes_gives_feedback_and_downloads_a_certificate(
    one_place, trainer, practitioner, other_agency_practitioner, django_capture_on_commit_callbacks
):
    riley, casey, pat = signed_in(practitioner), signed_in(other_agency_practitioner), signed_in(trainer)
    session_page = reverse("training:session", args=[one_place.public_id])

    riley.post(reverse("training:book", args=[one_place.public_id]))
    casey.post(reverse("training:book", args=[one_place.public_id]))
    assert Booking.objects.get(person=other_agency_practitioner).status == Booking.Status.WAITING

    with django_capture_on_commit_callbacks(execute=True):
        riley.post(reverse("training:cancel-place", args=[one_place.public_id]))
    (offer_email,) = [body for subject, body in emails_to(other_agency_practitioner) if subject.startswith("A place has come free")]
    offer_page = the_link_in(offer_email)
    assert casey.get(offer_page).status_code == 200
    assert casey.post(offer_page, {"answer": "yes"})["Location"] == session_page

    held(one_place, days_ago=0)
    booking = Booking.objects.get(person=other_agency_practitioner)
    register = pat.post(reverse("training:register", args=[one_place.public_id]), {f"attendance-{booking.public_id}": "attended"}, follow=True)
    assert "The register is saved." in register.content.decode()

    page = casey.get(session_page).content.decode()
    assert "Say how the session went" in page
    feedback = casey.post(reverse("training:feedback", args=[one_place.public_id]), {"usefulness": "5", "before_0": "2", "after_0": "4"}, follow=True)
    assert "Thank you: your feedback is saved." in feedback.content.decode()

    record = casey.get(reverse("training:record")).content.decode()
    completion = other_agency_practitioner.training_completions.get()
    certificate = casey.get(reverse("training:certificate", args=[completion.public_id]))
    assert reverse("training:certificate", args=[completion.public_id]) in record
    text = PdfReader(io.BytesIO(certificate.content)).pages[0].extract_text()
    assert "Casey Evans" in text and "Trauma-informed practice: the essentials" in text
