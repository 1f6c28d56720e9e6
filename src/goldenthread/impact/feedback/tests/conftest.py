"""What the feedback tests share: signing in, a survey sent to the Brightwater family, and answers made directly.

Riley Shah (Riverbend Children's Services) records the fictional Brightwater family and sends
the surveys; Casey Evans (Riverbend Community Health) is in the family's team without an
agreement that health may see the contact details; Marnie Brightwater has her own account.
"""

from datetime import date

import pytest
from django.test import Client

from goldenthread.impact.feedback import services
from goldenthread.impact.feedback.models import FeedbackAnswer


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def marnie_person(family):
    return family.people.get(first_name="Marnie")


@pytest.fixture
def sent(family, practitioner, marnie_person, django_capture_on_commit_callbacks):
    """Riley asks Marnie how the last meeting felt: (the request, the link's secret)."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.send_survey(family, by=practitioner, survey="after-contact", person=marnie_person)


def give_answers(organisation, count: int, *, score: int = 4, month: date | None = None, survey: str = "after-contact", words: str = "") -> None:
    """`count` anonymous answers for an organisation in a month, each scoring every question `score`."""
    from goldenthread.impact.feedback import surveys

    month = month or date.today().replace(day=1)
    questions = surveys.survey(survey).questions
    scores = {question.key: score for question in questions}
    FeedbackAnswer.objects.bulk_create(
        [
            FeedbackAnswer(
                survey=survey,
                organisation=organisation,
                month=month,
                scores=scores,
                score_total=sum(scores.values()),
                score_count=len(scores),
                in_own_words=words,
                anonymous=True,
                came_by=FeedbackAnswer.CameBy.OPEN_LINK,
            )
            for _ in range(count)
        ]
    )
