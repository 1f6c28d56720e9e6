"""Champions write their own profiles and post to the network; the workforce finds them in the directory and reads the posts."""

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.refusals import Refused
from goldenthread.programme.champions import queries, rules, services
from goldenthread.programme.champions.models import NetworkPost

pytestmark = pytest.mark.django_db


def test_a_champion_writes_their_profile(profile, champion):
    assert profile.person == champion
    assert profile.interests == ["assessment", "reflective supervision"]
    assert profile.offers == ["peer-support", "bright-spot"]
    again = services.save_profile(champion, by=champion, interests="assessment; Assessment, schools", offers=[], about="")
    assert again.pk == profile.pk
    assert again.interests == ["assessment", "schools"]


def test_nobody_writes_another_persons_profile(champion, partnership_lead, practitioner):
    with pytest.raises(Refused):
        services.save_profile(champion, by=partnership_lead, interests="", offers=[], about="")
    with pytest.raises(Refused):
        services.save_profile(practitioner, by=practitioner, interests="", offers=[], about="")


def test_a_profile_refuses_what_is_not_on_the_lists(champion):
    with pytest.raises(ValidationError) as refused:
        services.save_profile(champion, by=champion, interests=", ".join(f"topic {n}" for n in range(11)), offers=["free lunch"], about="")
    assert refused.value.message_dict == {"interests": [rules.INTERESTS_TOO_MANY], "offers": [rules.NOT_AN_OFFER]}


def test_the_directory_filters_by_organisation_sector_interest_and_offer(profile, champion, community_health, other_agency_practitioner):
    def names(**filters):
        return [found.person.full_name for found in queries.champions(**filters)]

    assert names() == ["Jo Park"]
    assert names(organisation="riverbend-childrens-services") == ["Jo Park"]
    assert names(organisation=community_health.slug) == []
    assert names(sector="childrens-social-care") == ["Jo Park"]
    assert names(sector="health") == []
    assert names(sector="not-a-sector") == []
    assert names(interest="REFLECTIVE") == ["Jo Park"]
    assert names(interest="gardening") == []
    assert names(offer="bright-spot") == ["Jo Park"]
    assert names(offer="training") == []


def test_champions_and_the_partnership_team_post_and_the_workforce_reads(post, partnership_lead):
    services.post_to_network(by=partnership_lead, text="Welcome to the network (fictional).")
    assert [p.text for p in queries.posts()][1] == post.text


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "trainer", "family_member"])
def test_others_do_not_post(request, who):
    with pytest.raises(Refused):
        services.post_to_network(by=request.getfixturevalue(who), text="Hello")


def test_a_post_needs_words(champion):
    with pytest.raises(ValidationError) as refused:
        services.post_to_network(by=champion, text=" \n ")
    assert refused.value.message_dict == {"text": [rules.POST.required_message]}


def test_the_author_or_the_partnership_team_removes_a_post(post, champion, partnership_lead, organisation_lead):
    with pytest.raises(Refused):
        services.remove_post(post, by=organisation_lead)
    services.remove_post(post, by=partnership_lead)
    assert not NetworkPost.objects.exists()
    mine = services.post_to_network(by=champion, text="Another (fictional).")
    services.remove_post(mine, by=champion)
    assert not NetworkPost.objects.exists()
