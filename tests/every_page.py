"""Every page of the site, for every person in the demo: what the checks that cover every page share.

This module holds no tests. Test files import it to visit every page as each demo person
would, so a check (the page fits a phone, its words are plain, ...) reaches every page, and
a new page cannot be missed without a test saying so.

How to use it::

    from tests import every_page

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker):
        # the demo, loaded once for the module and rolled back at its end; the tests
        # take `db` (not `transactional_db` or `live_server`)
        with every_page.load_demo_once(django_db_blocker):
            yield every_page.everyone()

    def test_something_on_every_page(demo, db):
        visited = []
        for label, person, only in demo:
            client = every_page.client_for(person)
            for page in every_page.pages_for(person, client=client, only=only):
                response = client.get(page, follow=True)
                ...
                visited.append(page)
        assert every_page.patterns_never_visited(visited) == []

A browser journey needs `live_server`, so a database emptied after each test: it loads the
demo inside the test instead, with `load_demo()`.

- `demo_people()`: role label -> person, for every sign-in the demo prints (partnership
  lead, organisation lead, champion, practitioner, trainer, data protection lead, a family
  member with their own account) and "anonymous"; each staff person with two-step
  verification set up and the current terms accepted; the family member (a family account,
  no password) with the family's short terms agreed, signed in at their own door.
- `more_people()`: label -> (person, pattern names), for the few pages only someone else in
  the demo reaches (an organisation lead whose organisation has yet to sign, ...).
- `everyone()`: [(label, person, only)] for both: `only` is None, or the pattern names.
- `client_for(person)`: a Django test client signed in as them, verified with two steps; a
  family account signed in the family's way (a one-time code at their door); for anonymous,
  one that has asked the family's door for a code (so the page to type it opens). Its
  `sessionid` cookie can be handed to a browser.
- `pages_for(person, client=None, only=None)`: the paths of every page they can open, one
  for each URL pattern, with its arguments filled from the demo objects they can reach.
  Each is a `Page` (a `str`) that also knows its URL pattern's `name`. A page may answer
  with a redirect to itself (the password-reset link does), so follow redirects.
- `candidate_paths(person)` and `first_that_opens(...)`: the same, for a caller that tries
  the paths its own way (a browser, opening each page once).
- `page_patterns()`: every URL pattern, with the reason it is not a page where it is not.
- `patterns_never_visited(pages)`: the page patterns none of `pages` (everyone's) belongs
  to. A new page needs a filler in `FILLERS` (its arguments from the demo), someone in the
  demo who can open it, or a reason in `skip_reason` why it is not a page.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from io import StringIO

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

ANONYMOUS = "anonymous"
# How many demo objects to try for one pattern before deciding the person cannot open it.
CANDIDATES_PER_PATTERN = 3
DOWNLOAD_ENDINGS = (".pdf", ".csv", ".json", ".ics", ".css", ".ico", ".txt", ".xml", "download/")
# Where a person is sent who is not signed in (or not verified): another object will not help.
SIGN_IN_STEPS = ("core:sign-in", "core:two-step-verify", "core:two-step-setup", "core:terms", "family_door:sign-in", "family_door:terms")
# The address an anonymous visitor has asked the family's door to send a code to (no account has it).
NO_SUCH_FAMILY_ADDRESS = "nobody.here@families.riverbend.example"

OPENS, TRY_ANOTHER, STOP = "opens", "try another", "stop"


# Loading the demo -------------------------------------------------------------------------


def load_demo() -> str:
    """Load every app's demo data (`manage.py load_demo`) and return what it printed."""
    output = StringIO()
    call_command("load_demo", stdout=output, stderr=output)
    return output.getvalue()


