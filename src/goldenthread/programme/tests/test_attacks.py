"""The programme attacked: by someone with no sign-in, a partner agency, a family member, and people trying to do more than their role allows.

Each test is one attack (or one family of them, walked over every page or field) and states
what must happen: a refusal (403), "not found" (404), a form that comes back with a clear
message (400), never a server error (500), and nothing changed or shown that should not be.

The partnership is the shared fictional one (the root conftest): Alex Morgan leads it; Sam
Okafor leads Riverbend Children's Services, where Jo Park is a champion, Riley Shah a
practitioner and Pat Lee a trainer; Drew Hughes leads Riverbend Community Health, where Casey
Evans is a health visitor; Marnie Brightwater is a family member. Everything is fictional.
"""

from __future__ import annotations

import html
import io
import re
import time
import zipfile
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, reverse
from django.utils import timezone
from django.utils.html import escape

from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.tokens import bearer, smuggled_bearer
from goldenthread.partnership.models import Membership, Role
from goldenthread.programme import urls as programme_urls
from goldenthread.programme.champions import rules as champion_rules
from goldenthread.programme.champions import services as champions
from goldenthread.programme.champions.models import ChampionVolunteer, NetworkPost
from goldenthread.programme.resources import rules as resource_rules
from goldenthread.programme.resources import services as resources
from goldenthread.programme.resources.models import Resource, ResourceVersion
from goldenthread.programme.roadmap import services as roadmap
from goldenthread.programme.roadmap.models import Milestone
from goldenthread.programme.stories import services as stories
from goldenthread.programme.stories.models import Story
from goldenthread.programme.work import rules as work_rules
from goldenthread.programme.work import services as work
from goldenthread.programme.work.models import JoinRequest, Meeting, WorkstreamAction, WorkstreamMember

pytestmark = pytest.mark.django_db

API = "/api/v1/programme"
PAYLOAD = '<script>alert("gt")</script><img src=x onerror=alert(1)>'
SHORT_PAYLOAD = "<script>alert(1)</script>"
RAW_MARKS = ("<script>alert(", "<img src=x")  # what a page that failed to escape the payload would contain
PUBLIC_PAGES = {"stories-public", "stories-public-detail"}
HIDDEN_STORIES = ("WAITING-STORY", "DRAFT-STORY", "SENT-BACK-STORY", "WITHDRAWN-STORY")
NUL = "\x00"
TOO_LONG = "x" * 20_000
ODD = "\u202etxt.exe \u200d\u2066\ufeff Zoë 🌈 e\u0301 \U0001d54f"  # right-to-left override, joiners, BOM, emoji, combining accent


def days(count: int):
    return timezone.localdate() + timedelta(days=count)


