"""How an assessment's answers become a band per domain and overall. Pure Python, no Django.

The rule, in words (shown to people on the result page, from `RULE_IN_WORDS`):

1. Each item's score is the median of the answers people gave to it (0 "not yet" to 4
   "fully, everywhere"). "I don't know" and unanswered items are left out, not counted as 0.
2. A domain's score is the mean of its items' scores. A domain needs answers to at least
   half of its items to get a band; otherwise it shows as "not enough answers".
3. A score reaches a band when it is at or above the band's minimum (the framework's data
   file sets the minimums).
4. The overall score is the mean of the domain scores that have a band. The overall band
   is the band of that score, but never more than one band above the lowest domain's band:
   an organisation is only as trauma-informed as its weakest area allows.
5. People disagree on an item when their answers are two or more points apart.

Properties this keeps (tested with hypothesis): a better answer never lowers a band, and
the order of respondents never matters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from statistics import fmean, median

DISAGREEMENT_SPREAD = 2
MINIMUM_SHARE_ANSWERED = 0.5

RULE_IN_WORDS = [
    "Each statement's score is the middle value (median) of everyone's answers, from 0 'not yet' to 4 'fully, everywhere'. 'I don't know' is left out, not counted as 0.",
    "Each area's score is the average of its statements' scores. An area needs answers to at least half of its statements; otherwise it shows 'not enough answers'.",
    "A score reaches a stage when it is at or above that stage's starting point.",
    "The overall score is the average of the areas' scores. The overall stage is the stage of that score, but never more than one stage above the lowest area's stage.",
    "People disagree on a statement when their answers are two or more points apart.",
]


@dataclass(frozen=True)
class BandSpec:
    code: str
    name: str
    minimum: float


@dataclass(frozen=True)
class DomainSpec:
    code: str
    title: str
    item_codes: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkSpec:
    domains: tuple[DomainSpec, ...]
    bands: tuple[BandSpec, ...]  # lowest first; the first band's minimum is the floor
    scale_max: int = 4


@dataclass
class ItemResult:
    code: str
    score: float | None
    answers: int
    lowest: int | None
    highest: int | None

    @property
    def disagreement(self) -> bool:
        return self.lowest is not None and self.highest - self.lowest >= DISAGREEMENT_SPREAD


@dataclass
class DomainResult:
    code: str
    title: str
    score: float | None
    band: str | None
    answered_items: int
    total_items: int
    items: list[ItemResult] = field(default_factory=list)


@dataclass
class Result:
    respondents: int
    score: float | None
    band: str | None
    domains: list[DomainResult]
    capped: bool = False

    def as_json(self) -> dict:
        data = asdict(self)
        for domain, raw in zip(self.domains, data["domains"], strict=True):
            for item, raw_item in zip(domain.items, raw["items"], strict=True):
                raw_item["disagreement"] = item.disagreement
        return data

    @classmethod
    def from_json(cls, data: dict) -> Result:
        domains = [
            DomainResult(
                **{k: v for k, v in d.items() if k != "items"},
                items=[ItemResult(**{k: v for k, v in i.items() if k != "disagreement"}) for i in d["items"]],
            )
            for d in data["domains"]
        ]
        return cls(respondents=data["respondents"], score=data["score"], band=data["band"], domains=domains, capped=data.get("capped", False))


def band_for(score: float | None, bands: tuple[BandSpec, ...]) -> str | None:
    if score is None:
        return None
    reached = bands[0].code
    for band in bands:
        if score >= band.minimum:
            reached = band.code
    return reached


def score(framework: FrameworkSpec, responses: list[dict[str, int | None]], *, minimum_answers: int = 1) -> Result:
    """Work out the bands from every respondent's answers (item code -> 0..scale_max or None).

    A statement fewer than `minimum_answers` people answered keeps only its count: it has no
    score or range and counts as unanswered in its area and overall, so no one's answer can
    be worked back from an area's mean.
    """
    band_rank = {band.code: rank for rank, band in enumerate(framework.bands)}
    domain_results = []
    for domain in framework.domains:
        items = []
        for code in domain.item_codes:
            values = [answer for answers in responses if (answer := answers.get(code)) is not None and 0 <= answer <= framework.scale_max]
            counted = len(values) >= max(minimum_answers, 1)
            items.append(
                ItemResult(
                    code=code,
                    score=float(median(values)) if counted else None,
                    answers=len(values),
                    lowest=min(values) if counted else None,
                    highest=max(values) if counted else None,
                )
            )
        scored = [item.score for item in items if item.score is not None]
        enough = domain.item_codes and len(scored) >= MINIMUM_SHARE_ANSWERED * len(domain.item_codes)
        domain_score = round(fmean(scored), 4) if enough and scored else None
        domain_results.append(
            DomainResult(
                code=domain.code,
                title=domain.title,
                score=domain_score,
                band=band_for(domain_score, framework.bands),
                answered_items=len(scored),
                total_items=len(domain.item_codes),
                items=items,
            )
        )

    banded = [d for d in domain_results if d.band is not None]
    if not banded:
        return Result(respondents=len(responses), score=None, band=None, domains=domain_results)
    overall_score = round(fmean(d.score for d in banded), 4)
    overall_band = band_for(overall_score, framework.bands)
    lowest_rank = min(band_rank[d.band] for d in banded)
    ceiling = framework.bands[min(lowest_rank + 1, len(framework.bands) - 1)].code
    capped = band_rank[overall_band] > band_rank[ceiling]
    if capped:
        overall_band = ceiling
    return Result(respondents=len(responses), score=overall_score, band=overall_band, domains=domain_results, capped=capped)
