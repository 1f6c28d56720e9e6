"""Who sees what in wellbeing, as a matrix: every person the partnership has, against every private thing and every route to it.

Riley Shah (practitioner, Riverbend Children's Services) has a check-in, a reminder, a place in a
space open to everyone, and a place in a space Sam Okafor (Riverbend's lead) offered the team after
a hard event, hosted by Pat Lee. Only Riley sees Riley's check-in and reminder; everybody else,
whatever their role, gets "not found" (or, when wellbeing is not for them at all, "not for you") and
never a trace of it. Everyone here is fictional.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.core.refusals import Refused
from goldenthread.core.tests.tokens import bearer, smuggled_bearer
from goldenthread.core.tests.two_step import signed_in_with_two_steps
from goldenthread.wellbeing import permissions, queries, services
from goldenthread.wellbeing.models import CheckIn, Place

from .conftest import HEAVY_WEEK

pytestmark = pytest.mark.django_db

API = "/api/v1/wellbeing"
OWN_WORDS = "The home visit on Tuesday stayed with me (fictional)."
AN_ANSWER_IN_WORDS = "Heavy nearly all the time"  # Riley's answer to how heavy the work felt
JOINING_LINK = "https://meet.riverbend.example/time-to-talk"

OWNER = "practitioner"
# In the workforce (a role in a member organisation, or the partnership team): wellbeing is for them, so another person's check-in is "not found".
WORKFORCE = ["partnership_lead", "organisation_lead", "champion", "other_agency_practitioner", "other_agency_lead", "trainer", "superuser"]
# Signed in, but wellbeing is not for them at all: every wellbeing page says so (403) before anything is looked up.
NOT_WORKFORCE = ["data_protection_lead", "family_member"]
EVERYBODY_ELSE = [*WORKFORCE, *NOT_WORKFORCE, "anonymous"]
EVERYONE = [OWNER, *EVERYBODY_ELSE]


@pytest.fixture
def superuser(db):
    """A Django superuser, made as `manage.py createsuperuser` makes one (staff, superuser, and so a partnership admin)."""
    return User.objects.create_superuser("root@partnership.example", "a-long-test-password", full_name="Robin Root")


def person(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def expected_page_status(who, *, owner_status=200):
    """What a page about Riley's own check-in answers each person."""
    if who == OWNER:
        return owner_status
    if who == "anonymous":
        return 302  # to the sign-in page
    if who in NOT_WORKFORCE:
        return 403
    return 404


def in_a_week_at(hour):
    return timezone.localdate() + timedelta(days=7), timezone.datetime.strptime(f"{hour}:00", "%H:%M").time()


def space_details(host, **changes):
    day, starts = in_a_week_at(14)
    _, ends = in_a_week_at(15)
    details = {
        "title": "Time to talk together (fictional)",
        "about": "An hour to talk about what the work brings up, with colleagues.",
        "format": "in-person",
        "venue": "Riverbend Family Hub, Room 2 (fictional)",
        "day": day,
        "starts": starts,
        "ends": ends,
        "capacity": 8,
        "host": host,
    }
    return {**details, **changes}


@pytest.fixture
def riley_check_in(practitioner):
    return services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK, in_own_words=OWN_WORDS)


@pytest.fixture
def riley_reminder(practitioner):
    """Riley asked to be reminded every 4 weeks, and today is the day."""
    reminder = services.set_reminder(practitioner, by=practitioner, every_weeks=4)
    reminder.next_on = timezone.localdate()
    reminder.save()
    return reminder


@pytest.fixture
def open_space(partnership_lead, trainer):
    """A space for everyone in the partnership, put on by Alex Morgan and hosted by Pat Lee."""
    return services.put_on_space(None, by=partnership_lead, **space_details(trainer, title="Reflecting together (fictional)"))


@pytest.fixture
def riley_open_place(open_space, practitioner):
    """Riley's place in the open space; Riley did not tell the host their name."""
    return services.book_place(open_space, by=practitioner, host_may_see_name=False)


