"""Partnership-wide reads over each organisation's latest completed assessment.

The map page, its CSV and PDF, the API's summary and the home cards share these, so they
all say the same thing. Each organisation is placed by its latest completed round, read
from the result stored when the round was completed (a snapshot: it never changes when a
framework gets a new version). The number of database queries stays the same however many
organisations the partnership has: one light query over every completed round, one for
the results it needs, one for how many organisations each sector has.

Only rounds whose figures may be shown count (`permissions.figures_shown`: enough people
answered them); a round with too few answers is left off the map as if it had not been
completed, and is never the round an organisation is compared with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from goldenthread.partnership.models import Organisation, Sector

from . import permissions
from .models import BAND_ORDER, Assessment, Band, Framework, Response
from .results import band_name

BAND_RANK = {band.value: rank for rank, band in enumerate(BAND_ORDER)}
STRONG_BANDS = {Band.RESPONSIVE.value, Band.INFORMED.value}
EARLY_BANDS = {Band.AWARE.value, Band.SENSITIVE.value}
# "Since last year": the round completed 10 to 14 months before the latest one.
LAST_YEAR_MONTHS = (10, 14)


class Movement:
    UP = "up"
    SAME = "same"
    DOWN = "down"
    FIRST = "first"


MOVEMENT_LABELS = {Movement.UP: "Moved up", Movement.SAME: "Stayed the same", Movement.DOWN: "Moved down", Movement.FIRST: "First round"}


def band_short_label(code: str | None) -> str:
    """'Responsive' for 'responsive': the stage without the word every stage shares."""
    return band_name(code).removeprefix("Trauma ")


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier (the month's last day where it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


@dataclass(frozen=True)
class DomainStanding:
    code: str
    title: str
    score: float | None
    band: str | None

    @property
    def band_label(self) -> str:
        return band_name(self.band)


@dataclass(frozen=True)
class EarlierRound:
    title: str
    completed_on: date
    band: str | None

    @property
    def band_label(self) -> str:
        return band_name(self.band)


@dataclass
class Standing:
    """Where one organisation stands: its latest completed round, and the round it is compared with."""

    organisation_id: int
    name: str
    slug: str
    sector: str
    assessment_public_id: str
    title: str
    completed_on: date
    framework_code: str
    framework_title: str
    framework_version: int
    framework_kind: str
    respondents: int
    score: float | None
    band: str | None
    domains: list[DomainStanding]
    earlier: EarlierRound | None = None

    @property
    def sector_label(self) -> str:
        return Sector(self.sector).label if self.sector in Sector.values else self.sector

    @property
    def band_label(self) -> str:
        return band_name(self.band)

    @property
    def movement(self) -> str:
        if self.earlier is None or self.earlier.band not in BAND_RANK or self.band not in BAND_RANK:
            return Movement.FIRST
        change = BAND_RANK[self.band] - BAND_RANK[self.earlier.band]
        return Movement.UP if change > 0 else Movement.DOWN if change < 0 else Movement.SAME

    @property
    def movement_label(self) -> str:
        return MOVEMENT_LABELS[self.movement]

    def domain(self, code: str) -> DomainStanding | None:
        return next((domain for domain in self.domains if domain.code == code), None)


@dataclass
class HeatMapCell:
    code: str
    band: str | None
    score: float | None
    in_framework: bool = True

    @property
    def label(self) -> str:
        return band_name(self.band) if self.in_framework else "Not in this version"

    @property
    def css_class(self) -> str:
        if not self.in_framework or self.band not in BAND_RANK:
            return "gt-band gt-band--none"
        return f"gt-band gt-band--{self.band}"


@dataclass
class HeatMapRow:
    standing: Standing
    cells: list[HeatMapCell]


@dataclass
class HeatMapGroup:
    """Organisations assessed with one framework (general or schools): their domains differ."""

    framework_code: str
    framework_title: str
    framework_kind: str
    columns: list[tuple[str, str]]  # (domain code, title), the newest version's order
    rows: list[HeatMapRow]


@dataclass
class SectorBands:
    sector: str
    label: str
    organisations: int
    counts: dict[str, int]  # band code -> organisations whose overall band it is
    not_assessed: int

    @property
    def band_counts(self) -> list[int]:
        return [self.counts.get(band.value, 0) for band in BAND_ORDER]


@dataclass
class BrightSpot:
    """An organisation strong in an area where most of the others are still early on."""

    standing: Standing
    domain_code: str
    domain_title: str
    band: str
    others: int
    early_others: list[Standing] = field(default_factory=list)

    @property
    def band_label(self) -> str:
        return band_name(self.band)


@dataclass
class BrightSpotArea:
    """The bright spots in one domain of one framework: who is strong there, and how many are early on."""

    framework_title: str
    domain_code: str
    domain_title: str
    spots: list[BrightSpot]

    @property
    def early_others(self) -> list[Standing]:
        """Organisations early on in this area, none of them a bright spot here."""
        strong = {spot.standing.organisation_id for spot in self.spots}
        seen = {}
        for spot in self.spots:
            for other in spot.early_others:
                if other.organisation_id not in strong:
                    seen.setdefault(other.organisation_id, other)
        return sorted(seen.values(), key=lambda standing: standing.name.casefold())


@dataclass
class PartnershipMap:
    standings: list[Standing]
    groups: list[HeatMapGroup]
    sectors: list[SectorBands]
    bright_spots: list[BrightSpot]
    active_organisations: int
    open_rounds: int
    sector: str = ""
    framework: str = ""

    @property
    def counts_unassessed(self) -> bool:
        return not self.framework

    @property
    def assessed(self) -> int:
        return len(self.standings)

    @property
    def not_assessed(self) -> int:
        return max(self.active_organisations - self.assessed, 0)

    @property
    def band_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(standing.band for standing in self.standings)
        return [(band.value, band.label, counts.get(band.value, 0)) for band in BAND_ORDER]

    @property
    def movement_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(standing.movement for standing in self.standings)
        return [(code, label, counts.get(code, 0)) for code, label in MOVEMENT_LABELS.items()]

    @property
    def bright_spot_areas(self) -> list[BrightSpotArea]:
        """The bright spots grouped by area, in the order the areas come in their framework."""
        areas = {}
        for group in self.groups:
            for code, title in group.columns:
                areas[(group.framework_code, code)] = BrightSpotArea(group.framework_title, code, title, [])
        for spot in self.bright_spots:
            areas[(spot.standing.framework_code, spot.domain_code)].spots.append(spot)
        return [area for area in areas.values() if area.spots]

    @property
    def moved(self) -> list[Standing]:
        """Organisations with an earlier round to compare with."""
        return [standing for standing in self.standings if standing.movement != Movement.FIRST]


def tidy_filter(value) -> str:
    """A filter value as a database can take it: short, without NUL characters."""
    return str(value or "").replace("\x00", "").strip()[:80]


def framework_choices() -> list[tuple[str, str]]:
    """(code, title) of each framework, titled as its newest version is."""
    seen = {}
    for code, title in Framework.objects.order_by("code", "-version").values_list("code", "title"):
        seen.setdefault(code, title)
    return sorted(seen.items(), key=lambda pair: pair[1])


def _chosen_rounds(sector: str) -> dict[int, tuple[int, int | None]]:
    """For each active organisation: its latest completed round, and the round to compare it with.

    The comparison round is the latest one completed 10 to 14 months before the latest
    ("since last year"); where there is none, the round just before it.
    """
    rounds = Assessment.objects.filter(
        permissions.figures_shown(),
        status=Assessment.Status.SUBMITTED,
        completed_on__isnull=False,
        result__isnull=False,
        organisation__is_active=True,
    )
    if sector:
        rounds = rounds.filter(organisation__sector=sector)
    by_organisation = defaultdict(list)
    for assessment_id, organisation_id, completed_on in rounds.order_by("-completed_on", "-id").values_list("id", "organisation_id", "completed_on"):
        by_organisation[organisation_id].append((assessment_id, completed_on))
    chosen = {}
    for organisation_id, history in by_organisation.items():
        latest_id, latest_on = history[0]
        earlier = history[1:]
        window_start = months_before(latest_on, LAST_YEAR_MONTHS[1])
        window_end = months_before(latest_on, LAST_YEAR_MONTHS[0])
        last_year = next((pk for pk, on in earlier if window_start <= on <= window_end), None)
        comparison = last_year if last_year is not None else (earlier[0][0] if earlier else None)
        chosen[organisation_id] = (latest_id, comparison)
    return chosen


def _domains_from(result: dict) -> list[DomainStanding]:
    domains = []
    for raw in result.get("domains") or []:
        if isinstance(raw, dict) and raw.get("code"):
            domains.append(DomainStanding(code=str(raw["code"]), title=str(raw.get("title") or raw["code"]), score=raw.get("score"), band=raw.get("band")))
    return domains


def latest_standings(*, sector: str = "", framework: str = "") -> list[Standing]:
    """Each active organisation's latest completed round, by organisation name. Two queries."""
    sector = tidy_filter(sector)
    framework = tidy_filter(framework)
    if sector and sector not in Sector.values:
        sector = ""
    chosen = _chosen_rounds(sector)
    wanted = {pk for pair in chosen.values() for pk in pair if pk is not None}
    assessments = {
        assessment.pk: assessment
        for assessment in Assessment.objects.filter(pk__in=wanted)
        .select_related("organisation", "framework")
        .only(
            "public_id",
            "title",
            "completed_on",
            "result",
            "organisation__name",
            "organisation__slug",
            "organisation__sector",
            "framework__code",
            "framework__title",
            "framework__version",
            "framework__kind",
        )
    }
    standings = []
    for latest_id, comparison_id in chosen.values():
        latest = assessments[latest_id]
        if framework and latest.framework.code != framework:
            continue
        result = latest.result if isinstance(latest.result, dict) else {}
        earlier = None
        if comparison_id is not None:
            before = assessments[comparison_id]
            before_result = before.result if isinstance(before.result, dict) else {}
            earlier = EarlierRound(title=before.title, completed_on=before.completed_on, band=before_result.get("band"))
        organisation = latest.organisation
        standings.append(
            Standing(
                organisation_id=organisation.pk,
                name=organisation.name,
                slug=organisation.slug,
                sector=organisation.sector,
                assessment_public_id=str(latest.public_id),
                title=latest.title,
                completed_on=latest.completed_on,
                framework_code=latest.framework.code,
                framework_title=latest.framework.title,
                framework_version=latest.framework.version,
                framework_kind=latest.framework.kind,
                respondents=int(result.get("respondents") or 0),
                score=result.get("score"),
                band=result.get("band"),
                domains=_domains_from(result),
                earlier=earlier,
            )
        )
    standings.sort(key=lambda standing: standing.name.casefold())
    return standings