@contextlib.contextmanager
def load_demo_once(django_db_blocker) -> Iterator[str]:
    """Load the demo for a whole module (or session), and take it away again afterwards.

    Use it in a module-scoped fixture (see the module's docstring). The demo is loaded in a
    transaction rolled back at the end, so the tests inside it take the `db` fixture (each
    test then runs in a savepoint of its own), not `transactional_db` or `live_server`.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            printed = load_demo()
            try:
                yield printed
            finally:
                transaction.set_rollback(True)


# The people -------------------------------------------------------------------------------


def demo_people() -> dict[str, object]:
    """Role label -> person, for every sign-in the demo prints, and "anonymous".

    Each person has a confirmed authenticator and has accepted the current terms, so every
    page they may see opens for them (with `client_for`).
    """
    from goldenthread.core.models import User
    from goldenthread.families.management.commands.load_demo_families import family_sign_ins, read_demo_families
    from goldenthread.family_door.models import Suggestion, Waiting

    people: dict[str, object] = {}
    for label, email in _partnership_sign_ins().items():
        people[label.lower()] = User.objects.get(email=email)
    families = read_demo_families()
    people["data protection lead"] = User.objects.get(email=families.data_protection_lead)
    # The family member with something waiting for their team, so every page of their own door opens for them.
    own_sign_ins = [email for email, _ in family_sign_ins(families)]
    waiting = set(Suggestion.objects.filter(status=Waiting.WAITING).values_list("person__account__email", flat=True))
    people["family member"] = User.objects.get(email=next((email for email in own_sign_ins if email in waiting), own_sign_ins[0]))
    for person in people.values():
        _ready(person)
    people[ANONYMOUS] = AnonymousUser()
    return people


def more_people() -> dict[str, tuple[object, frozenset[str]]]:
    """Label -> (person, the pages for them), for pages none of `demo_people()` reaches in the demo.

    Each is found in the demo by what they do there; they visit only those pages. Someone the
    demo lacks is left out, and `patterns_never_visited` then names their pages.
    """
    from django.apps import apps
    from django.db.models import F

    from goldenthread.families.models import Family, TeamMember
    from goldenthread.partnership.models import Membership, Role
    from goldenthread.supervision.models import AgreedAction, Session

    found = {
        "organisation lead whose organisation has yet to sign": (
            Membership.objects.filter(role=Role.ORGANISATION_LEAD, organisation__pledge__isnull=True).order_by("id").first(),
            {"pledges:sign"},
            "user",
        ),
        "facilitator of a learning conversation to come": (
            Session.objects.filter(kind=Session.Kind.LEARNING_CONVERSATION, status__in=(Session.Status.REQUESTED, Session.Status.SCHEDULED))
            .exclude(facilitator=None)
            .order_by("requested_at")
            .first(),
            {"supervision:schedule", "supervision:invite", "supervision:cancel"},
            "facilitator",
        ),
        "facilitator of a learning conversation held": (
            Session.objects.filter(
                kind=Session.Kind.LEARNING_CONVERSATION,
                status=Session.Status.HELD,
                attendees__user=F("facilitator"),
                attendees__acknowledged_confidentiality_at__isnull=False,
            )
            .order_by("-requested_at")
            .first(),
            {"supervision:add-commitment"},
            "facilitator",
        ),
        "facilitator of a group supervision held, about a family": (
            Session.objects.filter(
                kind=Session.Kind.GROUP_SUPERVISION,
                status=Session.Status.HELD,
                family__isnull=False,
                attendees__user=F("facilitator"),
                attendees__acknowledged_confidentiality_at__isnull=False,
            )
            .order_by("-requested_at")
            .first(),
            {"supervision:attendance", "supervision:add-action", "supervision:wellbeing", "supervision:chronology-summary"},
            "facilitator",
        ),
        "owner of an open supervision action": (
            AgreedAction.objects.filter(status=AgreedAction.Status.OPEN).order_by("created_at").first(),
            {"supervision:complete-action", "supervision:move-action", "supervision:cancel-action"},
            "owner",
        ),
        "accountable manager of a proposed action": (
            AgreedAction.objects.filter(status=AgreedAction.Status.PROPOSED).exclude(session__accountable_manager=None).order_by("created_at").first(),
            {"supervision:confirm-action"},
            "session.accountable_manager",
        ),
        "practitioner holding a closed family's record": (
            TeamMember.objects.filter(family__status=Family.Status.CLOSED, left_on__isnull=True, organisation=F("family__recording_organisation"))
            .order_by("id")
            .first(),
            {"families:reopen"},
            "user",
        ),
    }
    if apps.is_installed("goldenthread.language_rules"):
        found["language lead"] = (
            Membership.objects.filter(role=Role.LANGUAGE_LEAD).order_by("id").first(),
            {"language_rules:propose", "language_rules:change", "language_rules:switch", "language_rules:publish"},
            "user",
        )
    if apps.is_installed("goldenthread.impact"):
        found["auditor with records waiting to be graded"] = (
            apps.get_model("impact", "AuditRound").objects.filter(state="grading").order_by("id").first(),
            {"impact:quality_round", "impact:quality_item", "impact:quality_item_skip"},
            "auditor",
        )
    if apps.is_installed("goldenthread.training"):
        found["person asked how a course changed their practice"] = (
            apps.get_model("training", "PracticeFollowUp").objects.order_by("-sent_at").first(),
            {"training:follow-up"},
            "person",
        )
    people = {}
    for label, (thing, names, attribute) in found.items():
        person = _follow(thing, attribute)
        if person is not None:
            _ready(person)
            people[label] = (person, frozenset(names))
    return people


def everyone() -> list[tuple[str, object, frozenset[str] | None]]:
    """(label, person, only) for every demo person: `only` is None, or the only pages to visit for them."""
    return [(label, person, None) for label, person in demo_people().items()] + [(label, person, only) for label, (person, only) in more_people().items()]


def _follow(thing, attribute: str):
    for name in attribute.split("."):
        if thing is None:
            return None
        thing = getattr(thing, name)
    return thing


def _ready(person) -> None:
    """Two-step verification set up and the current terms accepted, as every demo person who signs in has.

    A family account has neither (it never opens a staff page): it has agreed to the family's own short terms."""
    from goldenthread.core import services
    from goldenthread.core.tests.two_step import authenticator_of
    from goldenthread.family_door import rules
    from goldenthread.family_door.models import TermsAgreed

    if person.is_family_account:
        TermsAgreed.objects.get_or_create(user=person, version=rules.terms().version)
        return
    authenticator_of(person)
    services.accept_terms(person, by=person)


def _partnership_sign_ins() -> dict[str, str]:
    """Label -> e-mail, as `load_demo_partnership` prints them (running it again changes nothing)."""
    output = StringIO()
    call_command("load_demo_partnership", stdout=output)
    sign_ins = {}
    for line in output.getvalue().split("Demo sign-ins", 1)[1].splitlines()[1:]:
        label, _, email = line.strip().rpartition(" ")
        if not line.startswith("  ") or not label.strip():
            break
        if label.strip() != "Password":
            sign_ins[label.strip()] = email
    return sign_ins


def client_for(person) -> Client:
    """A test client signed in as the person and verified with two steps; a plain one for anonymous.

    It has also searched for a family where the person may, as "add a new family" asks first.
    """
    from goldenthread.core.safeguards import has_two_step
    from goldenthread.core.tests.two_step import signed_in_with_two_steps
    from goldenthread.family_door.views.family import SIGN_IN_EMAIL
    from tests.family_fixtures import signed_in_at_the_door

    if not person.is_authenticated:
        client = Client()
        session = client.session
        session[SIGN_IN_EMAIL] = NO_SUCH_FAMILY_ADDRESS  # as if they had asked the family's door for a code
        session.save()
        return client
    if person.is_family_account:
        return signed_in_at_the_door(person)
    if has_two_step(person):
        client = signed_in_with_two_steps(person)
    else:
        client = Client()
        client.force_login(person)
    _quietly(client, "post", reverse("families:search"), {"family_name": "Someone new"})
    return client


def _quietly(client: Client, method: str, path: str, data=None):
    """The response, with a failing page answered as a page (500) rather than raised in the test.

    Refusals (403, 404) are expected while trying paths, so they are not logged meanwhile.
    """
    raising, client.raise_request_exception = client.raise_request_exception, False
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.ERROR)
    try:
        return getattr(client, method)(path, data)
    finally:
        client.raise_request_exception = raising
        requests_log.setLevel(level)


# The patterns -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PagePattern:
    name: str  # "namespace:name"
    route: str  # "families/<uuid:family_id>/"
    arguments: tuple[str, ...]
    skip: str  # why it is not a page ("" where it is one)


class Page(str):
    """A path to a page, which also knows the name of its URL pattern."""

    name: str

    def __new__(cls, path: str, name: str):
        page = super().__new__(cls, path)
        page.name = name
        return page


def page_patterns() -> list[PagePattern]:
    """Every URL pattern of the site, each with the reason it is not a page where it is not one."""
    found = []
    for route, name, pattern in _walk(get_resolver().url_patterns):
        arguments = tuple(pattern.pattern.regex.groupindex)
        found.append(PagePattern(name, route, arguments, skip_reason(route, name, pattern.callback)))
    return found


