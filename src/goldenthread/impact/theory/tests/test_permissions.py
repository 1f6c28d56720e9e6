"""Who may read and keep the theory of change, as a matrix: every person the partnership has, against every page and every change.

Everyone in the workforce reads the version in force, every earlier version and the PDF; only
the partnership team (Alex Morgan) opens the draft and its editing pages, and only they may
change anything. The data protection lead (in no organisation) and a family member's own
account see none of it.
"""

import pytest
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.impact.theory import menu, permissions, services, waiting
from goldenthread.impact.theory.models import TheoryVersion

from .conftest import KEEPERS, NOT_WORKFORCE, WORKFORCE, person, signed_in

pytestmark = pytest.mark.django_db
EVERYONE = [*WORKFORCE, *NOT_WORKFORCE]


def reading_pages(in_force):
    return [reverse("impact:theory"), reverse("impact:theory_versions"), reverse("impact:theory_version", args=[in_force.number]), reverse("impact:theory_pdf")]


def keeping_pages(draft):
    outcome, activity, assumption = draft.outcomes.first(), draft.activities.first(), draft.assumptions.first()
    return [
        reverse("impact:theory_draft"),
        reverse("impact:theory_start"),
        reverse("impact:theory_publish"),
        reverse("impact:theory_discard"),
        reverse("impact:theory_outcome_add"),
        reverse("impact:theory_outcome_change", args=[outcome.public_id]),
        reverse("impact:theory_outcome_remove", args=[outcome.public_id]),
        reverse("impact:theory_activity_add"),
        reverse("impact:theory_activity_change", args=[activity.public_id]),
        reverse("impact:theory_activity_remove", args=[activity.public_id]),
        reverse("impact:theory_assumption_add"),
        reverse("impact:theory_assumption_change", args=[assumption.public_id]),
        reverse("impact:theory_assumption_remove", args=[assumption.public_id]),
    ]


@pytest.mark.parametrize("who", [*EVERYONE, "anonymous"])
def test_the_workforce_reads_and_the_partnership_team_keeps(request, who):
    user = person(request, who)
    assert permissions.can_read(user) is (who in WORKFORCE)
    assert permissions.can_keep(user) is (who in KEEPERS)


@pytest.mark.parametrize("who", [*EVERYONE, "anonymous"])
def test_every_page_answers_each_person_as_the_matrix_says(request, who, in_force, draft):
    user = person(request, who)
    client = signed_in(user)
    for url in reading_pages(in_force):
        status = client.get(url).status_code
        expected = 302 if user is None else 200 if who in WORKFORCE else 403
        assert status == expected, (who, url)
    for url in keeping_pages(draft):
        status = client.get(url).status_code
        expected = 302 if user is None else 200 if who in KEEPERS else 403
        assert status == expected, (who, url)


@pytest.mark.parametrize("who", [who for who in EVERYONE if who not in KEEPERS])
def test_every_change_is_refused_by_the_service_to_anyone_but_the_partnership_team(request, who, in_force, draft):
    user = person(request, who)
    outcome, activity, assumption = draft.outcomes.first(), draft.activities.first(), draft.assumptions.first()
    for attempt in (
        lambda: services.start_draft(by=user),
        lambda: services.add_outcome(draft, by=user, title="Another", horizon="short", for_whom="children"),
        lambda: services.change_outcome(outcome, by=user, version=outcome.version, title="Changed", horizon="short", for_whom="children"),
        lambda: services.remove_outcome(outcome, by=user),
        lambda: services.add_activity(draft, by=user, title="Another"),
        lambda: services.change_activity(activity, by=user, version=activity.version, title="Changed"),
        lambda: services.remove_activity(activity, by=user),
        lambda: services.add_assumption(draft, by=user, text="Another"),
        lambda: services.change_assumption(assumption, by=user, version=assumption.version, text="Changed"),
        lambda: services.remove_assumption(assumption, by=user),
        lambda: services.publish(draft, by=user, note="Published."),
        lambda: services.discard(draft, by=user),
    ):
        with pytest.raises(Refused):
            attempt()
    draft.refresh_from_db()
    assert draft.is_draft and draft.outcomes.count() == 3 and TheoryVersion.objects.count() == 2


@pytest.mark.parametrize("who", [who for who in EVERYONE if who not in KEEPERS])
def test_a_post_to_any_editing_page_changes_nothing_for_anyone_else(request, who, draft):
    client = signed_in(person(request, who))
    for url in keeping_pages(draft)[1:]:  # the draft page itself only reads
        assert client.post(url, {"title": "Changed", "horizon": "short", "for_whom": "children", "text": "Changed", "note": "Changed"}).status_code == 403
    assert TheoryVersion.objects.get(pk=draft.pk).is_draft and draft.outcomes.count() == 3


def test_a_family_members_own_account_is_refused_everywhere(family_member, in_force, draft, family_client):
    client = family_client(family_member)
    for url in [*reading_pages(in_force), *keeping_pages(draft)]:
        assert client.get(url).status_code in (403, 404), url
    assert menu.home_links(family_member) == [] and menu.home_cards(family_member) == [] and waiting.waiting(family_member) == []


@pytest.mark.parametrize("who", EVERYONE)
def test_the_draft_waits_only_for_the_partnership_team(request, who, draft):
    notices = waiting.waiting(person(request, who))
    if who in KEEPERS:
        (notice,) = notices
        assert "version 2" in notice.what and notice.link == reverse("impact:theory_draft")
    else:
        assert notices == []


@pytest.mark.parametrize("who", EVERYONE)
def test_the_home_links_follow_the_matrix(request, who, in_force):
    links = dict((words, url) for words, url in menu.home_links(person(request, who)))
    if who not in WORKFORCE:
        assert links == {}
        return
    assert links["The theory of change in force"] == reverse("impact:theory")
    assert ("Start a draft of the next version" in links) is (who in KEEPERS)
    assert menu.home_cards(person(request, who))[0]["links"] == [("Read the theory of change", reverse("impact:theory"))]
