"""Every computation the platform offers as an indicator's source (see `computed.py` for the contract).

Each reads another app's records directly, read only, by the records' own dates, so a past
period gives the same figure whenever it is asked for. Each works for the whole partnership
(`organisation=None`) or for one organisation. Figures about families are counts only: no
name, nothing written, ever leaves here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db.models import Q

from goldenthread.impact.feedback import figures as feedback_figures
from goldenthread.impact.periods import Period
from goldenthread.impact.quality import figures as quality_figures

from .computed import COUNT, PERCENT, SCORE, Figure, computes

HIGHER_STAGES = ("responsive", "informed")


# Words ----------------------------------------------------------------------------------


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def share(numerator: int, denominator: int, of_what: str, *, nothing: str) -> Figure:
    """A share as a Figure: "12 of 20 organisations (60%)", or no figure when there is nothing to count."""
    if not denominator:
        return Figure(None, nothing, numerator=numerator, denominator=denominator)
    value = round(100 * numerator / denominator, 1)
    return Figure(value, f"{numerator:,} of {denominator:,} {of_what} ({round(value)}%)", numerator=numerator, denominator=denominator)


def count(number: int, one: str, many: str, words: str = "") -> Figure:
    return Figure(float(number), words or _plural(number, one, many), numerator=number)


def _day(moment) -> date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


# Pledges ----------------------------------------------------------------------------------


def _active_organisations(organisation=None, *, by: date):
    """The partnership's active member organisations that had joined by the day (so a later joiner leaves a past period's figure as it was)."""
    from goldenthread.partnership.models import Organisation

    found = Organisation.objects.filter(is_active=True, joined_on__lte=by)
    return found.filter(pk=organisation.pk) if organisation is not None else found


def signed_pledges(period: Period, organisation=None):
    """Pledges signed by the period's end, and not withdrawn by then (a withdrawal is dated by the pledge's last change)."""
    from goldenthread.pledges.models import Pledge

    pledges = Pledge.objects.filter(signed_on__lte=period.end, organisation__in=_active_organisations(organisation, by=period.end))
    return pledges.filter(Q(status=Pledge.Status.PUBLISHED) | Q(status=Pledge.Status.WITHDRAWN, updated_at__gte=period.ends_before))


@computes(
    "pledges.signed",
    name="Organisations that have signed the pledge",
    how="Of the partnership's active member organisations that had joined by the end of the period, those with a pledge signed by the end of the period and not withdrawn by then.",
    unit=PERCENT,
    source="pledges:wall",
    needs_app="pledges",
)
def pledges_signed(period: Period, organisation=None) -> Figure:
    organisations = _active_organisations(organisation, by=period.end).count()
    signed = signed_pledges(period, organisation).count()
    if organisation is not None:
        pledge = signed_pledges(period, organisation).first()
        if pledge is None:
            return Figure(0.0 if organisations else None, f"No pledge signed by {period.end:%-d %B %Y}", numerator=0, denominator=organisations)
        return Figure(100.0, f"Signed the pledge on {pledge.signed_on:%-d %B %Y}", numerator=1, denominator=1)
    return share(signed, organisations, "organisations", nothing="There are no active member organisations yet.")


@computes(
    "pledges.renewed",
    name="Pledges renewed",
    how="The pledges renewed during the period, counted by the date each was renewed.",
    unit=COUNT,
    source="pledges:wall",
    needs_app="pledges",
)
def pledges_renewed(period: Period, organisation=None) -> Figure:
    from goldenthread.pledges.models import Renewal

    renewals = Renewal.objects.filter(renewed_on__gte=period.start, renewed_on__lte=period.end)
    if organisation is not None:
        renewals = renewals.filter(pledge__organisation=organisation)
    return count(renewals.count(), "pledge renewed", "pledges renewed")


# The continuum ----------------------------------------------------------------------------


def stages_on(day: date, organisation=None) -> dict[int, str]:
    """Each active organisation's self-assessed stage (a band code) from its latest round completed by `day` whose figures may be shown."""
    from goldenthread.continuum.models import Assessment
    from goldenthread.continuum.permissions import figures_shown

    rounds = Assessment.objects.filter(
        figures_shown(), completed_on__isnull=False, completed_on__lte=day, organisation__in=_active_organisations(organisation, by=day)
    )
    stages: dict[int, str] = {}
    for organisation_id, result in rounds.order_by("organisation_id", "-completed_on", "-id").values_list("organisation_id", "result"):
        if organisation_id not in stages and isinstance(result, dict) and result.get("band"):
            stages[organisation_id] = str(result["band"])
    return stages


