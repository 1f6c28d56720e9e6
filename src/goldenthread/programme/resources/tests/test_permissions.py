"""Who may do what in the resources library, as a matrix: every person the partnership has, against every page.

Jo Park (champion, Riverbend Children's Services) added a guide from her organisation. Anyone in the workforce reads the
library, opens the guide and downloads it. Champions, organisation leads and the partnership team
add resources; Jo, her organisation's lead and the partnership team add new versions of her guide. Jo and the partnership team change or withdraw it. A family
member, and anyone else with no role, sees none of it. Everyone here is fictional.
"""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from goldenthread.core.middleware import FAMILY_ACCOUNT_REFUSED
from goldenthread.core.models import User
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Membership
from goldenthread.programme.resources import menu, permissions, rules, services
from goldenthread.programme.resources.models import Resource, ResourceVersion

from .conftest import resource_details, upload

pytestmark = pytest.mark.django_db

WORKFORCE = ["partnership_lead", "organisation_lead", "champion", "practitioner", "other_agency_practitioner", "other_agency_lead", "trainer"]
NOT_WORKFORCE = ["data_protection_lead", "family_member"]
EVERYONE = [*WORKFORCE, *NOT_WORKFORCE, "anonymous"]
ADDERS = {"partnership_lead", "organisation_lead", "champion", "other_agency_lead"}
KEEPERS = {"partnership_lead", "champion"}  # Jo added the guide; the partnership team keeps the library
# A new version replaces the file everyone downloads: Jo, the partnership team, and the guide's own organisation's lead.
VERSION_ADDERS = {"partnership_lead", "champion", "organisation_lead"}


def person(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def expected(who, allowed: set[str]) -> int:
    if who == "anonymous":
        return 302  # to the sign-in page
    return 200 if who in allowed else 403


def pages(guide) -> dict[str, tuple[str, set[str]]]:
    everyone_in_the_workforce = set(WORKFORCE)
    return {
        "library": (reverse("programme:resources-library"), everyone_in_the_workforce),
        "resource": (reverse("programme:resources-detail", args=[guide.public_id]), everyone_in_the_workforce),
        "download": (reverse("programme:resources-download", args=[guide.public_id, 1]), everyone_in_the_workforce),
        "add": (reverse("programme:resources-add"), ADDERS),
        "add a version": (reverse("programme:resources-add-version", args=[guide.public_id]), VERSION_ADDERS),
        "change": (reverse("programme:resources-change", args=[guide.public_id]), KEEPERS),
        "withdraw": (reverse("programme:resources-withdraw", args=[guide.public_id]), KEEPERS),
    }


@pytest.mark.parametrize("who", EVERYONE)
def test_each_page_answers_each_person_as_their_role_allows(client, request, guide, who):
    user = person(request, who)
    if user is not None:
        client.force_login(user)
    for name, (url, allowed) in pages(guide).items():
        response = client.get(url)
        assert response.status_code == expected(who, allowed), (who, name)
        if response.status_code == 403 and user is not None and user.is_family_account:
            assert FAMILY_ACCOUNT_REFUSED in response.content.decode()  # refused before the page: their own pages are elsewhere
        elif response.status_code == 403:
            assert "ask" in response.content.decode().lower()  # the refusal says who to ask


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE])
def test_the_permission_functions_agree_with_the_pages(request, guide, who):
    user = person(request, who)
    assert permissions.can_read_library(user) == (who in WORKFORCE)
    assert permissions.can_download(user, guide) == (who in WORKFORCE)
    assert permissions.can_add(user) == (who in ADDERS)
    assert permissions.can_add_version(user, guide) == (who in VERSION_ADDERS)
    assert permissions.can_change(user, guide) == (who in KEEPERS)
    assert permissions.can_withdraw(user, guide) == (who in KEEPERS)


@pytest.mark.parametrize("who", sorted({*WORKFORCE, *NOT_WORKFORCE} - ADDERS))
def test_someone_who_may_not_add_is_refused_by_the_service_and_the_page(client, request, who):
    user = person(request, who)
    with pytest.raises(Refused):
        services.add_resource(by=user, title="A guide", summary="About it.", kind="guide", link="https://www.partnership.riverbend.example/a")
    client.force_login(user)
    response = client.post(reverse("programme:resources-add"), {**resource_details(), "link": "https://www.partnership.riverbend.example/a"})
    assert response.status_code == 403
    assert not Resource.objects.exists()