@pytest.fixture
def team_space(organisation_lead, childrens_services, practitioner, champion, trainer):
    """After a hard event, Sam Okafor offered Riley and Jo Park an online space, hosted by Pat Lee."""
    return services.offer_to_team(
        childrens_services,
        by=organisation_lead,
        people=[practitioner, champion],
        **space_details(trainer, format="online", venue="", joining_link=JOINING_LINK),
    )


@pytest.fixture
def riley_team_place(team_space, practitioner):
    """Riley's place in the team's space; Riley chose to tell the host their name."""
    return services.book_place(team_space, by=practitioner, host_may_see_name=True)


@pytest.fixture
def everything_of_rileys(riley_check_in, riley_reminder, riley_open_place, riley_team_place):
    return riley_check_in


def without_the_persons_own_header(page: str, user) -> str:
    """The page less the signed-in person's own name (the header names whoever is signed in)."""
    return page.replace(user.full_name, "") if user is not None else page


# Pages about a check-in


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_person_sees_their_check_in_on_its_page(client, request, who, riley_check_in):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:check-in-detail", args=[riley_check_in.public_id]))
    assert response.status_code == expected_page_status(who)
    page = response.content.decode()
    assert (OWN_WORDS in page) is (who == OWNER)
    assert (AN_ANSWER_IN_WORDS in page) is (who == OWNER)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_person_opens_the_page_to_delete_their_check_in(client, request, who, riley_check_in):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:check-in-delete", args=[riley_check_in.public_id]))
    assert response.status_code == expected_page_status(who)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_person_can_delete_their_check_in_on_the_page(client, request, who, riley_check_in):
    user = person(request, who)
    response = signed_in(client, user).post(reverse("wellbeing:check-in-delete", args=[riley_check_in.public_id]))
    assert response.status_code == expected_page_status(who, owner_status=302)
    assert CheckIn.objects.filter(pk=riley_check_in.pk).exists() is (who != OWNER)


@pytest.mark.parametrize("who", EVERYONE)
def test_the_download_holds_the_persons_own_check_ins_and_nobody_elses(client, request, who, riley_check_in):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:download"))
    everyone_may_download_their_own = 200 if who in WORKFORCE else expected_page_status(who)
    assert response.status_code == everyone_may_download_their_own
    body = response.content.decode()
    assert (OWN_WORDS in body) is (who == OWNER)
    assert (AN_ANSWER_IN_WORDS in body) is (who == OWNER)


@pytest.mark.parametrize("who", EVERYONE)
def test_the_wellbeing_home_page_shows_a_check_in_its_answers_the_reminder_and_the_places_to_their_person_alone(client, request, who, everything_of_rileys):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:home"))
    assert response.status_code == (200 if who in (OWNER, *WORKFORCE) else expected_page_status(who))
    page = response.content.decode()
    riley_is_shown = who == OWNER
    assert (str(everything_of_rileys.public_id) in page) is riley_is_shown
    assert (AN_ANSWER_IN_WORDS in page) is riley_is_shown
    assert ("We remind you every 4 weeks" in page) is riley_is_shown
    assert ("Your places:" in page) is riley_is_shown
    assert OWN_WORDS not in page  # not even Riley's home page repeats what they wrote; it is on the check-in's own page


@pytest.mark.parametrize("who", EVERYONE)
def test_the_site_home_page_reminds_the_person_alone(client, request, who, riley_reminder):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("core:home"), follow=True)  # a family account is sent to its own home
    assert response.status_code == 200
    assert ("Take your check-in, when you are ready" in response.content.decode()) is (who == OWNER)