def _stage_words(code: str) -> str:
    from goldenthread.continuum.models import Band

    return dict(Band.choices).get(code, code)


def _stage_rank(code: str) -> int:
    from goldenthread.continuum.models import BAND_ORDER

    values = [str(band) for band in BAND_ORDER]
    return values.index(code) if code in values else -1


@computes(
    "continuum.stage",
    name="Organisations at the higher stages of the continuum",
    how=(
        "Each active organisation's latest self-assessed stage on the continuum, from rounds completed by the end of the period with enough "
        "people answering to show; the share of them at Trauma Responsive or Trauma Informed."
    ),
    unit=PERCENT,
    source="continuum:map",
    needs_app="continuum",
)
def continuum_stage(period: Period, organisation=None) -> Figure:
    stages = stages_on(period.end, organisation)
    if organisation is not None:
        code = stages.get(organisation.pk)
        if code is None:
            return Figure(None, f"No self-assessment completed by {period.end:%-d %B %Y}")
        return Figure(100.0 if code in HIGHER_STAGES else 0.0, f"Self-assessed {_stage_words(code)}", numerator=int(code in HIGHER_STAGES), denominator=1)
    higher = sum(1 for code in stages.values() if code in HIGHER_STAGES)
    figure = share(higher, len(stages), "organisations assessed", nothing="No organisation has completed a self-assessment by the end of the period.")
    if figure.value is None:
        return figure
    counted = Counter(stages.values())
    spread = ", ".join(f"{counted[code]} {_stage_words(code)}" for code in ("aware", "sensitive", "responsive", "informed") if counted[code])
    return Figure(figure.value, f"{figure.words} at Trauma Responsive or Trauma Informed ({spread})", figure.numerator, figure.denominator)


def moved_on(period: Period, organisation=None) -> list[int]:
    """The organisations whose latest stage at the period's end is higher than their latest stage before it started."""
    before = stages_on(period.start - timedelta(days=1), organisation)
    after = stages_on(period.end, organisation)
    return sorted(pk for pk, code in after.items() if pk in before and _stage_rank(code) > _stage_rank(before[pk]))


@computes(
    "continuum.moved_on",
    name="Organisations that moved on a stage",
    how="Active organisations whose latest self-assessed stage at the end of the period is higher than their latest stage before the period began.",
    unit=COUNT,
    source="continuum:map",
    needs_app="continuum",
)
def continuum_moved_on(period: Period, organisation=None) -> Figure:
    moved = moved_on(period, organisation)
    if organisation is not None:
        return count(len(moved), "", "", "Moved on a stage in this period" if moved else "Did not move on a stage in this period")
    return count(len(moved), "organisation moved on a stage", "organisations moved on a stage")


# Training ---------------------------------------------------------------------------------


def _workforce(organisation=None):
    """The people of the active member organisations (training's own count of the workforce: the people listed now)."""
    from goldenthread.partnership.models import Membership

    found = Membership.objects.filter(user__is_active=True, organisation__is_active=True)
    return found.filter(organisation=organisation) if organisation is not None else found


def _trained_people(period: Period):
    from goldenthread.training.models import Completion

    return Completion.objects.filter(completed_on__lte=period.end).values("person_id")


@computes(
    "training.trained",
    name="Workforce trained",
    how="Of the people in the partnership's active organisations, those who had completed a course by the end of the period.",
    unit=PERCENT,
    source="training:reach",
    needs_app="training",
)
def training_trained(period: Period, organisation=None) -> Figure:
    people = _workforce(organisation)
    everyone = people.values("user_id").distinct().count()
    trained = people.filter(user_id__in=_trained_people(period)).values("user_id").distinct().count()
    return share(trained, everyone, "people", nothing="No people are listed in the organisations yet.")