def skip_reason(route: str, name: str, view) -> str:
    """Why a pattern is not a page a person reads, or "" where it is one."""
    if route.startswith("django-admin/"):
        return "Django's own admin"
    if name.partition(":")[0] == "operations":
        return "for monitoring, not a page (health checks and metrics)"
    if route.startswith("api/v1/"):
        return "" if name == "api-v1:openapi-view" else "the API, not a page"
    if not name.partition(":")[2]:
        return "a pattern with no name (a file the browser asks for)"
    if route.endswith(DOWNLOAD_ENDINGS):
        return "a download"
    methods = _allowed_methods(view)
    if methods is not None and "GET" not in methods:
        return "answers a form only (POST)"
    return ""


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name or ''}", pattern


def _allowed_methods(view) -> set[str] | None:
    """The HTTP methods a view accepts, as its decorators (`require_POST`, ...) or its class say; None if any."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return {method.upper() for method in view_class.http_method_names if hasattr(view_class, method)}
    function = view
    for _ in range(20):
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, list | tuple | set | frozenset) and value and all(isinstance(v, str) and v.isupper() for v in value):
                return set(value)
        function = getattr(function, "__wrapped__", None)
        if function is None:
            return None
    return None


# Filling each pattern's arguments from the demo ------------------------------------------------

Kwargs = dict[str, object]


def _take(*sources: Iterable, limit: int = CANDIDATES_PER_PATTERN) -> list:
    """The first `limit` distinct items from the sources, in order."""
    seen, found = set(), []
    for item in itertools.chain(*sources):
        key = repr(sorted(item.items())) if isinstance(item, dict) else item
        if key not in seen:
            seen.add(key)
            found.append(item)
        if len(found) == limit:
            break
    return found


def _organisations(person, *queries) -> list:
    """The person's own organisations; for someone with none (a partnership lead), those the queries find."""
    from goldenthread.partnership.models import Organisation

    own = list(Organisation.objects.filter(memberships__user=person).order_by("name")) if person.is_authenticated else []
    if own:
        return _take(own)
    return _take(*[query.order_by("name")[:2] for query in queries], Organisation.objects.order_by("name")[:1])


def _slugs(person, *queries) -> list[Kwargs]:
    return [{"slug": organisation.slug} for organisation in _organisations(person, *queries)]


def _with_pledge(person):
    from goldenthread.partnership.models import Organisation

    return _slugs(person, Organisation.objects.filter(pledge__isnull=False))


def _without_pledge(person):
    from goldenthread.partnership.models import Organisation

    return _slugs(person, Organisation.objects.filter(pledge__isnull=True))


def _lapsed_or_withdrawn(person):
    from goldenthread.partnership.models import Organisation
    from goldenthread.pledges.models import Pledge

    return _slugs(
        person,
        Organisation.objects.filter(pledge__status=Pledge.Status.WITHDRAWN),
        Organisation.objects.filter(pledge__expires_on__lt=date.today()),
    )


def _pledge_actions(person):
    from goldenthread.partnership.models import Organisation
    from goldenthread.pledges.models import PledgeAction

    for organisation in _organisations(person, Organisation.objects.filter(pledge__actions__isnull=False).distinct()):
        action = PledgeAction.objects.filter(pledge__organisation=organisation).order_by("status", "id").first()
        if action:
            yield {"slug": organisation.slug, "action_id": action.public_id}


def _members_to_change(person):
    for organisation in _organisations(person):
        membership = organisation.memberships.exclude(user_id=getattr(person, "pk", None)).order_by("id").first()
        if membership:
            yield {"slug": organisation.slug, "person": membership.user.public_id}


def _continuum_organisations(person):
    from goldenthread.partnership.models import Organisation

    return _slugs(person, Organisation.objects.filter(assessments__isnull=False).distinct())


def _continuum_actions(person):
    from goldenthread.continuum.models import ContinuumAction
    from goldenthread.partnership.models import Organisation

    for organisation in _organisations(person, Organisation.objects.filter(continuum_actions__isnull=False).distinct()):
        action = ContinuumAction.objects.filter(organisation=organisation).order_by("status", "id").first()
        if action:
            yield {"slug": organisation.slug, "action_id": action.public_id}


def _assessments(person, *, open_first: bool = True) -> list[Kwargs]:
    """Rounds the person answers or their organisation runs (open ones first, or completed ones), then any."""
    from goldenthread.continuum.models import Assessment

    order = ("status" if open_first else "-status", "-started_on")
    mine = []
    if person.is_authenticated:
        mine = (Assessment.objects.filter(responses__respondent=person) | Assessment.objects.filter(organisation__memberships__user=person)).distinct()
        mine = mine.order_by(*order)
    return [{"assessment_id": assessment.public_id} for assessment in _take(mine, Assessment.objects.order_by(*order)[:1])]


def _frameworks(person):
    from goldenthread.continuum.models import Framework

    return [{"code": framework.code, "version": framework.version} for framework in Framework.objects.order_by("-is_current", "code")[:1]]


def _families(person, *, closed: bool | None = None, on_team: bool = True) -> list:
    """Families the person works with (or is in) first; `on_team=False` for ones they are not in."""
    from goldenthread.families.models import EmergencyAccess, Family

    families = Family.objects.order_by("reference")
    if closed is not None:
        families = families.filter(status=Family.Status.CLOSED if closed else Family.Status.OPEN)
    if not person.is_authenticated:
        return list(families[:1])
    theirs = families.filter(team__user=person, team__left_on__isnull=True) | families.filter(people__account=person)
    if not on_team:
        return _take(families.exclude(pk__in=theirs.values("pk"))[:1])
    emergency = families.filter(pk__in=EmergencyAccess.objects.filter(user=person).values("family"))
    return _take(theirs.distinct(), emergency) or list(families[:1])


def _family_ids(person, **how) -> list[Kwargs]:
    return [{"family_id": family.public_id} for family in _families(person, **how)]


def _family_parts(person, related: str, *, argument: str, filters: dict | None = None, prefer_own: bool = False):
    for family in _families(person):
        things = getattr(family, related).filter(**(filters or {})).order_by("id")
        if prefer_own and person.is_authenticated:
            things = _take(things.filter(account=person), things[:1], limit=1)
        thing = next(iter(things), None)
        if thing is not None:
            yield {"family_id": family.public_id, argument: thing.public_id}


