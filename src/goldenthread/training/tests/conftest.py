"""The training the tests share, made the way people make it: through the services.

Pat Lee (trainer, Riverbend Children's Services) runs the partnership's training with Alex
Morgan (partnership lead). The core programme has "Trauma-informed practice: the essentials",
one session long; the leaders' programme has "Leading a trauma-informed organisation", in three
parts (Day 1, Day 2 and a half-day follow-up). Riley Shah (practitioner), Casey Evans (another
agency), Jo Park (champion), Sam Okafor and Drew Hughes (organisation leads) book places.
Everything here is fictional.
"""

import pytest

from goldenthread.training import services

from .support import SKILLS, put_on


@pytest.fixture
def core_programme(partnership_lead):
    return services.create_programme(
        by=partnership_lead,
        name="Core programme (fictional)",
        kind="core",
        description="Trauma-informed practice for everyone in the partnership, from reception to directors.",
    )


@pytest.fixture
def leaders_programme(partnership_lead):
    return services.create_programme(by=partnership_lead, name="Leaders' programme (fictional)", kind="leaders")


@pytest.fixture
def essentials(core_programme, trainer):
    return services.create_course(
        core_programme,
        by=trainer,
        title="Trauma-informed practice: the essentials",
        summary="What trauma is, how it shapes people's lives, and what helps.",
        parts=["The session"],
        skills=SKILLS,
    )


@pytest.fixture
def leading(leaders_programme, trainer):
    return services.create_course(
        leaders_programme,
        by=trainer,
        title="Leading a trauma-informed organisation",
        parts=["Day 1", "Day 2", "Half-day follow-up"],
        skills=["Leading with curiosity"],
        audience=["organisation-lead"],
    )


@pytest.fixture
def session(essentials, trainer):
    """The essentials, in person, in a week's time, with twelve places; Pat Lee trains."""
    return put_on(essentials, trainer, trainers=[trainer])


@pytest.fixture
def one_place(essentials, trainer):
    """The essentials with a single place, in a week's time."""
    return put_on(essentials, trainer, capacity=1, trainers=[trainer])


@pytest.fixture
def online(essentials, trainer):
    return put_on(essentials, trainer, online=True, days=10, trainers=[trainer])