def day_fields(name: str, day) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def as_(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def says(response, message: str) -> bool:
    """Whether the page shows the message (however its apostrophes and quotes were escaped)."""
    return message in html.unescape(response.content.decode())


def url(name: str, **kwargs) -> str:
    return reverse(f"programme:{name}", kwargs=kwargs)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


# The world every attack is made on -----------------------------------------------------------


def story(title: str, *, mark: str = "", reach: str = "partnership") -> dict:
    return {
        "title": title,
        "what_we_did": f"We moved family time to the park. {mark}".strip(),
        "what_changed": f"Family time felt like ordinary life. {mark}".strip(),
        "what_families_said": f"It felt normal. {mark}".strip(),
        "domains": ["relationships"],
        "principles": ["connectedness"],
        "consent_given_by": f"the parent CONSENT-BY {mark}".strip(),
        "consent_how": f"in person CONSENT-HOW {mark}".strip(),
        "consent_on": days(-3),
        "consent_confirmed": True,
        "reach": reach,
    }


def story_form(**changes) -> dict:
    day = days(-3)
    data = {
        "title": "A story sent from a form (fictional)",
        "what_we_did": "We listened first.",
        "what_changed": "The family came back.",
        "what_families_said": "",
        "domains": ["relationships"],
        "principles": ["connectedness"],
        "reach": "partnership",
        "consent_given_by": "the family",
        "consent_how": "in person",
        **day_fields("consent_on", day),
        "consent_confirmed": "on",
        "next_step": "draft",
    }
    data.update(changes)
    return data


@pytest.fixture
def people(
    partnership_lead, organisation_lead, champion, practitioner, other_agency_practitioner, other_agency_lead, trainer, childrens_services, community_health
):
    return SimpleNamespace(
        partnership_lead=partnership_lead,
        organisation_lead=organisation_lead,
        champion=champion,
        practitioner=practitioner,
        other_agency_practitioner=other_agency_practitioner,
        other_agency_lead=other_agency_lead,
        trainer=trainer,
        childrens_services=childrens_services,
        community_health=community_health,
    )


def build_world(p, *, mark: str = "") -> SimpleNamespace:
    """One of everything, made through the services; every free text carries `mark` (empty, or the injection payload)."""

    def t(words: str) -> str:
        return f"{words} {mark}".strip()

    w = SimpleNamespace()
    # Work: workstream "ws" led by Drew (health) with Casey; "ws2" led by Sam (children's services) with Jo.
    w.programme = work.start_programme(by=p.partnership_lead, name=t("Recovery response"), purpose=t("After the flood"), starts_on=days(-60))
    w.ws = work.start_workstream(
        w.programme, by=p.partnership_lead, name=t("Communication"), purpose=t("Plain words"), principles=["hope"], lead=p.other_agency_lead
    )
    w.member = work.add_member(w.ws, by=p.partnership_lead, person=p.other_agency_practitioner)
    w.lead_member = w.ws.members.get(person=p.other_agency_lead)
    w.meeting = work.record_meeting(w.ws, by=p.other_agency_lead, held_on=days(-2), notes=t("We met"), attended=list(w.ws.members.all()))
    w.action = work.add_action(w.ws, by=p.other_agency_lead, meeting=w.meeting, description=t("Write a guide"), owner=t("Drew"), due_on=days(10))
    work.move_action(w.action, by=p.other_agency_lead, due_on=days(12), reason=t("Holidays"))
    w.cancelled = work.add_action(w.ws, by=p.other_agency_lead, description=t("Old idea"), owner=t("Casey"), due_on=days(3))
    work.cancel_action(w.cancelled, by=p.other_agency_lead, reason=t("Not needed"))
    w.join = work.ask_to_join(w.ws, by=p.practitioner, message=t("I would like to help"))
    w.declined = work.decide_join_request(work.ask_to_join(w.ws, by=p.champion, message=t("Me too")), by=p.other_agency_lead, accept=False, reply=t("Not now"))
    w.ws2 = work.start_workstream(
        w.programme, by=p.partnership_lead, name=t("Training"), purpose=t("Training everyone"), principles=["safety"], lead=p.organisation_lead
    )
    w.member2 = work.add_member(w.ws2, by=p.partnership_lead, person=p.champion)
    w.meeting2 = work.record_meeting(w.ws2, by=p.organisation_lead, held_on=days(-1), notes=t("Second meeting"), attended=list(w.ws2.members.all()))
    w.action2 = work.add_action(w.ws2, by=p.organisation_lead, description=t("Book rooms"), owner=t("Sam"), due_on=days(5))
    w.join2 = work.ask_to_join(w.ws2, by=p.trainer, message=t("Training is my job"))
    # The roadmap: the whole system's (Alex), Children's Services' own (Sam), Community Health's own (Drew).
    w.whole = roadmap.add_milestone(
        w.programme, by=p.partnership_lead, title=t("A shared plan"), description=t("Everyone knows"), due_on=days(30), actions=[w.action]
    )
    w.own = roadmap.add_milestone(
        w.programme, by=p.organisation_lead, title=t("Plans with families"), description=t("In their words"), due_on=days(60), organisation=p.childrens_services
    )
    roadmap.move_milestone(w.own, by=p.organisation_lead, due_on=days(70), reason=t("Later"))
    w.theirs = roadmap.add_milestone(
        w.programme, by=p.other_agency_lead, title=t("Calm clinics"), description=t("A quiet corner"), due_on=days(90), organisation=p.community_health
    )
    w.dropped = roadmap.add_milestone(w.programme, by=p.partnership_lead, title=t("Dropped one"), description=t("Gone"), due_on=days(20))
    roadmap.drop_milestone(w.dropped, by=p.partnership_lead, reason=t("Folded in"))
    w.reached = roadmap.add_milestone(w.programme, by=p.partnership_lead, title=t("Reached one"), description=t("Done"), due_on=days(10))
    roadmap.mark_reached(w.reached, by=p.partnership_lead, reached_on=days(0), note=t("Well done"))
    w.past = roadmap.add_milestone(w.programme, by=p.partnership_lead, title=t("Past its date"), description=t("Late"), due_on=days(-5))
    # The library: Jo's guide (a file), Drew's tool (a link), Jo's old leaflet (withdrawn).
    w.guide = resources.add_resource(
        by=p.champion,
        title=t("Writing with families"),
        summary=t("How to write"),
        kind="guide",
        note=t("Agreed"),
        upload=upload("writing-with-families.md", b"# Writing with families\n\nDescribe what happened.\n"),
    )
    w.tool = resources.add_resource(
        by=p.other_agency_lead, title=t("Clinic check-in"), summary=t("Ten minutes"), kind="tool", link="https://www.partnership.example/check-in"
    )
    w.old = resources.add_resource(by=p.champion, title=t("Old leaflet"), summary=t("Out of date"), kind="guide", upload=upload("old.txt", b"Old words.\n"))
    resources.withdraw_resource(w.old, by=p.champion, reason=t("Replaced"))
    # Stories, all Riley's, at every stage.
    org = p.childrens_services
    w.waiting = stories.share_story(org, by=p.practitioner, **story(t("WAITING-STORY"), mark=mark))
    w.draft = stories.share_story(org, by=p.practitioner, send=False, **story(t("DRAFT-STORY"), mark=mark))
    w.sent_back = stories.send_back_story(
        stories.share_story(org, by=p.practitioner, **story(t("SENT-BACK-STORY"), mark=mark)), by=p.champion, reason=t("Say more")
    )
    w.withdrawn = stories.withdraw_story(stories.share_story(org, by=p.practitioner, **story(t("WITHDRAWN-STORY"), mark=mark)), by=p.practitioner)
    w.approved = stories.approve_story(stories.share_story(org, by=p.practitioner, **story(t("PARTNERSHIP-STORY"), mark=mark)), by=p.champion)
    w.public = stories.approve_story(stories.share_story(org, by=p.practitioner, **story(t("PUBLIC-STORY"), mark=mark, reach="public")), by=p.organisation_lead)
    # The champions network: Jo's profile and post, the team's post, Riley's offer to be a champion.
    w.profile = champions.save_profile(
        p.champion, by=p.champion, interests=f"schools, {SHORT_PAYLOAD if mark else 'early years'}", offers=["peer-support"], about=t("Happy to talk")
    )
    w.post = champions.post_to_network(by=p.champion, text=t("An open session"))
    w.team_post = champions.post_to_network(by=p.partnership_lead, text=t("News from the team"))
    w.offer = champions.volunteer(p.childrens_services, by=p.practitioner, why=t("I listen"))
    return w


@pytest.fixture
def world(people):
    return build_world(people)


def page_arguments(w, p) -> dict[str, dict]:
    """Real arguments for every page of the programme, by its name."""
    programme = {"public_id": w.programme.public_id}
    ws = {"public_id": w.ws.public_id}
    action = {"public_id": w.ws.public_id, "action_id": w.action.public_id}
    milestone = {"public_id": w.own.public_id}
    resource = {"public_id": w.guide.public_id}
    waiting = {"public_id": w.waiting.public_id}
    return {
        "home": {},
        "work-programmes": {},
        "work-programme-add": {},
        "work-programme": programme,
        "work-programme-edit": programme,
        "work-board": programme,
        "work-workstream-add": programme,
        "work-workstreams": {},
        "work-workstream": ws,
        "work-workstream-edit": ws,
        "work-join": ws,
        "work-member-add": ws,
        "work-member-remove": {**ws, "member_id": w.member.public_id},
        "work-meeting-add": ws,
        "work-meeting": {"public_id": w.meeting.public_id},
        "work-meeting-edit": {"public_id": w.meeting.public_id},
        "work-actions": ws,
        "work-add-action": ws,
        "work-action": action,
        "work-edit-action": action,
        "work-action-done": action,
        "work-action-move": action,
        "work-action-cancel": action,
        "work-join-request": {"public_id": w.join.public_id},
        "roadmap-home": {},
        "roadmap-add": {},
        "roadmap-milestone": milestone,
        "roadmap-change": milestone,
        "roadmap-reached": milestone,
        "roadmap-move": milestone,
        "roadmap-drop": milestone,
        "resources-library": {},
        "resources-add": {},
        "resources-detail": resource,
        "resources-add-version": resource,
        "resources-download": {**resource, "number": 1},
        "resources-change": resource,
        "resources-withdraw": resource,
        "stories-list": {},
        "stories-share": {},
        "stories-mine": {},
        "stories-waiting": {},
        "stories-public": {},
        "stories-public-detail": {"public_id": w.public.public_id},
        "stories-detail": waiting,
        "stories-edit": waiting,
        "stories-withdraw": waiting,
        "stories-decide": waiting,
        "champions-directory": {},
        "champions-profile": {},
        "champions-network": {},
        "champions-remove-post": {"public_id": w.post.public_id},
        "champions-volunteer": {},
        "champions-offers": {},
        "champions-decide": {"public_id": w.offer.public_id},
        "champions-champion": {"public_id": p.champion.public_id},
    }


def programme_page_names() -> set[str]:
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif pattern.name:
                names.add(pattern.name)

    walk(programme_urls.urlpatterns)
    return names


def counts() -> dict:
    """How many of each record there are, to show an attack changed nothing."""
    return {
        model.__name__: model.objects.count()
        for model in (Meeting, WorkstreamAction, WorkstreamMember, JoinRequest, Milestone, Resource, ResourceVersion, Story, NetworkPost, ChampionVolunteer)
    }


# 1. Walking every page: no sign-in, a family member -------------------------------------------


def test_the_walk_covers_every_programme_page(world, people):
    assert set(page_arguments(world, people)) == programme_page_names()


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_page_but_the_public_stories(client, world, people):
    before = counts()
    wrong = []
    for name, kwargs in page_arguments(world, people).items():
        address = url(name, **kwargs)
        for method in ("get", "post"):
            if method == "post" and name in PUBLIC_PAGES:
                continue
            response = getattr(client, method)(address, {"title": "Forged", "reason": "Forged", "decision": "approve"})
            if name in PUBLIC_PAGES:
                ok = response.status_code == 200
            else:
                location = response.get("Location", "")
                ok = response.status_code == 302 and location.startswith(reverse("core:sign-in"))
            if not ok:
                wrong.append((name, method, response.status_code))
    assert wrong == []
    assert counts() == before


def test_a_family_members_own_account_is_refused_every_programme_page(world, people, family_member, family_client):
    """Signed in at their own door, a family account opens only the family's own pages: even the public stories,
    which are there for anyone signed out, are refused before any programme view runs."""
    client = family_client(family_member)
    before = counts()
    wrong = []
    for name, kwargs in page_arguments(world, people).items():
        address = url(name, **kwargs)
        got = client.get(address).status_code
        if got != 403:
            wrong.append((name, "GET", got))
        got = client.post(address, {"title": "Forged", "reason": "Forged", "decision": "approve", "text": "Forged"}).status_code
        if got != 403:
            wrong.append((name, "POST", got))
    assert wrong == []
    assert counts() == before
    assert Story.objects.get(pk=world.waiting.pk).status == Story.Status.WAITING


def api_routes(w, p) -> list[tuple[str, str]]:
    """Every route of the programme API, with real ids: (method, path)."""
    from goldenthread.api import api

    ids = {
        "programme_id": w.programme.public_id,
        "workstream_id": w.ws.public_id,
        "milestone_id": w.own.public_id,
        "resource_id": w.guide.public_id,
        "story_id": w.public.public_id,
    }
    routes = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if not path.startswith(API):
            continue
        for method in operations:
            routes.append((method, path.format(**ids)))
    return routes


def test_the_api_answers_401_without_a_token_on_every_programme_route(client, world, people):
    routes = api_routes(world, people)
    assert len(routes) >= 11
    wrong = [
        (method, path, status) for method, path in routes if (status := getattr(client, method)(path, {}, content_type="application/json").status_code) != 401
    ]
    assert wrong == []


def test_a_session_cookie_alone_never_works_the_api_so_it_cannot_be_forged_from_another_site(world, people):
    client = as_(people.champion)
    response = client.post(f"{API}/workstreams/{world.ws.public_id}/join-requests", {"message": "Forged"}, content_type="application/json")
    assert response.status_code == 401
    assert not JoinRequest.objects.filter(person=people.champion, status="waiting").exists()


def test_a_family_members_token_reads_nothing_of_the_programme(client, world, people, family_member, family_client):
    """The tokens page makes no token for a family account; even one written straight into the table is refused (401), and signed in at their own door the API refuses them (403)."""
    headers = smuggled_bearer(family_member)
    own_account = family_client(family_member)
    wrong = []
    for method, path in api_routes(world, people):
        response = getattr(client, method)(path, {}, content_type="application/json", **headers)
        if response.status_code != 401:
            wrong.append((method, path, "token", response.status_code))
        response = getattr(own_account, method)(path, {}, content_type="application/json")
        if response.status_code != 403:
            wrong.append((method, path, "own account", response.status_code))
    assert wrong == []
    assert world.public.title not in client.get(f"{API}/stories", **headers).content.decode()


# 2. Partner agencies and people reaching beyond their role: the work part ---------------------


def test_someone_not_on_a_workstream_can_record_and_change_nothing_in_it(world, people):
    """Riley asked to join Drew's workstream, but is not on it: every page that changes it refuses, and nothing changes."""
    w, client = world, as_(people.practitioner)
    ws = {"public_id": w.ws.public_id}
    action = {"public_id": w.ws.public_id, "action_id": w.action.public_id}
    attempts = [
        ("work-meeting-add", ws, {"notes": "Forged notes", **day_fields("held_on", days(-1))}),
        ("work-meeting-edit", {"public_id": w.meeting.public_id}, {"notes": "Forged notes", **day_fields("held_on", days(-1))}),
        ("work-add-action", ws, {"meeting": "none", "description": "Forged", "owner": "Riley", "status": "not-started", **day_fields("due_on", days(3))}),
        ("work-edit-action", action, {"meeting": "none", "description": "Forged", "owner": "Riley", "status": "done", **day_fields("due_on", days(3))}),
        ("work-action-done", action, {}),
        ("work-action-move", action, {"reason": "Forged", **day_fields("due_on", days(40))}),
        ("work-action-cancel", action, {"reason": "Forged"}),
        ("work-member-add", ws, {"email": people.practitioner.email}),
        ("work-member-remove", {**ws, "member_id": w.member.public_id}, {}),
        ("work-workstream-edit", ws, {"name": "Forged"}),
        ("work-programme-edit", {"public_id": w.programme.public_id}, {"name": "Forged"}),
        ("work-workstream-add", {"public_id": w.programme.public_id}, {"name": "Forged"}),
        ("work-programme-add", {}, {"name": "Forged"}),
        ("work-join-request", {"public_id": w.join.public_id}, {"decision": "accept", "reply": "Welcome, me"}),  # accepting one's own request
    ]
    before = counts()
    wrong = []
    for name, kwargs, data in attempts:
        for method in ("get", "post"):
            status = getattr(client, method)(url(name, **kwargs), data).status_code
            if status != 403:
                wrong.append((name, method, status))
    assert wrong == []
    assert counts() == before
    action_now = WorkstreamAction.objects.get(pk=w.action.pk)
    assert (action_now.description, action_now.status, action_now.due_on, action_now.cancelled_at) == ("Write a guide", "not-started", days(12), None)
    assert JoinRequest.objects.get(pk=w.join.pk).status == JoinRequest.Status.WAITING
    assert WorkstreamMember.objects.get(pk=w.member.pk).left_at is None


def test_a_member_who_is_not_the_lead_cannot_answer_requests_or_manage_members(world, people):
    w, client = world, as_(people.other_agency_practitioner)
    ws = {"public_id": w.ws.public_id}
    for name, kwargs, data in [
        ("work-join-request", {"public_id": w.join.public_id}, {"decision": "accept"}),
        ("work-member-add", ws, {"email": people.trainer.email}),
        ("work-member-remove", {**ws, "member_id": w.lead_member.public_id}, {}),
        ("work-workstream-edit", ws, {"name": "Forged"}),
    ]:
        assert client.get(url(name, **kwargs)).status_code == 403, name
        assert client.post(url(name, **kwargs), data).status_code == 403, name
    assert JoinRequest.objects.get(pk=w.join.pk).status == JoinRequest.Status.WAITING
    assert not w.ws.members.filter(person=people.trainer).exists()
    assert WorkstreamMember.objects.get(pk=w.lead_member.pk).left_at is None


def test_the_lead_of_one_workstream_cannot_answer_a_request_to_join_another(world, people):
    client = as_(people.other_agency_lead)
    address = url("work-join-request", public_id=world.join2.public_id)
    assert client.get(address).status_code == 403
    assert client.post(address, {"decision": "accept", "reply": "Welcome"}).status_code == 403
    assert JoinRequest.objects.get(pk=world.join2.pk).status == JoinRequest.Status.WAITING
    with pytest.raises(Refused):
        work.decide_join_request(world.join2, by=people.other_agency_lead, accept=True)


def test_an_action_or_member_of_another_workstream_is_not_found_under_this_ones_address(world, people):
    """Casey is on Drew's workstream: Sam's workstream's action, meeting and member are not reachable through Drew's address, nor their own."""
    w, client = world, as_(people.other_agency_practitioner)
    mixed = {"public_id": w.ws.public_id, "action_id": w.action2.public_id}
    for name in ("work-action", "work-edit-action", "work-action-done", "work-action-move", "work-action-cancel"):
        assert client.get(url(name, **mixed)).status_code == 404, name
        if name != "work-action":  # the action's own page only reads
            assert client.post(url(name, **mixed), {"reason": "Forged"}).status_code == 404, name
    own = {"public_id": w.ws2.public_id, "action_id": w.action2.public_id}
    for name in ("work-edit-action", "work-action-done", "work-action-move", "work-action-cancel"):
        assert client.post(url(name, **own), {"reason": "Forged", **day_fields("due_on", days(30))}).status_code == 403, name
    assert client.post(url("work-meeting-edit", public_id=w.meeting2.public_id), {"notes": "Forged", **day_fields("held_on", days(-1))}).status_code == 403
    assert client.post(url("work-member-remove", public_id=w.ws.public_id, member_id=w.member2.public_id)).status_code == 404
    assert client.post(url("work-meeting-add", public_id=w.ws2.public_id), {"notes": "Forged", **day_fields("held_on", days(-1))}).status_code == 403
    action2 = WorkstreamAction.objects.get(pk=w.action2.pk)
    assert (action2.status, action2.due_on, action2.cancelled_at) == ("not-started", days(5), None)
    assert Meeting.objects.get(pk=w.meeting2.pk).notes == "Second meeting"
    assert WorkstreamMember.objects.get(pk=w.member2.pk).left_at is None


def test_a_meeting_cannot_record_someone_from_another_workstream_as_there(world, people):
    client = as_(people.other_agency_lead)
    before = Meeting.objects.count()
    response = client.post(
        url("work-meeting-add", public_id=world.ws.public_id),
        {"notes": "Who came?", "attended": [str(world.member2.public_id)], **day_fields("held_on", days(-1))},
    )
    assert response.status_code == 400
    assert says(response, work_rules.NOT_A_MEMBER)
    assert Meeting.objects.count() == before


def test_an_action_cannot_come_from_another_workstreams_meeting(world, people):
    client = as_(people.other_agency_lead)
    before = WorkstreamAction.objects.count()
    response = client.post(
        url("work-add-action", public_id=world.ws.public_id),
        {"meeting": str(world.meeting2.public_id), "description": "Forged", "owner": "Drew", "status": "not-started", **day_fields("due_on", days(3))},
    )
    assert response.status_code == 400
    assert WorkstreamAction.objects.count() == before


def test_someone_who_stepped_back_can_no_longer_record_meetings(world, people):
    work.take_off(world.member, by=people.other_agency_practitioner)
    client = as_(people.other_agency_practitioner)
    response = client.post(url("work-meeting-add", public_id=world.ws.public_id), {"notes": "After I left", **day_fields("held_on", days(-1))})
    assert response.status_code == 403
    assert client.post(url("work-action-cancel", public_id=world.ws.public_id, action_id=world.action.public_id), {"reason": "x"}).status_code == 403


def test_a_finished_workstream_takes_no_new_meetings_even_from_its_members(world, people):
    w = world
    work.change_workstream(
        w.ws2, by=people.partnership_lead, name=w.ws2.name, purpose=w.ws2.purpose, principles=w.ws2.principles, lead=people.organisation_lead,
        rhythm=w.ws2.rhythm, meeting_weekday=w.ws2.meeting_weekday, is_open=False,
    )  # fmt: skip
    response = as_(people.champion).post(url("work-meeting-add", public_id=w.ws2.public_id), {"notes": "Still here", **day_fields("held_on", days(-1))})
    assert response.status_code == 403
    assert says(response, work.permissions.NOT_RUNNING)


def test_someone_who_has_left_their_organisation_loses_the_programme_at_once_even_on_a_workstream(client, world, people):
    """Casey leaves Riverbend Community Health but is still listed on Drew's workstream, with a token made before."""
    headers = bearer(people.other_agency_practitioner)
    Membership.objects.filter(user=people.other_agency_practitioner).delete()
    leaver = as_(people.other_agency_practitioner)
    for address in (url("home"), url("work-workstream", public_id=world.ws.public_id), url("stories-list"), url("resources-library")):
        assert leaver.get(address).status_code == 403, address
    assert leaver.post(url("work-meeting-add", public_id=world.ws.public_id), {"notes": "After I left", **day_fields("held_on", days(-1))}).status_code == 403
    assert client.get(f"{API}/programmes", **headers).status_code == 403
    assert Meeting.objects.filter(notes="After I left").count() == 0


def test_the_api_will_not_let_a_lead_or_member_ask_to_join_again_or_a_family_member_ask_at_all(client, world, people, family_member):
    path = f"{API}/workstreams/{world.ws.public_id}/join-requests"
    assert client.post(path, {"message": "Again"}, content_type="application/json", **bearer(people.other_agency_lead)).status_code == 409
    assert client.post(path, {"message": "Again"}, content_type="application/json", **bearer(people.practitioner)).status_code == 409  # asked already
    assert client.post(path, {"message": "Let me in"}, content_type="application/json", **smuggled_bearer(family_member)).status_code == 401  # no token works
    assert not JoinRequest.objects.filter(person=family_member).exists()


# 3. The roadmap -------------------------------------------------------------------------------


def test_a_partner_agencys_lead_cannot_change_move_reach_or_drop_another_organisations_milestone(world, people):
    w, client = world, as_(people.other_agency_lead)
    attempts = [
        ("roadmap-change", {"title": "Forged", "description": "Forged"}),
        ("roadmap-reached", {"note": "Forged", **day_fields("reached_on", days(0))}),
        ("roadmap-move", {"reason": "Forged", **day_fields("due_on", days(200))}),
        ("roadmap-drop", {"reason": "Forged"}),
    ]
    for name, data in attempts:
        for target in (w.own, w.whole):
            assert client.get(url(name, public_id=target.public_id)).status_code == 403, name
            assert client.post(url(name, public_id=target.public_id), data).status_code == 403, name
    own = Milestone.objects.get(pk=w.own.pk)
    assert (own.title, own.status, own.due_on) == ("Plans with families", Milestone.Status.MOVED, days(70))
    assert Milestone.objects.get(pk=w.whole.pk).status == Milestone.Status.PLANNED
    for service, extra in [
        (roadmap.drop_milestone, {"reason": "Forged"}),
        (roadmap.move_milestone, {"due_on": days(300), "reason": "Forged"}),
        (roadmap.mark_reached, {"reached_on": days(0)}),
    ]:
        with pytest.raises(Refused):
            service(w.own, by=people.other_agency_lead, **extra)


def test_an_organisation_lead_cannot_keep_the_whole_systems_milestones_nor_make_one_for_another_organisation(world, people):
    w, lead = world, people.organisation_lead
    client = as_(lead)
    for name in ("roadmap-change", "roadmap-drop", "roadmap-move"):
        assert client.post(url(name, public_id=w.whole.public_id), {"reason": "Forged", "title": "Forged", "description": "x"}).status_code == 403
        assert client.post(url(name, public_id=w.theirs.public_id), {"reason": "Forged", "title": "Forged", "description": "x"}).status_code == 403
    # The page offers only Sam's own organisation: a forged choice of another is not used.
    response = client.post(
        url("roadmap-add"),
        {"title": "Forged for health", "description": "Forged", "for_whom": f"organisation:{people.community_health.slug}", **day_fields("due_on", days(50))},
    )
    assert response.status_code in (200, 302, 400)
    assert not Milestone.objects.filter(title="Forged for health").exclude(organisation=people.childrens_services).exists()
    with pytest.raises(Refused):
        roadmap.add_milestone(w.programme, by=lead, title="Forged", description="Forged", due_on=days(50), organisation=people.community_health)
    with pytest.raises(Refused):
        roadmap.add_milestone(w.programme, by=lead, title="Forged", description="Forged", due_on=days(50), sector="health")
    with pytest.raises(Refused):
        roadmap.change_milestone(w.own, by=lead, title="Moved away", description="Forged", organisation=people.community_health)
    assert Milestone.objects.get(pk=w.own.pk).organisation == people.childrens_services


def test_people_who_keep_no_milestones_cannot_add_one(world, people):
    for who in ("practitioner", "champion", "trainer", "other_agency_practitioner"):
        client = as_(getattr(people, who))
        assert client.get(url("roadmap-add")).status_code == 403, who
        assert client.post(url("roadmap-add"), {"title": "Forged", "description": "x", **day_fields("due_on", days(50))}).status_code == 403, who
    assert not Milestone.objects.filter(title="Forged").exists()


def test_a_milestone_cannot_be_linked_to_an_action_of_another_programme(world, people):
    other = work.start_programme(by=people.partnership_lead, name="Another programme", purpose="Elsewhere", starts_on=days(-10))
    stream = work.start_workstream(other, by=people.partnership_lead, name="Elsewhere", purpose="x", principles=["hope"], lead=people.other_agency_lead)
    elsewhere = work.add_action(stream, by=people.other_agency_lead, description="Not yours", owner="Drew", due_on=days(4))
    with pytest.raises(ValidationError):
        roadmap.add_milestone(world.programme, by=people.partnership_lead, title="Linked", description="x", due_on=days(40), actions=[elsewhere])
    with pytest.raises(ValidationError):
        roadmap.change_milestone(world.whole, by=people.partnership_lead, title=world.whole.title, description=world.whole.description, actions=[elsewhere])


# 4. The resources library ---------------------------------------------------------------------


def test_a_partner_agencys_lead_cannot_change_or_withdraw_someone_elses_resource(world, people):
    client = as_(people.other_agency_lead)
    guide = {"public_id": world.guide.public_id}
    for name, data in [("resources-change", {"title": "Forged", "summary": "Forged", "kind": "tool"}), ("resources-withdraw", {"reason": "Forged"})]:
        assert client.get(url(name, **guide)).status_code == 403
        assert client.post(url(name, **guide), data).status_code == 403
    guide_now = Resource.objects.get(pk=world.guide.pk)
    assert (guide_now.title, guide_now.kind, guide_now.is_withdrawn) == ("Writing with families", "guide", False)
    with pytest.raises(Refused):
        resources.withdraw_resource(world.guide, by=people.other_agency_lead)


def test_a_practitioner_cannot_add_a_resource_or_a_version(world, people):
    client = as_(people.practitioner)
    before = counts()
    assert client.post(url("resources-add"), {"title": "Forged", "summary": "x", "kind": "guide", "link": "https://example.org/x"}).status_code == 403
    assert client.post(url("resources-add-version", public_id=world.guide.public_id), {"link": "https://example.org/x", "note": "Forged"}).status_code == 403
    assert counts() == before


def test_a_withdrawn_resources_files_are_kept_from_the_workforce_but_not_from_who_added_it(world, people):
    address = url("resources-download", public_id=world.old.public_id, number=1)
    for who in ("practitioner", "other_agency_lead", "other_agency_practitioner", "organisation_lead"):
        assert as_(getattr(people, who)).get(address).status_code == 403, who
    for who in ("champion", "partnership_lead"):
        response = as_(getattr(people, who)).get(address)
        assert response.status_code == 200, who
        assert b"".join(response.streaming_content) == b"Old words.\n"
    client = as_(people.champion)
    for name in ("resources-add-version", "resources-change", "resources-withdraw"):
        assert (
            client.post(
                url(name, public_id=world.old.public_id), {"link": "https://example.org/back", "title": "Back", "summary": "x", "kind": "guide"}
            ).status_code
            == 403
        )
    assert ResourceVersion.objects.filter(resource=world.old).count() == 1


def test_a_version_number_out_of_range_is_not_found(world, people):
    client = as_(people.practitioner)
    for number in (0, 2, 2_147_483_647, 99_999_999_999_999_999_999):
        assert client.get(f"/programme/resources/{world.guide.public_id}/versions/{number}/download/").status_code == 404, number


def multipart(fields: dict, files: list[tuple[str, str, bytes, str]]) -> tuple[bytes, str]:
    """A form body written by hand, so a file's name reaches the server exactly as an attacker would send it."""
    boundary = "GoldenThreadAttackBoundary"
    parts = []
    for name, value in fields.items():
        parts += [f"--{boundary}".encode(), f'Content-Disposition: form-data; name="{name}"'.encode(), b"", str(value).encode()]
    for name, filename, data, content_type in files:
        disposition = f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode()
        parts += [f"--{boundary}".encode(), disposition, f"Content-Type: {content_type}".encode(), b"", data]
    parts += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(parts), f"multipart/form-data; boundary={boundary}"


RESOURCE_FIELDS = {"title": "Traversal test (fictional)", "summary": "A file with a crafted name.", "kind": "guide", "note": "", "link": "", "organisation": ""}


@pytest.mark.parametrize("filename", ["../../../../etc/evil.md", "..\\..\\..\\evil.md", "/etc/evil.md", "....//....//evil.md"])
def test_a_file_name_with_folders_in_it_is_stored_under_an_opaque_name_inside_the_library(people, files_in_a_temporary_folder, filename):
    body, content_type = multipart(RESOURCE_FIELDS, [("file", filename, b"# A guide\n\nPlain words.\n", "text/markdown")])
    response = as_(people.champion).post(url("resources-add"), body, content_type=content_type)
    assert response.status_code == 302
    version = ResourceVersion.objects.get(resource__title=RESOURCE_FIELDS["title"])
    stored = (Path(files_in_a_temporary_folder) / version.file.name).resolve()
    assert stored.is_relative_to(Path(files_in_a_temporary_folder).resolve() / "resources")
    assert stored.read_bytes() == b"# A guide\n\nPlain words.\n"
    assert version.file_name == "evil.md"


def test_a_file_name_with_folders_given_to_the_service_directly_is_kept_as_its_last_part(people, files_in_a_temporary_folder):
    made = resources.add_resource(by=people.champion, title="Direct", summary="x", kind="guide", upload=upload("../../../../tmp/evil.md", b"words\n"))
    version = made.versions.get()
    assert version.file_name == "evil.md"
    assert (Path(files_in_a_temporary_folder) / version.file.name).resolve().is_relative_to(Path(files_in_a_temporary_folder).resolve())


def test_a_file_name_with_markup_is_shown_escaped(people):
    name = "<img src=x onerror=alert(1)>.md"
    made = resources.add_resource(by=people.champion, title="Named oddly", summary="x", kind="guide", upload=upload(name, b"words\n"))
    page = as_(people.practitioner).get(url("resources-detail", public_id=made.public_id)).content.decode()
    assert "<img src=x" not in page


def download(client, resource, number=1):
    return client.get(url("resources-download", public_id=resource.public_id, number=number))


def test_an_uploaded_web_page_is_only_ever_downloaded_never_shown_in_the_browser(people):
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    made = resources.add_resource(by=people.champion, title="A web page <b>guide</b>", summary="x", kind="guide", upload=upload("page.html", html, "text/html"))
    response = download(as_(people.practitioner), made)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+-version-1\.html"', response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_type_a_browser_claims_for_a_file_is_ignored_when_it_is_served(people):
    made = resources.add_resource(
        by=people.champion, title="Notes", summary="x", kind="guide", upload=upload("notes.md", b"<svg onload=alert(1)>\n", "text/html")
    )
    response = download(as_(people.practitioner), made)
    assert response["Content-Type"].startswith("text/markdown")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', resource_rules.WRONG_TYPE),
        ("page.xhtml", b"<html><script>alert(1)</script></html>", resource_rules.WRONG_TYPE),
        ("guide.pdf", b"<html><script>alert(1)</script></html>", resource_rules.DISGUISED.format(kind="PDF")),
        ("guide.docx", b"MZ\x90\x00 a program, not a document", resource_rules.DISGUISED.format(kind="Word document")),
        ("notes.txt", b"\xff\xfe\x00\x00 not text at all \x00\x00", resource_rules.DISGUISED.format(kind="text file")),
        ("no-ending", b"# words\n", resource_rules.WRONG_TYPE),
    ],
)
def test_a_file_that_is_not_what_the_library_takes_is_refused_with_what_to_do(people, name, data, message):
    client = as_(people.champion)
    response = client.post(url("resources-add"), {**RESOURCE_FIELDS, "title": "Refused file", "file": upload(name, data)})
    assert response.status_code == 400
    assert says(response, message)
    assert not Resource.objects.filter(title="Refused file").exists()


