"""Read queries the pages, the API and the home page share. Nothing here writes."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from goldenthread.core.forms import clean_text
from goldenthread.partnership.models import Membership, Role, Sector
from goldenthread.partnership.queries import memberships_of

from .models import Commitment, PersonalPledge, Pledge, PledgeAction, Strand

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10


def tidy_search(q) -> str:
    """Search text as the database can take it: no NUL or control characters, not too long."""
    return clean_text(str(q or "").replace("\x00", ""))[:MAX_SEARCH_LENGTH]


def published_pledges(sector=None, q=None):
    """Pledges shown on the wall: published, of active organisations; lapsed ones included.

    Every word of `q` must appear in the organisation's name or in its statement.
    An unknown sector matches nothing rather than everything.
    """
    pledges = (
        Pledge.objects.filter(status=Pledge.Status.PUBLISHED, organisation__is_active=True)
        .select_related("organisation", "pledge_text")
        .order_by("organisation__name")
    )
    if sector:
        pledges = pledges.filter(organisation__sector=sector) if sector in Sector.values else pledges.none()
    for word in tidy_search(q).split()[:MAX_SEARCH_WORDS]:
        pledges = pledges.filter(
            Q(organisation__name__icontains=word) | Q(vision__icontains=word) | Q(how_we_will_do_it__icontains=word) | Q(priorities__icontains=word)
        )
    return pledges


def with_public_details(pledges):
    """Prefetch what a pledge's public page and the API show, in a fixed number of queries."""
    return pledges.prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.order_by("order")),
        Prefetch(
            "organisation__memberships",
            queryset=Membership.objects.filter(role=Role.CHAMPION).select_related("user").order_by("user__full_name"),
            to_attr="champion_memberships",
        ),
        Prefetch(
            "organisation__personal_pledges",
            queryset=PersonalPledge.objects.filter(is_shown=True).select_related("user"),
            to_attr="shown_personal_pledges",
        ),
    )


def commitments_by_strand(commitments):
    """[(strand label, strand value, [commitment, ...]), ...] in the pledge's own order of strands."""
    grouped = {value: [] for value in Strand.values}
    for commitment in commitments:
        grouped.setdefault(commitment.strand, []).append(commitment)
    return [(Strand(value).label, value, grouped[value]) for value in Strand.values]


def actions_by_strand(actions):
    grouped = {value: [] for value in Strand.values}
    for action in actions:
        grouped.setdefault(action.strand, []).append(action)
    return [(Strand(value).label, value, grouped[value]) for value in Strand.values]


def strands_without_actions(pledge) -> list[str]:
    """The labels of the strands the action plan has nothing for yet."""
    covered = set(PledgeAction.objects.filter(pledge=pledge).values_list("strand", flat=True))
    return [label for value, label in Strand.choices if value not in covered]


def strands_without_commitments(pledge) -> list[str]:
    covered = set(pledge.commitments.values_list("strand", flat=True))
    return [label for value, label in Strand.choices if value not in covered]


def renewal_is_open(pledge, today=None) -> bool:
    """Renewal opens two months (the reminder period) before the pledge lapses, and stays open after."""
    today = today or timezone.localdate()
    return today >= pledge.renewal_due_from


def is_due_for_renewal(pledge, today=None) -> bool:
    today = today or timezone.localdate()
    return pledge.status == Pledge.Status.PUBLISHED and not pledge.is_lapsed and renewal_is_open(pledge, today)


def state_description(pledge) -> str:
    """The pledge's state in a few calm words, for home pages and lists."""
    if pledge is None:
        return "Not signed yet"
    if pledge.status == Pledge.Status.WITHDRAWN:
        return "Withdrawn"
    if pledge.is_lapsed:
        return f"Lapsed: it ran until {long_date(pledge.expires_on)}"
    if is_due_for_renewal(pledge):
        return f"Due for renewal by {long_date(pledge.expires_on)}"
    return f"Signed, runs until {long_date(pledge.expires_on)}"


def long_date(day) -> str:
    """A date as the pledge's pages and e-mails write it: 27 March 2026."""
    return f"{day.day} {day:%B %Y}"


def checklist(pledge):
    """What a complete pledge has, each with whether it is done and what is missing."""
    statement_done = all(str(getattr(pledge, name) or "").strip() for name in ("vision", "how_we_will_do_it", "priorities"))
    missing_commitments = strands_without_commitments(pledge)
    missing_actions = strands_without_actions(pledge)
    has_champion = Membership.objects.filter(organisation=pledge.organisation, role=Role.CHAMPION).exists()
    return [
        {
            "text": "Statement: vision, how we will do it and priorities",
            "done": statement_done,
            "gap": "" if statement_done else "Write the missing parts of the statement.",
        },
        {
            "text": "At least one commitment under each strand",
            "done": not missing_commitments,
            "gap": "" if not missing_commitments else "Nothing chosen yet under " + and_list(missing_commitments) + ".",
        },
        {
            "text": "At least one action under each strand",
            "done": not missing_actions,
            "gap": "" if not missing_actions else "No action yet under " + and_list(missing_actions) + ".",
        },
        {
            "text": "At least one champion named",
            "done": has_champion,
            "gap": "" if has_champion else "Name a champion from your organisation's members.",
        },
    ]


def and_list(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _in_state(state: str) -> Q | None:
    """Which pledges are in a state ("signed", "due", "lapsed", "withdrawn"); None for every pledge."""
    today = timezone.localdate()
    due_from = today + timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS)
    published = Q(status=Pledge.Status.PUBLISHED)
    return {
        "signed": published & Q(expires_on__gte=today),
        "due": published & Q(expires_on__gte=today, expires_on__lte=due_from),
        "lapsed": published & Q(expires_on__lt=today),
        "withdrawn": Q(status=Pledge.Status.WITHDRAWN),
    }.get(state)


def all_pledges(state=""):
    """Every pledge, for the partnership lead's list, optionally narrowed to one state."""
    pledges = Pledge.objects.select_related("organisation").order_by("organisation__name")
    narrowed = _in_state(state)
    return pledges if narrowed is None else pledges.filter(narrowed)


def pledge_counts() -> dict:
    """How many pledges are in each state, for the partnership lead's home page (one query)."""
    states = ("signed", "due", "lapsed", "withdrawn")
    return Pledge.objects.aggregate(**{state: Count("pk", filter=_in_state(state)) for state in states})


def renewals_waiting_for(user):
    """The pledges this person renews as their organisation's lead, now that renewal is open (lapsed ones too), the soonest to end first."""
    if not (user and user.is_authenticated):
        return Pledge.objects.none()
    renewal_opens_by = timezone.localdate() + timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS)
    led = [membership.organisation_id for membership in memberships_of(user) if membership.role == Role.ORGANISATION_LEAD]
    if not led:
        return Pledge.objects.none()
    return (
        Pledge.objects.filter(organisation__in=led, status=Pledge.Status.PUBLISHED, expires_on__lte=renewal_opens_by)
        .select_related("organisation")
        .order_by("expires_on", "organisation__name")
    )
