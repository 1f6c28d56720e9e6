"""The training API: programmes, courses and sessions for anyone signed in; your own places through the services; reach for those allowed."""

import uuid

import pytest

from goldenthread.core.tests.tokens import bearer
from goldenthread.training import services
from goldenthread.training.models import Booking

from .support import LINK, came, held, put_on

API = "/api/v1/training"


def test_every_training_route_needs_a_token(client, db):
    for path in ("/programmes", "/courses", "/sessions", "/my/bookings", "/reach", "/reach/riverbend"):
        response = client.get(API + path)
        assert response.status_code == 401, path
        assert "Authorization: Bearer" in response.json()["detail"]
    assert client.post(f"{API}/sessions/{uuid.uuid4()}/book").status_code == 401


def test_anyone_signed_in_reads_the_programmes_and_courses(client, session, leading, practitioner):
    headers = bearer(practitioner)

    programmes = client.get(f"{API}/programmes", **headers).json()
    courses = client.get(f"{API}/courses", **headers).json()

    assert {p["name"] for p in programmes} == {"Core programme (fictional)", "Leaders' programme (fictional)"}
    core = next(p for p in programmes if p["kind"] == "core")
    assert core["courses"] == [{"id": str(session.course.public_id), "title": "Trauma-informed practice: the essentials"}]
    lead = next(c for c in courses if c["title"] == "Leading a trauma-informed organisation")
    assert (lead["parts"], lead["audience"], lead["audience_words"]) == (["Day 1", "Day 2", "Half-day follow-up"], ["organisation-lead"], "Organisation leads")


def test_sessions_to_come_show_places_left_and_the_link_only_to_someone_booked(
    client, online, one_place, trainer, practitioner, champion, other_agency_practitioner
):
    services.book(online, by=practitioner)
    services.book(one_place, by=champion)
    services.book(one_place, by=other_agency_practitioner)  # full: Casey waits

    riley = {s["id"]: s for s in client.get(f"{API}/sessions", **bearer(practitioner)).json()}
    casey = {s["id"]: s for s in client.get(f"{API}/sessions", **bearer(other_agency_practitioner)).json()}
    lead = {s["id"]: s for s in client.get(f"{API}/sessions", **bearer(trainer)).json()}

    booked_online = str(online.public_id)
    assert riley[booked_online]["joining_link"] == LINK and riley[booked_online]["your_place"] == "booked"
    assert casey[booked_online]["joining_link"] is None and casey[booked_online]["your_place"] is None
    assert lead[booked_online]["joining_link"] is None, "the link is for the token holder's own bookings"
    full = casey[str(one_place.public_id)]
    assert (full["places_left"], full["waiting"], full["your_place"], full["capacity"]) == (0, 1, "waiting", 1)
    assert riley[booked_online]["where"] == "Online"


def test_sessions_narrow_to_one_course(client, session, leading, trainer, practitioner):
    put_on(leading, trainer, part=1)
    headers = bearer(practitioner)

    one = client.get(f"{API}/sessions?course={session.course.public_id}", **headers).json()
    unknown = client.get(f"{API}/sessions?course={uuid.uuid4()}", **headers).json()
    wrong = client.get(f"{API}/sessions?course=not-an-id", **headers)

    assert [s["id"] for s in one] == [str(session.public_id)]
    assert unknown == []
    assert wrong.status_code == 422


def test_a_practitioner_books_lists_and_cancels_their_own_place(client, session, practitioner):
    headers = bearer(practitioner)

    booked = client.post(f"{API}/sessions/{session.public_id}/book", **headers)
    assert booked.status_code == 201
    place = booked.json()
    assert (place["status"], place["session"]["places_left"]) == ("booked", 11)

    mine = client.get(f"{API}/my/bookings", **headers).json()
    assert [b["id"] for b in mine] == [place["id"]]

    cancelled = client.post(f"{API}/my/bookings/{place['id']}/cancel", **headers)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.get(f"{API}/my/bookings", **headers).json() == []
    assert Booking.objects.get().ended_because == Booking.EndedBecause.CANCELLED_BY_PERSON


def test_a_full_session_puts_you_on_the_waiting_list_and_says_where(client, one_place, practitioner, other_agency_practitioner):
    client.post(f"{API}/sessions/{one_place.public_id}/book", **bearer(practitioner))

    waiting = client.post(f"{API}/sessions/{one_place.public_id}/book", **bearer(other_agency_practitioner)).json()

    assert (waiting["status"], waiting["place_in_waiting_list"]) == ("waiting", 1)


def test_cancelling_through_the_api_offers_the_place_to_the_next_person(client, one_place, practitioner, other_agency_practitioner):
    place = client.post(f"{API}/sessions/{one_place.public_id}/book", **bearer(practitioner)).json()
    client.post(f"{API}/sessions/{one_place.public_id}/book", **bearer(other_agency_practitioner))

    client.post(f"{API}/my/bookings/{place['id']}/cancel", **bearer(practitioner))

    (casey,) = client.get(f"{API}/my/bookings", **bearer(other_agency_practitioner)).json()
    assert casey["status"] == "offered" and casey["offer_expires_at"]