def _emergency_reviews(person):
    from goldenthread.families.models import EmergencyAccess

    return [{"access_id": access.public_id} for access in EmergencyAccess.objects.order_by("reviewed_at", "-started_at")[:2]]


def _supervision_sessions(person, *, facilitating: bool = False) -> list[Kwargs]:
    """Sessions the person takes part in, or (`facilitating`) runs or asked for; those to come first."""
    from goldenthread.supervision.models import Session

    if not person.is_authenticated:
        return []
    order = ("-proposed_start",)
    to_come = (Session.Status.REQUESTED, Session.Status.SCHEDULED)
    if facilitating:
        facilitated = Session.objects.filter(facilitator=person).order_by(*order)
        requested = Session.objects.filter(requested_by=person, status__in=to_come).order_by(*order)
        sessions = _take(facilitated.filter(status__in=to_come)[:1], facilitated.filter(status=Session.Status.HELD)[:1], requested)
    else:
        joined = (Session.objects.filter(attendees__user=person) | Session.objects.filter(accountable_manager=person)).distinct().order_by(*order)
        sessions = _take(joined.filter(status__in=to_come)[:1], joined.filter(status=Session.Status.HELD)[:1], joined)
    return [{"session_id": session.public_id} for session in sessions]


def _facilitated_sessions(person):
    return _supervision_sessions(person, facilitating=True)


def _supervision_actions(person, *statuses: str):
    from goldenthread.supervision.models import AgreedAction

    if not person.is_authenticated:
        return []
    actions = AgreedAction.objects.filter(status__in=statuses).order_by("status", "-created_at")
    theirs = actions.filter(owner=person) | actions.filter(session__facilitator=person) | actions.filter(session__accountable_manager=person)
    return [{"action_id": action.public_id} for action in _take(theirs.distinct(), actions[:1])]


def _personal_pledges(person):
    from goldenthread.pledges.models import PersonalPledge

    if not person.is_authenticated:
        return []
    return [{"pledge_id": pledge.public_id} for pledge in PersonalPledge.objects.filter(user=person).order_by("id")[:1]]


def _own_family_person(person):
    """The family member a family account belongs to, or None."""
    from goldenthread.family_door.permissions import own_person

    return own_person(person) if person.is_authenticated else None


def _own_story_entries(person) -> list[Kwargs]:
    own = _own_family_person(person)
    if own is None:
        return []
    return [{"entry_id": entry.public_id} for entry in own.family.story_entries.order_by("-told_on", "id")[:1]]


def _profile_parts(person) -> list[Kwargs]:
    return [{"field": "liked_and_admired"}] if _own_family_person(person) is not None else []


def _own_live_agreements(person) -> list[Kwargs]:
    from goldenthread.families.models import ConsentAgreement

    own = _own_family_person(person)
    if own is None:
        return []
    live = ConsentAgreement.objects.filter(family=own.family, withdrawn_at__isnull=True).order_by("-recorded_at")
    return [{"consent_id": agreement.public_id} for agreement in live[:1]]


def _own_waiting_suggestions(person) -> list[Kwargs]:
    from goldenthread.family_door.models import Suggestion, Waiting

    own = _own_family_person(person)
    if own is None:
        return []
    return [{"suggestion_id": suggestion.public_id} for suggestion in Suggestion.objects.filter(person=own, status=Waiting.WAITING)[:1]]


def _invitation_link(person) -> list[Kwargs]:
    """The link in an invitation e-mail, for someone not signed in: a fresh invitation to a family member who may be invited."""
    import secrets
    from datetime import timedelta

    from goldenthread.families.models import Person, TeamMember
    from goldenthread.family_door import rules, services
    from goldenthread.family_door.models import Invitation, digest

    if person.is_authenticated:
        return []
    parents = Person.objects.filter(account__isnull=True, role_in_family__in=services.FAMILY_ROLES, family__status="open").order_by("id")
    invited = next((someone for someone in parents if services.may_be_invited(someone)), None)
    if invited is None:
        return []
    lead = TeamMember.objects.filter(family=invited.family, is_lead=True, left_on__isnull=True).first()
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    Invitation.objects.create(
        person=invited,
        email=f"invited.{invited.public_id.hex[:8]}@families.riverbend.example",
        invited_by=lead.user if lead else None,
        invited_at=now,
        expires_at=now + timedelta(days=rules.door().invitation_days),
        token_digest=digest(token),
    )
    return [{"token": token}]


def _from_the_family(model_name: str, argument: str):
    """What a family asked (suggestion, question, request to share) in the families the person works with: waiting first, then any."""

    def fill(person) -> list[Kwargs]:
        from goldenthread.family_door import models

        model = getattr(models, model_name)
        found = []
        for family in _families(person):
            items = model.objects.filter(family=family).order_by("-pk")
            first = items.filter(status=models.Waiting.WAITING).first() or items.first()
            if first is not None:
                found.append({"family_id": family.public_id, argument: first.public_id})
        return found

    return fill


def _families_asking(person) -> list[Kwargs]:
    """The person's families with something from the family waiting first, then the rest."""
    from goldenthread.family_door.models import Suggestion, Waiting

    families = _families(person)
    asking = {suggestion.family_id for suggestion in Suggestion.objects.filter(status=Waiting.WAITING)}
    return [{"family_id": family.public_id} for family in sorted(families, key=lambda family: family.pk not in asking)]


def _people_to_invite(person, *, with_sign_in: bool = False) -> list[Kwargs]:
    """Family members in the person's families who may be invited to their own sign-in (or, `with_sign_in`, who have one)."""
    from goldenthread.family_door import services

    found = []
    for family in _families(person):
        people = family.people.order_by("id")
        chosen = next((p for p in people if (p.account_id is not None if with_sign_in else services.may_be_invited(p))), None)
        if chosen is not None:
            found.append({"family_id": family.public_id, "person_id": chosen.public_id})
    return found


def _password_reset_link(person):
    """The link in a password-reset e-mail, for a demo person who signs in with a password."""
    from goldenthread.core.models import User

    if person.is_authenticated:
        return []
    someone = User.objects.filter(is_active=True).exclude(password="").order_by("id").first()
    if someone is None:
        return []
    return [{"uidb64": urlsafe_base64_encode(force_bytes(someone.pk)), "token": default_token_generator.make_token(someone)}]