def by_sector(period: Period) -> list[tuple[str, int, int, float | None]]:
    """The share trained by the end of the period in each sector: (sector in words, trained, people, per cent), by sector name."""
    from goldenthread.partnership.models import Sector

    trained_ids = set(_trained_people(period).values_list("person_id", flat=True))
    people: dict[str, set] = defaultdict(set)
    for sector, user_id in _workforce().values_list("organisation__sector", "user_id"):
        people[sector].add(user_id)
    labels = dict(Sector.choices)
    rows = []
    for sector, ids in people.items():
        trained = len(ids & trained_ids)
        rows.append((str(labels.get(sector, sector)), trained, len(ids), round(100 * trained / len(ids), 1) if ids else None))
    return sorted(rows)


# Writing ----------------------------------------------------------------------------------


def writing_checks(period: Period, organisation=None):
    from goldenthread.language_monitoring.models import WritingCheck

    checks = WritingCheck.objects.filter(month__gte=period.start.replace(day=1), month__lte=period.end)
    return checks.filter(organisation=organisation) if organisation is not None else checks


@computes(
    "writing.meets_standard",
    name="Records that meet the shared-language standard",
    how="Of the records the language monitoring checked, written in the months of the period, those in which the check found nothing to change.",
    unit=PERCENT,
    source="language_monitoring:figures",
    needs_app="language_monitoring",
)
def writing_meets_standard(period: Period, organisation=None) -> Figure:
    checks = writing_checks(period, organisation)
    return share(checks.filter(findings=0).count(), checks.count(), "records", nothing="No records written in this period were checked.")


# Supervision ------------------------------------------------------------------------------


def sessions_held(period: Period, organisation=None):
    from goldenthread.supervision.models import Session

    held = Session.objects.filter(status=Session.Status.HELD, held_on__gte=period.start, held_on__lte=period.end)
    if organisation is not None:
        held = held.filter(attendees__organisation=organisation, attendees__attended=True).distinct()
    return held


@computes(
    "supervision.sessions_held",
    name="Group supervision sessions held",
    how="Group supervision sessions and learning conversations held in the period, by the day each was held; for one organisation, those its people came to.",
    unit=COUNT,
    source="supervision:figures",
    needs_app="supervision",
)
def supervision_sessions_held(period: Period, organisation=None) -> Figure:
    return count(sessions_held(period, organisation).count(), "session held", "sessions held")


def actions_due(period: Period, organisation=None):
    from goldenthread.supervision.models import AgreedAction

    due = AgreedAction.objects.filter(due_on__gte=period.start, due_on__lte=period.end, status__in=[AgreedAction.Status.OPEN, AgreedAction.Status.DONE])
    if organisation is not None:
        due = due.filter(owner__memberships__organisation=organisation).distinct()
    return due


@computes(
    "supervision.actions_on_time",
    name="Supervision actions done on time",
    how="Of the actions agreed in supervision that were due in the period (not cancelled), those done by the date agreed.",
    unit=PERCENT,
    source="supervision:figures",
    needs_app="supervision",
)
def supervision_actions_on_time(period: Period, organisation=None) -> Figure:
    from goldenthread.supervision.models import AgreedAction

    rows = list(actions_due(period, organisation).values_list("status", "due_on", "completed_on"))
    on_time = sum(1 for status, due_on, completed_on in rows if status == AgreedAction.Status.DONE and completed_on and completed_on <= due_on)
    return share(on_time, len(rows), "actions due", nothing="No actions agreed in supervision were due in this period.")


# Families (counts only) -------------------------------------------------------------------


def _families(period: Period, organisation=None):
    from goldenthread.families.models import Family

    families = Family.objects.filter(created_at__lt=period.ends_before)
    return families.filter(recording_organisation=organisation) if organisation is not None else families


def families_with_profiles(period: Period, organisation=None):
    """Families recorded by the period's end with a one-page profile for at least one of their people (a profile carries no date of its own)."""
    from goldenthread.families.models import OnePageProfile

    with_profile = OnePageProfile.objects.values("person__family_id")
    return _families(period, organisation).filter(pk__in=with_profile)