def heat_map(standings: list[Standing]) -> list[HeatMapGroup]:
    """Organisations by domain, one table per framework; domains are matched by their code.

    The columns follow the newest framework version in use; a domain that an older version
    lacks shows as 'not in this version' for the organisations that answered it.
    """
    by_framework = defaultdict(list)
    for standing in standings:
        by_framework[standing.framework_code].append(standing)
    groups = []
    for code, members in by_framework.items():
        newest_first = sorted(members, key=lambda standing: -standing.framework_version)
        columns: dict[str, str] = {}
        for standing in newest_first:
            for domain in standing.domains:
                columns.setdefault(domain.code, domain.title)
        rows = []
        for standing in members:
            cells = []
            for domain_code in columns:
                domain = standing.domain(domain_code)
                if domain is None:
                    cells.append(HeatMapCell(domain_code, None, None, in_framework=False))
                else:
                    cells.append(HeatMapCell(domain_code, domain.band, domain.score))
            rows.append(HeatMapRow(standing, cells))
        newest = newest_first[0]
        groups.append(HeatMapGroup(code, newest.framework_title, newest.framework_kind, list(columns.items()), rows))
    # The general framework first, then the schools one, then any other.
    kind_order = {Framework.Kind.GENERAL: 0, Framework.Kind.SCHOOLS: 1}
    groups.sort(key=lambda group: (kind_order.get(group.framework_kind, 2), group.framework_title))
    return groups