def _training(model: str, *, theirs: Callable | None = None):
    """Training objects by public_id: the person's own first (booked, trained, ...), then any."""

    def fill(person):
        from django.apps import apps

        if not apps.is_installed("goldenthread.training"):
            return []
        objects = apps.get_model("training", model).objects.order_by("-id")
        own = theirs(objects, person) if theirs and person.is_authenticated else []
        return [{"public_id": thing.public_id} for thing in _take(own, objects[:1])]

    return fill


def _booked(sessions, person):
    return sessions.filter(bookings__person=person).order_by("-starts_at")


def _attended(sessions, person):
    return sessions.filter(bookings__person=person, bookings__attendance__isnull=False).order_by("-starts_at")


def _offered(sessions, person):
    return sessions.filter(bookings__person=person, bookings__status="offered")


def _led(sessions, person):
    return sessions.filter(trainers=person).order_by("-starts_at")


def _own_check_ins(person):
    """The person's own latest check-in: nobody else can open it (it is not found for them)."""
    from goldenthread.wellbeing.models import CheckIn

    if not person.is_authenticated:
        return []
    return [{"public_id": check_in.public_id} for check_in in CheckIn.objects.filter(person=person).order_by("-taken_at")[:1]]


def _support_options(person):
    from goldenthread.wellbeing.models import SupportOption

    return [{"public_id": option.public_id} for option in SupportOption.objects.order_by("kind", "name")[:1]]


def _reflective_spaces(person, *, theirs: str = "any"):
    """Reflective spaces to come: the person's own first (`theirs`: "booked", a place they took; "run", one they put on or
    host; "any", those or one offered to them), then one for everyone (not for "booked": only a place of their own opens)."""
    from django.db.models import Q

    from goldenthread.wellbeing.models import ReflectiveSpace

    spaces = ReflectiveSpace.objects.filter(is_cancelled=False, starts_at__gt=timezone.now()).order_by("starts_at")
    for_everyone = [] if theirs == "booked" else spaces.filter(organisation__isnull=True, after_hard_event=False)[:1]
    if not person.is_authenticated:
        return [{"public_id": space.public_id} for space in for_everyone]
    run = Q(created_by=person) | Q(host=person)
    own = {"booked": Q(places__person=person), "run": run, "any": run | Q(places__person=person) | Q(offered_to=person)}[theirs]
    return [{"public_id": space.public_id} for space in _take(spaces.filter(own).distinct(), for_everyone)]


# The programme ------------------------------------------------------------------------------


def _ids(things) -> list[Kwargs]:
    return [{"public_id": thing.public_id} for thing in things]


def _work_programmes(person):
    from goldenthread.programme.work import queries

    return _ids(queries.programmes()[:1])


def _workstreams(person, *, led: bool = False) -> list:
    """Running workstreams the person leads (`led`) or takes part in first, then any running one, then any."""
    from goldenthread.programme.work import queries
    from goldenthread.programme.work.models import Workstream

    theirs = queries.workstreams_for(person)
    if led and person.is_authenticated:
        theirs = theirs.filter(lead=person)
    return _take(theirs.order_by("name"), queries.running_workstreams()[:1], Workstream.objects.order_by("name")[:1])


def _workstream_ids(person, *, led: bool = False) -> list[Kwargs]:
    return _ids(_workstreams(person, led=led))


def _workstreams_to_join(person) -> list[Kwargs]:
    """Running workstreams the person may ask to join (not on it, not asked yet), then their own."""
    from goldenthread.programme.work import permissions, queries

    joinable = [workstream for workstream in queries.running_workstreams() if permissions.can_ask_to_join(person, workstream)][:1]
    return _ids(_take(joinable, _workstreams(person)))


def _workstream_members(person) -> list[Kwargs]:
    """Someone on a workstream the person leads, or their own place on one, then anyone's."""
    from goldenthread.programme.work.models import WorkstreamMember

    members = WorkstreamMember.objects.filter(left_at=None, workstream__is_open=True).select_related("workstream").order_by("id")
    theirs = []
    if person.is_authenticated:
        theirs = _take(members.filter(workstream__lead=person).exclude(person=person)[:1], members.filter(person=person)[:1])
    return [{"public_id": member.workstream.public_id, "member_id": member.public_id} for member in _take(theirs, members[:1])]


def _work_meetings(person) -> list[Kwargs]:
    from goldenthread.programme.work import queries
    from goldenthread.programme.work.models import Meeting

    meetings = Meeting.objects.order_by("-held_on", "-id")
    return _ids(_take(meetings.filter(workstream__in=queries.workstreams_for(person))[:2], meetings[:1]))


def _work_actions(person) -> list[Kwargs]:
    """Open actions of the workstreams the person takes part in, then any open one, then any."""
    from goldenthread.programme.work import queries
    from goldenthread.programme.work.models import WorkstreamAction

    actions = WorkstreamAction.objects.select_related("workstream").order_by("due_on", "id")
    still_open = queries.open_actions(actions)
    found = _take(still_open.filter(workstream__in=queries.workstreams_for(person))[:1], still_open[:1], actions[:1])
    return [{"public_id": action.workstream.public_id, "action_id": action.public_id} for action in found]


def _join_requests(person) -> list[Kwargs]:
    """Requests to join waiting for the person's answer (as the workstream's lead), then any waiting one (for the partnership team)."""
    from goldenthread.programme.work import queries
    from goldenthread.programme.work.models import JoinRequest

    waiting = JoinRequest.objects.filter(status=JoinRequest.Status.WAITING).order_by("asked_at")
    return _ids(_take(queries.join_requests_to_decide(person).order_by("asked_at"), waiting[:1]))


def _milestones(person) -> list[Kwargs]:
    """Open milestones the person keeps first (an organisation lead's own, any for the partnership team), then any open one, then any."""
    from goldenthread.programme.roadmap import permissions
    from goldenthread.programme.roadmap.models import Milestone

    milestones = Milestone.objects.order_by("due_on", "title", "pk")
    still_open = milestones.filter(status__in=Milestone.OPEN)
    kept = []
    if person.is_authenticated:
        kept = still_open if permissions.keeps_whole_system(person) else still_open.filter(organisation__in=permissions.organisations_kept_by(person))
    return _ids(_take(kept[:2], still_open[:1], milestones[:1]))


