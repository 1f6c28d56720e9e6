"""Every pledge page, for every role: allowed (200), refused (403) or sent to sign in (302)."""

import pytest
from django.urls import reverse

from goldenthread.pledges import services
from goldenthread.pledges.models import PledgeAction, Strand

PEOPLE = ["anonymous", "practitioner", "champion", "trainer", "organisation_lead", "other_agency_lead", "partnership_lead"]
MEMBERS = {"practitioner", "champion", "trainer", "organisation_lead"}
EVERYONE = set(PEOPLE)

# page name -> who may open it
PAGES = {
    "wall": EVERYONE,
    "organisation": EVERYONE,
    "manage": MEMBERS | {"partnership_lead"},
    "actions": MEMBERS | {"partnership_lead"},
    "statement": {"organisation_lead"},
    "champions": {"organisation_lead"},
    "add-action": {"organisation_lead"},
    "edit-action": {"organisation_lead"},
    "action-done": {"organisation_lead"},
    "progress": {"organisation_lead"},
    "renew": {"organisation_lead"},
    "withdraw": {"partnership_lead"},
    "republish": {"partnership_lead"},
    "all": {"partnership_lead"},
    "personal-pledge": {"organisation_lead", "other_agency_lead", "partnership_lead"},
    "edit-personal-pledge": {"organisation_lead"},
    "remove-personal-pledge": {"organisation_lead"},
}
PUBLIC = {"wall", "organisation"}


@pytest.fixture
def pages(signed_pledge, organisation_lead, childrens_services):
    from django.utils import timezone

    action = services.add_action(
        signed_pledge, by=organisation_lead, strand=Strand.RECOGNISE, description="Training for every team", owner="Workforce team", due_on=timezone.localdate()
    )
    personal = services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="I will listen first.")
    slug = childrens_services.slug
    urls = {
        name: reverse(f"pledges:{name}", args=[slug])
        for name in PAGES
        if name not in {"wall", "all", "personal-pledge", "edit-action", "action-done", "edit-personal-pledge", "remove-personal-pledge"}
    }
    urls["wall"] = reverse("pledges:wall")
    urls["all"] = reverse("pledges:all")
    urls["personal-pledge"] = reverse("pledges:personal-pledge")
    urls["edit-action"] = reverse("pledges:edit-action", args=[slug, action.public_id])
    urls["action-done"] = reverse("pledges:action-done", args=[slug, action.public_id])
    urls["edit-personal-pledge"] = reverse("pledges:edit-personal-pledge", args=[personal.public_id])
    urls["remove-personal-pledge"] = reverse("pledges:remove-personal-pledge", args=[personal.public_id])
    return urls


def _person(name, request):
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_role_is_allowed_or_refused_each_page(page, person, pages, as_person, request):
    client = as_person(_person(person, request))
    response = client.get(pages[page])
    if person in PAGES[page]:
        assert response.status_code == 200, (page, person)
    elif person == "anonymous" and page not in PUBLIC:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:sign-in"))
    else:
        assert response.status_code == 403, (page, person)


@pytest.mark.parametrize("person", PEOPLE)
def test_only_the_organisation_lead_may_open_the_signing_page(person, childrens_services, as_person, request):
    client = as_person(_person(person, request))
    response = client.get(reverse("pledges:sign", args=[childrens_services.slug]))
    expected = {"organisation_lead": 200, "anonymous": 302}.get(person, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("person", ["practitioner", "champion", "trainer", "other_agency_lead", "partnership_lead"])
def test_people_who_do_not_lead_cannot_post_changes(person, signed_pledge, childrens_services, as_person, request):
    client = as_person(_person(person, request))
    slug = childrens_services.slug
    data = {"vision": "Changed", "how_we_will_do_it": "Changed", "priorities": "Changed", "summary": "Changed"}
    for name in ("statement", "progress", "renew", "add-action", "champions"):
        assert client.post(reverse(f"pledges:{name}", args=[slug]), data).status_code == 403
    signed_pledge.refresh_from_db()
    assert signed_pledge.vision != "Changed"
    assert not PledgeAction.objects.exists()


@pytest.mark.parametrize("person", ["organisation_lead", "champion", "other_agency_lead"])
def test_only_the_partnership_lead_may_post_a_withdrawal(person, signed_pledge, childrens_services, as_person, request):
    client = as_person(_person(person, request))
    response = client.post(reverse("pledges:withdraw", args=[childrens_services.slug]), {"reason": "No"})
    assert response.status_code == 403
    signed_pledge.refresh_from_db()
    assert signed_pledge.status == "published"


def test_unknown_organisations_are_not_found(as_person, organisation_lead):
    client = as_person(organisation_lead)
    for name in ("organisation", "manage", "sign", "statement", "actions", "renew"):
        assert client.get(reverse(f"pledges:{name}", args=["no-such-organisation"])).status_code == 404


def test_an_organisation_without_a_pledge_has_no_public_page(childrens_services, client):
    assert client.get(reverse("pledges:organisation", args=[childrens_services.slug])).status_code == 404


def test_a_withdrawn_pledge_has_a_calm_page_that_is_not_found(signed_pledge, partnership_lead, childrens_services, client):
    services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="Review")
    response = client.get(reverse("pledges:organisation", args=[childrens_services.slug]))
    assert response.status_code == 404
    assert "has been withdrawn" in response.content.decode()
    assert "Every child and family" not in response.content.decode()


def test_an_unknown_action_is_not_found(signed_pledge, childrens_services, as_person, organisation_lead):
    client = as_person(organisation_lead)
    url = reverse("pledges:edit-action", args=[childrens_services.slug, "00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_another_organisations_action_cannot_be_changed_through_ours(
    signed_pledge, other_pledge, other_agency_lead, childrens_services, community_health, as_person
):
    from django.utils import timezone

    theirs = services.add_action(other_pledge, by=other_agency_lead, strand=Strand.RESPOND, description="Theirs", owner="Them", due_on=timezone.localdate())
    client = as_person(other_agency_lead)
    assert client.get(reverse("pledges:edit-action", args=[childrens_services.slug, theirs.public_id])).status_code == 403
    assert client.get(reverse("pledges:edit-action", args=[community_health.slug, theirs.public_id])).status_code == 200