def test_a_file_one_byte_over_the_limit_is_refused_with_the_limit_in_words(people):
    big = upload("big.txt", b"a" * (resource_rules.MAX_FILE_BYTES + 1))
    response = as_(people.champion).post(url("resources-add"), {**RESOURCE_FIELDS, "title": "Too big", "file": big})
    assert response.status_code == 400
    assert says(response, resource_rules.FILE_TOO_BIG)
    assert not Resource.objects.filter(title="Too big").exists()


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(people):
    body, content_type = multipart(RESOURCE_FIELDS, [("file", "huge.txt", b"a" * (27 * 1024 * 1024), "text/plain")])
    response = as_(people.champion).post(url("resources-add"), body, content_type=content_type)
    assert response.status_code == 413
    assert not Resource.objects.exists()


def zip_bomb() -> bytes:
    """A .docx of a few hundred kilobytes that would unpack to 300 MB of nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = bytes(1024 * 1024)
            for _ in range(300):
                part.write(chunk)
    return buffer.getvalue()


def many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        for number in range(5_001):
            archive.writestr(f"p/{number}", b"")
    return buffer.getvalue()


@pytest.mark.parametrize("make", [zip_bomb, many_parts], ids=["zip-bomb", "five-thousand-parts"])
def test_a_zip_bomb_is_refused_without_being_unpacked(people, make):
    data = make()
    assert len(data) < resource_rules.MAX_FILE_BYTES
    started = time.monotonic()
    response = as_(people.champion).post(url("resources-add"), {**RESOURCE_FIELDS, "title": "Bomb", "file": upload("bomb.docx", data)})
    assert time.monotonic() - started < 20
    assert response.status_code == 400
    assert not Resource.objects.filter(title="Bomb").exists()


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "http://plain.example/guide", "//evil.example/guide", "https://x.example/a b"],
)
def test_a_link_that_is_not_a_plain_https_address_is_refused(people, link):
    response = as_(people.champion).post(url("resources-add"), {**RESOURCE_FIELDS, "title": "Bad link", "link": link})
    assert response.status_code == 400
    assert not Resource.objects.filter(title="Bad link").exists()


def test_a_link_with_quotes_in_it_cannot_break_out_of_its_attribute(people):
    made = resources.add_resource(by=people.champion, title="Quoted link", summary="x", kind="tool", link='https://x.example/a"onmouseover="alert(1)')
    page = as_(people.practitioner).get(url("resources-detail", public_id=made.public_id)).content.decode()
    assert '"onmouseover="' not in page


# 5. Stories of practice -------------------------------------------------------------------------


def test_nobody_but_the_author_can_read_change_or_withdraw_a_story_not_yet_approved(world, people):
    w = world
    for who in ("other_agency_practitioner", "other_agency_lead", "trainer", "champion", "organisation_lead"):
        client = as_(getattr(people, who))
        for target in (w.draft, w.sent_back, w.withdrawn):
            assert client.get(url("stories-detail", public_id=target.public_id)).status_code == 404, (who, target.title)
        for target in (w.waiting, w.draft, w.sent_back, w.approved, w.public):
            for name in ("stories-edit", "stories-withdraw"):
                status = client.post(url(name, public_id=target.public_id), story_form(title="Forged", next_step="send")).status_code
                assert status in (403, 404), (who, name, target.title, status)
    assert {s.title: s.status for s in Story.objects.all()} == {
        "WAITING-STORY": "waiting",
        "DRAFT-STORY": "draft",
        "SENT-BACK-STORY": "sent-back",
        "WITHDRAWN-STORY": "withdrawn",
        "PARTNERSHIP-STORY": "approved",
        "PUBLIC-STORY": "approved",
    }


def test_a_partner_agency_cannot_read_or_decide_another_organisations_waiting_story(world, people):
    for who in ("other_agency_practitioner", "other_agency_lead", "trainer", "practitioner"):
        client = as_(getattr(people, who))
        detail = client.get(url("stories-detail", public_id=world.waiting.public_id)).status_code
        assert detail == (200 if who == "practitioner" else 404), who
        assert client.get(url("stories-decide", public_id=world.waiting.public_id)).status_code in (403, 404), who
        assert client.post(url("stories-decide", public_id=world.waiting.public_id), {"decision": "approve"}).status_code in (403, 404), who
    assert Story.objects.get(pk=world.waiting.pk).status == Story.Status.WAITING
    with pytest.raises(Refused):
        stories.approve_story(world.waiting, by=people.other_agency_lead)


@pytest.mark.parametrize("author", ["champion", "organisation_lead", "partnership_lead"])
def test_nobody_can_approve_their_own_story(people, author):
    person = getattr(people, author)
    mine = stories.share_story(people.childrens_services, by=person, **story("My own story"))
    client = as_(person)
    assert client.get(url("stories-decide", public_id=mine.public_id)).status_code == 403
    assert client.post(url("stories-decide", public_id=mine.public_id), {"decision": "approve"}).status_code == 403
    with pytest.raises(Refused):
        stories.approve_story(mine, by=person)
    assert Story.objects.get(pk=mine.pk).status == Story.Status.WAITING


def test_a_story_cannot_be_shared_from_an_organisation_one_does_not_work_in(people):
    client = as_(people.practitioner)
    response = client.post(url("stories-share"), story_form(title="From elsewhere", organisation=str(people.community_health.public_id)))
    assert response.status_code == 302
    assert Story.objects.get(title="From elsewhere").organisation == people.childrens_services
    with pytest.raises(ValidationError):
        stories.share_story(people.community_health, by=people.practitioner, **story("From elsewhere"))


def test_changing_an_approved_public_story_takes_it_off_the_public_page_until_it_is_approved_again(client, world, people):
    stories.change_story(world.public, by=people.practitioner, **story("PUBLIC-STORY changed quietly", reach="public"))
    assert client.get(url("stories-public-detail", public_id=world.public.public_id)).status_code == 404
    assert "changed quietly" not in client.get(url("stories-public")).content.decode()
    assert as_(people.other_agency_practitioner).get(f"{API}/stories/{world.public.public_id}", **bearer(people.other_agency_practitioner)).status_code == 404


@pytest.mark.parametrize("who", ["other_agency_practitioner", "other_agency_lead", "trainer", "champion", "partnership_lead", "family_member", "anonymous"])
def test_a_story_not_approved_leaks_through_no_list_search_home_page_or_api(request, client, world, people, who):
    person = None if who == "anonymous" else (request.getfixturevalue(who) if who == "family_member" else getattr(people, who))
    if who == "family_member":
        client = request.getfixturevalue("family_client")(person)
    elif person is not None:
        client.force_login(person)
    # Jo approves Children's Services' stories (her home page and the waiting list show the waiting one); the partnership team may approve any.
    may_see_waiting = {"champion": {"/", url("stories-waiting")}, "partnership_lead": {url("stories-waiting")}}.get(who, set())
    pages = [
        "/",
        url("home"),
        url("stories-list"),
        url("stories-list") + "?domain=relationships",
        url("stories-public"),
        url("stories-public") + "?domain=relationships",
    ]
    if who not in ("anonymous", "family_member"):
        pages += [url("stories-mine"), url("stories-waiting")]
    for address in pages:
        content = client.get(address).content.decode()
        hidden = [title for title in HIDDEN_STORIES if not (title == "WAITING-STORY" and address in may_see_waiting)]
        assert [title for title in hidden if title in content] == [], address
    for target in (world.waiting, world.draft, world.sent_back, world.withdrawn, world.approved):
        # 404 for anyone; a family account is refused every page but the family's own before it is looked up
        assert client.get(url("stories-public-detail", public_id=target.public_id)).status_code == (403 if who == "family_member" else 404)
    if person is not None and who != "family_member":  # a family account holds no working token
        headers = bearer(person)
        listed = client.get(f"{API}/stories", **headers).json() + client.get(f"{API}/stories?area=relationships", **headers).json()
        assert [item["title"] for item in listed if item["title"] in HIDDEN_STORIES] == []
        for target in (world.waiting, world.draft, world.sent_back, world.withdrawn):
            assert client.get(f"{API}/stories/{target.public_id}", **headers).status_code == 404


def test_the_public_pages_name_no_person_and_show_no_record_of_consent(client, world, people):
    pages = [client.get(url("stories-public")).content.decode(), client.get(url("stories-public-detail", public_id=world.public.public_id)).content.decode()]
    for content in pages:
        assert "PUBLIC-STORY" in content
        for secret in (people.practitioner.full_name, people.organisation_lead.full_name, people.practitioner.email, "CONSENT-BY", "CONSENT-HOW"):
            assert secret not in content
    # A colleague reading it inside the partnership sees who shared it, never the record of consent.
    inside = as_(people.other_agency_practitioner).get(url("stories-detail", public_id=world.public.public_id)).content.decode()
    assert people.practitioner.full_name in inside
    assert "CONSENT-BY" not in inside and "CONSENT-HOW" not in inside
    api = Client().get(f"{API}/stories/{world.public.public_id}", **bearer(people.other_agency_practitioner)).json()
    assert "consent_given_by" not in api and "consent_how" not in api


def test_story_emails_go_to_the_organisations_approvers_and_then_only_to_the_author_without_the_storys_words(people, django_capture_on_commit_callbacks):
    p = people
    with django_capture_on_commit_callbacks(execute=True):
        shared = stories.share_story(p.childrens_services, by=p.practitioner, **story("MAIL-STORY", mark="BODY-MARK"))
    first = sent_by_the_worker()
    assert {address for message in first for address in message.to} == {p.champion.email, p.organisation_lead.email}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stories.send_back_story(shared, by=p.champion, reason="Say a little more about what helped.")
    second = sent_by_the_worker()
    assert [message.to for message in second] == [[p.practitioner.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stories.change_story(shared, by=p.practitioner, **story("MAIL-STORY", mark="BODY-MARK"))
        stories.approve_story(shared, by=p.organisation_lead)
    third = sent_by_the_worker()
    assert sorted(address for message in third for address in message.to) == sorted([p.champion.email, p.organisation_lead.email, p.practitioner.email])
    for message in [*first, *second, *third]:
        assert "BODY-MARK" not in message.body and "CONSENT-BY" not in message.body
        assert p.other_agency_lead.email not in message.to and p.partnership_lead.email not in message.to


def test_a_request_to_join_is_told_to_the_lead_only_and_its_answer_to_the_asker_only(world, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asked = work.ask_to_join(world.ws2, by=people.other_agency_practitioner, message="I would like to help")
    assert [message.to for message in sent_by_the_worker()] == [[people.organisation_lead.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        work.decide_join_request(asked, by=people.organisation_lead, accept=False, reply="Not this time")
    assert [message.to for message in sent_by_the_worker()] == [[people.other_agency_practitioner.email]]


# 6. The champions network ----------------------------------------------------------------------


def test_nobody_removes_someone_elses_post_but_the_partnership_team(world, people):
    for who, post in [
        ("champion", world.team_post),
        ("other_agency_practitioner", world.post),
        ("organisation_lead", world.post),
        ("other_agency_lead", world.post),
    ]:
        client = as_(getattr(people, who))
        assert client.get(url("champions-remove-post", public_id=post.public_id)).status_code == 403, who
        assert client.post(url("champions-remove-post", public_id=post.public_id)).status_code == 403, who
    assert NetworkPost.objects.filter(pk__in=[world.post.pk, world.team_post.pk]).count() == 2
    with pytest.raises(Refused):
        champions.remove_post(world.team_post, by=people.champion)


def test_someone_who_is_not_a_champion_cannot_post_to_the_network_or_write_a_profile(world, people):
    for who in ("practitioner", "other_agency_practitioner", "trainer", "other_agency_lead"):
        client = as_(getattr(people, who))
        assert client.post(url("champions-network"), {"text": "Forged post"}).status_code == 403, who
        assert client.post(url("champions-profile"), {"interests": "forged", "about": "Forged"}).status_code == 403, who
    assert not NetworkPost.objects.filter(text="Forged post").exists()


def test_only_the_lead_of_the_offers_organisation_can_answer_it(world, people):
    address = url("champions-decide", public_id=world.offer.public_id)
    for who, expected in [("other_agency_lead", 404), ("champion", 403), ("practitioner", 403), ("trainer", 403), ("other_agency_practitioner", 403)]:
        client = as_(getattr(people, who))
        assert client.get(address).status_code == expected, who
        assert client.post(address, {"decision": "accept", "reply": "Yes"}).status_code == expected, who
    assert ChampionVolunteer.objects.get(pk=world.offer.pk).status == ChampionVolunteer.Status.PENDING
    assert Membership.objects.get(user=people.practitioner).role == Role.PRACTITIONER
    with pytest.raises(Refused):
        champions.accept_offer(world.offer, by=people.other_agency_lead)


def test_a_champions_page_opens_for_champions_only_so_no_one_elses_details_can_be_looked_up_by_their_id(world, people, family_member):
    client = as_(people.other_agency_practitioner)
    assert client.get(url("champions-champion", public_id=people.champion.public_id)).status_code == 200
    for person in (people.practitioner, people.organisation_lead, people.partnership_lead, family_member):
        response = client.get(url("champions-champion", public_id=person.public_id))
        assert response.status_code == 404
        assert person.email not in response.content.decode()


def test_a_family_member_cannot_be_made_a_workstream_lead_or_member(world, people, family_member):
    lead = as_(people.other_agency_lead)
    response = lead.post(url("work-member-add", public_id=world.ws.public_id), {"email": family_member.email})
    assert response.status_code == 400
    assert says(response, work_rules.MEMBER_NOT_WORKFORCE)
    response = as_(people.partnership_lead).post(
        url("work-workstream-add", public_id=world.programme.public_id),
        {"name": "Led by a parent", "purpose": "x", "principles": ["hope"], "lead_email": family_member.email, "rhythm": "weekly", "meeting_weekday": "1"},
    )
    assert response.status_code == 400
    assert not WorkstreamMember.objects.filter(person=family_member).exists()
    with pytest.raises(ValidationError):
        work.add_member(world.ws, by=people.other_agency_lead, person=family_member)


def test_one_cannot_offer_to_be_a_champion_in_an_organisation_one_does_not_work_in(people):
    with pytest.raises((ValidationError, Refused)):
        champions.volunteer(people.community_health, by=people.practitioner, why="I would like to")
    assert not ChampionVolunteer.objects.filter(organisation=people.community_health).exists()


def test_accepting_an_old_offer_never_takes_a_lead_down_to_champion(world, people):
    """Riley offered as a practitioner, and was made a lead of Children's Services before Sam answered: accepting it must not demote Riley."""
    Membership.objects.filter(user=people.practitioner, organisation=people.childrens_services).update(role=Role.ORGANISATION_LEAD)
    response = as_(people.organisation_lead).post(url("champions-decide", public_id=world.offer.public_id), {"decision": "accept", "reply": "Welcome"})
    assert response.status_code == 400
    assert says(response, champion_rules.ROLE_CHANGED)
    assert Membership.objects.get(user=people.practitioner, organisation=people.childrens_services).role == Role.ORGANISATION_LEAD
    with pytest.raises(ValidationError):
        champions.accept_offer(world.offer, by=people.practitioner)  # nor by Riley, now a lead, accepting their own old offer
    assert ChampionVolunteer.objects.get(pk=world.offer.pk).status == ChampionVolunteer.Status.PENDING