@pytest.mark.parametrize("who", EVERYONE)
def test_the_reminders_page_shows_the_persons_own_reminder_alone(client, request, who, riley_reminder):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:reminders"))
    assert response.status_code == (200 if who in (OWNER, *WORKFORCE) else expected_page_status(who))
    if response.status_code == 200:
        chosen = response.context["form"].initial["every_weeks"]
        assert chosen == ("4" if who == OWNER else "0")


@pytest.mark.parametrize("who", EVERYONE)
def test_the_waiting_notices_name_the_reminder_to_the_person_alone(request, who, riley_reminder):
    from goldenthread.wellbeing import waiting

    user = person(request, who)
    notices = [notice.what for notice in waiting.waiting(user)]
    assert ("Take your check-in, when you are ready" in notices) is (who == OWNER)


# The API


def api_headers(user) -> dict:
    """A working token's header; a family account gets none made, so it tries one written straight into the table."""
    if user is None:
        return {}
    return smuggled_bearer(user) if user.is_family_account else bearer(user)


# A family member's own account holds no working token: even one written into the table is refused, as if there were none.
NO_WORKING_TOKEN = {"anonymous": 401, "family_member": 401}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_api_lists_a_check_in_to_its_person_alone(client, request, who, riley_check_in):
    user = person(request, who)
    response = client.get(f"{API}/my/check-ins", **api_headers(user))
    expected = {OWNER: 200, **dict.fromkeys(WORKFORCE, 200), **dict.fromkeys(NOT_WORKFORCE, 403), **NO_WORKING_TOKEN}[who]
    assert response.status_code == expected
    if who == OWNER:
        assert response.json() == [
            {
                "id": str(riley_check_in.public_id),
                "taken_at": response.json()[0]["taken_at"],
                "questions_version": riley_check_in.questions_version,
                "answers": HEAVY_WEEK,
                "in_own_words": OWN_WORDS,
            }
        ]
    elif expected == 200:
        assert response.json() == []
    assert OWN_WORDS not in response.content.decode() or who == OWNER


@pytest.mark.parametrize("who", EVERYONE)
def test_the_api_deletes_a_check_in_for_its_person_alone_and_says_not_found_to_everyone_else(client, request, who, riley_check_in):
    user = person(request, who)
    response = client.delete(f"{API}/my/check-ins/{riley_check_in.public_id}", **api_headers(user))
    expected = {OWNER: "deleted", **NO_WORKING_TOKEN}.get(who, 404)
    assert response.status_code in ((200, 204) if expected == "deleted" else (expected,))
    assert CheckIn.objects.filter(pk=riley_check_in.pk).exists() is (who != OWNER)
    if expected == 404:
        assert response.json() == {"detail": "You have no check-in with that id."}


@pytest.mark.parametrize("who", EVERYBODY_ELSE)
def test_deleting_all_through_the_api_never_reaches_another_persons_check_ins(client, request, who, riley_check_in):
    user = person(request, who)
    response = client.delete(f"{API}/my/check-ins", **api_headers(user))
    if who in NO_WORKING_TOKEN:
        assert response.status_code == 401
    else:
        assert response.status_code == 200 and response.json() == {"deleted": 0}
    assert CheckIn.objects.filter(pk=riley_check_in.pk).exists()


def test_the_api_has_no_route_to_anyone_elses_reminder_or_place():
    from goldenthread.wellbeing.api import router

    paths = {path for path in router.path_operations}
    assert paths == {"/questions", "/my/check-ins", "/my/check-ins/{check_in_id}", "/figures"}


# The Django admin


def test_the_django_admin_is_mounted_at_django_admin_and_not_at_admin(client):
    assert client.get("/admin/").status_code == 404
    assert client.get("/django-admin/").status_code == 302  # to the admin's own sign-in


def test_no_wellbeing_model_is_registered_in_the_django_admin():
    assert [model._meta.label for model in admin.site._registry if model._meta.app_label == "wellbeing"] == []