def test_booking_twice_is_a_conflict_that_says_why(client, session, practitioner):
    headers = bearer(practitioner)
    client.post(f"{API}/sessions/{session.public_id}/book", **headers)

    again = client.post(f"{API}/sessions/{session.public_id}/book", **headers)

    assert again.status_code == 409
    assert again.json() == {"detail": "You already have a place on this session."}


def test_someone_in_no_organisation_is_refused_a_place_with_403(client, session, partnership_lead):
    response = client.post(f"{API}/sessions/{session.public_id}/book", **bearer(partnership_lead))

    assert response.status_code == 403
    assert "Only people in a member organisation can book training" in response.json()["detail"]


def test_a_session_that_is_not_there_is_not_found(client, practitioner, db):
    assert client.post(f"{API}/sessions/{uuid.uuid4()}/book", **bearer(practitioner)).status_code == 404
    assert client.post(f"{API}/sessions/not-an-id/book", **bearer(practitioner)).status_code == 422


def test_nobody_cancels_someone_elses_place_through_the_api(client, session, practitioner, trainer, other_agency_practitioner):
    place = client.post(f"{API}/sessions/{session.public_id}/book", **bearer(practitioner)).json()

    for person in (other_agency_practitioner, trainer):
        assert client.post(f"{API}/my/bookings/{place['id']}/cancel", **bearer(person)).status_code == 404
    assert Booking.objects.get().status == "booked"


def test_a_place_cannot_be_cancelled_twice_or_once_the_session_has_started(client, session, essentials, trainer, practitioner):
    headers = bearer(practitioner)
    place = client.post(f"{API}/sessions/{session.public_id}/book", **headers).json()
    client.post(f"{API}/my/bookings/{place['id']}/cancel", **headers)
    assert client.post(f"{API}/my/bookings/{place['id']}/cancel", **headers).json() == {"detail": "You have no place on this session to cancel."}

    other = put_on(essentials, trainer, days=9)
    started = client.post(f"{API}/sessions/{other.public_id}/book", **headers).json()
    held(other, days_ago=0)
    response = client.post(f"{API}/my/bookings/{started['id']}/cancel", **headers)
    assert response.status_code == 409 and "already started" in response.json()["detail"]


# --- reach ----------------------------------------------------------------------------------


def test_the_partnership_lead_gets_reach_across_the_system_in_counts(client, session, trainer, partnership_lead, practitioner, other_agency_practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)

    response = client.get(f"{API}/reach", **bearer(partnership_lead))

    assert response.status_code == 200
    data = response.json()
    assert data["everyone"]["trained"] == 1 and data["everyone"]["people"] == 3
    by_name = {row["name"]: row["counts"] for row in data["organisations"]}
    assert by_name["Riverbend Children's Services"]["trained"] == 1
    assert by_name["Riverbend Community Health"]["not_reached"] == 1
    assert "riley" not in response.content.decode().lower()


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "champion"])
def test_reach_across_the_system_is_refused_to_others_with_403(client, who, request):
    response = client.get(f"{API}/reach", **bearer(request.getfixturevalue(who)))

    assert response.status_code == 403
    assert response.json()["detail"].startswith("Reach across the partnership is for the partnership leads")


def test_an_organisation_lead_gets_reach_in_their_own_organisation_only(
    client, childrens_services, community_health, organisation_lead, practitioner, other_agency_practitioner
):
    headers = bearer(organisation_lead)

    own = client.get(f"{API}/reach/{childrens_services.slug}", **headers)
    other = client.get(f"{API}/reach/{community_health.slug}", **headers)

    assert own.status_code == 200
    assert own.json()["everyone"] == {"people": 2, "trained": 0, "started": 0, "booked": 0, "not_reached": 2}
    assert {row["name"] for row in own.json()["roles"]} == {"Organisation lead", "Practitioner"}
    assert other.status_code == 403
    assert other.json() == {"detail": "Reach in an organisation is for its organisation lead and the partnership leads. Ask your organisation lead."}


def test_reach_for_an_organisation_that_is_not_there_is_not_found(client, partnership_lead):
    assert client.get(f"{API}/reach/no-such-organisation", **bearer(partnership_lead)).status_code == 404
    assert client.get(f"{API}/reach/not%20a%20slug", **bearer(partnership_lead)).status_code == 404


def test_the_schema_lists_every_training_route(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/training/programmes",
        "/api/v1/training/courses",
        "/api/v1/training/sessions",
        "/api/v1/training/my/bookings",
        "/api/v1/training/sessions/{session_id}/book",
        "/api/v1/training/my/bookings/{booking_id}/cancel",
        "/api/v1/training/reach",
        "/api/v1/training/reach/{organisation_slug}",
    } <= set(paths)
    book = paths["/api/v1/training/sessions/{session_id}/book"]["post"]
    assert {"201", "401", "403", "404", "409", "422"} <= set(book["responses"])
