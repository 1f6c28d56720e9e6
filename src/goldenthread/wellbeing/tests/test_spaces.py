"""Reflective spaces: put on, booked, changed and cancelled with everyone told; a space offered to a team after a hard event never tells the lead who took it up."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.wellbeing import permissions, queries, services
from goldenthread.wellbeing.models import Place

pytestmark = pytest.mark.django_db


def in_a_week():
    return timezone.localdate() + timedelta(days=7)


def space_details(host, **changes):
    details = {
        "title": "Time to reflect together (fictional)",
        "about": "An hour to talk about what the work brings up, with colleagues.",
        "format": "in-person",
        "venue": "Riverbend Family Hub, Room 2 (fictional)",
        "day": in_a_week(),
        "starts": timezone.datetime.strptime("14:00", "%H:%M").time(),
        "ends": timezone.datetime.strptime("15:00", "%H:%M").time(),
        "capacity": 2,
        "host": host,
    }
    return {**details, **changes}


@pytest.fixture
def space(partnership_lead, trainer):
    return services.put_on_space(None, by=partnership_lead, **space_details(trainer))


@pytest.fixture
def team_space(organisation_lead, childrens_services, champion, practitioner, trainer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.offer_to_team(childrens_services, by=organisation_lead, people=[practitioner, champion], **space_details(trainer, capacity=8))


def test_the_partnership_lead_puts_on_a_space_for_everyone(space, other_agency_practitioner):
    assert permissions.can_book(other_agency_practitioner, space)
    assert space in queries.spaces_open_to(other_agency_practitioner)


def test_a_practitioner_cannot_put_on_a_space_for_everyone(practitioner, trainer):
    with pytest.raises(Refused):
        services.put_on_space(None, by=practitioner, **space_details(trainer))


def test_an_organisation_lead_puts_on_a_space_for_their_organisation_only(
    organisation_lead, childrens_services, community_health, trainer, practitioner, other_agency_practitioner
):
    ours = services.put_on_space(childrens_services, by=organisation_lead, **space_details(trainer))
    assert permissions.can_book(practitioner, ours) and not permissions.can_book(other_agency_practitioner, ours)
    with pytest.raises(Refused):
        services.put_on_space(community_health, by=organisation_lead, **space_details(trainer))


def test_a_space_in_person_needs_a_venue_and_one_online_a_link(partnership_lead, trainer):
    with pytest.raises(ValidationError) as refused:
        services.put_on_space(None, by=partnership_lead, **space_details(trainer, venue=""))
    assert "venue" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.put_on_space(None, by=partnership_lead, **space_details(trainer, format="online", joining_link="http://not-secure.example"))
    assert "joining_link" in refused.value.message_dict


def test_booking_is_confirmed_by_e_mail_and_the_last_place_goes_only_once(
    space, practitioner, champion, other_agency_practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.book_place(space, by=practitioner)
        services.book_place(space, by=champion)
    with pytest.raises(ValidationError) as refused:
        services.book_place(space, by=other_agency_practitioner)
    assert "Every place is taken" in str(refused.value)
    with pytest.raises(ValidationError):
        services.book_place(space, by=practitioner)
    assert [message.to for message in sent_by_the_worker()] == [[practitioner.email], [champion.email]]


def test_the_host_sees_how_many_and_only_the_names_people_chose_to_share(space, practitioner, champion, trainer, partnership_lead):
    services.book_place(space, by=practitioner, host_may_see_name=True)
    services.book_place(space, by=champion)
    assert queries.names_shared_with_host(space) == [practitioner.full_name]
    assert permissions.can_see_names_shared(trainer, space)
    assert not permissions.can_see_names_shared(partnership_lead, space)


def test_a_space_offered_to_a_team_is_told_to_each_person_and_shown_on_their_home_page(client, team_space, practitioner, champion):
    assert sorted(message.to[0] for message in sent_by_the_worker()) == sorted([practitioner.email, champion.email])
    client.force_login(practitioner)
    assert "A space offered to your team" in client.get("/").content.decode()


def test_the_lead_who_offered_a_space_never_learns_who_took_it_up_nor_how_many(client, team_space, practitioner, organisation_lead):
    services.book_place(team_space, by=practitioner, host_may_see_name=True)
    assert not permissions.can_see_places_taken(organisation_lead, team_space)
    assert not permissions.can_see_names_shared(organisation_lead, team_space)
    client.force_login(organisation_lead)
    for page in (reverse("wellbeing:space", args=[team_space.public_id]), reverse("wellbeing:spaces-run")):
        text = client.get(page).content.decode()
        assert practitioner.full_name not in text and "places taken" not in text.lower()


def test_only_the_people_offered_a_team_space_can_see_or_book_it(client, team_space, other_agency_practitioner):
    assert not permissions.can_book(other_agency_practitioner, team_space)
    with pytest.raises(Refused):
        services.book_place(team_space, by=other_agency_practitioner)
    client.force_login(other_agency_practitioner)
    assert client.get(reverse("wellbeing:space", args=[team_space.public_id])).status_code == 404


def test_a_lead_cannot_host_the_space_they_offer_their_team(organisation_lead, childrens_services, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.offer_to_team(childrens_services, by=organisation_lead, people=[practitioner], **space_details(organisation_lead))
    assert "host" in refused.value.message_dict


def test_cancelling_a_space_tells_everyone_with_a_place_why(space, practitioner, partnership_lead, django_capture_on_commit_callbacks):
    services.book_place(space, by=practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_space(space, by=partnership_lead, reason="The host is unwell (fictional).")
    [told] = sent_by_the_worker()
    assert told.to == [practitioner.email] and "The host is unwell" in told.body


def test_moving_a_space_tells_everyone_with_a_place(space, practitioner, partnership_lead, trainer, django_capture_on_commit_callbacks):
    services.book_place(space, by=practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_space(space, by=partnership_lead, **space_details(trainer, day=in_a_week() + timedelta(days=1)))
    [told] = sent_by_the_worker()
    assert "has changed" in told.subject


def test_a_person_gives_up_their_place_and_it_is_free_again(client, space, practitioner):
    services.book_place(space, by=practitioner)
    client.force_login(practitioner)
    client.post(reverse("wellbeing:give-up-place", args=[space.public_id]))
    assert not Place.objects.exists()


def test_a_person_books_a_place_on_the_page_choosing_whether_the_host_sees_their_name(client, space, practitioner):
    client.force_login(practitioner)
    response = client.post(reverse("wellbeing:space", args=[space.public_id]), {"host_may_see_name": "on"}, follow=True)
    assert "Your place is booked" in response.content.decode()
    assert Place.objects.get(person=practitioner).host_may_see_name


def test_the_space_form_says_what_to_fix_and_keeps_what_was_typed(client, partnership_lead):
    client.force_login(partnership_lead)
    response = client.post(
        reverse("wellbeing:space-add"),
        {"organisation": "everyone", "title": "Kept title (fictional)", "format": "online", "capacity": "1", "starts": "25 o'clock"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kept title (fictional)" in page and "Enter the number of places, from 2" in page and "Enter a real time" in page


def test_a_reminder_goes_the_day_before_unless_the_space_moved(space, practitioner):
    from goldenthread.wellbeing import tasks

    place = services.book_place(space, by=practitioner)
    assert tasks.remind_of_place.call(place.pk, space.starts_at.isoformat()) == 1
    assert tasks.remind_of_place.call(place.pk, (space.starts_at + timedelta(hours=1)).isoformat()) == 0
