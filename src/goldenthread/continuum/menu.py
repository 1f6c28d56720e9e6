"""What the continuum adds to the menu and to a person's home page.

An organisation's people reach its continuum page; its lead sees where it stands and
what is overdue; anyone invited to answer sees the round waiting for them; the
partnership lead reaches the map. A fixed handful of queries, however many
organisations a person belongs to.
"""

from collections import Counter

from django.urls import reverse
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Role
from goldenthread.partnership.queries import memberships_of

from . import permissions, queries, results
from .models import Assessment, ContinuumAction, Response

MENU_TEXT = "Continuum"


def _memberships(user):
    return memberships_of(user)


def navigation(user):
    if permissions.can_see_partnership_map(user):
        return [(MENU_TEXT, reverse("continuum:map"))]
    memberships = _memberships(user)
    if memberships:
        return [(MENU_TEXT, reverse("continuum:organisation", args=[memberships[0].organisation.slug]))]
    return []


def _latest_completed(organisation_ids) -> dict[int, Assessment]:
    latest = {}
    rounds = Assessment.objects.filter(permissions.figures_shown(), organisation_id__in=organisation_ids)
    for assessment in rounds.order_by("-completed_on", "-id").only("public_id", "organisation_id", "title", "completed_on", "result"):
        latest.setdefault(assessment.organisation_id, assessment)
    return latest


def _open_rounds(organisation_ids) -> dict[int, Assessment]:
    rounds = {}
    for assessment in Assessment.objects.filter(organisation_id__in=organisation_ids, status=Assessment.Status.OPEN).order_by("-started_on", "-id"):
        rounds.setdefault(assessment.organisation_id, assessment)
    return rounds


def _latest_sentence(organisation, assessment) -> str:
    if assessment is None:
        return f"{organisation.name} has no self-assessment result yet."
    band = (assessment.result or {}).get("band")
    completed = f"{assessment.completed_on.day} {assessment.completed_on:%B %Y}"
    return f"The latest self-assessment, completed on {completed}, places {organisation.name} at {results.band_name(band)} (a self-assessed stage)."


def _lead_card(organisation, latest, open_round, overdue, waiting) -> dict:
    links = [(f"See where {organisation.name} stands", reverse("continuum:organisation", args=[organisation.slug]))]
    text = [_latest_sentence(organisation, latest)]
    if open_round is not None:
        text.append(f"The round ‘{open_round.title}’ is open for answers.")
        links.append((f"Follow the open round at {organisation.name}", reverse("continuum:assessment", args=[open_round.public_id])))
    else:
        links.append((f"Start a self-assessment for {organisation.name}", reverse("continuum:start", args=[organisation.slug])))
    if waiting is not None:
        links.append((f"Give your own answers for {organisation.name}", reverse("continuum:answer", args=[waiting.assessment.public_id])))
    if overdue:
        text.append(f"{overdue} {'action' if overdue == 1 else 'actions'} in the action plan {'is' if overdue == 1 else 'are'} past the due date.")
    links.append((f"See the action plan for {organisation.name}", reverse("continuum:actions", args=[organisation.slug])))
    return {"title": f"Where we stand: {organisation.name}", "text": " ".join(text), "links": links}


def _colleague_card(organisation, latest, waiting) -> dict:
    text = [_latest_sentence(organisation, latest)]
    links = []
    if waiting is not None:
        text.insert(0, f"You are invited to answer ‘{waiting.assessment.title}’: how trauma-informed does {organisation.name} feel from where you work?")
        links.append((f"Answer the self-assessment for {organisation.name}", reverse("continuum:answer", args=[waiting.assessment.public_id])))
    if latest is not None:
        links.append((f"See {organisation.name}'s latest result", reverse("continuum:result", args=[latest.public_id])))
    links.append((f"See where {organisation.name} stands", reverse("continuum:organisation", args=[organisation.slug])))
    title = f"Your answers are wanted: {organisation.name}" if waiting is not None else f"Where we stand: {organisation.name}"
    return {"title": title, "text": " ".join(text), "links": links}


def home_cards(user):
    if not is_signed_in(user):
        return []
    cards = []
    if permissions.can_see_partnership_map(user):
        summary = queries.partnership_map()
        stages = ", ".join(f"{count} at {label}" for _, label, count in summary.band_counts if count)
        text = f"{summary.assessed} of {summary.active_organisations} member organisations have completed a self-assessment"
        text += f": {stages}." if stages else "."
        if summary.bright_spots:
            text += (
                f" {len(summary.bright_spots)} bright {'spot' if len(summary.bright_spots) == 1 else 'spots'} where organisations can learn from each other."
            )
        cards.append(
            {
                "title": "Where the partnership stands",
                "text": text,
                "links": [("See the partnership's map", reverse("continuum:map")), ("See the self-assessment frameworks", reverse("continuum:frameworks"))],
            }
        )
    memberships = _memberships(user)
    if not memberships:
        return cards
    organisation_ids = [membership.organisation_id for membership in memberships]
    led = [membership.organisation_id for membership in memberships if membership.role == Role.ORGANISATION_LEAD]
    latest = _latest_completed(organisation_ids)
    open_rounds = _open_rounds(led) if led else {}  # only a lead's card follows the open round
    waiting = {}
    for response in (
        Response.objects.filter(respondent=user, assessment__status=Assessment.Status.OPEN, assessment__organisation_id__in=organisation_ids)
        .exclude(status=Response.Status.SUBMITTED)
        .select_related("assessment")
    ):
        waiting.setdefault(response.assessment.organisation_id, response)
    overdue = (
        Counter(
            ContinuumAction.objects.filter(organisation_id__in=led, due_on__lt=timezone.localdate())
            .exclude(status=ContinuumAction.Status.DONE)
            .values_list("organisation_id", flat=True)
        )
        if led
        else Counter()
    )
    for membership in memberships:
        organisation = membership.organisation
        if membership.role == Role.ORGANISATION_LEAD:
            cards.append(
                _lead_card(
                    organisation, latest.get(organisation.pk), open_rounds.get(organisation.pk), overdue.get(organisation.pk, 0), waiting.get(organisation.pk)
                )
            )
        else:
            cards.append(_colleague_card(organisation, latest.get(organisation.pk), waiting.get(organisation.pk)))
    return cards
