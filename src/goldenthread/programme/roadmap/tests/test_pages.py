"""The roadmap's pages: a timeline by quarter and the same milestones as a table, filters that never fail, and forms that keep what was typed. Everyone is fictional."""

import re

import pytest
from django.urls import reverse

from goldenthread.programme.roadmap import menu, queries, services
from goldenthread.programme.roadmap.models import Milestone
from goldenthread.programme.work.models import Programme

from .conftest import in_days

pytestmark = pytest.mark.django_db
ROADMAP = reverse("programme:roadmap-home")


def page(client, user, url=ROADMAP, **params):
    client.force_login(user)
    return client.get(url, params)


def timeline_of(html: str) -> str:
    return html.split('id="timeline"', 1)[1].split('id="roadmap-table"', 1)[0]


def table_of(html: str) -> str:
    return html.split('id="roadmap-table"', 1)[1]


def titles_in(html: str, every_kind) -> list[str]:
    found = [(html.find(m.title.replace("'", "&#x27;")), m.title) for m in every_kind.values()]
    return [title for place, title in sorted(found) if place >= 0]


def test_the_timeline_and_the_table_show_the_same_milestones_in_date_order(client, partnership_lead, every_kind):
    html = page(client, partnership_lead).content.decode()

    in_order = [m.title for m in sorted(every_kind.values(), key=lambda m: m.due_on)]
    assert titles_in(timeline_of(html), every_kind) == in_order
    assert titles_in(table_of(html), every_kind) == in_order


def test_the_timeline_is_an_ordered_list_of_quarters_each_with_its_milestones(client, partnership_lead, every_kind):
    response = page(client, partnership_lead)
    timeline = timeline_of(response.content.decode())

    quarters = response.context["quarters"]
    assert sum(len(quarter.milestones) for quarter in quarters) == 5
    for quarter in quarters:
        assert re.search(r"(January to March|April to June|July to September|October to December) \d{4}", quarter.words)
        assert f'id="quarter-{quarter.key}"' in timeline and f'aria-labelledby="quarter-{quarter.key}"' in timeline
    assert timeline.count("<ol") == 1 + len(quarters)
    assert "govuk-tag govuk-tag--blue" in timeline and "Planned" in timeline


def test_the_table_sits_in_the_one_responsive_table(client, partnership_lead, every_kind):
    html = page(client, partnership_lead).content.decode()
    assert 'class="gt-table-scroll" role="region" aria-labelledby="roadmap-table" tabindex="0"' in html


def test_a_status_shows_as_a_tag_of_its_own_colour(client, partnership_lead, every_kind):
    services.mark_reached(every_kind["whole_system"], by=partnership_lead, reached_on=in_days(0))
    services.move_milestone(every_kind["health_sector"], by=partnership_lead, due_on=in_days(100), reason="The letters go out with the new term.")
    services.drop_milestone(every_kind["childrens_sector"], by=partnership_lead, reason="It is part of another milestone now.")
    html = page(client, partnership_lead).content.decode()
    for tag, words in (("green", "Reached"), ("yellow", "Moved to a new date"), ("grey", "Dropped"), ("blue", "Planned")):
        assert f'<strong class="govuk-tag govuk-tag--{tag}">{words}</strong>' in html


def test_filtering_by_sector_shows_that_sectors_milestones(client, partnership_lead, every_kind):
    shown = page(client, partnership_lead, sector="health").context["rows"]
    assert {item.milestone.title for item in shown} == {every_kind["health_sector"].title, every_kind["other_agency"].title}


def test_the_whole_system_filter_shows_only_whole_system_milestones(client, partnership_lead, every_kind):
    shown = page(client, partnership_lead, sector="whole-system").context["rows"]
    assert [item.milestone for item in shown] == [every_kind["whole_system"]]


def test_filtering_by_continuum_area_shows_the_milestones_that_move_it_forward(client, partnership_lead, every_kind):
    shown = page(client, partnership_lead, domain="language").context["rows"]
    assert [item.milestone for item in shown] == [every_kind["health_sector"], every_kind["own"]]


