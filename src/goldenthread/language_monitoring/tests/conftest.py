import pytest

from goldenthread.core.tests.tokens import bearer


@pytest.fixture
def api_bearer():
    """`api_bearer(user)`: the header a programme sends with a working token of this person."""
    return bearer