@pytest.mark.parametrize("who", sorted({*WORKFORCE, *NOT_WORKFORCE} - ADDERS))
def test_someone_who_may_not_add_cannot_add_a_version(client, request, guide, who):
    user = person(request, who)
    with pytest.raises(Refused):
        services.add_version(guide, by=user, link="https://www.partnership.riverbend.example/b", note="Newer.")
    client.force_login(user)
    response = client.post(
        reverse("programme:resources-add-version", args=[guide.public_id]), {"link": "https://www.partnership.riverbend.example/b", "note": "Newer."}
    )
    assert response.status_code == 403
    assert ResourceVersion.objects.filter(resource=guide).count() == 1


@pytest.mark.parametrize("who", sorted({*WORKFORCE, *NOT_WORKFORCE} - KEEPERS))
def test_only_the_person_who_added_it_and_the_partnership_team_change_or_withdraw_it(client, request, guide, who):
    user = person(request, who)
    with pytest.raises(Refused):
        services.change_resource(guide, by=user, title="Renamed", summary="Changed.", kind="tool")
    with pytest.raises(Refused):
        services.withdraw_resource(guide, by=user)
    client.force_login(user)
    client.post(reverse("programme:resources-change", args=[guide.public_id]), {"title": "Renamed", "summary": "Changed.", "kind": "tool"})
    client.post(reverse("programme:resources-withdraw", args=[guide.public_id]), {"reason": ""})
    guide.refresh_from_db()
    assert guide.title == "Writing with families: words that help (fictional)" and not guide.is_withdrawn


def test_a_lead_of_the_organisation_a_resource_comes_from_adds_a_version_to_it(guide, organisation_lead):
    version = services.add_version(guide, by=organisation_lead, link="https://www.partnership.riverbend.example/writing-2", note="New address.")
    assert version.number == 2


def test_a_lead_of_another_organisation_cannot_replace_the_file_everyone_downloads(guide, linked_tool, other_agency_lead, champion):
    for resource, someone in ((guide, other_agency_lead), (linked_tool, champion)):
        assert not permissions.can_add_version(someone, resource)
        with pytest.raises(Refused):
            services.add_version(resource, by=someone, link="https://www.partnership.riverbend.example/swapped", note="Swapped.")


def test_the_person_who_added_it_cannot_change_it_once_they_leave_the_partnership(guide, champion):
    Membership.objects.filter(user=champion).delete()
    leaver = User.objects.get(pk=champion.pk)  # without what was remembered about their roles
    assert not permissions.can_change(leaver, guide)
    with pytest.raises(Refused):
        services.change_resource(guide, by=leaver, title="Renamed", summary="Changed.", kind="tool")


def test_a_resource_can_say_it_comes_from_the_persons_own_organisation_only(champion, community_health, childrens_services):
    errors_for_other = None
    try:
        services.add_resource(
            by=champion, title="A guide", summary="About it.", kind="guide", organisation=community_health, link="https://www.partnership.riverbend.example/a"
        )
    except Exception as problem:  # noqa: BLE001 - the ValidationError's messages are what matter
        errors_for_other = problem.message_dict
    assert errors_for_other == {"organisation": [rules.NOT_YOUR_ORGANISATION]}
    own = services.add_resource(
        by=champion, title="A guide", summary="About it.", kind="guide", organisation=childrens_services, link="https://www.partnership.riverbend.example/a"
    )
    assert own.organisation == childrens_services


def test_the_add_page_offers_the_persons_own_organisations_and_the_partnership(client, champion, community_health):
    client.force_login(champion)
    page = unescape(client.get(reverse("programme:resources-add")).content.decode())
    assert "Riverbend Children's Services" in page
    assert "Riverbend Community Health" not in page
    assert "The partnership as a whole" in page


def test_posting_an_organisation_that_is_not_theirs_comes_back_with_everything_kept(client, champion, community_health):
    client.force_login(champion)
    response = client.post(
        reverse("programme:resources-add"), {**resource_details(), "organisation": community_health.slug, "file": upload("guide.txt", b"Ask the family.")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == [rules.NOT_YOUR_ORGANISATION]
    assert not Resource.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_the_programme_home_page_offers_the_library_to_the_workforce_and_adding_to_those_who_may(request, who):
    user = person(request, who)
    from django.contrib.auth.models import AnonymousUser

    links = menu.home_links(user or AnonymousUser())
    if who not in WORKFORCE:
        assert links is None
        return
    heading, items = links
    assert heading == "Resources"
    addresses = [address for _, address in items]
    assert reverse("programme:resources-library") in addresses
    assert (reverse("programme:resources-add") in addresses) == (who in ADDERS)
    assert menu.home_cards(user) == []


def test_an_unknown_resource_is_not_found(client, practitioner):
    client.force_login(practitioner)
    assert client.get(reverse("programme:resources-detail", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    assert client.get("/programme/resources/not-an-id/").status_code == 404