def test_filtering_by_programme_shows_that_programmes_milestones(client, partnership_lead, every_kind):
    other = Programme.objects.create(name="A year of trauma-informed schools (fictional)", starts_on=in_days(-10))
    theirs = services.add_milestone(other, by=partnership_lead, title="Every school has a calm space", description="What it means.", due_on=in_days(5))
    response = page(client, partnership_lead, programme=str(other.public_id))
    assert [item.milestone for item in response.context["rows"]] == [theirs]
    assert 'name="programme"' in response.content.decode(), "with two programmes, the programme filter is shown"


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "the-moon"},
        {"domain": "<script>alert(1)</script>"},
        {"programme": "not-an-id"},
        {"programme": "7d1e6f52-0000-4000-8000-000000000000"},
        {"part": "riverbend-community-health"},
        {"sector": "x" * 5000, "domain": "\x00"},
    ],
)
def test_a_filter_that_names_nothing_we_know_is_left_out_with_a_message_and_never_an_error(client, organisation_lead, every_kind, params):
    response = page(client, organisation_lead, **params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some of the filters could not be used" in html
    assert "is not one on the list, so that filter is not used" in html
    assert "<script>alert" not in html


def test_a_filter_in_broken_characters_is_left_out_too(client, organisation_lead, every_kind):
    client.force_login(organisation_lead)
    response = client.get(f"{ROADMAP}?part=%ED%A0%80&sector=%FF%FE&domain=%00")
    assert response.status_code == 200 and "Some of the filters could not be used" in response.content.decode()


def test_a_bad_filter_leaves_the_good_ones_working(client, partnership_lead, every_kind):
    response = page(client, partnership_lead, sector="health", domain="not-an-area")
    assert {item.milestone.title for item in response.context["rows"]} == {every_kind["health_sector"].title, every_kind["other_agency"].title}
    assert response.context["ignored"] and len(response.context["ignored"]) == 1


def test_clearing_the_filters_keeps_the_part_of_the_roadmap(client, organisation_lead, childrens_services, every_kind):
    html = page(client, organisation_lead, domain="language").content.decode()
    assert f'href="{ROADMAP}?part={childrens_services.slug}">Clear the filters</a>' in html


def test_a_milestone_page_shows_its_history_and_linked_actions(client, practitioner, own_milestone, organisation_lead):
    services.move_milestone(own_milestone, by=organisation_lead, due_on=in_days(130), reason="Families asked to help write it.")
    response = page(client, practitioner, reverse("programme:roadmap-milestone", args=[own_milestone.public_id]))
    html = response.content.decode()
    assert "Its history" in html and "Families asked to help write it." in html and "Sam Okafor" in html
    assert f"Moved from {in_days(120):%-d %B %Y} to {in_days(130):%-d %B %Y}" in html
    assert "No workstream actions are linked to this milestone yet." in html
    assert "Keeping this milestone" not in html, "a practitioner reads it, and does not keep it"


def test_a_keeper_is_told_gently_when_a_milestones_date_has_passed(client, organisation_lead, practitioner, recovery, childrens_services):
    past = services.add_milestone(
        recovery, by=organisation_lead, title="A calm welcome at reception", description="What it means.", due_on=in_days(-3), organisation=childrens_services
    )
    url = reverse("programme:roadmap-milestone", args=[past.public_id])
    assert "The date has passed" in page(client, organisation_lead, url).content.decode()
    assert "The date has passed" not in page(client, practitioner, url).content.decode()


def test_a_missing_milestone_is_not_found(client, practitioner):
    assert page(client, practitioner, "/programme/roadmap/7d1e6f52-0000-4000-8000-000000000000/").status_code == 404


# --- adding and changing ------------------------------------------------------------------------


def new_milestone(**changes):
    day = in_days(40)
    data = {
        "title": "Every team has a reflective space each month",
        "description": "Teams can take an hour a month to talk about how the work is sitting with them.",
        "due_on_0": str(day.day),
        "due_on_1": day.strftime("%B"),
        "due_on_2": str(day.year),
        "for_whom": "whole-system",
        "domains": ["wellbeing"],
        "principles": ["calming"],
    }
    return {**data, **changes}


def test_the_partnership_team_adds_a_whole_system_milestone(client, partnership_lead, recovery):
    client.force_login(partnership_lead)
    response = client.post(reverse("programme:roadmap-add"), new_milestone())
    added = Milestone.objects.get()
    assert response.status_code == 302 and response.url == reverse("programme:roadmap-milestone", args=[added.public_id])
    assert (added.programme, added.due_on, added.is_whole_system, added.domains) == (recovery, in_days(40), True, ["wellbeing"])


def test_a_mistake_on_the_add_page_keeps_everything_typed(client, partnership_lead, recovery):
    client.force_login(partnership_lead)
    response = client.post(reverse("programme:roadmap-add"), new_milestone(due_on_0="31", due_on_1="Feb", due_on_2="2027", title=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "February 2027 has 28 days" in html
    assert "Teams can take an hour a month" in html and 'value="Feb"' in html and 'value="31"' in html
    assert 'value="wellbeing" checked' in html
    assert not Milestone.objects.exists()


def test_an_organisation_lead_adds_their_own_organisations_milestone_without_choosing(client, organisation_lead, childrens_services, recovery):
    client.force_login(organisation_lead)
    form_page = client.get(reverse("programme:roadmap-add")).content.decode()
    assert "Who it is for:</strong> Riverbend Children&#x27;s Services" in form_page and 'name="for_whom"' not in form_page
    client.post(reverse("programme:roadmap-add"), new_milestone(for_whom="whole-system"))
    assert Milestone.objects.get().organisation == childrens_services


def test_words_with_something_to_advise_on_are_shown_once_before_they_go_on_the_roadmap(client, partnership_lead, recovery):
    client.force_login(partnership_lead)
    words = new_milestone(description="Fewer families who failed to engage with services.")
    first = client.post(reverse("programme:roadmap-add"), words)
    assert first.status_code == 200 and "Before it goes on the shared roadmap" in first.content.decode()
    assert not Milestone.objects.exists()
    checked = re.search(r'name="words_checked" value="([0-9a-f]+)"', first.content.decode()).group(1)
    second = client.post(reverse("programme:roadmap-add"), {**words, "words_checked": checked})
    assert second.status_code == 302 and Milestone.objects.count() == 1


def test_without_an_open_programme_the_add_page_says_who_starts_one(client, partnership_lead):
    html = page(client, partnership_lead, reverse("programme:roadmap-add")).content.decode()
    assert "no programme is open yet" in html and 'name="title"' not in html


def test_changing_a_milestone_keeps_its_date_for_moving(client, partnership_lead, whole_system):
    client.force_login(partnership_lead)
    url = reverse("programme:roadmap-change", args=[whole_system.public_id])
    assert 'name="due_on_0"' not in client.get(url).content.decode()
    response = client.post(
        url, {"title": "A shared plan, agreed by all", "description": "Short and clear.", "for_whom": "sector:health", "domains": ["leadership"]}
    )
    assert response.status_code == 302
    whole_system.refresh_from_db()
    assert (whole_system.title, whole_system.sector, whole_system.domains, whole_system.principles) == (
        "A shared plan, agreed by all",
        "health",
        ["leadership"],
        [],
    )


def test_a_mistake_on_the_change_page_keeps_what_was_typed(client, partnership_lead, whole_system):
    client.force_login(partnership_lead)
    url = reverse("programme:roadmap-change", args=[whole_system.public_id])
    response = client.post(url, {"title": "", "description": "My new words about the plan.", "for_whom": "sector:nowhere", "domains": ["nope"]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "My new words about the plan." in html
    assert "Choose who the milestone is for" in html and "Choose areas of the continuum from the list" in html


def test_moving_a_milestone_on_its_page(client, organisation_lead, own_milestone):
    client.force_login(organisation_lead)
    url = reverse("programme:roadmap-move", args=[own_milestone.public_id])
    day = in_days(160)
    response = client.post(url, {"due_on_0": day.day, "due_on_1": day.month, "due_on_2": day.year, "reason": "Families asked to help write it."}, follow=True)
    assert f"The milestone is moved to {day:%-d %B %Y}" in response.content.decode()
    own_milestone.refresh_from_db()
    assert (own_milestone.status, own_milestone.due_on) == ("moved", day)


def test_a_mistake_on_the_move_page_keeps_what_was_typed(client, organisation_lead, own_milestone):
    client.force_login(organisation_lead)
    url = reverse("programme:roadmap-move", args=[own_milestone.public_id])
    day = own_milestone.due_on
    response = client.post(url, {"due_on_0": day.day, "due_on_1": day.month, "due_on_2": day.year, "reason": "We need the summer to plan it."})
    html = response.content.decode()
    assert response.status_code == 400 and "Enter a date that is not the one it has now" in html and "We need the summer to plan it." in html


def test_marking_a_milestone_reached_on_its_page(client, partnership_lead, whole_system):
    client.force_login(partnership_lead)
    url = reverse("programme:roadmap-reached", args=[whole_system.public_id])
    day = in_days(-2)
    response = client.post(url, {"reached_on_0": day.day, "reached_on_1": day.month, "reached_on_2": day.year, "note": "Agreed at the board."})
    assert response.status_code == 302
    whole_system.refresh_from_db()
    assert (whole_system.status, whole_system.reached_on) == ("reached", day)


def test_a_day_to_come_on_the_reached_page_is_refused_with_what_was_typed_kept(client, partnership_lead, whole_system):
    client.force_login(partnership_lead)
    day = in_days(20)
    url = reverse("programme:roadmap-reached", args=[whole_system.public_id])
    response = client.post(url, {"reached_on_0": day.day, "reached_on_1": day.month, "reached_on_2": day.year, "note": "What helped was time."})
    assert response.status_code == 400 and "today or in the past" in response.content.decode() and "What helped was time." in response.content.decode()


def test_dropping_a_milestone_on_its_page_then_it_can_no_longer_be_changed(client, partnership_lead, childrens_sector):
    client.force_login(partnership_lead)
    assert client.post(reverse("programme:roadmap-drop", args=[childrens_sector.public_id]), {"reason": ""}).status_code == 400
    client.post(reverse("programme:roadmap-drop", args=[childrens_sector.public_id]), {"reason": "It is part of the supervision milestone now."})
    childrens_sector.refresh_from_db()
    assert childrens_sector.status == "dropped"
    for name in ("roadmap-change", "roadmap-move", "roadmap-reached", "roadmap-drop"):
        response = client.get(reverse(f"programme:{name}", args=[childrens_sector.public_id]), follow=True)
        assert "This milestone is dropped, so it cannot be changed" in response.content.decode()


def test_the_programme_home_page_has_the_shared_roadmap_section(client, organisation_lead, childrens_services):
    heading, links = menu.home_links(organisation_lead)
    assert heading == "The shared roadmap"
    assert (f"The part of the roadmap for {childrens_services.name}", f"{ROADMAP}?part={childrens_services.slug}") in links
    assert ("Add a milestone", reverse("programme:roadmap-add")) in links
    assert menu.home_links(None) is None


def test_the_next_milestones_query_is_what_the_board_reads(recovery, every_kind):
    assert queries.next_milestones(recovery, limit=1) == [every_kind["whole_system"]]


def test_with_two_open_programmes_the_add_page_asks_which_and_a_link_can_choose_it(client, partnership_lead, recovery):
    other = Programme.objects.create(name="A year of trauma-informed schools (fictional)", starts_on=in_days(-10))
    client.force_login(partnership_lead)
    html = client.get(reverse("programme:roadmap-add"), {"programme": str(other.public_id)}).content.decode()
    assert 'name="programme"' in html and f'value="{other.public_id}" checked' in html
    assert client.post(reverse("programme:roadmap-add"), new_milestone()).status_code == 400, "which programme must be chosen"
    client.post(reverse("programme:roadmap-add"), new_milestone(programme=str(other.public_id)))
    assert Milestone.objects.get().programme == other
