"""The partnership's forms: what works, and what happens when what is typed is not right."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.two_step import signed_in_with_two_steps
from goldenthread.partnership.models import Membership, Organisation, Role


def body(response):
    return response.content.decode()


def assert_shows_problem(response, *messages):
    """A calm refusal: status 400, 'Error:' in the title, the summary, and each message."""
    page = body(response)
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert "There is a problem" in page
    for message in messages:
        assert message in page


# Organisations


def test_partnership_lead_adds_an_organisation_and_lands_on_its_page(client, partnership_lead):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(
        reverse("partnership:organisation-add"),
        {"name": "Riverbend Fire and Rescue", "sector": "fire", "area": "Borough-wide", "size": "large", "description": "Keeps the borough safe."},
        follow=True,
    )

    organisation = Organisation.objects.get(name="Riverbend Fire and Rescue")
    assert response.redirect_chain[-1][0] == reverse("partnership:organisation", args=[organisation.slug])
    assert "Riverbend Fire and Rescue is now a member organisation." in body(response)
    assert organisation.size == "large"


def test_an_organisation_without_name_or_sector_is_refused_and_the_typing_is_kept(client, partnership_lead):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(
        reverse("partnership:organisation-add"),
        {"name": "   ", "sector": "", "area": "North Riverbend", "description": "A youth club for the north of the borough."},
    )

    assert_shows_problem(response, "Enter the organisation&#39;s name", "Choose the organisation&#39;s sector")
    assert 'value="North Riverbend"' in body(response)
    assert "A youth club for the north of the borough." in body(response)
    assert not Organisation.objects.exists()


def test_a_duplicate_organisation_name_is_explained_next_to_the_name(client, partnership_lead, childrens_services):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": "riverbend children's services", "sector": "health"})

    assert_shows_problem(response, "There is already an organisation with this name. Choose a different name.")
    assert 'href="#id_name"' in body(response)
    assert Organisation.objects.count() == 1


def test_an_unknown_sector_and_size_are_refused(client, partnership_lead):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": "Riverbend Youth Club", "sector": "space", "size": "gigantic"})

    assert_shows_problem(response, "Choose one of the sectors listed", "Choose one of the sizes listed")
    assert 'value="Riverbend Youth Club"' in body(response)


def test_a_description_that_is_too_long_says_how_long_it_may_be(client, partnership_lead):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": "Riverbend Youth Club", "sector": "voluntary", "description": "a" * 2001})

    assert_shows_problem(response, "Description must be 2,000 characters or fewer")


def test_partnership_lead_changes_an_organisations_details(client, partnership_lead, childrens_services):
    signed_in_with_two_steps(partnership_lead, client)
    url = reverse("partnership:organisation-change", args=[childrens_services.slug])

    form = client.get(url)
    response = client.post(
        url, {"name": "Riverbend Children's Social Care", "sector": "childrens-social-care", "area": "Borough-wide", "size": "very-large", "description": ""}
    )

    assert 'value="Riverbend Children&#x27;s Services"' in body(form) or "Riverbend Children&#39;s Services" in body(form)
    assert response.status_code == 302
    childrens_services.refresh_from_db()
    assert childrens_services.name == "Riverbend Children's Social Care"
    assert childrens_services.size == "very-large"
    assert childrens_services.is_active is False, "the box was not ticked, so it has left"


def test_renaming_to_another_organisations_name_is_refused_on_the_page(client, partnership_lead, childrens_services, community_health):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(
        reverse("partnership:organisation-change", args=[childrens_services.slug]),
        {"name": "Riverbend Community Health", "sector": "health", "is_active": "on"},
    )

    assert_shows_problem(response, "There is already an organisation with this name.")
    childrens_services.refresh_from_db()
    assert childrens_services.name == "Riverbend Children's Services"


ODD_TEXT = [
    "x" * 100_000,
    "<script>alert('hello')</script>",
    "'; DROP TABLE partnership_organisation; --",
    "Ysgol Gymraeg Glan Afon 🌳 ÆØÅ 学校",
    "Riverbend\x00 Youth Club",
    "\u200b\u202e",
    "",
]


@pytest.mark.parametrize("text", ODD_TEXT)
def test_odd_text_in_any_organisation_field_never_causes_a_server_error(client, partnership_lead, text):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": text, "sector": text, "area": text, "size": text, "description": text})

    assert response.status_code == 400
    assert "There is a problem" in body(response)
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("text", ["Ysgol Gymraeg Glan Afon 🌳", "<b>Riverbend</b> & Co", "Robert'); DROP TABLE students;--"])
def test_unusual_but_valid_names_are_kept_as_typed(client, partnership_lead, text):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": text, "sector": "voluntary"})

    assert response.status_code == 302
    assert Organisation.objects.get().name == text


def test_hidden_characters_in_a_name_are_explained(client, partnership_lead):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": "Riverbend\x00Youth Club", "sector": "voluntary"})

    assert_shows_problem(response, "Remove the hidden characters")


@pytest.mark.parametrize("query", {"sector": "x" * 50_000, "q": "\x00", "page": "-1"}.items())
def test_odd_filters_on_the_organisation_list_never_cause_a_server_error(client, partnership_lead, childrens_services, query):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.get(reverse("partnership:organisations"), dict([query]))

    assert response.status_code == 200


def test_the_organisation_list_filters_by_sector_and_name(client, partnership_lead, childrens_services, community_health):
    signed_in_with_two_steps(partnership_lead, client)
    url = reverse("partnership:organisations")

    by_sector = body(client.get(url, {"sector": "health"}))
    by_name = body(client.get(url, {"q": "children"}))
    nothing = body(client.get(url, {"q": "\x00zzz 🌳"}))

    assert "Riverbend Community Health" in by_sector and "Riverbend Children" not in by_sector
    assert "Riverbend Children" in by_name and "Riverbend Community Health" not in by_name
    assert "No organisations match" in nothing


# People


def test_organisation_lead_adds_a_new_person_who_is_invited_by_email(client, organisation_lead, childrens_services, django_capture_on_commit_callbacks):
    signed_in_with_two_steps(organisation_lead, client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partnership:member-add", args=[childrens_services.slug]),
            {"full_name": "Morgan Blake", "email": "morgan.blake@childrens.example", "job_title": "Family support worker", "role": "champion"},
            follow=True,
        )

    assert "Morgan Blake is now a champion in Riverbend Children" in body(response)
    assert Membership.objects.get(user__email="morgan.blake@childrens.example").role == Role.CHAMPION
    outbox = sent_by_the_worker()
    assert len(outbox) == 1
    assert f"{django_settings.GOLDENTHREAD_SITE_URL}/password-reset/" in outbox[0].body


def test_the_invitation_link_lets_the_new_person_choose_a_password_and_sign_in(
    client, organisation_lead, childrens_services, django_capture_on_commit_callbacks
):
    signed_in_with_two_steps(organisation_lead, client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partnership:member-add", args=[childrens_services.slug]),
            {"full_name": "Morgan Blake", "email": "morgan.blake@childrens.example", "role": "practitioner"},
        )
    client.logout()
    site = django_settings.GOLDENTHREAD_SITE_URL
    link = next(line for line in sent_by_the_worker()[0].body.splitlines() if line.startswith(f"{site}/"))

    choose = client.get(link.removeprefix(site), follow=True)
    client.post(choose.redirect_chain[-1][0], {"new_password1": "a river runs through it 42", "new_password2": "a river runs through it 42"})

    signed_in = client.post(reverse("core:sign-in"), {"username": "morgan.blake@childrens.example", "password": "a river runs through it 42"})
    assert signed_in.status_code == 302
    assert client.get(reverse("core:home")).context["user"].email == "morgan.blake@childrens.example"


def test_a_person_without_name_or_a_proper_email_is_refused_and_the_typing_is_kept(client, organisation_lead, childrens_services):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(
        reverse("partnership:member-add", args=[childrens_services.slug]),
        {"full_name": "", "email": "morgan.blake at childrens", "job_title": "Family support worker", "role": "trainer"},
    )

    assert_shows_problem(response, "Enter the person&#39;s full name", "Enter an e-mail address like name@example.org")
    assert 'value="morgan.blake at childrens"' in body(response)
    assert 'value="Family support worker"' in body(response)
    assert 'value="trainer" checked' in body(response)


def test_adding_someone_already_in_the_organisation_is_explained(client, organisation_lead, childrens_services, practitioner):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(
        reverse("partnership:member-add", args=[childrens_services.slug]),
        {"full_name": "Riley Shah", "email": "RILEY.SHAH@childrens.example", "role": "practitioner"},
    )

    assert_shows_problem(response, "This person is already a member of this organisation.")


@pytest.mark.parametrize("text", ODD_TEXT)
def test_odd_text_when_adding_a_person_never_causes_a_server_error(client, organisation_lead, childrens_services, text):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(
        reverse("partnership:member-add", args=[childrens_services.slug]),
        {"full_name": text, "email": text, "job_title": text, "role": text},
    )

    assert response.status_code == 400
    assert Membership.objects.filter(organisation=childrens_services).count() == 1


def test_organisation_lead_makes_a_practitioner_a_champion(client, organisation_lead, practitioner, childrens_services):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:member-role", args=[childrens_services.slug, practitioner.public_id]), {"role": "champion"}, follow=True)

    assert "Riley Shah is now a champion." in body(response)
    assert Membership.objects.get(user=practitioner).role == Role.CHAMPION


def test_the_only_lead_stepping_down_is_told_what_to_do_first(client, organisation_lead, childrens_services):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:member-role", args=[childrens_services.slug, organisation_lead.public_id]), {"role": "practitioner"})

    assert_shows_problem(response, "An organisation needs at least one organisation lead. Make someone else the lead first.")
    assert 'value="practitioner" checked' in body(response)
    assert Membership.objects.get(user=organisation_lead).role == Role.ORGANISATION_LEAD


@pytest.mark.parametrize("role", ["", "boss", "x" * 10_000, "\x00"])
def test_an_unknown_role_is_refused(client, organisation_lead, practitioner, childrens_services, role):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:member-role", args=[childrens_services.slug, practitioner.public_id]), {"role": role})

    assert response.status_code == 400
    assert Membership.objects.get(user=practitioner).role == Role.PRACTITIONER


def test_removing_someone_asks_first_then_removes_them(client, organisation_lead, practitioner, childrens_services):
    signed_in_with_two_steps(organisation_lead, client)
    url = reverse("partnership:member-remove", args=[childrens_services.slug, practitioner.public_id])

    question = client.get(url)
    assert "Remove Riley Shah?" in body(question)
    assert Membership.objects.filter(user=practitioner).exists()

    response = client.post(url, follow=True)

    assert "Riley Shah is no longer a member of Riverbend Children" in body(response)
    assert not Membership.objects.filter(user=practitioner).exists()


def test_removing_the_only_lead_is_explained_and_nothing_changes(client, partnership_lead, organisation_lead, childrens_services):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:member-remove", args=[childrens_services.slug, organisation_lead.public_id]))

    assert_shows_problem(response, "An organisation needs at least one organisation lead.")
    assert Membership.objects.filter(user=organisation_lead).exists()


def test_a_lead_who_removes_themselves_goes_home_rather_than_to_a_refusal(client, organisation_lead, champion, childrens_services):
    Membership.objects.filter(user=champion).update(role=Role.ORGANISATION_LEAD)
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:member-remove", args=[childrens_services.slug, organisation_lead.public_id]))

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.fixed_dictionaries({name: st.text(max_size=400) for name in ["name", "sector", "area", "size", "description"]}))
def test_whatever_is_typed_into_the_organisation_form_the_answer_is_never_a_server_error(client, partnership_lead, fields):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.post(reverse("partnership:organisation-add"), fields)

    assert response.status_code in (302, 400)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.fixed_dictionaries({name: st.text(max_size=400) for name in ["full_name", "email", "job_title", "role"]}))
def test_whatever_is_typed_into_the_add_a_person_form_the_answer_is_never_a_server_error(client, organisation_lead, childrens_services, fields):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:member-add", args=[childrens_services.slug]), fields)

    assert response.status_code in (302, 400)
