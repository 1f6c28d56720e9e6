"""The champions network the tests share, made through the services.

Jo Park is a champion in Riverbend Children's Services, with a profile; Sam Okafor leads it.
Riley Shah, a practitioner there, offers to be a champion. Casey Evans (practitioner) and Drew
Hughes (lead) work for Riverbend Community Health. Everything here is fictional.
"""

import pytest

from goldenthread.programme.champions import services

WHY = "I have seen how much it helps families when we slow down and listen (fictional)."


@pytest.fixture
def profile(champion):
    return services.save_profile(
        champion,
        by=champion,
        interests="assessment, reflective supervision",
        offers=["peer-support", "bright-spot"],
        about="Happy to talk about our assessments.",
    )


@pytest.fixture
def post(champion):
    return services.post_to_network(by=champion, text="An open session on assessments next month, all welcome (fictional).")


@pytest.fixture
def offer(practitioner, childrens_services):
    return services.volunteer(childrens_services, by=practitioner, why=WHY)