@pytest.mark.parametrize("model", ["checkin", "reminder", "place", "reflectivespace", "supportoption"])
def test_a_superuser_verified_with_two_steps_finds_no_wellbeing_page_in_the_django_admin(superuser, everything_of_rileys, model):
    client = signed_in_with_two_steps(superuser)
    index = client.get("/django-admin/")
    assert index.status_code == 200
    assert "wellbeing" not in index.content.decode().lower()
    assert client.get(f"/django-admin/wellbeing/{model}/").status_code == 404
    assert client.get(f"/django-admin/wellbeing/{model}/1/change/").status_code == 404
    assert client.get("/django-admin/wellbeing/").status_code == 404


@pytest.mark.parametrize("who", [OWNER, *[who for who in WORKFORCE if who != "superuser"], *NOT_WORKFORCE, "anonymous"])
def test_nobody_without_staff_status_gets_into_the_django_admin(client, request, who, riley_check_in):
    user = person(request, who)
    response = signed_in(client, user).get(f"/django-admin/wellbeing/checkin/{riley_check_in.pk}/change/")
    if who == "family_member":
        assert response.status_code == 403  # a family account is refused every page but the family's own, the admin's sign-in too
    else:
        assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


# The permission functions, as a matrix


@pytest.mark.parametrize("who", EVERYBODY_ELSE)
def test_no_role_reaches_another_persons_check_in_reminder_or_place_through_the_services(request, who, everything_of_rileys, riley_team_place):
    user = person(request, who)
    practitioner = request.getfixturevalue(OWNER)
    assert queries.own_check_in(user, everything_of_rileys.public_id) is None
    assert list(queries.own_check_ins(user)) == []
    assert queries.reminder_for(user) is None
    assert queries.own_place(user, riley_team_place.space) is None
    for attempt in (
        lambda: services.delete_check_in(everything_of_rileys, by=user),
        lambda: services.delete_all_check_ins(practitioner, by=user),
        lambda: services.take_check_in(practitioner, by=user, answers=HEAVY_WEEK),
        lambda: services.set_reminder(practitioner, by=user, every_weeks=0),
        lambda: services.change_name_sharing(riley_team_place, by=user, host_may_see_name=False),
        lambda: services.give_up_place(riley_team_place, by=user),
    ):
        with pytest.raises(Refused):
            attempt()
    assert CheckIn.objects.filter(person=practitioner).count() == 1
    assert Place.objects.get(pk=riley_team_place.pk).host_may_see_name is True


def test_the_person_themselves_reaches_all_of_it_through_the_services(practitioner, everything_of_rileys, riley_team_place):
    assert queries.own_check_in(practitioner, everything_of_rileys.public_id) == everything_of_rileys
    assert queries.reminder_for(practitioner).every_weeks == 4
    assert queries.own_place(practitioner, riley_team_place.space) == riley_team_place


# who: (in the workforce, may check in, may see figures, keeps the list of support, may offer a team a space after a hard event)
WHO_MAY_DO_WHAT = {
    "practitioner": (True, True, False, False, False),
    "partnership_lead": (True, True, True, True, False),
    "organisation_lead": (True, True, True, False, True),
    "champion": (True, True, False, False, False),
    "other_agency_practitioner": (True, True, False, False, False),
    "other_agency_lead": (True, True, True, False, True),
    "trainer": (True, True, False, False, False),
    "superuser": (True, True, True, True, False),
    "data_protection_lead": (False, False, False, False, False),
    "family_member": (False, False, False, False, False),
    "anonymous": (False, False, False, False, False),
}


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_check_in_see_figures_keep_the_list_of_support_and_offer_a_team_a_space(request, who):
    from django.contrib.auth.models import AnonymousUser

    user = person(request, who) or AnonymousUser()
    found = (
        permissions.is_workforce(user),
        permissions.can_check_in(user),
        permissions.can_see_figures(user),
        permissions.can_manage_support(user),
        permissions.can_offer_to_a_team(user),
    )
    assert found == WHO_MAY_DO_WHAT[who]


