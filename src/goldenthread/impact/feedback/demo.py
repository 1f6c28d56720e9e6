"""The feedback part's demo records (fictional): two years of families' answers, requests sent and waiting, and one open link.

The words and the shape of each service's answers are in `impact/data/demo/feedback.toml`.
Most answers are anonymous (kept with no link to a family); a few recent ones are named, each
with the request it answers, sent by a practitioner in the family's team. Each family still
open gets one survey waiting (those with their own sign-in see it waiting for them), and one
request has run out. Loading again changes nothing. Only this module writes demo feedback.
"""

from __future__ import annotations

import random
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from goldenthread.families.models import Family, TeamMember
from goldenthread.partnership.models import Organisation

from . import rules, surveys
from .models import FeedbackAnswer, FeedbackRequest, OpenSurveyLink, digest, new_token

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "feedback.toml"
NAMED_MONTHS = 4
# The one demo link anybody may try (the demo is fictional): a family's survey waiting, answered at
# /feedback/answer/<DEMO_TOKEN>/. Every other demo link's secret is thrown away, as in real use.
DEMO_TOKEN = "riverbend-demo-survey-fictional"  # named answers only in the last few months, while the demo families have teams  # noqa: S105 (the demo's published, fictional survey link)


def read(path: Path = DATA) -> dict:
    with open(path, "rb") as file:
        return tomllib.load(file)


def _month_back(first: date, count: int) -> date:
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _scores(rng, survey, mean: float) -> dict:
    found = {}
    for question in survey.questions:
        if rng.random() < 0.08:
            continue  # a family may skip any question
        found[question.key] = max(rules.LOWEST, min(rules.HIGHEST, round(rng.gauss(mean, 0.85))))
    return found or {survey.questions[0].key: max(1, min(5, round(mean)))}


def _places_by_organisation() -> dict[int, list]:
    """For each organisation: the live team places it holds in open demo families (for named answers and requests)."""
    found: dict[int, list] = {}
    places = TeamMember.objects.filter(left_on__isnull=True, family__status=Family.Status.OPEN, family__anonymised_at__isnull=True).select_related(
        "family", "user"
    )
    for place in places.order_by("family__family_name", "-is_lead", "pk"):
        found.setdefault(place.organisation_id, []).append(place)
    return found


def _request(place, survey_key: str, sent: datetime, person=None, answered: datetime | None = None, token: str = "") -> FeedbackRequest:
    return FeedbackRequest.objects.create(
        survey=survey_key,
        organisation_id=place.organisation_id,
        sent_by=place.user,
        family=place.family,
        person=person,
        token_digest=digest(token or new_token()),  # nobody holds the demo's links (but DEMO_TOKEN's): they are answered here, or wait
        sent_at=sent,
        expires_at=sent + timedelta(days=rules.LINK_DAYS),
        answered_at=answered,
    )


def load(rng, today) -> None:
    if FeedbackAnswer.objects.exists() or FeedbackRequest.objects.exists() or OpenSurveyLink.objects.exists():
        return  # loaded already: loading again changes nothing
    data = read()
    local = random.Random("riverbend-feedback")  # its own generator: the same demo whatever the other parts draw  # noqa: S311 (fictional demo answers, not a secret)
    organisations = {organisation.name: organisation for organisation in Organisation.objects.filter(name__in=[s["name"] for s in data["service"]])}
    places = _places_by_organisation()
    words = [entry["text"] for entry in data["words"]]
    every = surveys.all_surveys()
    sent_surveys = surveys.for_sending()
    count = int(data["months"])
    this_month = today.replace(day=1)
    first = _month_back(this_month, count - 1)
    answers = []
    for service in data["service"]:
        organisation = organisations.get(service["name"])
        if organisation is None:
            continue
        month = first
        for index in range(count):
            mean = service["start"] + (service["end"] - service["start"]) * index / max(count - 1, 1)
            most = service["most"] if month < this_month else max(service["fewest"], service["most"] // 2)
            for _ in range(local.randint(service["fewest"], most)):
                survey = local.choice(every)
                scores = _scores(local, survey, mean)
                text = local.choice(words) if local.random() < data["share_with_words"] else ""
                named_place = None
                if survey.when != "open" and month >= _month_back(this_month, NAMED_MONTHS) and local.random() < data["share_named"]:
                    named_place = local.choice(places[organisation.pk]) if places.get(organisation.pk) else None
                request = None
                if named_place is not None:
                    day = min(today, month + timedelta(days=local.randint(0, 20)))
                    request = _request(named_place, survey.key, _moment(day, 9), answered=_moment(day, 18))
                answers.append(
                    FeedbackAnswer(
                        survey=survey.key,
                        organisation=organisation,
                        month=month,
                        scores=scores,
                        score_total=sum(scores.values()),
                        score_count=len(scores),
                        in_own_words=text,
                        anonymous=request is None,
                        came_by=FeedbackAnswer.CameBy.OPEN_LINK if survey.when == "open" else FeedbackAnswer.CameBy.REQUEST,
                        request=request,
                    )
                )
            month = (month + timedelta(days=32)).replace(day=1)
    FeedbackAnswer.objects.bulk_create(answers)

    # One survey waiting for each open family, from its lead (or first) practitioner.
    seen_families = set()
    for organisation_places in places.values():
        for place in organisation_places:
            if place.family_id in seen_families:
                continue
            seen_families.add(place.family_id)
            person = place.family.people.filter(account__isnull=False).first()
            survey = sent_surveys[len(seen_families) % len(sent_surveys)]
            token = DEMO_TOKEN if len(seen_families) == 1 else ""
            _request(place, survey.key, _moment(today - timedelta(days=2 + len(seen_families) % 5)), person=person, token=token)
    # And one that ran out, unanswered.
    first_place = next((p for ps in places.values() for p in ps), None)
    if first_place is not None:
        _request(first_place, sent_surveys[0].key, _moment(today - timedelta(days=rules.LINK_DAYS + 10)))

    link = data["open_link"]
    organisation = organisations.get(link["organisation"])
    if organisation is not None:
        OpenSurveyLink.objects.create(survey=link["survey"], organisation=organisation, made_by=None, made_at=_moment(today - timedelta(days=90)))