@computes(
    "families.one_page_profiles",
    name="Families with a one-page profile",
    how="Families recorded by the end of the period with a one-page profile written with at least one of them. A count only, never a name.",
    unit=COUNT,
    source="families:your-families",
    needs_app="families",
)
def families_one_page_profiles(period: Period, organisation=None) -> Figure:
    return count(families_with_profiles(period, organisation).count(), "family", "families")


def _covers_story(agreement) -> bool:
    from goldenthread.families.models import Part

    return isinstance(agreement.parts, list) and Part.STORY.value in agreement.parts


def live_on(agreement, day: date) -> bool:
    """An agreement in force on `day`, judged by its own dates (withdrawn counts from the day it was withdrawn)."""
    withdrawn = agreement.withdrawn_at is not None and _day(agreement.withdrawn_at) <= day
    return not withdrawn and agreement.valid_from <= day and (agreement.valid_until is None or day <= agreement.valid_until)


def families_story_told_once(period: Period, organisation=None) -> set[int]:
    """Families whose story was told (recorded with them) by the period's end and, on its last day, shared by the family's agreement with another organisation."""
    from goldenthread.families.models import ConsentAgreement, StoryEntry

    families = _families(period, organisation)
    told = set(StoryEntry.objects.filter(told_on__lte=period.end, family__in=families).values_list("family_id", flat=True))
    agreements = (
        ConsentAgreement.objects.filter(family_id__in=told, valid_from__lte=period.end)
        .select_related("family")
        .only("family_id", "organisation_id", "parts", "valid_from", "valid_until", "withdrawn_at", "family__recording_organisation_id")
    )
    return {
        agreement.family_id
        for agreement in agreements
        if agreement.organisation_id != agreement.family.recording_organisation_id and _covers_story(agreement) and live_on(agreement, period.end)
    }


@computes(
    "families.story_told_once",
    name="Families whose story is told once and shared",
    how=(
        "Families whose story was recorded with them by the end of the period and, on its last day, was shared with another organisation "
        "by the family's own agreement, so they need not tell it again. A count only, never a name."
    ),
    unit=COUNT,
    source="families:your-families",
    needs_app="families",
)
def families_story_told_once_figure(period: Period, organisation=None) -> Figure:
    return count(len(families_story_told_once(period, organisation)), "family", "families")


def _agreements(organisation=None):
    from goldenthread.families.models import ConsentAgreement

    agreements = ConsentAgreement.objects.all()
    return agreements.filter(organisation=organisation) if organisation is not None else agreements


def agreements_given(period: Period, organisation=None):
    return _agreements(organisation).filter(recorded_at__gte=period.starts_at, recorded_at__lt=period.ends_before)


def agreements_withdrawn(period: Period, organisation=None):
    return _agreements(organisation).filter(withdrawn_at__gte=period.starts_at, withdrawn_at__lt=period.ends_before)


def agreements_expired(period: Period, organisation=None) -> int:
    """Agreements whose last day fell in the period and that were not withdrawn before it."""
    rows = _agreements(organisation).filter(valid_until__gte=period.start, valid_until__lte=period.end).values_list("valid_until", "withdrawn_at")
    return sum(1 for valid_until, withdrawn_at in rows if withdrawn_at is None or _day(withdrawn_at) > valid_until)


@computes(
    "families.agreements_given",
    name="Families' agreements given",
    how="Agreements families gave for an organisation to see parts of their record, counted by the day each was recorded; for one organisation, those given to it.",
    unit=COUNT,
    source="families:your-families",
    needs_app="families",
)
def families_agreements_given(period: Period, organisation=None) -> Figure:
    return count(agreements_given(period, organisation).count(), "agreement given", "agreements given")


@computes(
    "families.agreements_withdrawn",
    name="Families' agreements withdrawn",
    how="Agreements families withdrew during the period, counted by the day each was withdrawn.",
    unit=COUNT,
    source="families:your-families",
    needs_app="families",
)
def families_agreements_withdrawn(period: Period, organisation=None) -> Figure:
    return count(agreements_withdrawn(period, organisation).count(), "agreement withdrawn", "agreements withdrawn")