def _resources(person) -> list[Kwargs]:
    """Resources the person added (not withdrawn) first, then any in the library, then any."""
    from goldenthread.programme.resources.models import Resource

    resources = Resource.objects.order_by("-id")
    in_library = resources.filter(is_withdrawn=False)
    own = in_library.filter(added_by=person)[:2] if person.is_authenticated else []
    return _ids(_take(own, in_library[:1], resources[:1]))


def _own_stories(person, *, approved: bool = False) -> list[Kwargs]:
    """Stories the person shared that are not withdrawn; with `approved`, then the newest approved one."""
    from goldenthread.programme.stories import queries
    from goldenthread.programme.stories.models import Story

    own = queries.own_stories(person).exclude(status=Story.Status.WITHDRAWN)
    return _ids(_take(own[:2], queries.approved_for_workforce()[:1] if approved else []))


def _stories_to_decide(person) -> list[Kwargs]:
    from goldenthread.programme.stories import queries

    return _ids(queries.waiting_for_approval_by(person)[:2])


def _public_stories(person) -> list[Kwargs]:
    from goldenthread.programme.stories import queries

    return _ids(queries.approved_public()[:1])


def _champions(person) -> list[Kwargs]:
    """The person, where they are a champion, then the first champion in the directory."""
    from goldenthread.programme.champions import queries

    everyone = [champion.person for champion in queries.champions()]
    own = [champion for champion in everyone if champion.pk == getattr(person, "pk", None)]
    return [{"public_id": champion.public_id} for champion in _take(own, everyone[:1])]


def _network_posts(person) -> list[Kwargs]:
    """The person's own posts; any post for a partnership admin."""
    from goldenthread.core.permissions import is_partnership_admin
    from goldenthread.programme.champions import queries

    if not person.is_authenticated:
        return []
    return _ids(_take(queries.posts_by(person)[:1], queries.posts()[:1] if is_partnership_admin(person) else []))


def _champion_offers(person) -> list[Kwargs]:
    """Offers to be a champion waiting for the person's answer, then those they answered."""
    from goldenthread.programme.champions import queries

    return _ids(_take(queries.offers_to_decide(person)[:2], queries.decided_offers_in(person)[:1]))


def _language_rules(person) -> list[Kwargs]:
    """The partnership's own rules, then a shipped rule it has switched off."""
    from goldenthread.language_rules.models import PartnershipRule, RuleSwitch

    return _take(
        ({"rule_id": rule_id} for rule_id in PartnershipRule.objects.order_by("created_at").values_list("rule_id", flat=True)),
        ({"rule_id": rule_id} for rule_id in RuleSwitch.objects.order_by("switched_at").values_list("rule_id", flat=True)),
    )


def _rule_versions(waiting_for: str):
    """Versions waiting for review ("review") or reviewed and waiting to be published ("publish")."""

    def versions(person) -> list[Kwargs]:
        from goldenthread.language_rules.models import RuleVersion

        reviewed = RuleVersion.objects.filter(reviews__approved=True, publication__isnull=True)
        waiting = reviewed if waiting_for == "publish" else RuleVersion.objects.filter(reviews__isnull=True, publication__isnull=True)
        return _ids(waiting.order_by("proposed_at")[:2])

    return versions


# Impact -------------------------------------------------------------------------------------


def _impact_ids(model: str, *firsts: dict, argument: str = "public_id", order: str = "-id"):
    """Impact's objects by their public id: those matching each of `firsts` (filters) in turn, then any."""

    def fill(person) -> list[Kwargs]:
        from django.apps import apps

        objects = apps.get_model("impact", model).objects.order_by(order)
        found = _take(*(objects.filter(**filters)[:2] for filters in firsts), objects[:1])
        return [{argument: thing.public_id} for thing in found]

    return fill


def _theory_versions(person) -> list[Kwargs]:
    from goldenthread.impact.theory import queries

    return [{"number": version.number} for version in queries.published_versions()[:1]]


def _draft_parts(model: str):
    """The outcomes, activities or assumptions of the theory of change's draft."""

    def fill(person) -> list[Kwargs]:
        from django.apps import apps

        return _ids(apps.get_model("impact", model).objects.filter(theory__state="draft").order_by("id")[:1])

    return fill


def _threads(person) -> list[Kwargs]:
    """The organisations whose own golden thread the person sees."""
    from goldenthread.impact.permissions import organisations_seen

    return [{"organisation_id": organisation.pk} for organisation in organisations_seen(person)[:1]]


def _families_to_ask(person) -> list[Kwargs]:
    """Open families the person works with: a practitioner asks one of them how it went."""
    return _family_ids(person, closed=False)


def _demo_survey_link(person) -> list[Kwargs]:
    from goldenthread.impact.feedback.demo import DEMO_TOKEN

    return [{"token": DEMO_TOKEN}]


def _surveys_for_the_family_member(person) -> list[Kwargs]:
    """Surveys sent to the family member's own account and not answered yet."""
    from goldenthread.impact.feedback.models import FeedbackRequest

    if not getattr(person, "is_family_account", False):
        return []
    waiting = FeedbackRequest.objects.filter(person__account=person, answered_at__isnull=True).order_by("-id")
    return [{"request_id": request.public_id} for request in waiting[:2]]


def _audit_items(person) -> list[Kwargs]:
    """Records waiting to be graded in the person's own rounds."""
    from goldenthread.impact.quality.models import AuditItem

    items = AuditItem.objects.filter(state=AuditItem.State.WAITING, round__auditor=person) if person.is_authenticated else AuditItem.objects.none()
    return [{"item_id": item.public_id} for item in items.order_by("position")[:2]]


def _audit_rounds(person) -> list[Kwargs]:
    from goldenthread.impact.quality.models import AuditRound

    rounds = AuditRound.objects.filter(auditor=person).order_by("-id") if person.is_authenticated else AuditRound.objects.none()
    return [{"round_id": audit_round.public_id} for audit_round in rounds[:2]]