# 7. Markup in every free text: each page escapes it ------------------------------------------------


def every_page(w, p) -> list[tuple[str, str]]:
    """(who, address) for every page, as the people who see the most of it."""
    arguments = page_arguments(w, p)
    found = []
    for who in ("partnership_lead", "other_agency_lead", "organisation_lead", "practitioner", "champion"):
        found += [(who, url(name, **kwargs)) for name, kwargs in arguments.items() if name != "resources-download"]
        found.append((who, "/"))
    extra = (
        [("practitioner", url("stories-detail", public_id=s.public_id)) for s in (w.waiting, w.draft, w.sent_back, w.approved, w.public)]
        + [
            ("practitioner", url("stories-edit", public_id=w.sent_back.public_id)),
            ("organisation_lead", url("stories-decide", public_id=w.waiting.public_id)),
            ("practitioner", url("work-workstreams")),
            ("champion", url("work-workstreams")),
            ("partnership_lead", url("work-meeting", public_id=w.meeting2.public_id)),
            ("partnership_lead", url("work-action", public_id=w.ws.public_id, action_id=w.cancelled.public_id)),
            ("partnership_lead", url("work-join-request", public_id=w.declined.public_id)),
            ("other_agency_lead", url("work-join-request", public_id=w.join.public_id)),
            ("organisation_lead", url("work-join-request", public_id=w.join2.public_id)),
            ("partnership_lead", url("work-actions", public_id=w.ws.public_id) + "?show=all"),
            ("partnership_lead", url("roadmap-home") + "?part=all"),
            ("organisation_lead", url("roadmap-home")),
            ("other_agency_lead", url("roadmap-home")),
            ("partnership_lead", url("roadmap-change", public_id=w.whole.public_id)),
            ("partnership_lead", url("roadmap-add")),
            ("partnership_lead", url("resources-detail", public_id=w.old.public_id)),
            ("partnership_lead", url("resources-detail", public_id=w.tool.public_id)),
            ("practitioner", url("resources-library") + "?q=guide"),
            ("practitioner", url("champions-volunteer")),
            ("organisation_lead", url("champions-offers")),
            ("practitioner", url("stories-list") + "?domain=relationships"),
            ("practitioner", url("stories-public") + "?domain=relationships"),
        ]
        + [("partnership_lead", url("roadmap-milestone", public_id=m.public_id)) for m in (w.whole, w.theirs, w.dropped, w.reached, w.past)]
    )
    return found + extra