@computes(
    "families.agreements_expired",
    name="Families' agreements that came to their end",
    how="Agreements whose last day fell in the period, and that the family had not withdrawn before then.",
    unit=COUNT,
    source="families:your-families",
    needs_app="families",
)
def families_agreements_expired(period: Period, organisation=None) -> Figure:
    return count(agreements_expired(period, organisation), "agreement came to its end", "agreements came to their end")


# Other parts of impact --------------------------------------------------------------------


@computes(
    "feedback.score",
    name="What families tell us",
    how="The families' feedback answers in the period, as a score; never shown for fewer than five answers.",
    unit=SCORE,
    source="impact:feedback_results",
)
def feedback_score(period: Period, organisation=None) -> Figure:
    return feedback_figures.feedback_score(period, organisation)


@computes(
    "quality.audit_grade",
    name="Records graded well in audits",
    how="The grades auditors gave the records sampled for audit in the period, against the partnership's audit questions.",
    unit=PERCENT,
    source="impact:quality_results",
)
def quality_audit_grade(period: Period, organisation=None) -> Figure:
    return quality_figures.audit_grade(period, organisation)


# Wellbeing (groups only) ------------------------------------------------------------------


def _month_firsts(period: Period) -> list[date]:
    return [month.start.replace(day=1) for month in period.months()]


def wellbeing_month(month_first: date, organisation=None, today: date | None = None) -> tuple[int | None, int, str]:
    """(people who checked in, staff counted, why not shown) for one whole month, under wellbeing's own rules for small groups.

    A group (an organisation in a month) is shown only when at least the smallest group checked
    in; the partnership counts the people of groups held back only when they are none, or
    themselves at least the smallest group. The month under way is never shown.
    """
    from django.db.models import Count
    from django.utils import timezone

    from goldenthread.partnership.models import Membership
    from goldenthread.wellbeing import questions
    from goldenthread.wellbeing.models import CheckIn

    smallest = questions.privacy().smallest_group
    month = Period(month_first, (month_first + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    if month.end >= (today or timezone.localdate()):
        return None, 0, "The month under way is not shown."
    organisations = list(_active_organisations(organisation, by=month.end).values_list("pk", flat=True))
    staff = dict(
        Membership.objects.filter(organisation_id__in=organisations)
        .values("organisation")
        .annotate(people=Count("user", distinct=True))
        .values_list("organisation", "people")
    )
    people: dict[int, set] = defaultdict(set)
    for organisation_id, person_id in CheckIn.objects.filter(
        organisation_id__in=organisations, taken_at__gte=month.starts_at, taken_at__lt=month.ends_before
    ).values_list("organisation_id", "person_id"):
        people[organisation_id].add(person_id)
    shown = [pk for pk in organisations if len(people[pk]) >= smallest]
    held_back = sum(len(people[pk]) for pk in organisations if len(people[pk]) < smallest)
    if held_back == 0 or held_back >= smallest:
        counted, staff_counted = sum(len(people[pk]) for pk in organisations), sum(staff.get(pk, 0) for pk in organisations)
    else:
        counted, staff_counted = sum(len(people[pk]) for pk in shown), sum(staff.get(pk, 0) for pk in shown)
    if counted < smallest:
        return None, staff_counted, f"Fewer than {smallest} people checked in, so the figure is not shown."
    return counted, staff_counted, ""


@computes(
    "wellbeing.check_ins",
    name="Workforce wellbeing check-ins",
    how=(
        "The share of the people listed in the organisations who checked in on their wellbeing in the last whole month of the period. "
        "Groups only: never for fewer than the smallest group wellbeing allows, and never added up across months."
    ),
    unit=PERCENT,
    source="wellbeing:figures",
    needs_app="wellbeing",
)
def wellbeing_check_ins(period: Period, organisation=None) -> Figure:
    months = [first for first in _month_firsts(period) if Period(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)).end <= period.end]
    if not months:
        return Figure(None, "The period holds no whole month, so there is no figure.", held_back=True)
    last = months[-1]
    people, staff, why = wellbeing_month(last, organisation)
    if people is None:
        return Figure(None, f"{last:%B %Y}: {why}", held_back=True)
    figure = share(people, staff, "people", nothing=f"{last:%B %Y}: no people are listed.")
    return Figure(figure.value, f"{last:%B %Y}: {figure.words} checked in", figure.numerator, figure.denominator)
