"""How you can get involved: a practitioner asks to join a workstream, its lead sees it waiting and answers, and the practitioner is told by e-mail and on their home page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.core.registry import waiting_for
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.programme.work import permissions, queries, services
from goldenthread.programme.work.models import JoinRequest

from .conftest import signed_in

pytestmark = pytest.mark.django_db
WHY = "I visit families in the lower town and would like to bring what they tell me (fictional)."


@pytest.fixture
def riley_asks(workstream, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.ask_to_join(workstream, by=practitioner, message=WHY)


def test_asking_to_join_tells_the_lead_by_e_mail(riley_asks, lead, practitioner):
    assert riley_asks.status == JoinRequest.Status.WAITING
    assert riley_asks.organisation.name == "Riverbend Children's Services"
    [told] = sent_by_the_worker()
    assert told.to == [lead.email]
    assert "Riley Shah would like to join Communication" == told.subject
    assert WHY in told.body and str(riley_asks.public_id) in told.body


def test_the_lead_sees_the_request_waiting_for_them_and_nobody_else_does(riley_asks, lead, member, partnership_lead):
    [notice] = [notice for notice in waiting_for(lead) if "Communication" in notice.what]
    assert notice.what == "Answer a request to join Communication"
    assert notice.link == reverse("programme:work-join-request", args=[riley_asks.public_id])
    for someone in (member, partnership_lead):
        assert not [notice for notice in waiting_for(someone) if "join" in notice.what]


def test_the_lead_sees_it_on_their_home_page(riley_asks, lead):
    page = signed_in(lead).get("/").content.decode()
    assert "Answer a request to join Communication" in page


def test_accepting_adds_them_as_a_member_and_tells_them(riley_asks, lead, practitioner, workstream, django_capture_on_commit_callbacks):
    sent_by_the_worker().clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.decide_join_request(riley_asks, by=lead, accept=True, reply="Welcome: we meet on Tuesdays.")
    assert decided.status == JoinRequest.Status.ACCEPTED and decided.decided_by == lead
    assert permissions.is_member(practitioner, workstream)
    assert workstream.members.get(person=practitioner).organisation.name == "Riverbend Children's Services"
    [told] = sent_by_the_worker()
    assert told.to == [practitioner.email] and told.subject == "Welcome to Communication"
    assert "Welcome: we meet on Tuesdays." in told.body and "It meets every week, on Tuesdays." in told.body
    assert not waiting_for(lead) or all("join" not in notice.what for notice in waiting_for(lead))
    page = signed_in(practitioner).get("/").content.decode()
    assert "Welcome to Communication: your request to join was accepted." in page


def test_declining_tells_them_kindly_and_they_are_not_added(riley_asks, partnership_lead, practitioner, workstream, django_capture_on_commit_callbacks):
    sent_by_the_worker().clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_join_request(riley_asks, by=partnership_lead, accept=False, reply="The group is full for now; the training workstream would love you.")
    assert not permissions.is_member(practitioner, workstream)
    [told] = sent_by_the_worker()
    assert told.to == [practitioner.email] and told.subject == "Your offer to join Communication"
    assert "not taking on new members" in told.body and "the training workstream would love you" in told.body
    page = signed_in(practitioner).get("/").content.decode()
    assert "Thank you for offering to join Communication" in page
    assert permissions.can_ask_to_join(practitioner, workstream)  # they may ask again another time


def test_a_member_cannot_decide_and_a_request_is_answered_once(riley_asks, member, lead):
    with pytest.raises(Refused):
        services.decide_join_request(riley_asks, by=member, accept=True)
    services.decide_join_request(riley_asks, by=lead, accept=True)
    with pytest.raises(ValidationError) as refused:
        services.decide_join_request(riley_asks, by=lead, accept=False)
    assert "already been answered" in str(refused.value)


def test_asking_twice_or_when_already_on_it_is_refused_kindly(riley_asks, workstream, practitioner, member):
    with pytest.raises(ValidationError) as refused:
        services.ask_to_join(workstream, by=practitioner)
    assert "already asked" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.ask_to_join(workstream, by=member)
    assert "already on this workstream" in str(refused.value)


def test_a_family_member_cannot_ask_to_join(workstream, family_member):
    with pytest.raises(Refused):
        services.ask_to_join(workstream, by=family_member)


def test_asking_through_the_page_and_answering_through_the_page(workstream, practitioner, lead):
    client = signed_in(practitioner)
    join_url = reverse("programme:work-join", args=[workstream.public_id])
    assert client.get(join_url).status_code == 200
    response = client.post(join_url, {"message": WHY})
    assert response.status_code == 302
    [asked] = queries.own_join_requests(practitioner)
    assert asked.message == WHY
    assert "You have already asked to join" in client.get(join_url).content.decode()
    decide_url = reverse("programme:work-join-request", args=[asked.public_id])
    assert client.get(decide_url).status_code == 403
    lead_client = signed_in(lead)
    assert lead_client.post(decide_url, {"decision": "maybe"}).status_code == 400
    response = lead_client.post(decide_url, {"decision": "accept", "reply": ""})
    assert response.status_code == 302
    assert permissions.is_member(practitioner, workstream)
    assert "answered on" in lead_client.get(decide_url).content.decode()


def test_the_join_page_keeps_a_message_that_is_too_long(workstream, practitioner):
    typed = "I would like to help. " * 60
    response = signed_in(practitioner).post(reverse("programme:work-join", args=[workstream.public_id]), {"message": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be 1,000 characters or fewer" in page and "I would like to help. I would like to help." in page
    assert not queries.own_join_requests(practitioner).exists()