def test_markup_typed_into_any_field_is_escaped_on_every_page(people):
    w = build_world(people, mark=PAYLOAD)
    clients = {}
    problems = []
    for who, address in every_page(w, people):
        client = clients.setdefault(who, as_(getattr(people, who)))
        response = client.get(address)
        content = response.content.decode()
        if response.status_code >= 500 or any(mark in content for mark in RAW_MARKS):
            problems.append((who, address, response.status_code))
    assert problems == []
    anonymous = Client()
    for address in (url("stories-public"), url("stories-public-detail", public_id=w.public.public_id)):
        content = anonymous.get(address).content.decode()
        assert escape(PAYLOAD) in content
        assert not any(mark in content for mark in RAW_MARKS)


def strings_in(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return [value] if isinstance(value, str) else []


def test_markup_in_the_api_comes_back_as_plain_text_in_json(client, people):
    w = build_world(people, mark=PAYLOAD)
    headers = bearer(people.practitioner)
    for path in (f"{API}/programmes/{w.programme.public_id}", f"{API}/roadmap/milestones", f"{API}/resources", f"{API}/stories", f"{API}/champions"):
        response = client.get(path, **headers)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json")
        assert any(PAYLOAD in text for text in strings_in(response.json())), path


# 8. Odd input on every form and API route: a clear 400, never a 500 ------------------------------


def forms_to_attack(w, p) -> list[tuple[str, str, dict, dict, list[str], list[str]]]:
    """(who, page, arguments, good data, text fields, date fields) for every form in the programme."""
    ws = {"public_id": w.ws.public_id}
    action = {"public_id": w.ws.public_id, "action_id": w.action.public_id}
    own = {"public_id": w.own.public_id}
    guide = {"public_id": w.guide.public_id}
    story_fields = ["title", "what_we_did", "what_changed", "what_families_said", "consent_given_by", "consent_how"]
    return [
        ("partnership_lead", "work-programme-add", {}, {"name": "A", "purpose": "B", **day_fields("starts_on", days(1))}, ["name", "purpose"], ["starts_on"]),
        (
            "partnership_lead",
            "work-programme-edit",
            {"public_id": w.programme.public_id},
            {"name": "A", "purpose": "B", "is_open": "on", **day_fields("starts_on", days(-60))},
            ["name", "purpose"],
            ["ends_on"],
        ),
        (
            "partnership_lead",
            "work-workstream-add",
            {"public_id": w.programme.public_id},
            {"name": "N", "purpose": "P", "principles": ["hope"], "lead_email": p.champion.email, "rhythm": "weekly", "meeting_weekday": "1"},
            ["name", "purpose", "lead_email"],
            [],
        ),
        (
            "partnership_lead",
            "work-workstream-edit",
            ws,
            {
                "name": "N",
                "purpose": "P",
                "principles": ["hope"],
                "lead_email": p.other_agency_lead.email,
                "rhythm": "weekly",
                "meeting_weekday": "1",
                "is_open": "on",
            },
            ["name", "purpose", "lead_email"],
            [],
        ),
        ("other_agency_lead", "work-meeting-add", ws, {"notes": "n", **day_fields("held_on", days(-1))}, ["notes"], ["held_on"]),
        (
            "other_agency_lead",
            "work-meeting-edit",
            {"public_id": w.meeting.public_id},
            {"notes": "n", **day_fields("held_on", days(-1))},
            ["notes"],
            ["held_on"],
        ),
        (
            "other_agency_lead",
            "work-add-action",
            ws,
            {"meeting": "none", "description": "d", "owner": "o", "status": "not-started", **day_fields("due_on", days(3))},
            ["description", "owner"],
            ["due_on"],
        ),
        (
            "other_agency_lead",
            "work-edit-action",
            action,
            {"meeting": "none", "description": "d", "owner": "o", "status": "in-progress", **day_fields("due_on", days(12))},
            ["description", "owner"],
            ["due_on"],
        ),
        ("other_agency_lead", "work-action-move", action, {"reason": "r", **day_fields("due_on", days(20))}, ["reason"], ["due_on"]),
        ("other_agency_lead", "work-action-cancel", action, {"reason": "r"}, ["reason"], []),
        ("trainer", "work-join", ws, {"message": "m"}, ["message"], []),
        ("other_agency_lead", "work-join-request", {"public_id": w.join.public_id}, {"decision": "decline", "reply": "r"}, ["reply"], []),
        ("other_agency_lead", "work-member-add", ws, {"email": p.trainer.email}, ["email"], []),
        (
            "partnership_lead",
            "roadmap-add",
            {},
            {"title": "t", "description": "d", "for_whom": "whole-system", **day_fields("due_on", days(40))},
            ["title", "description"],
            ["due_on"],
        ),
        ("organisation_lead", "roadmap-change", own, {"title": "t", "description": "d"}, ["title", "description"], []),
        ("organisation_lead", "roadmap-move", own, {"reason": "r", **day_fields("due_on", days(99))}, ["reason"], ["due_on"]),
        ("organisation_lead", "roadmap-reached", own, {"note": "n", **day_fields("reached_on", days(0))}, ["note"], ["reached_on"]),
        ("organisation_lead", "roadmap-drop", own, {"reason": "r"}, ["reason"], []),
        (
            "champion",
            "resources-add",
            {},
            {"title": "t", "summary": "s", "kind": "guide", "link": "https://example.org/x", "note": ""},
            ["title", "summary", "link", "note"],
            [],
        ),
        ("champion", "resources-add-version", guide, {"link": "https://example.org/y", "note": "n"}, ["link", "note"], []),
        ("champion", "resources-change", guide, {"title": "t", "summary": "s", "kind": "guide"}, ["title", "summary"], []),
        ("champion", "resources-withdraw", guide, {"reason": "r"}, ["reason"], []),
        ("practitioner", "stories-share", {}, story_form(), story_fields, ["consent_on"]),
        ("practitioner", "stories-edit", {"public_id": w.draft.public_id}, story_form(), story_fields, ["consent_on"]),
        ("organisation_lead", "stories-decide", {"public_id": w.waiting.public_id}, {"decision": "send-back", "reason": "r"}, ["reason"], []),
        ("champion", "champions-profile", {}, {"interests": "schools", "about": "a"}, ["interests", "about"], []),
        ("champion", "champions-network", {}, {"text": "t"}, ["text"], []),
        ("other_agency_practitioner", "champions-volunteer", {}, {"why": "w"}, ["why"], []),
        ("organisation_lead", "champions-decide", {"public_id": w.offer.public_id}, {"decision": "decline", "reply": "r"}, ["reply"], []),
    ]


def test_every_form_is_attacked(world, people):
    """The list of forms below is every programme page that takes a POST, so a new form cannot be missed."""
    attacked = {name for _, name, *_ in forms_to_attack(world, people)}
    not_forms = {"work-action-done", "work-member-remove", "stories-withdraw", "champions-remove-post"}  # a button only: nothing typed
    read_only = {
        "home", "work-programmes", "work-programme", "work-board", "work-workstreams", "work-workstream", "work-meeting", "work-actions", "work-action",
        "roadmap-home", "roadmap-milestone", "resources-library", "resources-detail", "resources-download", "stories-list", "stories-mine",
        "stories-waiting", "stories-public", "stories-public-detail", "stories-detail", "champions-directory", "champions-offers", "champions-champion",
    }  # fmt: skip
    assert attacked | not_forms | read_only == programme_page_names()


@pytest.mark.parametrize("value", [NUL, f"words{NUL}more", TOO_LONG], ids=["nul", "nul-inside", "20000-characters"])
def test_a_nul_character_or_20000_characters_in_any_text_field_comes_back_with_a_clear_message(world, people, value):
    before = counts()
    problems = []
    for who, name, kwargs, data, fields, _ in forms_to_attack(world, people):
        client = as_(getattr(people, who))
        for field in fields:
            response = client.post(url(name, **kwargs), {**data, field: value})
            if response.status_code != 400 or "govuk-error-message" not in response.content.decode():
                problems.append((name, field, response.status_code))
    assert problems == []
    assert counts() == before


@pytest.mark.parametrize(
    "value, must_refuse",
    [(NUL, True), (TOO_LONG, True), ("-1", True), ("99999999999999999999", True), ("31", False), ("٣", False)],
    ids=["nul", "20000-characters", "minus-one", "huge", "thirty-one", "arabic-indic-three"],
)
def test_odd_dates_come_back_with_a_clear_message_and_never_a_server_error(world, people, value, must_refuse):
    """A day, month or year box with nonsense in it; "31" and "٣" (an Arabic-Indic 3) may make a real date, so they need only never cause a 500."""
    problems = []
    for who, name, kwargs, data, _, dates in forms_to_attack(world, people):
        client = as_(getattr(people, who))
        for field in dates:
            for box in ("_0", "_1", "_2"):
                response = client.post(url(name, **kwargs), {**data, field + box: value})
                if response.status_code >= 500 or (must_refuse and response.status_code != 400):
                    problems.append((name, field + box, response.status_code))
    assert problems == []


def test_odd_unicode_in_any_text_field_never_causes_a_server_error(world, people):
    problems = []
    for who, name, kwargs, data, fields, _ in forms_to_attack(world, people):
        client = as_(getattr(people, who))
        for field in fields:
            response = client.post(url(name, **kwargs), {**data, field: ODD})
            if response.status_code >= 500:
                problems.append((name, field, response.status_code))
    assert problems == []


ODD_QUERIES = [
    ("resources-library", f"?q={NUL}guide&kind={NUL}&page={NUL}"),
    ("resources-library", f"?q={TOO_LONG}&principle={TOO_LONG}"),
    ("roadmap-home", f"?programme={NUL}&sector={NUL}&domain={TOO_LONG}&part={NUL}"),
    ("roadmap-add", f"?programme={NUL}"),
    ("stories-list", f"?domain={NUL}&page=99999999999999999999"),
    ("stories-public", f"?domain={TOO_LONG}&page=-1"),
    ("champions-directory", f"?interest={NUL}&organisation={NUL}&sector={NUL}&offer={TOO_LONG}"),
    ("champions-directory", f"?interest={TOO_LONG}"),
    ("champions-network", f"?page={NUL}"),
]


@pytest.mark.parametrize("name, query", ODD_QUERIES)
def test_odd_filters_in_the_address_never_cause_a_server_error(world, people, name, query):
    response = as_(people.partnership_lead).get(url(name) + query)
    assert response.status_code in (200, 400)


def test_odd_filters_on_a_workstreams_pages_never_cause_a_server_error(world, people):
    client = as_(people.other_agency_lead)
    for address in (
        url("work-actions", public_id=world.ws.public_id) + f"?show={NUL}",
        url("work-add-action", public_id=world.ws.public_id) + f"?meeting={NUL}",
    ):
        assert client.get(address).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/roadmap/milestones?sector={NUL}",
        f"/roadmap/milestones?domain={TOO_LONG}",
        "/roadmap/milestones?programme=not-an-id",
        f"/resources?q={NUL}{TOO_LONG}&kind={NUL}",
        "/resources?limit=-1&offset=-5",
        "/resources?limit=100&offset=99999999999999999999",
        f"/stories?area={NUL}{TOO_LONG}",
        f"/champions?interest={NUL}&sector={TOO_LONG}&organisation={NUL}",
        "/programmes/not-an-id",
        "/workstreams/00000000-0000-0000-0000-000000000000",
        "/resources/00000000-0000-0000-0000-000000000000",
    ],
)
def test_odd_values_on_every_api_route_never_cause_a_server_error(client, world, people, path):
    response = client.get(API + path, **bearer(people.practitioner))
    assert response.status_code in (200, 400, 404, 422), response.content[:300]
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"message": NUL}, 201),
        ({"message": TOO_LONG}, 400),
        ({"message": ODD}, 201),
        ({"message": 12}, 422),
        ({"message": ["a"]}, 422),
    ],
    ids=["nul", "20000-characters", "odd-unicode", "a-number", "a-list"],
)
def test_odd_messages_when_asking_to_join_through_the_api(client, world, people, body, expected):
    response = client.post(f"{API}/workstreams/{world.ws.public_id}/join-requests", body, content_type="application/json", **bearer(people.trainer))
    assert response.status_code == expected, response.content[:300]
    if expected == 400:
        assert "characters or fewer" in response.json()["detail"]