# who: (sees the space, may book, sees how many places are taken, sees names shared, sees the joining link, may change it)
TEAM_SPACE_MATRIX = {
    "practitioner": (True, True, False, False, True, False),  # offered it, and has a place
    "champion": (True, True, False, False, False, False),  # offered it, no place yet
    "organisation_lead": (True, False, False, False, False, True),  # offered it to the team: sees nothing of who took it up
    "trainer": (True, False, True, True, True, True),  # the host
    "partnership_lead": (True, False, False, False, False, True),
    "superuser": (True, False, False, False, False, True),
    "other_agency_practitioner": (False, False, False, False, False, False),
    "other_agency_lead": (False, False, False, False, False, False),
    "data_protection_lead": (False, False, False, False, False, False),
    "family_member": (False, False, False, False, False, False),
    "anonymous": (False, False, False, False, False, False),
}


@pytest.mark.parametrize("who", EVERYONE)
def test_what_each_person_may_see_and_do_with_a_space_offered_to_a_team_after_a_hard_event(request, who, team_space, riley_team_place):
    from django.contrib.auth.models import AnonymousUser

    user = person(request, who) or AnonymousUser()
    place = queries.own_place(user, team_space)
    found = (
        permissions.can_see_space(user, team_space),
        permissions.can_book(user, team_space),
        permissions.can_see_places_taken(user, team_space),
        permissions.can_see_names_shared(user, team_space),
        permissions.can_see_joining_link(user, team_space, place),
        permissions.can_change_space(user, team_space),
    )
    assert found == TEAM_SPACE_MATRIX[who]


# who: (sees the space, sees how many places are taken, sees names shared)
OPEN_SPACE_MATRIX = {
    "practitioner": (True, False, False),
    "champion": (True, False, False),
    "organisation_lead": (True, False, False),
    "trainer": (True, True, True),  # the host
    "partnership_lead": (True, True, False),  # put it on
    "superuser": (True, True, False),  # a partnership admin
    "other_agency_practitioner": (True, False, False),
    "other_agency_lead": (True, False, False),
    "data_protection_lead": (False, False, False),
    "family_member": (False, False, False),
    "anonymous": (False, False, False),
}


@pytest.mark.parametrize("who", EVERYONE)
def test_what_each_person_may_see_of_a_space_open_to_everyone(request, who, open_space, riley_open_place):
    from django.contrib.auth.models import AnonymousUser

    user = person(request, who) or AnonymousUser()
    found = (
        permissions.can_see_space(user, open_space),
        permissions.can_see_places_taken(user, open_space),
        permissions.can_see_names_shared(user, open_space),
    )
    assert found == OPEN_SPACE_MATRIX[who]


# Reflective spaces, on the page


@pytest.mark.parametrize("who", EVERYONE)
def test_the_page_of_a_space_offered_after_a_hard_event_shows_who_took_it_up_to_the_host_alone(client, request, who, team_space, riley_team_place):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:space", args=[team_space.public_id]))
    sees, _, count, names, link, _ = TEAM_SPACE_MATRIX[who]
    if who == "anonymous":
        assert response.status_code == 302
        return
    if who in NOT_WORKFORCE:
        assert response.status_code == 403
        return
    assert response.status_code == (200 if sees else 404)
    page = without_the_persons_own_header(response.content.decode(), user)
    assert ("Places taken" in page) is count
    assert ("1 of 8" in page) is count
    assert ("People who told you their name" in page) is names
    assert ("Riley Shah" in page) is names
    assert (JOINING_LINK in page) is link
    assert "Every place is taken" not in page


def test_the_host_sees_how_many_places_are_taken_and_only_the_names_of_people_who_agreed(client, trainer, champion, team_space, riley_team_place):
    services.book_place(team_space, by=champion, host_may_see_name=False)
    page = signed_in(client, trainer).get(reverse("wellbeing:space", args=[team_space.public_id])).content.decode()
    assert "2 of 8" in page
    assert "Riley Shah" in page
    assert "Jo Park" not in page
    assert queries.names_shared_with_host(team_space) == ["Riley Shah"]