def bands_by_sector(standings: list[Standing], *, sector: str = "", count_unassessed: bool = True) -> list[SectorBands]:
    """How many organisations of each sector are at each overall stage, and how many have not assessed yet.

    Without `count_unassessed` (the map narrowed to one framework, where "not assessed"
    would mean nothing), only the assessed organisations are counted, with no query.
    """
    bands = defaultdict(Counter)
    for standing in standings:
        bands[standing.sector][standing.band] += 1
    if count_unassessed:
        organisations = Organisation.objects.filter(is_active=True)
        if sector:
            organisations = organisations.filter(sector=sector)
        totals = Counter(organisations.values_list("sector", flat=True))
    else:
        totals = Counter({value: sum(counts.values()) for value, counts in bands.items()})
    rows = []
    for value, label in Sector.choices:
        if not totals.get(value):
            continue
        counts = dict(bands[value])
        assessed = sum(counts.values())
        rows.append(SectorBands(value, label, totals[value], counts, max(totals[value] - assessed, 0)))
    return rows


def bright_spots(groups: list[HeatMapGroup]) -> list[BrightSpot]:
    """Strengths others can learn from: an organisation at Trauma Responsive or Trauma Informed in
    a domain where at least half of the other organisations (with a stage in that domain, on
    the same framework) are at Trauma Aware or Trauma Sensitive.
    """
    spots = []
    for group in groups:
        for index, (code, title) in enumerate(group.columns):
            banded = [(row.standing, row.cells[index].band) for row in group.rows if row.cells[index].band in BAND_RANK]
            for standing, band in banded:
                if band not in STRONG_BANDS:
                    continue
                others = [(other, other_band) for other, other_band in banded if other is not standing]
                early = [other for other, other_band in others if other_band in EARLY_BANDS]
                if others and 2 * len(early) >= len(others):
                    spots.append(BrightSpot(standing, code, title, band, len(others), early))
    spots.sort(key=lambda spot: (-BAND_RANK[spot.band], spot.domain_title, spot.standing.name.casefold()))
    return spots