def test_a_body_that_is_not_json_is_refused_clearly(client, world, people):
    response = client.post(
        f"{API}/workstreams/{world.ws.public_id}/join-requests", b"\x00\xff{not json", content_type="application/json", **bearer(people.trainer)
    )
    assert response.status_code in (400, 422)


# 9. Forged requests and redirects -----------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(world, people):
    attempts = [
        ("organisation_lead", url("roadmap-drop", public_id=world.own.public_id), {"reason": "Forged"}),
        ("practitioner", url("stories-withdraw", public_id=world.waiting.public_id), {}),
        ("champion", url("champions-network"), {"text": "Forged post"}),
        ("champion", url("resources-withdraw", public_id=world.guide.public_id), {"reason": "Forged"}),
        ("other_agency_lead", url("work-meeting-add", public_id=world.ws.public_id), {"notes": "Forged", **day_fields("held_on", days(-1))}),
        ("other_agency_lead", url("work-join-request", public_id=world.join.public_id), {"decision": "accept"}),
        ("organisation_lead", url("champions-decide", public_id=world.offer.public_id), {"decision": "accept"}),
        ("organisation_lead", url("stories-decide", public_id=world.waiting.public_id), {"decision": "approve"}),
    ]
    before = counts()
    for who, address, data in attempts:
        client = Client(enforce_csrf_checks=True)
        client.force_login(getattr(people, who))
        assert client.post(address, data).status_code == 403, address
    assert counts() == before
    assert Milestone.objects.get(pk=world.own.pk).status == Milestone.Status.MOVED
    assert Story.objects.get(pk=world.waiting.pk).status == Story.Status.WAITING
    assert JoinRequest.objects.get(pk=world.join.pk).status == JoinRequest.Status.WAITING
    assert ChampionVolunteer.objects.get(pk=world.offer.pk).status == ChampionVolunteer.Status.PENDING
    assert not Resource.objects.get(pk=world.guide.pk).is_withdrawn
    # With the page's own token, the same post works.
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.organisation_lead)
    client.get(url("roadmap-drop", public_id=world.own.public_id))
    token = client.cookies["csrftoken"].value
    assert client.post(url("roadmap-drop", public_id=world.own.public_id), {"reason": "Agreed", "csrfmiddlewaretoken": token}).status_code == 302


