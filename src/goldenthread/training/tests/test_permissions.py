"""Who may open every training page, and who is refused: a matrix of pages and the shared people.

The world: the essentials course with two sessions. Next week's has one place, Riley's; Casey
is offered Drew's place after Drew cancelled. Yesterday's was held: Riley came and so completed
the course. Pat Lee (trainer) and Alex Morgan (partnership lead) run the programme.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from goldenthread.training import permissions, services
from goldenthread.training.models import Booking, Completion

from .support import came, held, put_on, signed_in

PEOPLE = ["practitioner", "other_agency_practitioner", "champion", "organisation_lead", "trainer", "partnership_lead"]
RUNNERS = {"trainer", "partnership_lead"}
MEMBERS = {"practitioner", "other_agency_practitioner", "champion", "organisation_lead", "trainer"}
EVERYONE = set(PEOPLE)


@dataclass
class World:
    programme: object
    course: object
    coming: object
    past: object
    completion: object


@pytest.fixture
def world(core_programme, essentials, trainer, practitioner, other_agency_practitioner, other_agency_lead):
    past = put_on(essentials, trainer, days=3, trainers=[trainer])
    services.book(past, by=practitioner)
    held(past)
    came(past, trainer, practitioner)
    coming = put_on(essentials, trainer, capacity=2, days=7, trainers=[trainer])
    services.book(coming, by=practitioner)
    drew = services.book(coming, by=other_agency_lead)
    services.book(coming, by=other_agency_practitioner)  # full: Casey waits
    services.cancel_place(drew, by=other_agency_lead)  # Drew's place is offered to Casey
    return World(core_programme, essentials, coming, past, Completion.objects.get(person=practitioner))


# (page name, how its address is made, method, the people let in): 200 (a page) or 302 (a button) for them, 403 for anyone else.
# The buttons (POST) come last: they change what the pages after them would show.
PAGES = [
    ("home", lambda w: [], "get", EVERYONE),
    ("courses", lambda w: [], "get", EVERYONE),
    ("course", lambda w: [w.course.public_id], "get", EVERYONE),
    ("session", lambda w: [w.coming.public_id], "get", EVERYONE),
    ("session", lambda w: [w.past.public_id], "get", EVERYONE),
    ("calendar", lambda w: [w.coming.public_id], "get", EVERYONE),
    ("offer", lambda w: [w.coming.public_id], "get", EVERYONE),  # the others read that nothing is offered to them
    ("cancel-place", lambda w: [w.coming.public_id], "get", {"practitioner", "other_agency_practitioner"}),
    ("feedback", lambda w: [w.past.public_id], "get", {"practitioner"}),
    ("aha-moment", lambda w: [w.past.public_id], "get", {"practitioner"}),
    ("aha-moments", lambda w: [], "get", EVERYONE),
    ("record", lambda w: [], "get", EVERYONE),
    ("certificate", lambda w: [w.completion.public_id], "get", {"practitioner"} | RUNNERS),
    ("manage", lambda w: [], "get", RUNNERS),
    ("programme-add", lambda w: [], "get", RUNNERS),
    ("programme", lambda w: [w.programme.public_id], "get", RUNNERS),
    ("programme-edit", lambda w: [w.programme.public_id], "get", RUNNERS),
    ("course-add", lambda w: [w.programme.public_id], "get", RUNNERS),
    ("course-edit", lambda w: [w.course.public_id], "get", RUNNERS),
    ("session-add", lambda w: [w.course.public_id], "get", RUNNERS),
    ("session-edit", lambda w: [w.coming.public_id], "get", RUNNERS),
    ("session-cancel", lambda w: [w.coming.public_id], "get", RUNNERS),
    ("register", lambda w: [w.coming.public_id], "get", RUNNERS),
    ("register", lambda w: [w.past.public_id], "get", RUNNERS),
    ("reach", lambda w: [], "get", RUNNERS),
    ("reach-organisation", lambda w: [w.completion.organisation.slug], "get", {"organisation_lead", "partnership_lead"}),
    ("offer", lambda w: [w.coming.public_id], "post", {"other_agency_practitioner"}),
    ("book", lambda w: [w.coming.public_id], "post", MEMBERS),  # a member is booked, or told why not; anyone else is refused
]
POST_DATA = {"offer": {"answer": "no"}}


def visit(client, world, page):
    name, args, method, _ = page
    address = reverse(f"training:{name}", args=args(world))
    return address, client.post(address, POST_DATA.get(name, {})) if method == "post" else client.get(address)


@pytest.mark.parametrize("who", PEOPLE)
def test_every_page_lets_in_only_the_people_it_is_for(world, who, request):
    client = signed_in(request.getfixturevalue(who))
    wrong = []
    for page in PAGES:
        address, response = visit(client, world, page)
        _, _, method, allowed = page
        expected = (302 if method == "post" else 200) if who in allowed else 403
        if response.status_code != expected:
            wrong.append(f"{method.upper()} {address}: {response.status_code}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_someone_not_signed_in_is_asked_to_sign_in_first_on_every_page(world, client):
    for page in PAGES:
        address, response = visit(client, world, page)
        assert response.status_code == 302, address
        assert reverse("core:sign-in") in response["Location"], address


@pytest.mark.parametrize("name", ["session", "course", "register", "feedback", "calendar", "certificate", "programme", "reach-organisation"])
def test_an_address_that_names_nothing_is_not_found(practitioner, trainer, name):
    import uuid

    response = signed_in(trainer).get(reverse(f"training:{name}", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_the_joining_link_is_shown_only_to_people_booked_and_to_trainers(online, practitioner, other_agency_practitioner, trainer):
    services.book(online, by=practitioner)
    assert permissions.can_see_joining_link(practitioner, online)
    assert permissions.can_see_joining_link(trainer, online)
    assert not permissions.can_see_joining_link(other_agency_practitioner, online)
    for person, shown in ((practitioner, True), (other_agency_practitioner, False), (trainer, True)):
        page = signed_in(person).get(reverse("training:session", args=[online.public_id])).content.decode()
        assert ("https://meet.example/riverbend-essentials" in page) is shown


def test_the_names_of_people_booked_are_shown_only_to_trainers(world, champion, trainer):
    assert "Riley Shah" not in signed_in(champion).get(reverse("training:session", args=[world.coming.public_id])).content.decode()
    assert "Riley Shah" in signed_in(trainer).get(reverse("training:register", args=[world.coming.public_id])).content.decode()


def test_an_offer_is_answered_only_by_the_person_it_is_offered_to(world, other_agency_practitioner, champion):
    offered = Booking.objects.get(session=world.coming, person=other_agency_practitioner)
    assert offered.status == Booking.Status.OFFERED
    assert permissions.can_answer_offer(other_agency_practitioner, offered)
    assert not permissions.can_answer_offer(champion, offered)


def test_a_refusal_says_who_may(world, champion):
    response = signed_in(champion).get(reverse("training:feedback", args=[world.past.public_id]))
    assert response.status_code == 403
    assert "Feedback and reflections are for people who came to the session" in response.content.decode()
