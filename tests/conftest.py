import pytest

from dashboard import SEEDS_DIR
from dashboard.load import load_corpus


@pytest.fixture(scope="session")
def corpus():
    """The seed corpus, loaded once for the whole test session."""
    return load_corpus([SEEDS_DIR])
