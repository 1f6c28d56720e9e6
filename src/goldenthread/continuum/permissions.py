"""Who may see and do what in the self-assessment. Plain functions, tested as a matrix.

An organisation's lead runs its rounds and owns its action plan; everyone in the
organisation (and the partnership lead) sees its results; each respondent sees and changes
only their own answers, which are never shown to anyone else.

No figure from a round (its stage, a score, where people disagree) is shown to anyone,
leads and the partnership lead included, until at least `minimum_respondents()` people
have answered it, so that nobody's answers can be picked out. `can_show_figures` and
`figures_shown` say that one rule, for one round and for a query over many.
"""

from django.conf import settings
from django.db.models import Q

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.permissions import is_member, leads

from .models import Assessment

# With two people, each could work out the other's answers from the result and their own.
FEWEST_RESPONDENTS = 3
# A round completed with too few answers keeps no figures: its stored result carries this key.
WITHHELD = "withheld"
# The minimum a stored result was scored under (statements with fewer answers count as unanswered).
SCORED_WITH_MINIMUM = "minimum_answers"


def minimum_respondents() -> int:
    """How many people must answer before a round's figures show: the setting, never fewer than three."""
    chosen = getattr(settings, "GOLDENTHREAD_MINIMUM_RESPONDENTS", FEWEST_RESPONDENTS)
    try:
        chosen = int(chosen)
    except (TypeError, ValueError):
        chosen = FEWEST_RESPONDENTS
    return max(chosen, FEWEST_RESPONDENTS)


def enough_respondents(count) -> bool:
    """True when this many people answering is enough for their figures to be shown."""
    return isinstance(count, int) and not isinstance(count, bool) and count >= minimum_respondents()


def respondents_of(assessment) -> int:
    """How many people answered a completed round, as its stored result says (0 where it has none)."""
    result = assessment.result if isinstance(assessment.result, dict) else {}
    count = result.get("respondents")
    return count if isinstance(count, int) and not isinstance(count, bool) else 0


def scored_under_todays_minimum(assessment) -> bool:
    """True when the stored result was worked out with at least today's minimum for each statement."""
    result = assessment.result if isinstance(assessment.result, dict) else {}
    used = result.get(SCORED_WITH_MINIMUM)
    return isinstance(used, int) and not isinstance(used, bool) and used >= minimum_respondents()


def can_show_figures(assessment) -> bool:
    """Show a round's result and any figure from it, to anyone: only a completed round enough people answered,
    scored under today's minimum (see `services.rescore_completed_rounds`)."""
    result = assessment.result if isinstance(assessment.result, dict) else None
    return (
        assessment.status == Assessment.Status.SUBMITTED
        and result is not None
        and WITHHELD not in result
        and enough_respondents(respondents_of(assessment))
        and scored_under_todays_minimum(assessment)
    )


def figures_shown() -> Q:
    """`can_show_figures` as a filter on rounds, for the pages and summaries that read many at once."""
    return Q(
        status=Assessment.Status.SUBMITTED,
        result__isnull=False,
        result__respondents__gte=minimum_respondents(),
        **{f"result__{SCORED_WITH_MINIMUM}__gte": minimum_respondents()},
    ) & ~Q(result__has_key=WITHHELD)


def can_show_spread(answers: int) -> bool:
    """Show a statement's lowest and highest answers only when more people answered than the minimum:
    with exactly three, the lowest, middle and highest are everyone's answers."""
    return isinstance(answers, int) and answers > minimum_respondents()


def can_start(user, organisation) -> bool:
    """Start a new round of self-assessment: the organisation's leads."""
    return leads(user, organisation)


def can_view_results(user, organisation) -> bool:
    """See the organisation's results, rounds and action plan: its people and the partnership lead."""
    return is_partnership_admin(user) or is_member(user, organisation)


def can_answer(user, response) -> bool:
    """Answer, save and submit a response: only the person it belongs to."""
    return is_signed_in(user) and response.respondent_id == user.pk


def can_manage_assessment(user, assessment) -> bool:
    """Invite people, follow who has answered and complete the round: the organisation's leads."""
    return leads(user, assessment.organisation)


def can_manage_actions(user, organisation) -> bool:
    """Add and change actions in the organisation's action plan: its leads."""
    return leads(user, organisation)


def can_see_partnership_map(user) -> bool:
    """The map places every organisation side by side: the partnership lead and admins only."""
    return is_partnership_admin(user)


def can_change_frameworks(user) -> bool:
    """Upload a new version of a framework, and read every version in full: partnership admins."""
    return is_partnership_admin(user)