def is_local(location: str) -> bool:
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/") and not location.startswith("//")


def test_the_sign_in_redirect_only_ever_returns_to_this_site(client, world, people):
    for address in (url("roadmap-home") + "?next=https://evil.example/", url("stories-share") + "?next=//evil.example"):
        location = client.get(address)["Location"]
        assert is_local(location)
        back = parse_qs(urlsplit(location).query)["next"][0]
        assert is_local(back)


def test_a_next_address_sent_with_a_form_is_never_followed(world, people):
    evil = {"next": "https://evil.example/", "return_to": "//evil.example", "success_url": "https://evil.example/"}
    attempts = [
        ("practitioner", url("stories-share"), story_form(title="Redirected")),
        ("organisation_lead", url("roadmap-move", public_id=world.own.public_id), {"reason": "Later", **day_fields("due_on", days(150))}),
        ("other_agency_lead", url("work-action-cancel", public_id=world.ws.public_id, action_id=world.action.public_id), {"reason": "Not needed"}),
        ("champion", url("resources-withdraw", public_id=world.guide.public_id), {"reason": "Replaced"}),
        ("champion", url("champions-remove-post", public_id=world.post.public_id), {}),
        ("practitioner", url("stories-withdraw", public_id=world.draft.public_id), {}),
        ("other_agency_practitioner", url("work-member-remove", public_id=world.ws.public_id, member_id=world.member.public_id), {}),
        ("organisation_lead", url("champions-decide", public_id=world.offer.public_id), {"decision": "decline", "reply": "Not now"}),
    ]
    for who, address, data in attempts:
        response = as_(getattr(people, who)).post(address + "?next=https://evil.example/", {**data, **evil})
        assert response.status_code == 302, address
        assert is_local(response["Location"]), (address, response["Location"])
