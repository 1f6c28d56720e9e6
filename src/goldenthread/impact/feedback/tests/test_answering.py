"""A family answers: by the link, on one short page; anonymously or named; once; kindly refused when the link no longer works."""

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import AuditEvent
from goldenthread.impact.feedback import services, views, waiting
from goldenthread.impact.feedback.models import FeedbackAnswer, FeedbackRequest

pytestmark = pytest.mark.django_db

ALL_FOURS = {"q_listened": "4", "q_respected": "5", "q_understood": "3", "q_told-once": "4"}


def answer_url(token):
    return reverse("family_feedback:answer", args=[token])


def test_the_survey_opens_without_signing_in_with_radios_in_fieldsets(sent):
    _, token = sent
    response = Client().get(answer_url(token))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<fieldset class="govuk-fieldset"') >= 5 and "govuk-radios__input" in page
    assert "Did you feel listened to?" in page and "Not at all" in page and "Completely" in page
    assert "What happens to your answers" in page


def test_an_anonymous_answer_keeps_no_link_to_the_family(sent, family):
    request, token = sent
    response = Client().post(answer_url(token), {**ALL_FOURS, "anonymous": "anonymous", "in_own_words": "Thank you (fictional)"})
    assert response.status_code == 302 and response["Location"] == reverse("family_feedback:thank_you")
    answer = FeedbackAnswer.objects.get()
    assert answer.request is None and answer.anonymous
    assert answer.scores == {"listened": 4, "respected": 5, "understood": 3, "told-once": 4}
    assert answer.month == timezone.localdate().replace(day=1)
    held = {field.name for field in FeedbackAnswer._meta.get_fields()}
    assert not held & {"family", "person", "sent_by", "answered_at", "created_at"}
    assert not AuditEvent.objects.filter(object_id=str(answer.pk)).exists()
    request.refresh_from_db()
    assert request.is_answered


def test_a_named_answer_keeps_the_request(sent):
    request, token = sent
    Client().post(answer_url(token), {**ALL_FOURS, "anonymous": "named"})
    answer = FeedbackAnswer.objects.get()
    assert answer.request == request and not answer.anonymous


def test_the_familys_words_are_kept_exactly_as_written(sent):
    _, token = sent
    words = "They were rubbish at first, honestly. Then it got better =)"
    Client().post(answer_url(token), {"anonymous": "anonymous", "in_own_words": words})
    assert FeedbackAnswer.objects.get().in_own_words == words


def test_answering_twice_is_refused_calmly(sent):
    _, token = sent
    Client().post(answer_url(token), {**ALL_FOURS, "anonymous": "anonymous"})
    again = Client().post(answer_url(token), {**ALL_FOURS, "anonymous": "anonymous"})
    assert again.status_code == 410 and "You have already answered" in again.content.decode()
    assert Client().get(answer_url(token)).status_code == 410
    assert FeedbackAnswer.objects.count() == 1


def test_an_expired_link_gets_a_calm_page(sent):
    request, token = sent
    FeedbackRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().get(answer_url(token))
    assert response.status_code == 410 and "This link has run out" in response.content.decode()


@pytest.mark.parametrize("token", ["not-a-real-link", "x" * 300, "%00", "../../etc"])
def test_an_unknown_link_gets_a_calm_not_found_page(db, token):
    response = Client().get(f"/feedback/answer/{token}/")
    assert response.status_code == 404


def test_a_form_with_mistakes_keeps_what_was_typed(sent):
    _, token = sent
    response = Client().post(answer_url(token), {"q_listened": "2", "in_own_words": "Words I took time over"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose whether to put your name to your answers" in page
    assert "Words I took time over" in page and 'value="2" checked' in page
    assert not FeedbackAnswer.objects.exists()


def test_nothing_answered_says_what_to_do(sent):
    _, token = sent
    response = Client().post(answer_url(token), {"anonymous": "anonymous"})
    assert response.status_code == 400 and "Answer at least one question" in response.content.decode()


def test_a_score_outside_the_scale_is_refused(sent):
    _, token = sent
    response = Client().post(answer_url(token), {"q_listened": "9", "anonymous": "anonymous"})
    assert response.status_code == 400 and not FeedbackAnswer.objects.exists()


def test_an_open_link_answer_is_always_anonymous_and_a_stopped_link_closes(childrens_services, organisation_lead):
    link = services.make_open_link(childrens_services, by=organisation_lead, survey="open")
    url = reverse("family_feedback:answer_open", args=[link.public_id])
    page = Client().get(url).content.decode()
    assert "Do you want to put your name" not in page
    assert Client().post(url, {"q_listened": "5"}).status_code == 302
    assert Client().post(url, {"q_helped": "3"}).status_code == 302
    assert FeedbackAnswer.objects.filter(anonymous=True, request__isnull=True, organisation=childrens_services).count() == 2
    services.stop_open_link(link, by=organisation_lead)
    response = Client().get(url)
    assert response.status_code == 410 and "This survey has closed" in response.content.decode()
    assert Client().get(reverse("family_feedback:answer_open", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404


def test_the_thank_you_page_says_what_happens_next(db):
    page = Client().get(reverse("family_feedback:thank_you")).content.decode()
    assert "What happens next" in page and "at least 5 families" in page


def test_a_survey_sent_to_marnie_waits_for_her_own_account(sent, family_member):
    request, _ = sent
    [notice] = waiting.waiting(family_member)
    assert notice.link == reverse("family_feedback:for_you", args=[request.public_id])
    assert "Brightwater" not in notice.about


def test_marnie_signed_in_with_her_own_account_opens_the_survey_sent_to_her_and_no_staff_page(sent, family_member):
    request, token = sent
    client = Client()
    client.force_login(family_member)
    assert client.get(reverse("family_feedback:for_you", args=[request.public_id])).status_code == 200
    assert client.get(answer_url(token)).status_code == 200
    assert client.get(reverse("impact:feedback_results")).status_code == 403


def test_marnie_signed_in_answers_without_the_link(sent, family_member, practitioner):
    """The view itself, answering as her."""
    request, _ = sent
    factory = RequestFactory()
    post = factory.post("/", {"q_listened": "5", "anonymous": "named"})
    post.user = family_member
    post._dont_enforce_csrf_checks = True
    response = views.answer_as_family_member(post, request.public_id)
    assert response.status_code == 302
    assert FeedbackAnswer.objects.get().request == request
    assert waiting.waiting(family_member) == []
    other = factory.get("/")
    other.user = practitioner
    assert views.answer_as_family_member(other, request.public_id).status_code == 404