# URL name -> (person -> candidate arguments, best first). A pattern with no arguments needs none.
FILLERS: dict[str, Callable[[object], Iterable[Kwargs]]] = {
    "core:password-reset-confirm": _password_reset_link,
    "partnership:organisation": _slugs,
    "partnership:organisation-change": _slugs,
    "partnership:member-add": _slugs,
    "partnership:member-role": _members_to_change,
    "partnership:member-remove": _members_to_change,
    "pledges:organisation": _with_pledge,
    "pledges:manage": _with_pledge,
    "pledges:sign": _without_pledge,
    "pledges:statement": _with_pledge,
    "pledges:champions": _with_pledge,
    "pledges:actions": _with_pledge,
    "pledges:add-action": _with_pledge,
    "pledges:edit-action": _pledge_actions,
    "pledges:action-done": _pledge_actions,
    "pledges:progress": _with_pledge,
    "pledges:renew": _lapsed_or_withdrawn,
    "pledges:withdraw": _with_pledge,
    "pledges:republish": _lapsed_or_withdrawn,
    "pledges:edit-personal-pledge": _personal_pledges,
    "pledges:remove-personal-pledge": _personal_pledges,
    "continuum:organisation": _continuum_organisations,
    "continuum:start": _slugs,
    "continuum:actions": _continuum_organisations,
    "continuum:add-action": _continuum_organisations,
    "continuum:edit-action": _continuum_actions,
    "continuum:action-done": _continuum_actions,
    "continuum:assessment": _assessments,
    "continuum:invite": _assessments,
    "continuum:answer": _assessments,
    "continuum:check-answers": _assessments,
    "continuum:complete": _assessments,
    "continuum:result": lambda person: _assessments(person, open_first=False),
    "continuum:framework": _frameworks,
    "families:review": _emergency_reviews,
    "families:overview": _family_ids,
    "families:ask-to-join": lambda person: _family_ids(person, on_team=False),
    "families:edit-details": _family_ids,
    "families:close": lambda person: _family_ids(person, closed=False),
    "families:reopen": lambda person: _family_ids(person, closed=True),
    "families:add-story": _family_ids,
    "families:edit-story": lambda person: _family_parts(person, "story_entries", argument="entry_id"),
    "families:add-person": _family_ids,
    "families:profile": lambda person: _family_parts(person, "people", argument="person_id", prefer_own=True),
    "families:edit-person": lambda person: _family_parts(person, "people", argument="person_id", prefer_own=True),
    "families:edit-profile": lambda person: _family_parts(person, "people", argument="person_id", prefer_own=True),
    "families:add-chronology": _family_ids,
    "families:leave-team": _family_ids,
    "families:make-lead": _family_ids,
    "families:consents": _family_ids,
    "families:record-consent": _family_ids,
    "families:withdraw-consent": lambda person: _family_parts(person, "consents", argument="consent_id", filters={"withdrawn_at__isnull": True}),
    "families:emergency": lambda person: _family_ids(person, on_team=False),
    "families:access-account": _family_ids,
    "family_door:join": _invitation_link,
    "family_door:suggest-story-entry": _own_story_entries,
    "family_door:suggest-profile": _profile_parts,
    "family_door:withdraw": _own_live_agreements,
    "family_door:take-back": _own_waiting_suggestions,
    "from_the_family:list": _families_asking,
    "from_the_family:suggestion": _from_the_family("Suggestion", "suggestion_id"),
    "from_the_family:question": _from_the_family("Question", "question_id"),
    "from_the_family:share-request": _from_the_family("ShareRequest", "request_id"),
    "from_the_family:invite": _people_to_invite,
    "from_the_family:stop-sign-in": lambda person: _people_to_invite(person, with_sign_in=True),
    "language_rules:rule": _language_rules,
    "language_rules:change": _language_rules,
    "language_rules:switch": _language_rules,
    "language_rules:review": _rule_versions("review"),
    "language_rules:publish": _rule_versions("publish"),
    "supervision:session": _supervision_sessions,
    "supervision:acknowledge": _supervision_sessions,
    "supervision:respond": _supervision_sessions,
    "supervision:schedule": _facilitated_sessions,
    "supervision:invite": _facilitated_sessions,
    "supervision:attendance": _facilitated_sessions,
    "supervision:cancel": _facilitated_sessions,
    "supervision:add-action": _facilitated_sessions,
    "supervision:add-commitment": _facilitated_sessions,
    "supervision:wellbeing": _facilitated_sessions,
    "supervision:chronology-summary": _facilitated_sessions,
    "supervision:complete-action": lambda person: _supervision_actions(person, "open"),
    "supervision:cancel-action": lambda person: _supervision_actions(person, "open", "proposed"),
    "supervision:move-action": lambda person: _supervision_actions(person, "open"),
    "supervision:confirm-action": lambda person: _supervision_actions(person, "proposed"),
    "training:course": _training("Course", theirs=lambda courses, person: courses.filter(sessions__bookings__person=person).distinct()),
    "training:session": _training("TrainingSession", theirs=_booked),
    "training:cancel-place": _training("TrainingSession", theirs=_booked),
    "training:offer": _training("TrainingSession", theirs=_offered),
    "training:feedback": _training("TrainingSession", theirs=_attended),
    "training:aha-moment": _training("TrainingSession", theirs=_attended),
    "training:programme": _training("Programme"),
    "training:programme-edit": _training("Programme"),
    "training:course-add": _training("Programme"),
    "training:course-edit": _training("Course"),
    "training:session-add": _training("Course"),
    "training:session-edit": _training("TrainingSession", theirs=_led),
    "training:session-cancel": _training("TrainingSession", theirs=_led),
    "training:lms-check": _training("LmsImport"),
    "training:follow-up": _training("PracticeFollowUp", theirs=lambda follow_ups, person: follow_ups.filter(person=person)),
    "training:register": _training("TrainingSession", theirs=lambda sessions, person: _led(sessions, person).filter(starts_at__lte=timezone.now())),
    "training:reach-organisation": _slugs,
    "wellbeing:check-in-detail": _own_check_ins,
    "wellbeing:check-in-delete": _own_check_ins,
    "wellbeing:support-edit": _support_options,
    "wellbeing:space": _reflective_spaces,
    "wellbeing:give-up-place": lambda person: _reflective_spaces(person, theirs="booked"),
    "wellbeing:space-edit": lambda person: _reflective_spaces(person, theirs="run"),
    "wellbeing:space-cancel": lambda person: _reflective_spaces(person, theirs="run"),
    "programme:work-programme": _work_programmes,
    "programme:work-programme-edit": _work_programmes,
    "programme:work-board": _work_programmes,
    "programme:work-workstream-add": _work_programmes,
    "programme:work-workstream": _workstream_ids,
    "programme:work-workstream-edit": _workstream_ids,
    "programme:work-join": _workstreams_to_join,
    "programme:work-member-add": lambda person: _workstream_ids(person, led=True),
    "programme:work-member-remove": _workstream_members,
    "programme:work-meeting-add": _workstream_ids,
    "programme:work-meeting": _work_meetings,
    "programme:work-meeting-edit": _work_meetings,
    "programme:work-actions": _workstream_ids,
    "programme:work-add-action": _workstream_ids,
    "programme:work-action": _work_actions,
    "programme:work-edit-action": _work_actions,
    "programme:work-action-done": _work_actions,
    "programme:work-action-move": _work_actions,
    "programme:work-action-cancel": _work_actions,
    "programme:work-join-request": _join_requests,
    "programme:roadmap-milestone": _milestones,
    "programme:roadmap-change": _milestones,
    "programme:roadmap-reached": _milestones,
    "programme:roadmap-move": _milestones,
    "programme:roadmap-drop": _milestones,
    "programme:resources-detail": _resources,
    "programme:resources-add-version": _resources,
    "programme:resources-change": _resources,
    "programme:resources-withdraw": _resources,
    "programme:stories-detail": lambda person: _own_stories(person, approved=True),
    "programme:stories-edit": _own_stories,
    "programme:stories-withdraw": _own_stories,
    "programme:stories-decide": _stories_to_decide,
    "programme:stories-public-detail": _public_stories,
    "programme:champions-champion": _champions,
    "programme:champions-remove-post": _network_posts,
    "programme:champions-decide": _champion_offers,
    "impact:indicator": _impact_ids("Indicator", {"is_active": True}),
    "impact:indicator_change": _impact_ids("Indicator", {"is_active": True}),
    "impact:indicator_retire": _impact_ids("Indicator", {"is_active": True}),
    "impact:indicator_value_add": _impact_ids("Indicator", {"is_active": True, "source": "by-hand"}),
    "impact:theory_version": _theory_versions,
    "impact:theory_outcome_change": _draft_parts("Outcome"),
    "impact:theory_outcome_remove": _draft_parts("Outcome"),
    "impact:theory_activity_change": _draft_parts("Activity"),
    "impact:theory_activity_remove": _draft_parts("Activity"),
    "impact:theory_assumption_change": _draft_parts("Assumption"),
    "impact:theory_assumption_remove": _draft_parts("Assumption"),
    "impact:feedback_send": _families_to_ask,
    "impact:feedback_sent": _impact_ids("FeedbackRequest", argument="request_id"),
    "impact:feedback_stop_open_link": _impact_ids("OpenSurveyLink", {"stopped_at__isnull": True}, argument="link_id"),
    "family_feedback:answer": _demo_survey_link,
    "family_feedback:for_you": _surveys_for_the_family_member,
    "family_feedback:answer_open": _impact_ids("OpenSurveyLink", {"stopped_at__isnull": True}, argument="link_id"),
    "impact:quality_auditor_end": _impact_ids("Auditor", {"ended_at__isnull": True}, argument="auditor_id"),
    "impact:quality_round": _audit_rounds,
    "impact:quality_item": _audit_items,
    "impact:quality_item_skip": _audit_items,
    "impact:thread_organisation": _threads,
    "impact:report": _impact_ids("BoardReport", {"state": "draft"}),
    "impact:report_commentary": _impact_ids("BoardReport", {"state": "draft"}),
    "impact:report_refresh": _impact_ids("BoardReport", {"state": "draft"}),
    "impact:report_finalise": _impact_ids("BoardReport", {"state": "draft"}),
}