def test_the_host_of_a_space_open_to_everyone_sees_no_name_of_someone_who_did_not_agree(client, trainer, open_space, riley_open_place):
    page = signed_in(client, trainer).get(reverse("wellbeing:space", args=[open_space.public_id])).content.decode()
    assert "1 of 8" in page
    assert "Riley Shah" not in page
    assert "Nobody yet. People choose whether to tell the host." in page


def test_the_lead_who_offered_a_space_sees_neither_names_nor_counts_on_the_spaces_they_run(client, organisation_lead, champion, team_space, riley_team_place):
    services.book_place(team_space, by=champion, host_may_see_name=True)
    response = signed_in(client, organisation_lead).get(reverse("wellbeing:spaces-run"))
    assert response.status_code == 200
    page = without_the_persons_own_header(response.content.decode(), organisation_lead)
    assert "Offered to a team: who takes it up is not shown." in page
    assert "of 8 places taken" not in page
    assert "Riley Shah" not in page and "Jo Park" not in page


def test_the_lead_who_offered_a_space_is_not_told_when_every_place_is_taken(client, organisation_lead, champion, childrens_services, practitioner, trainer):
    """A full space would tell the lead how many took it up (all of them); the page says nothing of it to the lead."""
    space = services.offer_to_team(
        childrens_services, by=organisation_lead, people=[practitioner, champion], **space_details(trainer, capacity=2, title="A small space (fictional)")
    )
    services.book_place(space, by=practitioner)
    services.book_place(space, by=champion)
    page = signed_in(client, organisation_lead).get(reverse("wellbeing:space", args=[space.public_id])).content.decode()
    assert "Every place is taken" not in page
    assert "Places taken" not in page


def test_someone_offered_a_space_is_still_told_when_every_place_is_taken(
    client, organisation_lead, champion, childrens_services, practitioner, trainer, partnership_lead
):
    space = services.offer_to_team(
        childrens_services,
        by=organisation_lead,
        people=[practitioner, trainer, champion],
        **space_details(partnership_lead, capacity=2, title="A small space (fictional)"),
    )
    services.book_place(space, by=practitioner)
    services.book_place(space, by=trainer)
    page = signed_in(client, champion).get(reverse("wellbeing:space", args=[space.public_id])).content.decode()
    assert "Every place is taken" in page


@pytest.mark.parametrize("who", EVERYONE)
def test_the_joining_link_shows_only_to_people_with_a_place_and_the_host(client, request, who, team_space, riley_team_place):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:space", args=[team_space.public_id]))
    assert (JOINING_LINK in response.content.decode()) is (who in ("practitioner", "trainer"))


@pytest.mark.parametrize("who", EVERYBODY_ELSE)
def test_nobody_else_may_give_up_the_persons_place(client, request, who, team_space, riley_team_place):
    user = person(request, who)
    response = signed_in(client, user).post(reverse("wellbeing:give-up-place", args=[team_space.public_id]))
    assert response.status_code == {"anonymous": 302, **dict.fromkeys(NOT_WORKFORCE, 403)}.get(who, 404)
    assert Place.objects.filter(pk=riley_team_place.pk).exists()


@pytest.mark.parametrize("who", EVERYBODY_ELSE)
def test_the_list_of_spaces_shows_a_team_space_only_to_the_people_it_was_offered_to(client, request, who, team_space, riley_team_place):
    user = person(request, who)
    response = signed_in(client, user).get(reverse("wellbeing:spaces"))
    if who == "anonymous" or who in NOT_WORKFORCE:
        assert response.status_code in (302, 403)
        return
    page = response.content.decode()
    assert (team_space.title in page) is (who == "champion")
    assert "Your places" not in page