def partnership_map(*, sector: str = "", framework: str = "") -> PartnershipMap:
    """Everything the map shows, for the organisations the filters keep. Four queries."""
    sector = tidy_filter(sector)
    if sector not in Sector.values:
        sector = ""
    framework = tidy_filter(framework)
    standings = latest_standings(sector=sector, framework=framework)
    groups = heat_map(standings)
    open_rounds = Assessment.objects.filter(status=Assessment.Status.OPEN, organisation__is_active=True)
    if sector:
        open_rounds = open_rounds.filter(organisation__sector=sector)
    if framework:
        open_rounds = open_rounds.filter(framework__code=framework)
    sectors = bands_by_sector(standings, sector=sector, count_unassessed=not framework)
    return PartnershipMap(
        standings=standings,
        groups=groups,
        sectors=sectors,
        bright_spots=bright_spots(groups),
        active_organisations=sum(row.organisations for row in sectors),
        open_rounds=open_rounds.count(),
        sector=sector,
        framework=framework,
    )


def responses_waiting_for(user, organisation_ids):
    """The person's own answers still to give, in rounds open at these organisations, the oldest round first."""
    return (
        Response.objects.filter(respondent=user, assessment__status=Assessment.Status.OPEN, assessment__organisation_id__in=list(organisation_ids))
        .exclude(status=Response.Status.SUBMITTED)
        .select_related("assessment", "assessment__organisation", "invited_by")
        .order_by("assessment__started_on", "assessment_id")
    )