# The pages for a person ---------------------------------------------------------------------


def candidate_paths(person, *, only: Iterable[str] | None = None) -> list[tuple[str, list[str]]]:
    """(pattern name, paths to try, best first) for every page pattern, in the URL conf's order.

    A pattern whose arguments nothing in the demo fills for the person has no paths.
    """
    only = set(only) if only is not None else None
    found = []
    for pattern in page_patterns():
        if pattern.skip or (only is not None and pattern.name not in only):
            continue
        if not pattern.arguments:
            candidates = [{}]
        else:
            candidates = list(FILLERS[pattern.name](person)) if pattern.name in FILLERS else []
        paths = []
        for kwargs in candidates[:CANDIDATES_PER_PATTERN]:
            with contextlib.suppress(NoReverseMatch):
                paths.append(reverse(pattern.name, kwargs=kwargs))
        found.append((pattern.name, paths))
    return found


def first_that_opens(name: str, paths: Iterable[str], opens: Callable[[str], str]) -> Page | None:
    """The first of the paths for which `opens(path)` says OPENS, as a Page; None if STOP or none does."""
    for path in paths:
        outcome = opens(path)
        if outcome == OPENS:
            return Page(path, name)
        if outcome == STOP:
            return None
    return None


def outcome(name: str, status: int, landed_on: str) -> str:
    """OPENS, TRY_ANOTHER or STOP, from the status of the page a path led to and where it led.

    A page opens when it answers 200 where it was asked for (or after a redirect to the same
    page), or fails (500: a page that fails is still a page, and the checks name it). Sent
    to sign in, there is no point trying another object.
    """
    try:
        landed = resolve(landed_on.split("?")[0]).view_name
    except Resolver404:
        return TRY_ANOTHER
    if landed == name and status in (200, 500):
        return OPENS
    return STOP if landed in SIGN_IN_STEPS and name not in SIGN_IN_STEPS else TRY_ANOTHER


def pages_for(person, *, client: Client | None = None, only: Iterable[str] | None = None) -> list[Page]:
    """Every page the person can open, one path for each URL pattern, in the URL conf's order.

    Each pattern's arguments are tried from the demo objects the person can reach (their
    organisation, a family they work with, a session they attend, ...); the first path that
    opens for them is theirs (see `outcome`). Pass their `client_for` client to reuse it, and
    `only` to visit only some patterns (by name).
    """
    client = client or client_for(person)

    def opens(name):
        def opens_path(path):
            response = _quietly(client, "get", path)
            landed_on = response["Location"] if response.status_code in (301, 302, 303, 307, 308) else path
            return outcome(name, 200 if landed_on != path else response.status_code, landed_on)

        return opens_path

    pages = []
    for name, paths in candidate_paths(person, only=only):
        page = first_that_opens(name, paths, opens(name))
        if page is not None:
            pages.append(page)
    return pages


def patterns_never_visited(pages: Iterable[Page]) -> list[str]:
    """The page patterns (name and route) none of `pages` belongs to: pass every person's pages."""
    visited = {page.name for page in pages}
    return [f"{pattern.name} ({pattern.route})" for pattern in page_patterns() if not pattern.skip and pattern.name not in visited]
